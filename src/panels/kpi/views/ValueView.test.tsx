import React from 'react';
import { render, screen, within } from '@testing-library/react';
import { testIds } from '../../../components/testIds';
import { forgetAppCatalog, loadAppCatalog } from '../../../data/loadAppCatalog';
import type { ValueKpiDefinition } from '../../../kpi/model';
import { defaultKpiPanelOptions, type KpiPanelOptions } from '../../../reading';
import { HOUR, panelProps, rateFrame, type PropsExtras } from '../../../testing/panelFixtures';
import { KpiPanel } from '../KpiPanel';
import { checkoutConversionKpi } from '../../../testing/valueKpis';

// uPlot needs a real canvas, which jsdom lacks; the sparkline's data is tested in TrendSparkline.test.ts.
jest.mock('@grafana/ui', () => ({ ...jest.requireActual('@grafana/ui'), Sparkline: () => null }));
jest.mock('../../../data/loadAppCatalog', () => ({
  ...jest.requireActual('../../../data/loadAppCatalog'),
  loadAppCatalog: jest.fn(),
}));

const CONVERSION = checkoutConversionKpi({ window: '1h' });

const COST: ValueKpiDefinition = {
  ...CONVERSION,
  id: 'cost-per-1k',
  name: 'Cost per 1,000 requests',
  indicator: { type: 'value', query: 'sum(cost_per_1k_dollars)', aggregation: 'mean', unit: 'currencyUSD' },
  objective: { direction: 'lower', target: 0.5, window: '1h' },
};

const repeat = (value: number, count: number) => new Array<number>(count).fill(value);
/** 24 five-minute steps: orders 0.25/s in the hour before, then 0.3/s and 0.42/s; carts 10/s throughout. */
const conversionFrames = () => [
  rateFrame('A', [...repeat(0.25, 12), ...repeat(0.3, 6), ...repeat(0.42, 6)]),
  rateFrame('B', repeat(10, 24)),
];

const options = (kpiId: string): KpiPanelOptions => ({ ...defaultKpiPanelOptions, source: 'catalog', kpiId });
const cell: PropsExtras = { width: 300, height: 200, rangeMs: 2 * HOUR, queriedRefIds: ['A', 'B'] };

async function renderValue(kpi: ValueKpiDefinition, frames = conversionFrames(), extras: PropsExtras = cell) {
  jest.mocked(loadAppCatalog).mockResolvedValue({ kpis: [kpi], problems: [] });
  render(<KpiPanel {...panelProps(frames, options(kpi.id), extras)} />);
  return screen.findByTestId(testIds.kpiPanel.valueView);
}

describe('the panel’s value view', () => {
  beforeEach(() => forgetAppCatalog());

  test('in a 300×200 cell: status, name, the value in its unit, target, change and the period’s line', async () => {
    const view = await renderValue(CONVERSION);
    const container = screen.getByTestId(testIds.kpiPanel.container);
    expect(container).toHaveAttribute('data-view', 'value');
    expect(container).toHaveAttribute('data-status', 'on-track');
    expect(within(view).getByRole('status')).toHaveTextContent('On track');
    expect(within(view).getByText('Checkout conversion')).toBeInTheDocument();
    // (6 × 0.3 + 6 × 0.42) / (12 × 10) = 3.6 % this hour; 2.5 % the hour before, so +44 %.
    expect(screen.getByTestId(testIds.kpiPanel.valueNumber)).toHaveTextContent('3.60%');
    expect(within(view).getByText(/target ≥ 3%/)).toBeInTheDocument();
    expect(within(view).getByLabelText('Higher is better')).toBeInTheDocument();
    const change = within(view).getByTestId(testIds.catalog.valueChange);
    expect(change).toHaveTextContent('+44.0%');
    expect(change).toHaveAttribute('data-better', 'true');
    expect(within(view).getByTestId(testIds.kpiPanel.valueLine)).toBeInTheDocument();
    expect(within(view).getByRole('img', { name: 'Checkout conversion last 1h against its target ≥ 3%' })).toBeTruthy();
  });

  test('a rising cost, lower being better, is a change for the worse and off track', async () => {
    const cost = [rateFrame('A', [...repeat(0.4, 12), ...repeat(0.6, 12)])];
    const view = await renderValue(COST, cost, { ...cell, queriedRefIds: ['A'] });
    expect(screen.getByTestId(testIds.kpiPanel.valueNumber)).toHaveAttribute('data-status', 'off-track');
    expect(screen.getByTestId(testIds.kpiPanel.valueNumber)).toHaveTextContent('$0.600');
    expect(within(view).getByLabelText('Lower is better')).toBeInTheDocument();
    const change = within(view).getByTestId(testIds.catalog.valueChange);
    expect(change).toHaveTextContent('+50.0%');
    expect(change).toHaveAttribute('data-better', 'false');
  });

  test('a time range short of the period: no value, the reason, and the fix that shows the last 2h', async () => {
    const halfHour = { ...cell, rangeMs: HOUR / 2 };
    const frames = [rateFrame('A', repeat(0.3, 6)), rateFrame('B', repeat(10, 6))];
    const view = await renderValue(CONVERSION, frames, halfHour);
    expect(screen.getByTestId(testIds.kpiPanel.valueNumber)).toHaveTextContent('—');
    expect(within(view).getByRole('status')).toHaveTextContent('No data');
    expect(
      within(view).getByText(
        'No value: the panel’s time range starts after last 1h began: set it to the last 2h or more.'
      )
    ).toBeInTheDocument();
    expect(screen.getByTestId(testIds.kpiPanel.timeRangeFix)).toHaveTextContent('2h');
    expect(within(view).queryByTestId(testIds.kpiPanel.valueLine)).toBeNull();
  });

  test('queries the options do not map say which to pick instead of showing a number', async () => {
    jest.mocked(loadAppCatalog).mockResolvedValue({ kpis: [CONVERSION], problems: [] });
    const frames = [rateFrame('orders', repeat(0.3, 24)), rateFrame('carts', repeat(10, 24))];
    render(
      <KpiPanel {...panelProps(frames, options(CONVERSION.id), { ...cell, queriedRefIds: ['orders', 'carts'] })} />
    );
    expect(await screen.findByText('Choose the value KPI’s queries')).toBeInTheDocument();
    expect(screen.queryByTestId(testIds.kpiPanel.valueNumber)).toBeNull();
  });
});
