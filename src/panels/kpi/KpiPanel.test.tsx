import React from 'react';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { FieldType, LoadingState, toDataFrame, type DataFrame } from '@grafana/data';
import { locationService } from '@grafana/runtime';
import { testIds } from '../../components/testIds';
import { forgetAppCatalog, loadAppCatalog } from '../../data/loadAppCatalog';
import { KpiPanel } from './KpiPanel';
import {
  catalogKpi,
  DAY,
  END_MS,
  handWorkedFrames,
  HOUR,
  manualOptions,
  MINUTE,
  noTrafficFrames,
  pageFrames,
  panelProps,
  perRouteFrames,
  perRouteKpi,
  rateFrame,
  STEP_MS,
  STEPS_28D,
  stoppedFrames,
  type PropsExtras,
} from '../../testing/panelFixtures';
import { defaultKpiPanelOptions, type KpiPanelOptions } from '../../reading';

// uPlot needs a real canvas, which jsdom lacks; the sparkline's data is tested in TrendSparkline.test.ts.
jest.mock('@grafana/ui', () => ({ ...jest.requireActual('@grafana/ui'), Sparkline: () => null }));
jest.mock('../../data/loadAppCatalog', () => ({
  ...jest.requireActual('../../data/loadAppCatalog'),
  loadAppCatalog: jest.fn(),
}));

function renderPanel(series: DataFrame[], options: KpiPanelOptions = manualOptions(), extras: PropsExtras = {}) {
  return render(<KpiPanel {...panelProps(series, options, extras)} />);
}

const container = () => screen.getByTestId(testIds.kpiPanel.container);
const message = () => screen.getByTestId(testIds.kpiPanel.message);

describe('KpiPanel: looks', () => {
  test('OK: SLI vs target, budget left, burn rates and time to exhaustion, hand-worked', () => {
    renderPanel(handWorkedFrames());

    expect(container()).toHaveAttribute('data-status', 'ok');
    expect(screen.getByRole('status')).toHaveTextContent('OK');
    expect(screen.getByLabelText('SLI: 99.94%')).toBeInTheDocument();
    expect(screen.getByLabelText('Target ≥ 99.9%: met')).toBeInTheDocument();
    expect(screen.getByLabelText('Error budget remaining: 40.0%')).toHaveTextContent('40.0% left');
    expect(screen.getByLabelText('Burn rate over 28d: 0.60x')).toBeInTheDocument();
    expect(screen.getByLabelText('Burn rate over 5m: 0.00x')).toBeInTheDocument();
    expect(screen.getByLabelText('Time to budget exhaustion: not burning')).toBeInTheDocument();
    expect(screen.getByLabelText('Coverage: 100.0%')).toBeInTheDocument();
    expect(screen.queryByTestId(testIds.kpiPanel.timeRangeWarning)).not.toBeInTheDocument();
  });

  test('page: the pill says Page and the time to exhaustion is counted down', () => {
    renderPanel(pageFrames());
    expect(container()).toHaveAttribute('data-status', 'page');
    expect(screen.getByRole('status')).toHaveAccessibleName(expect.stringMatching(/^KPI status: Page\./));
    expect(screen.getByLabelText('Burn rate over 5m: 20.0x')).toBeInTheDocument();
    // remaining 1 − 720 / 24,192 = 97.0 %; × 28d / 20 = 1.36d
    expect(screen.getByLabelText('Time to budget exhaustion: 1d 8h')).toBeInTheDocument();
  });

  test('no data (the exporter stopped an hour ago): its own look and reason, never OK', () => {
    renderPanel(stoppedFrames(HOUR));
    expect(container()).toHaveAttribute('data-status', 'no-data');
    expect(screen.getByRole('status')).toHaveTextContent('No data');
    expect(screen.queryByText('OK')).not.toBeInTheDocument();
    expect(
      screen.getByText(/No samples in the last 5m: the exporter or the data source may have stopped/)
    ).toBeInTheDocument();
    // The SLI of the older data is still shown, greyed, and the target badge does not claim it is met
    expect(screen.getByLabelText('SLI: 100.00%')).toBeInTheDocument();
    expect(screen.getByLabelText('Target ≥ 99.9%: cannot tell without data')).toBeInTheDocument();
    // Without the shortest window nobody can tell whether the budget burns: no reassuring "not burning"
    expect(screen.queryByText('not burning')).not.toBeInTheDocument();
  });

  test('no data at all (queries returned nothing): dashes, not numbers', () => {
    renderPanel([], manualOptions(), { queriedRefIds: ['A', 'B'] });
    expect(container()).toHaveAttribute('data-status', 'no-data');
    expect(screen.getByText('The queries returned no samples in the 28d window.')).toBeInTheDocument();
    expect(screen.getByLabelText('SLI: —')).toBeInTheDocument();
    expect(screen.getByLabelText('Target ≥ 99.9%: cannot tell without data')).toBeInTheDocument();
  });

  test('no traffic: a neutral look, no SLI and no budget, never 100 %', () => {
    renderPanel(noTrafficFrames());
    expect(container()).toHaveAttribute('data-status', 'no-traffic');
    expect(screen.getByRole('status')).toHaveTextContent('No traffic');
    expect(screen.getByLabelText('SLI: —')).toBeInTheDocument();
    expect(screen.getByLabelText('Error budget remaining: none, no data or no traffic')).toBeInTheDocument();
    expect(screen.queryByLabelText(/^SLI: 100/)).not.toBeInTheDocument();
  });
});

