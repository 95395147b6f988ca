import type { Dashboard, Panel, RowPanel } from '@grafana/schema';
import type { KpiDefinition, ValueKpiDefinition } from '../kpi/model';
import { checkoutKpi } from '../testing/checkoutKpi';
import { compositeKpi } from '../testing/compositeKpi';
import { checkoutConversionKpi, valueKpi } from '../testing/valueKpis';
import { ALL_PAYMENTS_SQL, PAID_PAYMENTS_SQL, paymentSuccessSqlKpi, POSTGRES_DATASOURCE } from '../testing/shopSqlKpis';
import {
  catalogDashboards,
  compositeDashboardProblem,
  DashboardGenerationError,
  kpiDashboards,
  valueKpiDashboards,
} from './generate';
import { NORTHSTAR_PANEL_TYPE } from './panels';
import { EXPRESSION_DATASOURCE, SQL_LEFT_OUT_NOTE, SQL_OVERVIEW_NOTE, sqlValueLeftOutNote } from './sqlDashboards';
import { valueQueryStep } from '../reading';
import { validateDashboard } from './validateDashboard';

const PICKED_POSTGRES = { type: 'grafana-postgresql-datasource', uid: '${datasource}' };
const bucketed = (select: string, table: string, column = 'created_at') =>
  `SELECT $__timeGroupAlias(${column}, $__interval), ${select} FROM ${table} WHERE $__timeFilter(${column}) GROUP BY 1 ORDER BY 1`;

function paymentKpi(overrides: Partial<KpiDefinition> = {}): KpiDefinition {
  return paymentSuccessSqlKpi(
    { target: 0.995 },
    { links: { runbook: 'https://runbooks.example.com/payments' }, ...overrides }
  );
}

const revenueKpi = (): ValueKpiDefinition =>
  valueKpi(
    'revenue',
    {
      query: { rawSql: bucketed('sum(total_dollars) AS revenue', 'shop.orders'), format: 'time_series' },
      aggregation: 'sum',
      unit: 'currencyUSD',
    },
    { direction: 'higher', target: 31_500_000, warning: 29_500_000, window: { calendar: 'month', timeZone: 'UTC' } },
    { datasource: POSTGRES_DATASOURCE }
  );

const mttrKpi = (): ValueKpiDefinition =>
  valueKpi(
    'mttr',
    {
      numerator: {
        rawSql: bucketed(
          'sum(extract(epoch FROM resolved_at - started_at)) AS repair',
          'shop.incidents',
          'resolved_at'
        ),
      },
      denominator: { rawSql: bucketed('count(*) AS resolved', 'shop.incidents', 'resolved_at') },
      unit: 's',
    },
    { direction: 'lower', target: 14_400, warning: 28_800, window: '28d' },
    { datasource: POSTGRES_DATASOURCE }
  );

type AnyTarget = Record<string, unknown> & { refId: string; datasource?: { type?: string; uid?: string } };

function panelsOf(dashboard: Dashboard): Panel[] {
  return (dashboard.panels ?? []).flatMap((panel) =>
    panel.type === 'row' ? ((panel as RowPanel).panels ?? []) : [panel as Panel]
  );
}

function panel(dashboard: Dashboard, title: string): Panel & { targets: AnyTarget[] } {
  const found = panelsOf(dashboard).find((candidate) => candidate.title === title);
  if (!found) {
    throw new Error(
      `no panel "${title}" in ${panelsOf(dashboard)
        .map((p) => p.title)
        .join(', ')}`
    );
  }
  return found as Panel & { targets: AnyTarget[] };
}

/** The dashboard as rows, each with its panels' titles, in the order a reader meets them. */
function rowsOf(dashboard: Dashboard): Array<[string, string[]]> {
  const rows: Array<[string, string[]]> = [];
  for (const candidate of dashboard.panels ?? []) {
    if (candidate.type === 'row') {
      rows.push([candidate.title ?? '', []]);
    } else {
      rows[rows.length - 1]?.[1].push(candidate.title ?? '');
    }
  }
  return rows;
}

const inZone = (kpi: ValueKpiDefinition, calendar: 'month' | 'quarter', timeZone: string): ValueKpiDefinition => ({
  ...kpi,
  objective: { ...kpi.objective, window: { calendar, timeZone } },
});

const targetsOf = (dashboard: Dashboard): AnyTarget[] =>
  panelsOf(dashboard).flatMap((candidate) => (candidate.targets ?? []) as AnyTarget[]);

