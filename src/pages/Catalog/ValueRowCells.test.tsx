import React from 'react';
import { MemoryRouter } from 'react-router-dom';
import { render, screen, within } from '@testing-library/react';
import { testIds } from '../../components/testIds';
import { valuePeriodsAt, type ValueEvaluation } from '../../kpi/evaluate';
import type { ValueKpiDefinition } from '../../kpi/model';
import { CatalogTable } from './CatalogTable';

const AT = Date.UTC(2026, 10, 20, 12);
const STEP = 3_600_000;
const MONTH = { calendar: 'month' as const, timeZone: 'UTC' };
const periods = valuePeriodsAt(MONTH, AT, STEP);

const cost: ValueKpiDefinition = {
  id: 'cost-per-1k',
  name: 'Cost per 1,000 requests',
  version: 2,
  status: 'published',
  owner: 'finops',
  datasource: { type: 'prometheus', uid: 'prometheus' },
  indicator: { type: 'value', query: 'cost_per_1k_requests', aggregation: 'mean', unit: 'currencyUSD' },
  objective: { direction: 'lower', target: 0.4, warning: 0.45, window: MONTH },
};

/** Cost at 0.50 $ this month against 0.40 $ last month: up 25 %, which for a cost is worse. */
const evaluation: ValueEvaluation = {
  status: 'off-track',
  value: 0.5,
  forecast: 0.5,
  previousValue: 0.4,
  change: { absolute: 0.1, relative: 0.25, better: false },
  period: periods.current,
  previousPeriod: periods.previous,
  coverage: 1,
  evaluatedAtMs: AT,
};
const series = { query: new Float64Array(periods.grid.length).fill(0.5), aggregation: 'mean' as const };

function renderRow(withReading: boolean) {
  const result = withReading ? { kpiId: cost.id, value: { evaluation, periods, series } } : undefined;
  return render(
    <MemoryRouter future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <CatalogTable
        rows={[{ kpi: cost, state: withReading ? 'off-track' : 'pending', result }]}
        sort="status"
        descending={false}
        onSort={() => undefined}
      />
    </MemoryRouter>
  );
}

describe('a value KPI’s catalog row', () => {
  test('shows its value in its unit against the target, which way is better, and the change coloured as worse', () => {
    renderRow(true);
    const row = screen.getByTestId(testIds.catalog.row);
    expect(within(row).getByTestId(testIds.catalog.valueCell)).toHaveTextContent('$0.500 / ≤ $0.400');
    expect(within(row).getByRole('img', { name: 'Lower is better' })).toBeInTheDocument();
    const change = within(row).getByTestId(testIds.catalog.valueChange);
    expect(change).toHaveTextContent('+25.0%vs last month');
    expect(change).toHaveAttribute('data-better', 'false');
    expect(change).toHaveAccessibleName('Up 25.0% on last month ($0.400): worse.');
    expect(within(row).getByRole('status')).toHaveAccessibleName(/^KPI status: Off track\./);
    expect(within(row).getByTestId(testIds.catalog.targetLine)).toBeInTheDocument();
  });

  test('while evaluating, the target still reads in the KPI’s unit, never as a percentage', () => {
    renderRow(false);
    expect(screen.getByTestId(testIds.catalog.valueCell)).toHaveTextContent('— / ≤ $0.400');
    expect(screen.queryByTestId(testIds.catalog.valueChange)).not.toBeInTheDocument();
  });
});