describe('KpiPanel: views and sizes', () => {
  test('burn-rate table: each rule with its factor and state', () => {
    renderPanel(pageFrames(), manualOptions({ view: 'burn-rate-table' }));
    const table = screen.getByRole('table', { name: 'Burn rates per alert rule' });
    const firstRule = within(table).getAllByRole('row')[1];
    expect(firstRule).toHaveTextContent('page 1h/5m');
    expect(firstRule).toHaveTextContent('13.44x');
    expect(firstRule).toHaveAttribute('data-state', 'firing');
  });

  test('budget burndown: the bar and the span of the window', () => {
    renderPanel(handWorkedFrames(), manualOptions({ view: 'budget-burndown' }));
    expect(
      screen.getByRole('img', { name: /Error budget burndown over the 28d window, from 100% to 40.0%/ })
    ).toBeInTheDocument();
    expect(screen.getByText(/100% on Oct 4 12:05 → 40.0% on Nov 1 12:00/)).toBeInTheDocument();
  });

  test('compact list: one number per line', () => {
    renderPanel(handWorkedFrames(), manualOptions({ view: 'compact-list' }));
    expect(screen.getByLabelText('Budget left: 40.0%')).toBeInTheDocument();
    expect(screen.getByLabelText('Target: 99.9%')).toBeInTheDocument();
  });

  test('a 300×200 cell gets the compact layout whatever the view', () => {
    renderPanel(handWorkedFrames(), manualOptions({ view: 'burn-rate-table' }), { width: 300, height: 200 });
    expect(container()).toHaveAttribute('data-view', 'compact');
    expect(screen.getByRole('status')).toHaveTextContent('OK');
    expect(screen.getByLabelText('SLI: 99.94%')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  test('the standard Decimals option sets the decimals of the percentages', () => {
    const props = panelProps(handWorkedFrames(), manualOptions());
    render(<KpiPanel {...props} fieldConfig={{ defaults: { decimals: 3 }, overrides: [] }} />);
    expect(screen.getByLabelText('SLI: 99.940%')).toBeInTheDocument();
    expect(screen.getByLabelText('Target ≥ 99.90%: met')).toBeInTheDocument();
  });

  test('a threshold KPI shows the latest value in the panel unit, the target and the change', () => {
    const values = [...new Array(60).fill(0.2), ...new Array(59).fill(0.25), 0.4];
    const options = manualOptions({
      indicatorType: 'threshold',
      comparator: '<',
      threshold: 0.3,
      targetPercent: 95,
      window: '1h',
    });
    const props = panelProps([rateFrame('A', values, MINUTE)], options, { rangeMs: 2 * HOUR });
    render(<KpiPanel {...props} fieldConfig={{ defaults: { unit: 's' }, overrides: [] }} />);

    expect(screen.getByLabelText('Latest value: 400 ms')).toBeInTheDocument();
    expect(screen.getByLabelText('Target < 300 ms: not met')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Change, worse: \+52\.5 ms \(\+26\.3%\) vs previous 1h$/)).toBeInTheDocument();
    expect(screen.getByLabelText('Share of good 1m slices: 98.3%')).toBeInTheDocument();
  });
});

describe('KpiPanel: time range shorter than the SLO window', () => {
  test('says how much of the window it sees and offers the dashboard fix', () => {
    const partial = jest.spyOn(locationService, 'partial').mockImplementation(() => undefined);
    renderPanel(handWorkedFrames(), manualOptions(), { rangeMs: 6 * HOUR });

    const warning = screen.getByTestId(testIds.kpiPanel.timeRangeWarning);
    expect(warning).toHaveTextContent(
      'The time range covers 6h of the 28d SLO window: SLI, budget and burn rates cover only that.'
    );
    fireEvent.click(screen.getByRole('button', { name: 'Show last 28d on the whole dashboard' }));
    expect(partial).toHaveBeenCalledWith({ from: 'now-28d', to: 'now' });
    partial.mockRestore();
  });

  test('a panel with its own relative time is told where to change it, without a button that would not help', () => {
    renderPanel(handWorkedFrames(), manualOptions(), { rangeMs: 6 * HOUR, dashboardRangeMs: 7 * DAY });
    expect(screen.getByTestId(testIds.kpiPanel.timeRangeWarning)).toHaveTextContent(
      'This panel has its own time range. In the panel editor set Query options → Relative time to 28d.'
    );
    expect(screen.queryByTestId(testIds.kpiPanel.timeRangeFix)).not.toBeInTheDocument();
  });
});

describe('KpiPanel: bad input gives a clear message, never a crash or a blank panel', () => {
  function framesWithValues(good: unknown[], total: unknown[], times?: number[]): DataFrame[] {
    const at = times ?? good.map((_, i) => END_MS - (good.length - 1 - i) * STEP_MS);
    const frame = (refId: string, values: unknown[]) =>
      toDataFrame({
        refId,
        fields: [
          { name: 'Time', type: FieldType.time, values: at, config: { interval: STEP_MS } },
          { name: 'Value', type: FieldType.number, values },
        ],
      });
    return [frame('A', good), frame('B', total)];
  }

  test('strings among the numbers: read where numeric, counted as gaps otherwise, and said', () => {
    renderPanel(framesWithValues(['10', 'n/a', 10], [10, 10, 10]), manualOptions(), { rangeMs: 10 * MINUTE });
    expect(container()).toBeInTheDocument();
    expect(screen.getByTestId(testIds.kpiPanel.notes)).toHaveTextContent(
      'Query "A": 1 value was not a number (e.g. "n/a") and count as gaps.'
    );
  });

  test('nulls and NaN are gaps: coverage drops, the panel still evaluates', () => {
    renderPanel(framesWithValues([10, null, NaN, 10], [10, 10, 10, 10]), manualOptions({ window: '20m' }), {
      rangeMs: 15 * MINUTE,
    });
    expect(screen.getByLabelText('Coverage: 50.0%')).toBeInTheDocument();
  });

  test('mismatched lengths: the points without a value are left out, with a note', () => {
    const frames: DataFrame[] = [
      {
        refId: 'A',
        length: 3,
        fields: [
          {
            name: 'Time',
            type: FieldType.time,
            config: { interval: STEP_MS },
            values: [END_MS - 2 * STEP_MS, END_MS - STEP_MS, END_MS],
          },
          { name: 'Value', type: FieldType.number, config: {}, values: [10, 10] },
        ],
      },
      rateFrame('B', [10, 10, 10]),
    ];
    renderPanel(frames, manualOptions({ window: '15m' }), { rangeMs: 10 * MINUTE });
    expect(screen.getByTestId(testIds.kpiPanel.notes)).toHaveTextContent(
      /time and value columns differ in length \(3 and 2\)/
    );
  });

  test('unsorted timestamps give the same numbers as sorted ones', () => {
    const times = [END_MS - STEP_MS, END_MS, END_MS - 2 * STEP_MS];
    renderPanel(
      framesWithValues([9, 10, 10], [10, 10, 10], times),
      manualOptions({ window: '15m', targetPercent: 90 }),
      { rangeMs: 10 * MINUTE }
    );
    // 29 good of 30 = 96.67 %: one decimal more than the 90 % target, rounded down
    expect(screen.getByLabelText('SLI: 96.6%')).toBeInTheDocument();
  });

  test('duplicated timestamps: the last value wins, with a note', () => {
    const times = [END_MS - STEP_MS, END_MS, END_MS];
    renderPanel(
      framesWithValues([10, 10, 5], [10, 10, 10], times),
      manualOptions({ window: '10m', targetPercent: 50 }),
      { rangeMs: 5 * MINUTE }
    );
    expect(screen.getByLabelText('SLI: 75.0%')).toBeInTheDocument();
    expect(screen.getAllByTestId(testIds.kpiPanel.notes)[0]).toHaveTextContent(
      /appears more than once; the last value given was used/
    );
  });

  test('a missing refId names the query and the refIds the panel has', () => {
    renderPanel([rateFrame('A', [1, 1])], manualOptions());
    expect(message()).toHaveTextContent('Query "B" is missing');
    expect(message()).toHaveTextContent('No query with refId "B" in this panel\'s data (it has "A")');
  });

  test('a frame without a time field', () => {
    const table = toDataFrame({ refId: 'A', fields: [{ name: 'Value', type: FieldType.number, values: [1] }] });
    renderPanel([table, rateFrame('B', [1])], manualOptions());
    expect(message()).toHaveTextContent(/Query "A" returned no time field/);
  });

  test.each([
    [120, 'Target 120 % is out of range'],
    [0, 'Target 0 % is out of range'],
  ])('a target of %p %% typed in the options', (targetPercent, title) => {
    renderPanel(handWorkedFrames(), manualOptions({ targetPercent }));
    expect(message()).toHaveTextContent(title);
    expect(message()).toHaveAttribute('role', 'alert');
  });

  test('a window that is not a duration', () => {
    renderPanel(handWorkedFrames(), manualOptions({ window: '28 days' }));
    expect(message()).toHaveTextContent('Window "28 days" is not a duration');
  });

  test('a failed query shows the data source message', () => {
    renderPanel([], manualOptions(), {
      errors: [{ refId: 'A', message: 'bad_data: parse error' }],
      queriedRefIds: ['A', 'B'],
    });
    expect(message()).toHaveTextContent('Query "A" failed');
    expect(message()).toHaveTextContent('bad_data: parse error');
  });

  test('no queries yet: which refIds to add', () => {
    renderPanel([], manualOptions());
    expect(message()).toHaveTextContent(
      /Add queries with refIds "A" \(good events per second\) and "B" \(all events per second\)/
    );
  });

  test('the first load shows loading, not an error', () => {
    renderPanel([], manualOptions(), { state: LoadingState.Loading });
    expect(message()).toHaveTextContent('Loading…');
  });
});

describe('KpiPanel: catalog KPIs', () => {
  const catalogOptions = (kpiId?: string): KpiPanelOptions => ({ ...defaultKpiPanelOptions, source: 'catalog', kpiId });

  beforeEach(() => {
    forgetAppCatalog();
    jest.mocked(loadAppCatalog).mockResolvedValue({ kpis: [catalogKpi()], problems: [] });
  });

  test('evaluates the picked KPI with its target, window and policy, and shows its name', async () => {
    renderPanel(handWorkedFrames(), catalogOptions('checkout-availability'));
    expect(await screen.findByText('Checkout availability')).toBeInTheDocument();
    expect(screen.getByLabelText('Error budget remaining: 40.0%')).toBeInTheDocument();
  });

  test('a page inside a maintenance window reads Maintenance, says until when, and nothing fires', async () => {
    // END_MS is 1 November 2026, 12:00 UTC; the window 11:00–12:30 covers the last hour's 2 % errors.
    const maintenance = [{ start: '2026-11-01T11:00:00Z', end: '2026-11-01T12:30:00Z', reason: 'database upgrade' }];
    jest.mocked(loadAppCatalog).mockResolvedValue({ kpis: [catalogKpi({ maintenance })], problems: [] });
    renderPanel(pageFrames(), catalogOptions('checkout-availability'));
    await screen.findByText('Checkout availability');
    expect(container()).toHaveAttribute('data-status', 'maintenance');
    expect(screen.getByRole('status')).toHaveAccessibleName(
      expect.stringMatching(/^KPI status: Maintenance\. Maintenance until .*: database upgrade$/)
    );
    expect(screen.queryByTestId(testIds.kpiPanel.maintenance)).not.toBeInTheDocument();
  });

  test('outside maintenance the next window is named under the header', async () => {
    const maintenance = [{ cron: '0 2 * * 0', duration: '2h', reason: 'weekly reindex' }];
    jest.mocked(loadAppCatalog).mockResolvedValue({ kpis: [catalogKpi({ maintenance })], problems: [] });
    renderPanel(handWorkedFrames(), catalogOptions('checkout-availability'));
    // 1 November 2026 is a Sunday: at 12:00 the next start is Sunday 8 November, 02:00.
    expect(await screen.findByTestId(testIds.kpiPanel.maintenance)).toHaveTextContent(
      /^Next maintenance .* – .*: weekly reindex$/
    );
    expect(container()).toHaveAttribute('data-status', 'ok');
  });

  test('a KPI that no longer exists in the catalog', async () => {
    renderPanel(handWorkedFrames(), catalogOptions('checkout-latency'));
    expect(await screen.findByText('KPI "checkout-latency" is not in the catalog')).toBeInTheDocument();
    expect(message()).toHaveTextContent('Pick another KPI in the panel options');
  });

  test('a catalog that cannot be read', async () => {
    jest.mocked(loadAppCatalog).mockRejectedValue(new Error('Could not read the KPI catalog: HTTP 500'));
    renderPanel(handWorkedFrames(), catalogOptions('checkout-availability'));
    expect(await screen.findByText('Could not read the KPI catalog: HTTP 500')).toBeInTheDocument();
  });

  test('a new panel asks for a KPI', async () => {
    renderPanel(handWorkedFrames(), catalogOptions());
    // Let the catalog arrive: the panel still asks, now with the catalog at hand.
    await act(async () => {
      await Promise.resolve();
    });
    expect(message()).toHaveTextContent('Pick a KPI');
  });

  test('a KPI id from a dashboard variable: the panel shows the KPI the variable holds', async () => {
    jest.mocked(loadAppCatalog).mockResolvedValue({
      kpis: [catalogKpi({ id: 'login-success', name: 'Login success' }), catalogKpi()],
      problems: [],
    });
    const variables = (text: string) => text.replace('${kpi}', 'checkout-availability');
    renderPanel(handWorkedFrames(), catalogOptions('${kpi}'), { replaceVariables: variables });
    expect(await screen.findByText('Checkout availability')).toBeInTheDocument();
    expect(screen.getByLabelText('Error budget remaining: 40.0%')).toBeInTheDocument();
  });

  test('a KPI variable the dashboard does not have is named, with the fix', async () => {
    renderPanel(handWorkedFrames(), catalogOptions('$kpi'));
    expect(await screen.findByText('The dashboard has no value for $kpi')).toBeInTheDocument();
    expect(message()).toHaveTextContent('label_values(northstar:kpi_objective:ratio, kpi_id)');
  });

  test('recorded series of a threshold KPI read as good and all slices: 40 bad 5m slices of 8,064', async () => {
    jest.mocked(loadAppCatalog).mockResolvedValue({
      kpis: [
        catalogKpi({
          id: 'search-latency',
          name: 'Search p95 latency',
          indicator: { type: 'threshold', query: 'p95', comparator: '<', threshold: 0.3, unit: 's' },
          objective: { target: 0.99, window: '28d' },
        }),
      ],
      problems: [],
    });
    // The slice verdict is 1 or 0, the count of verdicts 1: bad slices 40 / 8,064 = 0.496 % against a 1 % budget.
    const verdicts = Array.from({ length: STEPS_28D }, (_, i) => (i < 40 ? 0 : 1));
    const frames = [rateFrame('A', verdicts), rateFrame('B', new Array(STEPS_28D).fill(1))];
    renderPanel(frames, { ...catalogOptions('search-latency'), queries: 'recorded' });
    expect(await screen.findByText('Search p95 latency')).toBeInTheDocument();
    expect(screen.getByLabelText('Error budget remaining: 50.4%')).toBeInTheDocument();
    expect(screen.getByLabelText('SLI: 99.5%')).toBeInTheDocument();
    expect(screen.getByLabelText('Burn rate over 28d: 0.50x')).toBeInTheDocument();
  });

  test('a per-label KPI lists its routes worst first under the aggregate, with status, SLI, budget and burn', async () => {
    jest.mocked(loadAppCatalog).mockResolvedValue({ kpis: [perRouteKpi()], problems: [] });
    renderPanel(perRouteFrames(), { ...catalogOptions('checkout-routes'), view: 'burn-rate-table' });
    const table = await screen.findByTestId(testIds.instances.table);
    const rows = within(table).getAllByTestId(testIds.instances.row);
    // /pay: 5 % errors = 50x, budget 1 − 50 = −4,900 %; /browse: 0.1 % = 1x, its budget just spent.
    expect(rows.map((row) => within(row).getByRole('rowheader').textContent)).toEqual(['/pay', '/browse']);
    expect(rows[0]).toHaveAttribute('data-status', 'page');
    expect(rows[0]).toHaveTextContent('95.00%');
    expect(rows[0]).toHaveTextContent('-4900.0%');
    expect(rows[0]).toHaveTextContent('50.0x');
    expect(rows[1]).toHaveTextContent('1.00x');
    expect(screen.getByTestId(testIds.instances.summary)).toHaveTextContent(
      '1 of 2 route values below target, worst first'
    );
    // The panel's own figures are the aggregate's: 5.9 bad of 1,000 per step.
    expect(screen.getByLabelText('Burn rate over 5m: 5.90x')).toBeInTheDocument();
  });

  test('a per-label KPI above its guard says so, naming the field and the count', async () => {
    jest.mocked(loadAppCatalog).mockResolvedValue({ kpis: [perRouteKpi(1)], problems: [] });
    renderPanel(perRouteFrames(), catalogOptions('checkout-routes'));
    expect(await screen.findByTestId(testIds.instances.cap)).toHaveTextContent(
      'checkout-routes: 2 instances, more than indicator.maxInstances (1)'
    );
    expect(screen.getAllByTestId(testIds.instances.row)).toHaveLength(1);
  });

  test('catalog text renders as text', async () => {
    jest
      .mocked(loadAppCatalog)
      .mockResolvedValue({ kpis: [catalogKpi({ name: '<img src=x onerror=alert(1)>' })], problems: [] });
    const { container: root } = renderPanel(handWorkedFrames(), catalogOptions('checkout-availability'));
    expect(await screen.findByText('<img src=x onerror=alert(1)>')).toBeInTheDocument();
    expect(root.querySelector('img')).toBeNull();
  });
});

describe('KpiPanel: a calendar KPI beside its previous period', () => {
  // END_MS is 1 November 2026, 12:00 UTC: this month is 12 hours old, last month is the whole of October. 40 days
  // of 5m steps with 1,000 requests each: 2 in 1,000 fail before November, 1 in 1,000 since.
  const monthly = catalogKpi({ objective: { target: 0.999, window: { calendar: 'month', timeZone: 'UTC' } } });
  const novemberMs = Date.UTC(2026, 10, 1);
  const steps = (40 * DAY) / STEP_MS;
  const perSecond = (events: (t: number) => number) =>
    Array.from({ length: steps }, (_, i) => events(END_MS - (steps - 1 - i) * STEP_MS) / (STEP_MS / 1000));
  const frames = [
    rateFrame(
      'A',
      perSecond((t) => (t > novemberMs ? 999 : 998))
    ),
    rateFrame(
      'B',
      perSecond(() => 1000)
    ),
  ];

  beforeEach(() => {
    forgetAppCatalog();
    jest.mocked(loadAppCatalog).mockResolvedValue({ kpis: [monthly], problems: [] });
  });

  test('shows last month’s SLI, 99.80 %, and what this month so far makes of it: +0.1 percentage points', async () => {
    renderPanel(frames, { ...defaultKpiPanelOptions, source: 'catalog', kpiId: monthly.id }, { rangeMs: 40 * DAY });
    const fact = await screen.findByTestId(testIds.kpiPanel.previousPeriod);
    expect(fact).toHaveTextContent('Last month99.80%');
    expect(within(fact).getByLabelText('SLI last month: 99.80%')).toBeInTheDocument();
    expect(screen.getByLabelText('SLI: 99.90%')).toBeInTheDocument();
  });

  test('a range that does not reach back to 1 October shows no last month rather than a part of it', async () => {
    const lastTwentyDays = (20 * DAY) / STEP_MS;
    renderPanel(
      frames.map((frame) => ({
        ...frame,
        fields: frame.fields.map((field) => ({ ...field, values: field.values.slice(-lastTwentyDays) })),
      })),
      { ...defaultKpiPanelOptions, source: 'catalog', kpiId: monthly.id },
      { rangeMs: 20 * DAY }
    );
    expect(await screen.findByLabelText('SLI: 99.90%')).toBeInTheDocument();
    expect(screen.queryByTestId(testIds.kpiPanel.previousPeriod)).not.toBeInTheDocument();
  });
});
