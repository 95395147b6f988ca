import type { Panel, RowPanel } from '@grafana/schema';
import { compositeKpi } from '../testing/compositeKpi';
import type { CompositeKpiDefinition, RatioIndicator } from '../kpi/model';
import { buildCompositeDebugDashboard, buildDebugDashboard, logStreamSelector } from './debug';
import { buildExecutiveDashboard } from './executive';
import { buildOnCallDashboard, DEFAULT_DEPLOYMENTS_QUERY } from './oncall';
import { buildCatalogOnCallDashboard } from './oncallCatalog';
import { buildCompositeOnCallDashboard } from './oncallComposite';
import { latencyKpi, perRouteKpi, ratioKpi } from '../testing/dashboardKpis';
import { recordedWorstInstancesExpr } from '../kpi/promql';
import { NORTHSTAR_PANEL_TYPE } from './panels';
import { validateDashboard } from './validateDashboard';

const panelsOf = (dashboard: { panels?: Array<Panel | RowPanel> }) => (dashboard.panels ?? []) as Panel[];
const ofType = (dashboard: { panels?: Array<Panel | RowPanel> }, type: string) =>
  panelsOf(dashboard).filter((panel) => panel.type === type);
const variableNames = (dashboard: { templating?: { list?: Array<{ name: string }> } }) =>
  (dashboard.templating?.list ?? []).map((variable) => variable.name);

describe('executive dashboard', () => {
  const kpis = [ratioKpi(), latencyKpi()];
  const dashboard = buildExecutiveDashboard(kpis);

  test('one overview for several KPIs, with data source, KPI and window variables', () => {
    expect(dashboard.uid).toBe('nsk-executive');
    expect(variableNames(dashboard)).toEqual(['datasource', 'kpi', 'window']);
  });

  test('a row per KPI titled with its name and owner, as plain text', () => {
    expect(ofType(dashboard, 'row').map((row) => row.title)).toEqual([
      'Risk: burn rate per day',
      'Checkout availability · owner team-payments',
      'Search p95 latency · owner team-search',
    ]);
  });

  test('the Northstar panel per KPI over its SLO window, reading the KPI from the catalog', () => {
    const northstar = ofType(dashboard, 'northstar-kpi-panel');
    expect(northstar.map((panel) => [panel.options?.kpiId, panel.options?.view, panel.timeFrom])).toEqual([
      ['checkout-availability', 'stat', '28d'],
      ['search-latency', 'stat', '7d'],
    ]);
    expect(northstar[0].targets?.map((target) => target.refId)).toEqual(['A', 'B']);
  });

  test('the risk heatmap has one row per KPI: its daily burn rate, coloured from 1 (budget pace) up', () => {
    const [risk] = ofType(dashboard, 'status-history');
    expect(risk.targets?.map((target) => target.legendFormat)).toEqual(['Checkout availability', 'Search p95 latency']);
    expect(risk.interval).toBe('1d');
    expect(risk.fieldConfig?.defaults.thresholds?.steps.map((step) => step.value)).toEqual([null, 1, 3]);
  });

  test('trend lines against the target, and the change against the previous period of the same length', () => {
    const trend = ofType(dashboard, 'timeseries')[0];
    expect(trend.targets?.map((target) => target.expr)).toEqual([
      expect.stringContaining('[$window]'),
      'vector(0.999)',
    ]);
    const delta = ofType(dashboard, 'stat')[0];
    expect(delta.targets?.[0].expr).toContain('offset $__range');
  });

  test('for one KPI the uid comes from the KPI and the default range covers its SLO window', () => {
    const single = buildExecutiveDashboard([latencyKpi()]);
    expect(single.uid).toBe('nsk-search-latency-executive');
    expect(single.time).toEqual({ from: 'now-7d', to: 'now' });
  });

  test('a KPI on another data source keeps its own, the others follow the picker', () => {
    const mixed = buildExecutiveDashboard([ratioKpi(), latencyKpi({ datasource: { type: 'prometheus', uid: 'us' } })]);
    const northstar = ofType(mixed, 'northstar-kpi-panel');
    expect(northstar.map((panel) => panel.datasource?.uid)).toEqual(['${datasource}', 'us']);
  });
});

