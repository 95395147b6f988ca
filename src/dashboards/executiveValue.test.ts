import type { Panel, RowPanel } from '@grafana/schema';
import { ratioKpi } from '../testing/dashboardKpis';
import { abandonRateKpi, conversionKpi, monthlyOrdersKpi } from '../testing/valueKpis';
import { buildExecutiveDashboard } from './executive';
import { lastingValuePanelQueryOptions, statAndChangePanels, valueTiles } from './executiveValue';
import { catalogDashboards, valueKpiDashboards } from './generate';
import { validateDashboard } from './validateDashboard';

const panelsOf = (dashboard: { panels?: Array<Panel | RowPanel> }) => (dashboard.panels ?? []) as Panel[];
const ofType = (dashboard: { panels?: Array<Panel | RowPanel> }, type: string) =>
  panelsOf(dashboard).filter((panel) => panel.type === type);
const stepsOf = (panel: Panel) => panel.fieldConfig?.defaults.thresholds?.steps.map((step) => [step.color, step.value]);

/** The stat panels a value KPI gets where no Query options hold all year. */
const fallback = (kpi: ReturnType<typeof conversionKpi>) =>
  statAndChangePanels(kpi, { uid: 'prom' }, 15_000) as Panel[];

describe('the executive overview of business KPIs and SLOs', () => {
  const values = [conversionKpi(), monthlyOrdersKpi(), abandonRateKpi()];
  const dashboard = buildExecutiveDashboard([ratioKpi()], { valueKpis: values });
  const byTitle = (title: string) => panelsOf(dashboard).find((panel) => panel.title === title)!;

  test('leads with the business KPIs: their status per day, a row each, then the SLOs as before', () => {
    expect(ofType(dashboard, 'row').map((row) => row.title)).toEqual([
      'Business KPIs: status per day',
      'Shop conversion · owner team-growth',
      'Shop orders · owner team-growth',
      'Shop abandon-rate · owner team-growth',
      'Risk: burn rate per day',
      'Checkout availability · owner team-payments',
    ]);
    expect(validateDashboard(dashboard)).toEqual([]);
  });

  test('the risk heatmap: one row per value KPI, a day per cell, its status named and coloured', () => {
    const [status] = ofType(dashboard, 'status-history');
    expect(status.title).toBe('Business KPIs: status per day');
    expect(status.targets?.map((target) => [target.legendFormat, (target as { interval?: string }).interval])).toEqual([
      ['Shop conversion', '1d'],
      ['Shop orders', '1d'],
      ['Shop abandon-rate', '1d'],
    ]);
    expect((status.targets?.[0] as { expr: string }).expr).toContain('>= bool 0.03');
    expect((status.targets?.[2] as { expr: string }).expr).toContain('<= bool 5');
    expect(status.fieldConfig?.defaults.mappings).toEqual([
      {
        type: 'value',
        options: {
          '0': { text: 'off-track', color: 'red', index: 0 },
          '1': { text: 'at-risk', color: 'orange', index: 1 },
          '2': { text: 'on-track', color: 'green', index: 2 },
        },
      },
    ]);
  });

  test("a quarter's heatmap cell is a week", () => {
    const quarterly = { ...conversionKpi(), objective: { ...conversionKpi().objective, window: '90d' } };
    const [status] = ofType(buildExecutiveDashboard([], { valueKpis: [quarterly] }), 'status-history');
    expect((status.targets?.[0] as { interval?: string }).interval).toBe('7d');
  });

  test('each value KPI leads its row with the Northstar panel: value vs target with the change, at the app’s step', () => {
    const tiles = ofType(dashboard, 'northstar-kpi-panel');
    expect(
      tiles.map((panel) => [
        panel.title,
        panel.options?.kpiId,
        panel.interval,
        panel.maxDataPoints,
        panel.timeFrom,
        panel.gridPos?.w,
      ])
    ).toEqual([
      // 7d: two periods and a day, 15d, at 30m is 720 points; 28d: 57d at 1h (30m would be 2,736, over 2,000).
      ['Shop conversion vs target', 'conversion', '30m', 720, '15d', 11],
      // A Berlin month: two of its longest (31d) and a day, 63d, at 1h is 1,512 points.
      ['Shop orders vs target', 'orders', '1h', 1512, '63d', 11],
      ['Shop abandon-rate vs target', 'abandon-rate', '1h', 1368, '57d', 11],
      // Then the SLO's own.
      ['Checkout availability vs target', 'checkout-availability', undefined, 11_000, '28d', 8],
    ]);
    const conversion = tiles[0];
    expect(conversion.options).toMatchObject({ source: 'catalog', queries: 'kpi', goodRefId: 'A', totalRefId: 'B' });
    expect(conversion.targets?.map((target) => [target.refId, (target as { expr: string }).expr])).toEqual([
      ['A', conversionKpi().indicator.numerator],
      ['B', conversionKpi().indicator.denominator],
    ]);
    // A single query is the panel's value query.
    expect(tiles[1].targets?.map((target) => [target.refId, (target as { expr: string }).expr])).toEqual([
      ['A', monthlyOrdersKpi().indicator.query],
    ]);
    expect(tiles[1].description).toContain('this month (Europe/Berlin)');
    expect(ofType(dashboard, 'stat').map((panel) => panel.title)).not.toContain('Change vs the 7d before');
  });

  test('Query options that would change over the year give way to the rolling stat and its change', () => {
    // Lord Howe moves its clocks by half an hour: a month's bounds fall on one hour's grid in winter, not around DST.
    const lordHowe = conversionKpi({ window: { calendar: 'month', timeZone: 'Australia/Lord_Howe' } });
    expect(lastingValuePanelQueryOptions(lordHowe)).toBeUndefined();
    expect(valueTiles(lordHowe, { uid: 'prom' }, 15_000).map((panel) => panel.type)).toEqual(['stat', 'stat']);
    expect(lastingValuePanelQueryOptions(conversionKpi())).toEqual({
      minInterval: '30m',
      maxDataPoints: 720,
      relativeTime: '15d',
    });
  });

  test('the fallback stat is in the KPI unit over its window, thresholds by direction', () => {
    const conversion = fallback(conversionKpi())[0];
    expect(conversion.fieldConfig?.defaults.unit).toBe('percentunit');
    expect(stepsOf(conversion)).toEqual([
      ['red', null],
      ['orange', 0.028],
      ['green', 0.03],
    ]);
    // Lower is better: the colours flip, green from the bottom up to the target.
    const abandon = fallback(abandonRateKpi())[0];
    expect(abandon.fieldConfig?.defaults.unit).toBe('reqps');
    expect(stepsOf(abandon)).toEqual([
      ['green', null],
      ['orange', 5],
      ['red', 6],
    ]);
    expect(abandon.targets?.[0]).toMatchObject({ instant: true, expr: expect.stringMatching(/^avg_over_time\(/) });
  });

  test('the fallback change against the range before is green the way the direction calls better', () => {
    const changes = values.map((kpi) => fallback(kpi)[1]);
    expect(changes.map((panel) => [panel.title, stepsOf(panel)])).toEqual([
      [
        'Change vs the 7d before',
        [
          ['red', null],
          ['green', 0],
        ],
      ],
      [
        'Change vs the 30d before',
        [
          ['red', null],
          ['green', 0],
        ],
      ],
      [
        'Change vs the 28d before',
        [
          ['green', null],
          ['red', 0],
        ],
      ],
    ]);
    expect((changes[0].targets?.[0] as { expr: string }).expr).toContain('offset 7d');
  });

  test('a fallback monthly total is shown honestly: the rolling 30 days, a whole month at this pace, and it says so', () => {
    const orders = fallback(monthlyOrdersKpi())[0];
    expect(orders.title).toBe('Shop orders: last 30d (this month)');
    expect((orders.targets?.[0] as { expr: string }).expr).toBe(
      '(sum(rate(shop_checkouts_total{job="shop",outcome="ordered"}[30d]))) * 2592000'
    );
    expect(orders.description).toContain('at the current pace (a forecast)');
    expect(orders.description).toContain('rather than this month so far');
  });

  test('the trend draws the value over the chosen window against the target and warning lines', () => {
    const trend = byTitle('Shop conversion: trend vs target');
    expect(trend.targets?.map((target) => (target as { expr: string }).expr)).toEqual([
      expect.stringContaining('[$window]'),
      'vector(0.03)',
      'vector(0.028)',
    ]);
    expect(trend.fieldConfig?.defaults.unit).toBe('percentunit');
  });

  test('value KPIs join the KPI picker, so the alert list shows their alerts too', () => {
    const kpi = dashboard.templating?.list?.find((variable) => variable.name === 'kpi');
    expect(kpi?.query).toBe('conversion,orders,abandon-rate,checkout-availability');
  });
});

describe('which dashboards a value KPI gets', () => {
  test('its executive view only, under its own uid', () => {
    const files = valueKpiDashboards(conversionKpi());
    expect(files.map((file) => [file.file, file.kind, file.dashboard.uid])).toEqual([
      ['conversion.executive.json', 'executive', 'nsk-conversion-executive'],
    ]);
    expect(files[0].dashboard.title).toBe('Shop conversion: executive view');
    expect(validateDashboard(files[0].dashboard)).toEqual([]);
  });

  test('a catalog of value KPIs only has its executive overview and nothing else', () => {
    const files = catalogDashboards([conversionKpi(), abandonRateKpi()]);
    expect(files.map((file) => file.file)).toEqual(['executive.json']);
  });

  test('a catalog with both shows its published value KPIs on the overview; drafts stay off it', () => {
    const draft = { ...monthlyOrdersKpi(), status: 'draft' as const };
    const [executive] = catalogDashboards([ratioKpi(), conversionKpi(), draft]);
    const rows = ofType(executive.dashboard, 'row').map((row) => row.title);
    expect(rows).toContain('Shop conversion · owner team-growth');
    expect(rows).not.toContain('Shop orders · owner team-growth');
  });
});