describe('the dashboards of an SLO over SQL', () => {
  const files = kpiDashboards(paymentKpi());
  const [executive, oncall] = files.map((file) => file.dashboard);

  test('are an executive and an on-call view, sound, without a debug view', () => {
    expect(files.map((file) => [file.file, file.kind])).toEqual([
      ['payment-success.executive.json', 'executive'],
      ['payment-success.oncall.json', 'oncall'],
    ]);
    files.forEach((file) => expect(validateDashboard(file.dashboard)).toEqual([]));
    expect(executive.uid).toBe('nsk-payment-success-executive');
    expect(oncall.uid).toBe('nsk-payment-success-oncall');
  });

  test('every query is the KPI’s own SQL on the picked PostgreSQL data source, or a server-side expression', () => {
    for (const dashboard of [executive, oncall]) {
      const targets = targetsOf(dashboard);
      expect(targets.some((target) => 'expr' in target)).toBe(false);
      for (const target of targets) {
        if (target.datasource?.type === EXPRESSION_DATASOURCE.type) {
          continue;
        }
        expect(target.datasource).toEqual(PICKED_POSTGRES);
        expect([PAID_PAYMENTS_SQL, ALL_PAYMENTS_SQL]).toContain(target.rawSql);
        expect(target.format).toBe('time_series');
      }
    }
    expect(executive.templating?.list?.[0]).toMatchObject({
      name: 'datasource',
      type: 'datasource',
      query: 'grafana-postgresql-datasource',
      current: { value: POSTGRES_DATASOURCE.uid },
    });
  });

  test('the Northstar panels read good as A and total as B, at a step every policy window fits', () => {
    const burnRates = panel(oncall, 'Burn rate per policy window');
    expect(burnRates.type).toBe(NORTHSTAR_PANEL_TYPE);
    expect(burnRates.options).toMatchObject({ view: 'burn-rate-table', kpiId: 'payment-success', source: 'catalog' });
    expect(burnRates.targets.map((target) => [target.refId, target.rawSql])).toEqual([
      ['A', PAID_PAYMENTS_SQL],
      ['B', ALL_PAYMENTS_SQL],
    ]);
    // The default policy's shortest window is 5m; 28 days of 5-minute buckets is 8,064 rows per query.
    expect(burnRates.interval).toBe('5m');
    expect(burnRates.timeFrom).toBe('28d');
    expect(panel(oncall, 'Error budget burndown').options).toMatchObject({ view: 'budget-burndown' });
    expect(panel(executive, 'Payment success vs target').options).toMatchObject({ view: 'stat' });
  });

  test('the SLI per bucket is good over total, computed by Grafana, with the target as its threshold line', () => {
    const sli = panel(executive, 'SLI per bucket vs target');
    expect(sli.targets.map((target) => [target.refId, target.hide, target.expression])).toEqual([
      ['A', true, undefined],
      ['B', true, undefined],
      ['SLI', false, '$A / $B'],
    ]);
    expect(sli.targets[2]).toMatchObject({ datasource: EXPRESSION_DATASOURCE, type: 'math' });
    expect(sli.fieldConfig?.defaults.thresholds?.steps).toEqual([
      { color: 'red', value: null },
      { color: 'green', value: 0.995 },
    ]);
    expect(sli.description).toContain('99.5 %');
  });

  test('say what only PromQL can fill and is left out', () => {
    for (const dashboard of [executive, oncall]) {
      const titles = panelsOf(dashboard).map((candidate) => candidate.title);
      expect(titles).not.toContain('Burn rate per KPI and day');
      expect(panel(dashboard, 'Not on this dashboard').options).toEqual({
        mode: 'markdown',
        content: SQL_LEFT_OUT_NOTE,
      });
    }
    expect(SQL_LEFT_OUT_NOTE).toContain('histogram heatmap');
    expect(SQL_LEFT_OUT_NOTE).toContain('per-instance');
    // No deploy or maintenance annotations (PromQL): Grafana's own and the owners' check-ins only.
    expect(oncall.annotations?.list?.map((annotation) => annotation.name)).toEqual([
      'Annotations & Alerts',
      'Check-ins',
    ]);
  });

  test('link to each other and to the runbook', () => {
    expect(executive.links?.map((link) => link.title)).toEqual(['Runbook', 'On-call view']);
    expect(oncall.links?.map((link) => link.title)).toEqual(['Runbook', 'Executive view']);
  });

  test('MySQL KPIs get them too', () => {
    const mysql = kpiDashboards(paymentKpi({ datasource: { type: 'mysql', uid: 'orders-db' } }));
    expect(
      targetsOf(mysql[0].dashboard)
        .filter((target) => target.rawSql)
        .map((target) => target.datasource)
    ).toEqual(Array(4).fill({ type: 'mysql', uid: '${datasource}' }));
  });
});