describe('executive dashboard with a composite', () => {
  const journey: CompositeKpiDefinition = compositeKpi(
    { 'checkout-availability': 1, 'search-latency': 3 },
    { owner: 'team-journeys', objective: { target: 0.99, window: '7d' } }
  );
  const kpis = [ratioKpi(), latencyKpi({ datasource: { type: 'prometheus', uid: 'prom-us' } })];
  const dashboard = buildExecutiveDashboard(kpis, { composites: [journey], catalog: [...kpis, journey] });

  test("a row of its own with one Northstar panel that queries each member's own queries under m<i>- refIds", () => {
    expect(ofType(dashboard, 'row').map((row) => row.title)).toContain(
      'Journey · owner team-journeys · composite of 2'
    );
    const panel = ofType(dashboard, 'northstar-kpi-panel').find((p) => p.options?.kpiId === 'journey')!;
    expect(panel.datasource).toEqual({ type: 'datasource', uid: '-- Mixed --' });
    expect(panel.timeFrom).toBe('7d');
    const targets = (panel.targets ?? []) as Array<{ refId: string; expr: string; datasource: { uid: string } }>;
    expect(targets.map((t) => [t.refId, t.datasource.uid])).toEqual([
      ['m0-good', '${datasource}'],
      ['m0-total', '${datasource}'],
      // The latency member lives on another data source and keeps it.
      ['m1-value', 'prom-us'],
      // Over 7d its 1m slices are 10,080 points, above the 10,000 a range asks for: read at 2m, its 5m window is
      // off that grid and comes as instant counts.
      ['m1-good@5m', 'prom-us'],
      ['m1-total@5m', 'prom-us'],
    ]);
    expect(targets[2].expr).toBe(
      'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job="search"}[$__rate_interval])))'
    );
    expect(variableNames(dashboard)).toEqual(['datasource', 'kpi', 'window']);
    expect(validateDashboard(dashboard)).toEqual([]);
  });

  test('a composite whose member is missing is an error naming it, not a broken panel', () => {
    expect(() =>
      buildExecutiveDashboard([ratioKpi()], { composites: [journey], catalog: [ratioKpi(), journey] })
    ).toThrow('the executive dashboard cannot show composite journey');
  });
});

describe('executive dashboard of a calendar KPI', () => {
  const monthly = ratioKpi({ objective: { target: 0.999, window: { calendar: 'month', timeZone: 'Europe/Berlin' } } });
  const dashboard = buildExecutiveDashboard([monthly]);

  test('its Northstar panel reaches back two of the longest months, and the equal-length delta is left out', () => {
    const [northstar] = ofType(dashboard, 'northstar-kpi-panel');
    // 2 × (31d + 1h) = 62d 2h, which Grafana only reads as one unit: 63d. At 5m that is 18,144 points: 10m steps.
    expect(northstar.timeFrom).toBe('63d');
    expect((northstar.targets ?? []).map((t) => [t.refId, (t as { interval?: string }).interval])).toEqual([
      ['A', '10m'],
      ['B', '10m'],
      ['good@5m', undefined],
      ['total@5m', undefined],
    ]);
    expect(panelsOf(dashboard).map((panel) => panel.title)).not.toContain('SLI vs previous period');
    expect(northstar.gridPos?.w).toBe(14);
    expect(validateDashboard(dashboard)).toEqual([]);
  });

  test('the dashboard range is one unit too: the longest month, 31d 1h, reads 32d', () => {
    expect(dashboard.time?.from).toBe('now-32d');
  });
});

