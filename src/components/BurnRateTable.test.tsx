import React from 'react';
import { render, screen, within } from '@testing-library/react';
import { BurnRateTable } from './BurnRateTable';
import { CONTEXT_99_9_28D, evaluationFor } from '../testing/testEvaluations';

describe('BurnRateTable', () => {
  test('a 20x burn fires the page rule: burn rates, factor and state per row', () => {
    render(<BurnRateTable evaluation={evaluationFor('page')} context={CONTEXT_99_9_28D} />);
    const table = screen.getByRole('table', { name: 'Burn rates per alert rule' });
    const [page, ticket] = within(table).getAllByRole('row').slice(1, 3);

    expect(page).toHaveAttribute('data-state', 'firing');
    expect(within(page).getByLabelText('Burn rate over 6h: 20.0x')).toBeInTheDocument();
    expect(within(page).getByLabelText('Burn rate over 1h: 20.0x')).toBeInTheDocument();
    expect(page).toHaveTextContent('5x');
    expect(page).toHaveTextContent('Page');

    // 3d: 120 bad of 72,000 = 1.67x above 1x, and 6h at 20x: the ticket rule fires as well
    expect(ticket).toHaveAttribute('data-state', 'firing');
    expect(within(ticket).getByLabelText('Burn rate over 3d: 1.67x')).toBeInTheDocument();
  });

  test('a quiet KPI shows every rule as quiet and the SLO window burn rate', () => {
    render(<BurnRateTable evaluation={evaluationFor('hand-worked')} context={CONTEXT_99_9_28D} />);
    expect(screen.getAllByText('Quiet')).toHaveLength(2);
    expect(screen.getByLabelText('Burn rate over the SLO window 28d: 0.60x')).toBeInTheDocument();
  });

  test('inside maintenance the same 20x burn fires nothing: every rule reads Maintenance', () => {
    render(<BurnRateTable evaluation={evaluationFor('page-in-maintenance')} context={CONTEXT_99_9_28D} />);
    const table = screen.getByRole('table', { name: 'Burn rates per alert rule' });
    const [page, ticket] = within(table).getAllByRole('row').slice(1, 3);
    expect([page.dataset.state, ticket.dataset.state]).toEqual(['maintenance', 'maintenance']);
    expect(within(page).getByLabelText('Burn rate over 1h: 20.0x')).toBeInTheDocument();
    expect(screen.getAllByText('Maintenance')).toHaveLength(2);
  });

  test('without data the rules say so instead of looking quiet', () => {
    render(<BurnRateTable evaluation={evaluationFor('no-data')} context={CONTEXT_99_9_28D} compact />);
    expect(screen.getAllByText('No data')).toHaveLength(2);
    expect(screen.queryByText('Quiet')).not.toBeInTheDocument();
    expect(screen.queryByRole('columnheader', { name: 'Fires above' })).not.toBeInTheDocument();
    expect(screen.getByLabelText('Rule: page 6h/1h > 5x')).toBeInTheDocument();
  });
});