describe('the executive view of a value KPI over SQL', () => {
  const HOUR_MS = 3_600_000;

  test('a summed query over a month is the Northstar panel’s value view of the KPI’s own SQL, at the app’s 1h step', () => {
    const [file] = valueKpiDashboards(revenueKpi());
    expect(validateDashboard(file.dashboard)).toEqual([]);
    const tile = panel(file.dashboard, 'Shop revenue vs target');
    expect(tile.type).toBe(NORTHSTAR_PANEL_TYPE);
    expect(tile.options).toMatchObject({ view: 'stat', kpiId: 'revenue', source: 'catalog', queries: 'kpi' });
    expect(tile.targets).toEqual([
      {
        refId: 'A',
        datasource: PICKED_POSTGRES,
        rawSql: bucketed('sum(total_dollars) AS revenue', 'shop.orders'),
        format: 'time_series',
        editorMode: 'code',
      },
    ]);
    // Two 31-day months and a day: 1,512 hours; 30m would be 3,024 points, past the app's 2,000.
    expect([tile.interval, tile.maxDataPoints, tile.timeFrom]).toEqual(['1h', 1512, '63d']);
    expect(valueQueryStep(revenueKpi().objective.window, Date.UTC(2026, 6, 15))?.stepMs).toBe(HOUR_MS);
    expect(panelsOf(file.dashboard).some((candidate) => candidate.type === 'stat')).toBe(false);
    expect(panel(file.dashboard, 'Not on this dashboard').options).toEqual({
      mode: 'markdown',
      content: sqlValueLeftOutNote(false),
    });
    expect(sqlValueLeftOutNote(false)).not.toContain('change');
  });

  test('a ratio reads the numerator as A and the denominator as B over 28 days and the 28 before', () => {
    const [file] = valueKpiDashboards(mttrKpi());
    const tile = panel(file.dashboard, 'Shop mttr vs target');
    expect(tile.type).toBe(NORTHSTAR_PANEL_TYPE);
    expect(tile.targets.map((target) => [target.refId, target.rawSql])).toEqual([
      ['A', bucketed('sum(extract(epoch FROM resolved_at - started_at)) AS repair', 'shop.incidents', 'resolved_at')],
      ['B', bucketed('count(*) AS resolved', 'shop.incidents', 'resolved_at')],
    ]);
    // 57 days of hours is 1,368 points.
    expect([tile.interval, tile.maxDataPoints, tile.timeFrom]).toEqual(['1h', 1368, '57d']);
    expect(panel(file.dashboard, 'Shop mttr per bucket').targets.map((target) => target.refId)).toEqual(['A', 'B']);
  });

  test('a Berlin quarter, whose step changes with summer time, keeps the stat of the quarter so far', () => {
    const [file] = valueKpiDashboards(inZone(revenueKpi(), 'quarter', 'Europe/Berlin'));
    expect(validateDashboard(file.dashboard)).toEqual([]);
    const stat = panel(file.dashboard, 'Shop revenue vs target');
    expect(stat.type).toBe('stat');
    expect(stat.timeFrom).toBe('now/fQ');
    expect(stat.targets.map((target) => [target.refId, target.type ?? 'sql', target.reducer, target.hide])).toEqual([
      ['A', 'sql', undefined, true],
      ['VALUE', 'reduce', 'sum', false],
    ]);
    expect(stat.fieldConfig?.defaults.unit).toBe('currencyUSD');
    expect(stat.fieldConfig?.defaults.thresholds?.steps).toEqual([
      { color: 'red', value: null },
      { color: 'orange', value: 29_500_000 },
      { color: 'green', value: 31_500_000 },
    ]);
    expect((panel(file.dashboard, 'Not on this dashboard').options as { content: string }).content).toBe(
      sqlValueLeftOutNote(true)
    );
    expect(sqlValueLeftOutNote(true)).toContain('the change against the previous period');
  });

  test('a Kathmandu month keeps the stat: its midnight (18:15 UTC) splits SQL’s hourly buckets, counted from UTC', () => {
    const kathmandu = inZone(revenueKpi(), 'month', 'Asia/Kathmandu');
    // Prometheus aligns its hourly steps on Kathmandu's midnights, so the PromQL view has its Query options.
    expect(valueQueryStep(kathmandu.objective.window, Date.UTC(2026, 6, 15))?.stepMs).toBe(HOUR_MS);
    const [file] = valueKpiDashboards(kathmandu);
    expect(panel(file.dashboard, 'Shop revenue vs target').type).toBe('stat');
    // A whole-hour zone's midnights are on the buckets all year, summer time or not.
    const [berlin] = valueKpiDashboards(inZone(revenueKpi(), 'month', 'Europe/Berlin'));
    expect(panel(berlin.dashboard, 'Shop revenue vs target').type).toBe(NORTHSTAR_PANEL_TYPE);
  });

  test('a ratio’s stat is Σ numerator over Σ denominator by server-side expressions, lower is better', () => {
    const [file] = valueKpiDashboards(inZone(mttrKpi(), 'quarter', 'Europe/Berlin'));
    const stat = panel(file.dashboard, 'Shop mttr vs target');
    expect(stat.targets.map((target) => [target.refId, target.expression, target.reducer])).toEqual([
      ['A', undefined, undefined],
      ['B', undefined, undefined],
      ['SA', 'A', 'sum'],
      ['SB', 'B', 'sum'],
      ['VALUE', '$SA / $SB', undefined],
    ]);
    expect(stat.fieldConfig?.defaults.thresholds?.steps).toEqual([
      { color: 'green', value: null },
      { color: 'orange', value: 14_400 },
      { color: 'red', value: 28_800 },
    ]);
  });
});

