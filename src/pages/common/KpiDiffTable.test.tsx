import React from 'react';
import { render, screen, within } from '@testing-library/react';
import { testIds } from '../../components/testIds';
import { checkoutKpi } from '../../testing/checkoutKpi';
import { KpiDiffTable } from './KpiDiffTable';

const rowsOf = () =>
  within(screen.getByTestId(testIds.kpiDetail.diff))
    .getAllByRole('row')
    .slice(1)
    .map((row) =>
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent)
    );

describe('KpiDiffTable', () => {
  test('shows each differing field with its value before and after, headed by the version labels', () => {
    const before = checkoutKpi({ version: 2, objective: { target: 0.99 } });
    const after = checkoutKpi({ version: 3, status: 'draft', objective: { target: 0.995 }, tags: ['payments'] });
    render(<KpiDiffTable before={before} after={after} />);

    expect(screen.getAllByRole('columnheader').map((th) => th.textContent)).toEqual(['Field', 'v2', 'v3 (draft)']);
    expect(rowsOf()).toEqual([
      ['objective.target', '0.99', '0.995'],
      ['tags', '(not set)', '["payments"]'],
    ]);
  });

  test('says so when only the version and status differ', () => {
    render(<KpiDiffTable before={checkoutKpi({ version: 1 })} after={checkoutKpi({ version: 2, status: 'draft' })} />);
    expect(rowsOf()).toEqual([['No field differs between these versions.']]);
  });

  test('renders markup from the catalog as text and takes the labels it is given', () => {
    const before = checkoutKpi({ name: 'Checkout' });
    const after = checkoutKpi({ name: '<img src=x onerror=alert(1)>' });
    render(<KpiDiffTable before={before} after={after} beforeLabel="Stored" afterLabel="Yours" />);

    expect(screen.getByRole('columnheader', { name: 'Yours' })).toBeInTheDocument();
    expect(rowsOf()).toEqual([['name', 'Checkout', '<img src=x onerror=alert(1)>']]);
    expect(document.querySelector('img')).toBeNull();
  });
});