describe('on-call view of every KPI', () => {
  const dashboard = buildCatalogOnCallDashboard([ratioKpi(), latencyKpi()]);
  const json = JSON.stringify(dashboard);

  test('one dashboard for the catalog, whose KPI variable lists the KPIs with recorded series', () => {
    expect(dashboard.uid).toBe('nsk-oncall');
    const kpi = dashboard.templating?.list?.find((variable) => variable.name === 'kpi');
    expect(kpi).toMatchObject({
      type: 'query',
      datasource: { type: 'prometheus', uid: '${datasource}' },
      query: { query: 'label_values(northstar:kpi_objective:ratio, kpi_id)' },
      current: { value: 'checkout-availability' },
    });
  });

  test('its Northstar panels take the KPI from the variable and read the records of that KPI', () => {
    const northstar = ofType(dashboard, 'northstar-kpi-panel');
    expect(northstar.map((panel) => [panel.options?.kpiId, panel.options?.queries, panel.timeFrom])).toEqual([
      ['${kpi}', 'recorded', '28d'],
      ['${kpi}', 'recorded', '28d'],
    ]);
    for (const panel of northstar) {
      expect(panel.targets?.map((target) => [target.refId, target.expr])).toEqual([
        ['A', expect.stringContaining('northstar:kpi_good:rate.+",kpi_id="${kpi:percentencode}"')],
        ['B', expect.stringContaining('northstar:kpi_total:rate.+",kpi_id="${kpi:percentencode}"')],
      ]);
    }
  });

  test('nothing in it belongs to one KPI: no KPI query, and a new KPI needs no new dashboard', () => {
    expect(json).not.toContain('http_requests_total');
    expect(json).not.toContain('http_request_duration_seconds');
    expect(buildCatalogOnCallDashboard([ratioKpi(), latencyKpi(), { ...ratioKpi(), id: 'new-kpi' }]).panels).toEqual(
      dashboard.panels
    );
  });

  test('SLI and target from the records, the alerts of the chosen KPI, a link to its page in the app', () => {
    const [sli] = ofType(dashboard, 'timeseries');
    expect(sli.targets?.map((target) => target.expr)).toEqual([
      expect.stringContaining('[$window]'),
      'max(northstar:kpi_objective:ratio{kpi_id="${kpi:percentencode}"})',
    ]);
    const [alerts] = ofType(dashboard, 'alertlist');
    expect(alerts.options?.alertInstanceLabelFilter).toBe('{kpi_id="$kpi"}');
    expect(dashboard.links?.map((link) => link.url)).toEqual(['/a/northstar-kpi-app/kpi/${kpi}']);
    expect(validateDashboard(dashboard)).toEqual([]);
  });

  test("the picked KPI's ten lowest instances over $window, per label set of its records, as a table", () => {
    const [worst] = ofType(dashboard, 'table');
    expect(worst.title).toBe('Lowest SLI over $window, per instance');
    expect(worst.targets).toEqual([
      expect.objectContaining({
        instant: true,
        format: 'table',
        expr: recordedWorstInstancesExpr('kpi_id="${kpi:percentencode}"', '$window', 10),
      }),
    ]);
  });
});