describe('a catalog with SQL KPIs', () => {
  const promql = checkoutKpi();
  const conversion = checkoutConversionKpi();
  const files = catalogDashboards([promql, paymentKpi(), revenueKpi(), conversion]);
  const overview = files[0].dashboard;
  const POSTGRES = { type: 'grafana-postgresql-datasource', uid: 'postgres' };
  const PICKED_PROMETHEUS = { type: 'prometheus', uid: '${datasource}' };

  test('keeps its PromQL overviews and adds each SQL KPI’s own dashboards', () => {
    expect(files.map((file) => file.file)).toEqual([
      'executive.json',
      'oncall.json',
      'checkout-availability.oncall.json',
      'checkout-availability.debug.json',
      'payment-success.executive.json',
      'payment-success.oncall.json',
      'revenue.executive.json',
    ]);
    files.forEach((file) => expect(validateDashboard(file.dashboard)).toEqual([]));
  });

  test('the executive overview gives a SQL value KPI its value tile and SQL per bucket, without heatmap or trend', () => {
    expect(rowsOf(overview)).toEqual([
      ['Business KPIs: status per day', ['Business KPIs: status per day']],
      ['Shop revenue · owner team-growth', ['Shop revenue vs target', 'Shop revenue per bucket']],
      [
        'Checkout conversion · owner team-growth',
        ['Checkout conversion vs target', 'Checkout conversion: trend vs target'],
      ],
      [
        'Risk: burn rate per day',
        ['Burn rate per KPI and day', 'KPI alerts firing', 'Not on this dashboard for SQL KPIs'],
      ],
      [
        `${promql.name} · owner ${promql.owner}`,
        [`${promql.name} vs target`, `${promql.name}: trend vs target`, 'SLI vs previous period'],
      ],
      [
        'Payment success · owner team-payments',
        ['Payment success vs target', 'Payment success: SLI per bucket vs target'],
      ],
    ]);
    const tile = panel(overview, 'Shop revenue vs target');
    expect(tile.type).toBe(NORTHSTAR_PANEL_TYPE);
    expect(tile.options).toMatchObject({ view: 'stat', kpiId: 'revenue', queries: 'kpi' });
    // The picker is Prometheus's, for the PromQL KPIs; the SQL KPIs keep their own data source.
    expect(overview.templating?.list?.find((variable) => variable.name === 'datasource')?.query).toBe('prometheus');
    expect(tile.targets.map((target) => [target.refId, target.datasource, target.rawSql])).toEqual([
      ['A', POSTGRES, bucketed('sum(total_dollars) AS revenue', 'shop.orders')],
    ]);
    // The same Query options as on the KPI's own dashboard, so both read the catalog row's number.
    expect([tile.interval, tile.maxDataPoints, tile.timeFrom]).toEqual(['1h', 1512, '63d']);
    expect(tile.gridPos).toMatchObject({ w: 11, h: 7 });
    expect(panel(overview, 'Shop revenue per bucket').targets.map((target) => target.datasource)).toEqual([POSTGRES]);
    // The tile is the KPI's own executive tile but for its place and the data source it names.
    const own = panel(
      files.find((file) => file.file === 'revenue.executive.json')!.dashboard,
      'Shop revenue vs target'
    );
    const placeless = ({ id, gridPos, datasource, targets, ...rest }: Panel & { targets: AnyTarget[] }) => ({
      ...rest,
      targets: targets.map((target) => ({ ...target, datasource: undefined })),
    });
    expect(placeless(tile)).toEqual(placeless(own));
    expect(own.datasource).toEqual(PICKED_POSTGRES);
  });

  test('the heatmaps are PromQL: SQL KPIs are not in their queries, and the note says what they leave out', () => {
    const heatmaps = panelsOf(overview).filter((candidate) => candidate.type === 'status-history');
    expect(heatmaps.map((heatmap) => (heatmap.targets ?? []).map((target) => target.datasource))).toEqual([
      [PICKED_PROMETHEUS],
      [PICKED_PROMETHEUS],
    ]);
    expect(
      heatmaps.flatMap((heatmap) => (heatmap.targets ?? []).map((target) => (target as AnyTarget).legendFormat))
    ).toEqual(['Checkout conversion', promql.name]);
    expect(panel(overview, 'Not on this dashboard for SQL KPIs').options).toEqual({
      mode: 'markdown',
      content: SQL_OVERVIEW_NOTE,
    });
  });

  test('a SQL SLO on the overview is its Northstar stat and SLI per bucket, both on its own data source', () => {
    const stat = panel(overview, 'Payment success vs target');
    expect(stat.type).toBe(NORTHSTAR_PANEL_TYPE);
    expect(stat.targets.map((target) => [target.refId, target.datasource, target.rawSql])).toEqual([
      ['A', POSTGRES, PAID_PAYMENTS_SQL],
      ['B', POSTGRES, ALL_PAYMENTS_SQL],
    ]);
    const perBucket = panel(overview, 'Payment success: SLI per bucket vs target');
    expect(perBucket.targets.map((target) => [target.refId, target.datasource])).toEqual([
      ['A', POSTGRES],
      ['B', POSTGRES],
      ['SLI', EXPRESSION_DATASOURCE],
    ]);
  });

  test('a catalog of SQL KPIs alone has an overview on a PostgreSQL picker with no PromQL in it', () => {
    const sqlOnly = catalogDashboards([paymentKpi(), revenueKpi(), inZone(mttrKpi(), 'quarter', 'Europe/Berlin')]);
    expect(sqlOnly.map((file) => file.file)).toEqual([
      'executive.json',
      'payment-success.executive.json',
      'payment-success.oncall.json',
      'revenue.executive.json',
      'mttr.executive.json',
    ]);
    const [{ dashboard }] = sqlOnly;
    expect(validateDashboard(dashboard)).toEqual([]);
    expect(dashboard.templating?.list?.find((variable) => variable.name === 'datasource')?.query).toBe(
      'grafana-postgresql-datasource'
    );
    expect(targetsOf(dashboard).every((target) => !('expr' in target))).toBe(true);
    expect(dashboard.annotations?.list ?? []).not.toContainEqual(expect.objectContaining({ name: 'Maintenance' }));
    expect(panelsOf(dashboard).some((candidate) => candidate.type === 'status-history')).toBe(false);
    // A Berlin quarter has no lasting Query options: its overview tile is the stat of the quarter so far.
    const mttr = panel(dashboard, 'Shop mttr vs target');
    expect([mttr.type, mttr.timeFrom, mttr.gridPos?.w]).toEqual(['stat', 'now/fQ', 11]);
    expect(panel(dashboard, 'Shop revenue vs target').targets[0].datasource).toEqual(PICKED_POSTGRES);
  });

  test('one SQL KPI alone has no overview: its own executive dashboard is it', () => {
    expect(catalogDashboards([revenueKpi()]).map((file) => file.file)).toEqual(['revenue.executive.json']);
  });

  test('a composite with a SQL member has no dashboards, naming the member', () => {
    const journey = compositeKpi({ 'checkout-availability': 1, 'payment-success': 1 });
    expect(compositeDashboardProblem(journey, [promql, paymentKpi(), journey])).toBe(
      'KPI journey: its member KPI payment-success: datasource.type "grafana-postgresql-datasource": a ' +
        "composite's dashboards read its members in PromQL"
    );
  });

  test('a data source type with neither PromQL nor SQL is still refused, naming the KPI', () => {
    const influx = paymentKpi({ datasource: { type: 'influxdb', uid: 'influx' } });
    expect(() => kpiDashboards(influx)).toThrow(DashboardGenerationError);
    expect(() => kpiDashboards(influx)).toThrow('KPI payment-success: datasource.type "influxdb"');
  });
});
