import React from 'react';
import { render, screen, within } from '@testing-library/react';
import { testIds } from '../../components/testIds';
import { BrokenKpisAlert } from './BrokenKpisAlert';

describe('BrokenKpisAlert', () => {
  test('shows nothing when every stored KPI is valid', () => {
    const { container } = render(<BrokenKpisAlert broken={[]} />);
    expect(container).toBeEmptyDOMElement();
  });

  test('names each invalid KPI by position and id, with its problems', () => {
    render(
      <BrokenKpisAlert
        broken={[
          { index: 2, id: 'payments', problems: [{ path: 'objective.target', message: 'must be below 1' }] },
          { index: 5, problems: [{ path: 'id', message: 'is required' }] },
        ]}
      />
    );
    const alert = screen.getByTestId(testIds.catalog.broken);
    expect(within(alert).getByText('2 KPIs are invalid and not shown')).toBeInTheDocument();
    const items = within(alert)
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    expect(items).toEqual(['kpis[2] (payments): objective.target: must be below 1', 'kpis[5]: id: is required']);
  });

  test('uses the singular for one KPI', () => {
    render(<BrokenKpisAlert broken={[{ index: 0, id: 'a', problems: [{ path: 'name', message: 'is required' }] }]} />);
    expect(screen.getByText('1 KPI is invalid and not shown')).toBeInTheDocument();
  });
});