describe('on-call dashboard', () => {
  const kpi = ratioKpi();
  const dashboard = buildOnCallDashboard(kpi);

  test('burn-rate table and budget burndown of the Northstar panel for the KPI', () => {
    expect(ofType(dashboard, 'northstar-kpi-panel').map((panel) => panel.options?.view)).toEqual([
      'burn-rate-table',
      'budget-burndown',
    ]);
  });

  test('a 90d KPI: its range pinned to 15m steps, and the 5m window, off that grid, read as two instant counts', () => {
    // 90d at 5m is 25,920 points a series, above Prometheus' 11,000 (rangeStepMs makes it 15m).
    const long = buildOnCallDashboard(ratioKpi({ objective: { target: 0.999, window: '90d' } }));
    const [burnRate] = ofType(long, 'northstar-kpi-panel');
    const targets = (burnRate.targets ?? []) as Array<Record<string, unknown>>;
    expect(targets.map((t) => [t.refId, t.range, t.instant ?? false, t.interval])).toEqual([
      ['A', true, false, '15m'],
      ['B', true, false, '15m'],
      ['good@5m', false, true, undefined],
      ['total@5m', false, true, undefined],
    ]);
    expect(targets[3].expr).toBe('(sum(rate(http_requests_total{job="checkout",route=~"/api/.*"}[5m]))) * 300');
    expect(validateDashboard(long)).toEqual([]);
  });

  test('the firing alerts of the KPI, filtered by its kpi_id label', () => {
    const [alerts] = ofType(dashboard, 'alertlist');
    expect(alerts.options?.alertInstanceLabelFilter).toBe('{kpi_id="$kpi"}');
  });

  test('the window variable offers the windows the KPI is judged over', () => {
    const window = dashboard.templating?.list?.find((variable) => variable.name === 'window');
    expect(window?.query).toBe('5m,30m,1h,2h,6h,1d,3d,28d');
    expect(window?.current?.value).toBe('1h');
  });

  test('deploys come as annotations from the KPI’s data source', () => {
    const deploys = dashboard.annotations?.list?.find((annotation) => annotation.name === 'Deploys');
    expect(deploys?.datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
    expect(deploys?.target).toMatchObject({ expr: DEFAULT_DEPLOYMENTS_QUERY });
    const custom = buildOnCallDashboard(kpi, { deploymentsQuery: 'changes(build_info[1m]) > 0' });
    expect(custom.annotations?.list?.find((a) => a.name === 'Deploys')?.target).toMatchObject({
      expr: 'changes(build_info[1m]) > 0',
    });
  });

  test('links to the runbook, the on-call view of every KPI and the debug dashboard', () => {
    expect(dashboard.links?.map((link) => [link.title, link.url])).toEqual([
      ['Runbook', 'https://runbooks.example.com/checkout'],
      ['Every KPI', '/d/nsk-oncall?var-datasource=${datasource}&var-kpi=${kpi}'],
      ['Debug', '/d/nsk-checkout-availability-debug?var-datasource=${datasource}&var-kpi=${kpi}'],
      ['Executive view', '/d/nsk-checkout-availability-executive?var-datasource=${datasource}&var-kpi=${kpi}'],
    ]);
  });

  test.each(['javascript:alert(1)', 'ftp://example.com/runbook', 'not a url'])(
    'a runbook link %s is left out: only http and https are links',
    (runbook) => {
      const links = buildOnCallDashboard(ratioKpi({ links: { runbook } })).links ?? [];
      expect(links.map((link) => link.title)).not.toContain('Runbook');
    }
  );
});

describe('debug dashboard', () => {
  test('a request KPI: raw queries with an Explore link, error ratio by each filtered label, no heatmap', () => {
    const dashboard = buildDebugDashboard(ratioKpi());
    const raw = ofType(dashboard, 'timeseries')[0];
    expect(raw.targets?.map((target) => target.expr)).toEqual([
      (ratioKpi().indicator as { good: string }).good,
      (ratioKpi().indicator as { total: string }).total,
    ]);
    expect(raw.links?.[0].url).toMatch(/^\/explore\?schemaVersion=1&panes=/);
    expect(ofType(dashboard, 'timeseries').map((panel) => panel.title)).toEqual([
      'Good and total events per second',
      'Error ratio by code',
      'Error ratio by route',
    ]);
    expect(ofType(dashboard, 'heatmap')).toEqual([]);
  });

  test('a latency KPI gets a heatmap of its histogram and no breakdown, having no label to break down by', () => {
    const dashboard = buildDebugDashboard(latencyKpi());
    const [heatmap] = ofType(dashboard, 'heatmap');
    expect(heatmap.targets?.[0]).toMatchObject({
      expr: 'sum by (le) (rate(http_request_duration_seconds_bucket{job="search"}[$__rate_interval]))',
      format: 'heatmap',
    });
    expect(ofType(dashboard, 'row').map((row) => row.title)).toEqual(['Latency']);
  });

  test('logs only when the builder is told a Loki exists, on the loki variable, for the pinned labels', () => {
    expect(ofType(buildDebugDashboard(ratioKpi()), 'logs')).toEqual([]);
    const withLoki = buildDebugDashboard(ratioKpi(), { loki: { uid: 'loki-1' } });
    const [logs] = ofType(withLoki, 'logs');
    expect(logs.datasource).toEqual({ type: 'loki', uid: '${loki}' });
    expect(logs.targets?.[0].expr).toBe('{job="checkout"}');
    expect(variableNames(withLoki)).toEqual(['datasource', 'kpi', 'window', 'loki']);
  });

  test('queries that pin no label give no log stream selector (Loki needs one)', () => {
    const kpi = ratioKpi({
      indicator: { type: 'ratio', good: 'sum(rate(ok_total[5m]))', total: 'sum(rate(all_total[5m]))' },
    });
    expect(logStreamSelector(kpi)).toBeUndefined();
    expect(ofType(buildDebugDashboard(kpi, { loki: { uid: 'l' } }), 'logs')).toEqual([]);
  });

  test('a KPI whose queries have no labels still gets a sound debug dashboard, without the breakdown', () => {
    const kpi = ratioKpi({
      indicator: { type: 'ratio', good: 'sum(rate(ok_total[5m]))', total: 'sum(rate(all_total[5m]))' },
    });
    const dashboard = buildDebugDashboard(kpi);
    expect(validateDashboard(dashboard)).toEqual([]);
    expect(ofType(dashboard, 'row')).toEqual([]);
    expect(ofType(dashboard, 'timeseries').map((panel) => panel.title)).toEqual(['Good and total events per second']);
  });

  test('catalog text lands in titles as it is, never as markup', () => {
    const name = '<img src=x onerror=alert(1)> **bold**';
    const dashboard = buildDebugDashboard(ratioKpi({ name }));
    expect(dashboard.title).toBe(`${name}: debug`);
    expect(ofType(dashboard, 'text')).toEqual([]);
  });
});

describe('per-label KPIs (indicator.groupBy)', () => {
  const kpi = perRouteKpi();
  const targetsOf = (panel: Panel) => (panel.targets ?? []).map((target) => (target as { expr?: string }).expr);

  test('the on-call dashboard gets a route variable from the total query counter, All by default', () => {
    const dashboard = buildOnCallDashboard(kpi);
    expect(variableNames(dashboard)).toEqual(['datasource', 'kpi', 'window', 'route']);
    const route = dashboard.templating?.list?.find((variable) => variable.name === 'route');
    expect(route).toMatchObject({
      type: 'query',
      query: { query: 'label_values(http_requests_total{job="checkout"}, route)' },
      multi: true,
      includeAll: true,
      allValue: '.*',
    });
    expect(validateDashboard(dashboard)).toEqual([]);
  });

  test('its SLI per route follows the variable, the user queries kept as written', () => {
    const dashboard = buildOnCallDashboard(kpi);
    const perRoute = panelsOf(dashboard).find((panel) => panel.title === 'SLI per route over $window')!;
    expect(targetsOf(perRoute)[0]).toBe(
      '(((sum by (route) (rate(http_requests_total{job="checkout",code!~"5.."}[$window]))) or ' +
        '((sum by (route) (rate(http_requests_total{job="checkout"}[$window]))) * 0)) / ' +
        '(sum by (route) (rate(http_requests_total{job="checkout"}[$window])))) and on (route) ' +
        'group by (route) (present_over_time(http_requests_total{job="checkout",route=~"${route}"}[$window]))'
    );
  });

  test('every on-call panel with the KPI numbers reads the routes the variable picks', () => {
    const dashboard = buildOnCallDashboard(kpi);
    const [burnRates, burndown] = ofType(dashboard, NORTHSTAR_PANEL_TYPE);
    const filter = (range: string) =>
      ` and on (route) group by (route) (present_over_time(http_requests_total{job="checkout",route=~"\${route}"}[${range}]))`;
    for (const panel of [burnRates, burndown]) {
      // The panel's own good and total, each limited to the picked routes over the step's rate interval.
      expect(targetsOf(panel)).toEqual([
        `(${(kpi.indicator as RatioIndicator).good})${filter('$__rate_interval')}`,
        `(${(kpi.indicator as RatioIndicator).total})${filter('$__rate_interval')}`,
      ]);
    }
    const sli = panelsOf(dashboard).find((panel) => panel.title === 'SLI over $window vs target')!;
    expect(targetsOf(sli)[0]).toBe(
      'sum(((sum by (route) (rate(http_requests_total{job="checkout",code!~"5.."}[$window]))) or ' +
        `((sum by (route) (rate(http_requests_total{job="checkout"}[$window]))) * 0))${filter('$window')}) / ` +
        `sum((sum by (route) (rate(http_requests_total{job="checkout"}[$window])))${filter('$window')})`
    );
  });

  test('its alert list shows the alerts of the picked routes, every route for All', () => {
    const [alerts] = ofType(buildOnCallDashboard(kpi), 'alertlist');
    expect(alerts.options?.alertInstanceLabelFilter).toBe('{kpi_id="$kpi",route=~"${route:regex}"}');
  });

  test('a 90d per-label KPI reads its off-grid windows per picked route too', () => {
    const dashboard = buildOnCallDashboard(perRouteKpi({ objective: { target: 0.999, window: '90d' } }));
    const [burnRates] = ofType(dashboard, NORTHSTAR_PANEL_TYPE);
    const counts = (burnRates.targets ?? []).filter((target) => (target as { instant?: boolean }).instant);
    expect(counts.map((target) => target.refId)).toEqual(['good@5m', 'total@5m']);
    expect(targetsOf({ ...burnRates, targets: counts })[1]).toBe(
      '((sum by (route) (rate(http_requests_total{job="checkout"}[5m]))) * 300) and on (route) group by (route) ' +
        '(present_over_time(http_requests_total{job="checkout",route=~"${route}"}[5m]))'
    );
  });

  test('the executive view sums the routes for the trend and names the five worst', () => {
    const dashboard = buildExecutiveDashboard([kpi]);
    const [trend] = ofType(dashboard, 'timeseries');
    expect(targetsOf(trend)[0]).toBe(
      'sum((sum by (route) (rate(http_requests_total{job="checkout",code!~"5.."}[$window]))) or ' +
        '((sum by (route) (rate(http_requests_total{job="checkout"}[$window]))) * 0)) / ' +
        'sum(sum by (route) (rate(http_requests_total{job="checkout"}[$window])))'
    );
    const [worst] = ofType(dashboard, 'bargauge');
    expect(worst.title).toBe('Checkout per route: worst route');
    // Unfiltered: the executive view has no route variable.
    expect(targetsOf(worst)[0]).toBe(
      'bottomk(5, ((sum by (route) (rate(http_requests_total{job="checkout",code!~"5.."}[$__range]))) or ' +
        '((sum by (route) (rate(http_requests_total{job="checkout"}[$__range]))) * 0)) / ' +
        '(sum by (route) (rate(http_requests_total{job="checkout"}[$__range]))))'
    );
    expect(validateDashboard(dashboard)).toEqual([]);
  });

  test('a KPI evaluated as one gets neither', () => {
    expect(variableNames(buildOnCallDashboard(ratioKpi()))).toEqual(['datasource', 'kpi', 'window']);
    expect(ofType(buildExecutiveDashboard([ratioKpi()]), 'bargauge')).toEqual([]);
  });
});

describe('dashboards of a composite', () => {
  // Checkout (weight 1, on the picker's data source) and search latency (weight 3, on prom-us) make the journey.
  const checkout = ratioKpi({
    maintenance: [{ start: '2026-11-20T02:00:00Z', end: '2026-11-20T04:00:00Z', reason: 'db upgrade' }],
  });
  const search = latencyKpi({ datasource: { type: 'prometheus', uid: 'prom-us' } });
  const journey: CompositeKpiDefinition = compositeKpi(
    { 'checkout-availability': 1, 'search-latency': 3 },
    {
      objective: { target: 0.99, window: '28d' },
      links: { runbook: 'https://runbooks.example.com/journey' },
      maintenance: [{ start: '2026-11-21T02:00:00Z', end: '2026-11-21T03:00:00Z', reason: 'cdn switch' }],
    }
  );
  const members = [
    { kpi: checkout, weight: 1 },
    { kpi: search, weight: 3 },
  ];
  const oncall = buildCompositeOnCallDashboard(journey, members);
  const debug = buildCompositeDebugDashboard(journey, members);
  const targetsOf = (panel: Panel) =>
    (panel.targets ?? []) as Array<{ refId: string; expr: string; datasource: { uid: string } }>;

  test('on-call: uid from the composite id, sound, the composite read from its members in two views', () => {
    expect(oncall.uid).toBe('nsk-journey-oncall');
    expect(validateDashboard(oncall)).toEqual([]);
    const composite = ofType(oncall, 'northstar-kpi-panel').filter((panel) => panel.options?.kpiId === 'journey');
    expect(composite.map((panel) => panel.options?.view)).toEqual(['burn-rate-table', 'stat']);
    expect(composite[0].datasource).toEqual({ type: 'datasource', uid: '-- Mixed --' });
    expect(targetsOf(composite[0]).map((t) => [t.refId, t.datasource.uid])).toEqual([
      ['m0-good', '${datasource}'],
      ['m0-total', '${datasource}'],
      ['m1-value', 'prom-us'],
    ]);
  });

  test("on-call: each member's own Northstar panel, titled with its weight and linking to its on-call", () => {
    const own = ofType(oncall, 'northstar-kpi-panel').filter((panel) => panel.options?.kpiId !== 'journey');
    expect(own.map((panel) => [panel.options?.kpiId, panel.title, panel.links?.[0]?.url])).toEqual([
      ['checkout-availability', 'Checkout availability · weight 1', '/d/nsk-checkout-availability-oncall'],
      ['search-latency', 'Search p95 latency · weight 3', '/d/nsk-search-latency-oncall'],
    ]);
    // Read with its own target and window: the search member's 7d, not the composite's 28d.
    expect(own[1].timeFrom).toBe('7d');
  });

  test("on-call: each member's SLI and weighted bad on its own data source, the bad stacked to 100 %", () => {
    const sli = panelsOf(oncall).find((panel) => panel.title === 'SLI of each member over $window')!;
    expect(targetsOf(sli).map((t) => [t.refId, t.datasource.uid])).toEqual([
      ['A', '${datasource}'],
      ['B', 'prom-us'],
      ['target', '${datasource}'],
    ]);
    expect(targetsOf(sli)[2].expr).toBe('vector(0.99)');
    const bad = panelsOf(oncall).find((panel) => panel.title === 'Share of the bad per member over $window')!;
    expect(targetsOf(bad).map((t) => t.expr)).toEqual([
      '1 * (1 - (((sum(rate(http_requests_total{job="checkout",code!~"5..",route=~"/api/.*"}[$window]))) or vector(0)) / (sum(rate(http_requests_total{job="checkout",route=~"/api/.*"}[$window])))))',
      expect.stringMatching(/^3 \* \(1 - \(avg_over_time\(/),
    ]);
    expect(bad.fieldConfig?.defaults.custom).toMatchObject({ stacking: { mode: 'percent' } });
  });

  test('on-call: alerts of the composite and its members; deploys of both data sources; both maintenances', () => {
    const [alerts] = ofType(oncall, 'alertlist');
    expect(alerts.options?.alertInstanceLabelFilter).toBe('{kpi_id=~"journey|checkout-availability|search-latency"}');
    const annotations = (oncall.annotations?.list ?? []).slice(2);
    expect(oncall.annotations?.list?.[1]).toMatchObject({
      name: 'Check-ins',
      target: { tags: ['northstar-check-in', 'kpi:journey'] },
    });
    expect(annotations.map((a) => [a.name, a.datasource?.uid])).toEqual([
      ['Deploys', '${datasource}'],
      ['Deploys (prom-us)', 'prom-us'],
      ['Maintenance', '${datasource}'],
    ]);
    const maintenance = (annotations[2].target as { expr?: string } | undefined)?.expr;
    expect(maintenance).toContain('"kpi_id", "journey"');
    expect(maintenance).toContain('"kpi_id", "checkout-availability"');
  });

  test("on-call links: runbook, its debug, each member's on-call with the member as the kpi variable", () => {
    expect(oncall.links?.map((link) => link.title)).toEqual([
      'Runbook',
      'Debug',
      'On-call: Checkout availability',
      'On-call: Search p95 latency',
      'Executive view',
    ]);
    expect(oncall.links?.[2].url).toBe(
      '/d/nsk-checkout-availability-oncall?var-datasource=${datasource}&var-kpi=checkout-availability'
    );
    expect(oncall.links?.[4].url).toMatch(/^\/d\/nsk-executive\?/);
  });

  test('debug: the composite, then per member a row with its panel and raw queries linking to its debug', () => {
    expect(debug.uid).toBe('nsk-journey-debug');
    expect(validateDashboard(debug)).toEqual([]);
    expect(ofType(debug, 'row').map((row) => row.title)).toEqual([
      'Checkout availability · weight 1',
      'Search p95 latency · weight 3',
    ]);
    const raw = ofType(debug, 'timeseries');
    expect(raw.map((panel) => targetsOf(panel).map((t) => t.datasource.uid))).toEqual([
      ['${datasource}', '${datasource}'],
      ['prom-us'],
    ]);
    expect(raw[1].links?.map((link) => link.url)).toContain('/d/nsk-search-latency-debug');
    expect(debug.links?.map((link) => link.url)).toEqual([
      '/d/nsk-journey-oncall?var-datasource=${datasource}&var-kpi=${kpi}',
      '/d/nsk-checkout-availability-debug?var-datasource=${datasource}&var-kpi=checkout-availability',
      '/d/nsk-search-latency-debug?var-datasource=${datasource}&var-kpi=search-latency',
    ]);
  });
});
