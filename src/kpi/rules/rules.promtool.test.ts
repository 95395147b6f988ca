/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// (jsdom, because the scaffold's jest setup needs it, but resolving packages for Node so `yaml` loads its CommonJS build)
// The generated rules run under Prometheus' own rule engine: `promtool check rules` for syntax and
// `promtool test rules` with the fixtures in testdata/promtool/, whose series have burn rates known by construction.
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { stringify } from 'yaml';

import { describeWithPromtool, runPromtool } from '../../testing/promtool';
import type { CatalogKpi, CompositeKpiDefinition, KpiDefinition, MaintenanceWindow } from '../model';
import { checkoutKpi } from '../../testing/checkoutKpi';
import { buildGrafanaAlertRuleGroups } from './grafanaAlertRules';
import { maintenanceAt } from '../time';
import { generateRuleGroups, ruleGroupsToPrometheusFile, type RuleGenerationOptions } from './rules';

const FIXTURES = join(__dirname, '..', '..', '..', 'testdata', 'promtool');
/** The name the fixtures' `rule_files` expect. */
const RULE_FILE = 'checkout-availability.rules.yml';

/** The example KPI of the fixtures: 99.9 % over 30d, so the default factors are 14.4 / 6 / 3 / 1. */
function checkoutAvailability(): KpiDefinition {
  return checkoutKpi({
    indicator: {
      good: 'sum(rate(http_requests_total{job="checkout",code!~"5.."}[$__rate_interval]))',
      total: 'sum(rate(http_requests_total{job="checkout"}[$__rate_interval]))',
    },
    objective: { target: 0.999, window: '30d' },
    links: { runbook: 'https://runbooks.example.com/checkout-availability' },
  });
}

/** A KPI whose id, name and owner need escaping in PromQL selectors and in Prometheus' alert templates. */
function awkwardlyNamed(): KpiDefinition {
  return {
    ...checkoutAvailability(),
    id: 'odd"id\\x',
    name: 'Search {{ $value }} "quoted"',
    owner: 'team-{{search}}',
    indicator: {
      type: 'ratio',
      good: 'sum(rate(http_requests_total{job="search",code!~"5.."}[$__rate_interval]))',
      total: 'sum(rate(http_requests_total{job="search"}[${__rate_interval}]))',
    },
    links: {},
  };
}

/** p95 latency below 300 ms: a threshold KPI on checkout (slices.test.yml) and a 5m-timeslice KPI on search. */
function latencyKpis(): KpiDefinition[] {
  const base = checkoutAvailability();
  const p95 = (job: string) =>
    `histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job="${job}"}[$__rate_interval])))`;
  return [
    {
      ...base,
      id: 'checkout-latency',
      name: 'Checkout latency',
      indicator: { type: 'threshold', query: p95('checkout'), comparator: '<', threshold: 0.3 },
    },
    {
      ...base,
      id: 'search-latency-slices',
      name: 'Search latency',
      indicator: { type: 'timeslice', query: p95('search'), comparator: '<=', threshold: 0.3, unit: 's', slice: '5m' },
    },
  ];
}

/** Two services with the low-traffic guard at 100 events, and the quiet one again without it (low-traffic.test.yml). */
function guardedKpis(): KpiDefinition[] {
  const base = checkoutAvailability();
  const service = (id: string, job: string, minEvents?: number): KpiDefinition => ({
    ...base,
    id,
    name: `${id} service`,
    indicator: {
      type: 'ratio',
      good: `sum(rate(http_requests_total{job="${job}",code!~"5.."}[$__rate_interval]))`,
      total: `sum(rate(http_requests_total{job="${job}"}[$__rate_interval]))`,
    },
    alerting: minEvents === undefined ? { policy: 'default' } : { policy: 'default', minEvents },
  });
  return [
    service('quiet-service', 'quiet', 100),
    service('busy-service', 'busy', 100),
    service('quiet-unguarded', 'quiet'),
  ];
}

/** Page tier named critical after 1m, ticket tier off, absent-data alert after 5m (alert-control.test.yml). */
function controlledKpi(): KpiDefinition {
  return {
    ...checkoutAvailability(),
    id: 'controlled-service',
    name: 'Controlled service',
    indicator: {
      type: 'ratio',
      good: 'sum(rate(http_requests_total{job="controlled",code!~"5.."}[$__rate_interval]))',
      total: 'sum(rate(http_requests_total{job="controlled"}[$__rate_interval]))',
    },
    alerting: {
      policy: 'default',
      page: { severity: 'critical', for: '1m' },
      ticket: { enabled: false },
      absent: { for: '5m', severity: 'warning' },
    },
  };
}

/** The same requests, with and without maintenance windows, and an absent-data alert (maintenance.test.yml). */
function maintenanceKpis(): KpiDefinition[] {
  const twin = (id: string, maintenance?: KpiDefinition['maintenance']): KpiDefinition => ({
    ...checkoutAvailability(),
    id,
    indicator: {
      type: 'ratio',
      good: 'sum(rate(http_requests_total{job="maintained",code!~"5.."}[$__rate_interval]))',
      total: 'sum(rate(http_requests_total{job="maintained"}[$__rate_interval]))',
    },
    alerting: { policy: 'default', absent: { for: '5m' } },
    ...(maintenance ? { maintenance } : {}),
  });
  return [
    twin('maintained-service', [
      { start: '1970-01-01T00:00:00Z', end: '1970-01-01T01:00:00Z', reason: 'database upgrade' },
      { cron: '30 8 * * *', duration: '1h', timeZone: 'Asia/Kolkata', reason: 'nightly reindex' },
    ]),
    twin('unmaintained-service'),
  ];
}

/** A cron in a zone that changed its offset in 1970, within promtool's clock (maintenance-dst.test.yml). */
const SANTO_DOMINGO_WINDOW: MaintenanceWindow = {
  cron: '45 23 * * *',
  duration: '1h35m',
  timeZone: 'America/Santo_Domingo',
  reason: 'nightly batch',
};
/** Rules generated in June 1970: the horizon 1969–1980 holds the change of 21 February 1970. */
const GENERATED_IN_1970_MS = Date.UTC(1970, 5, 1);

function santoDomingoKpi(): KpiDefinition {
  return { ...checkoutAvailability(), id: 'santo-domingo-batch', maintenance: [SANTO_DOMINGO_WINDOW] };
}

/** Per route (per-label.test.yml): 99.9 % over 30d, default policy, the routes kept by `sum by (route)`. */
function checkoutRoutes(): KpiDefinition {
  return {
    ...checkoutAvailability(),
    id: 'checkout-routes',
    version: 1,
    name: 'Checkout routes',
    indicator: {
      type: 'ratio',
      good: 'sum by (route) (rate(http_requests_total{job="checkout-routes",code!~"5.."}[$__rate_interval]))',
      total: 'sum by (route) (rate(http_requests_total{job="checkout-routes"}[$__rate_interval]))',
      groupBy: ['route'],
    },
  };
}

/** Members and composites of composite.test.yml: ratio KPIs per job, and four composites of them. */
function compositeKpis(): CatalogKpi[] {
  const member = (job: string): KpiDefinition => ({
    ...checkoutAvailability(),
    id: job,
    name: job,
    version: 1,
    indicator: {
      type: 'ratio',
      good: `sum(rate(http_requests_total{job="${job}",code!~"5.."}[$__rate_interval]))`,
      total: `sum(rate(http_requests_total{job="${job}"}[$__rate_interval]))`,
    },
    objective: { target: 0.99, window: '30d' },
  });
  const composite = (id: string, target: number, members: Array<[string, number]>): CompositeKpiDefinition => ({
    id,
    version: 1,
    status: 'published',
    name: id,
    owner: 'team-journeys',
    indicator: { type: 'composite', members: members.map(([kpi, weight]) => ({ kpi, weight })) },
    objective: { target, window: '30d' },
  });
  return [
    ...['browse', 'pay', 'idle', 'failing', 'ghost'].map(member),
    composite('journey', 0.99, [
      ['browse', 1],
      ['pay', 3],
    ]),
    composite('browse-or-idle', 0.99, [
      ['browse', 1],
      ['idle', 5],
    ]),
    composite('with-ghost', 0.99, [
      ['browse', 1],
      ['ghost', 1],
    ]),
    composite('burning', 0.999, [
      ['browse', 1],
      ['failing', 1],
    ]),
  ];
}

/**
 * compositeKpis() and three more for grafana-composite.test.yml: failing with an idle member of weight 5 (which
 * must drop out), failing with a member that has no series (no data, with an absent-data rule), and burning again
 * inside a maintenance window of its own for the first hour.
 */
function grafanaCompositeKpis(): CatalogKpi[] {
  const kpis = compositeKpis();
  const burning = kpis.find((kpi) => kpi.id === 'burning') as CompositeKpiDefinition;
  const composite = (id: string, target: number, members: Array<[string, number]>): CompositeKpiDefinition => ({
    ...burning,
    id,
    name: id,
    indicator: { type: 'composite', members: members.map(([kpi, weight]) => ({ kpi, weight })) },
    objective: { target, window: '30d' },
  });
  return [
    ...kpis,
    composite('failing-or-idle', 0.99, [
      ['failing', 1],
      ['idle', 5],
    ]),
    {
      ...composite('failing-with-ghost', 0.99, [
        ['failing', 1],
        ['ghost', 1],
      ]),
      alerting: { policy: 'default', absent: { for: '5m' } },
    },
    {
      ...composite('burning-maintained', 0.999, [
        ['browse', 1],
        ['failing', 1],
      ]),
      maintenance: [{ start: '1970-01-01T00:00:00Z', end: '1970-01-01T01:00:00Z', reason: 'cdn switch' }],
    },
  ];
}

function writeRuleFile(path: string, kpis: CatalogKpi[], options?: RuleGenerationOptions): void {
  const file = ruleGroupsToPrometheusFile(generateRuleGroups(kpis, options));
  writeFileSync(path, stringify(file, { lineWidth: 0 }));
}

/**
 * The Grafana-managed rules of the KPIs as Prometheus alerting rules: the same PromQL, `for` and keep-firing time
 * (promtool 2.42 knows keep_firing_for), without annotations, whose escaping Grafana and Prometheus share.
 */
function writeGrafanaQueriesAsRules(path: string, kpis: CatalogKpi[]): void {
  const groups = buildGrafanaAlertRuleGroups(kpis).map((group) => ({
    name: group.name,
    rules: group.rules.map((rule) => ({
      alert: rule.labels.burnrate_tier ? 'NorthstarKpiGrafanaBurn' : 'NorthstarKpiGrafanaAbsent',
      expr: String(rule.data[0].model.expr),
      for: rule.for,
      keep_firing_for: rule.keepFiringFor,
      labels: rule.labels,
    })),
  }));
  writeFileSync(path, stringify({ groups }, { lineWidth: 0 }));
}

const FIXTURE_CASES: Array<[string, string]> = [
  [
    'a fast burn pages within 5 minutes, with one alert per severity, even without any good series',
    'fast-burn.test.yml',
  ],
  ['a 0.5x burn fires nothing', 'within-budget.test.yml'],
  ['a 2x burn sustained for a day opens a ticket and never pages', 'slow-burn.test.yml'],
  ['after the errors stop, the page resolves in 35 minutes and the ticket in 6h04m', 'recovery.test.yml'],
  ['a threshold KPI pages two minutes after its first bad slice', 'slices.test.yml'],
  ['label values and alert text are escaped', 'escaping.test.yml'],
  ['the low-traffic guard: a 500x burn on 2 requests a minute does not page, on 200 it does', 'low-traffic.test.yml'],
  [
    'alert control: a page named critical, no ticket, and an absent-data alert once data stops',
    'alert-control.test.yml',
  ],
  [
    'per route: the failing routes page, the healthy one stays silent, each alert names its route',
    'per-label.test.yml',
  ],
  ['the Grafana rule queries page a burst at once and keep firing 5 minutes after it', 'grafana-queries.test.yml'],
  ['the Grafana rule queries of a per-label KPI page per route', 'grafana-per-label.test.yml'],
  ['the Grafana absent-data rule fires 5 minutes after the KPI query stops answering', 'grafana-absent.test.yml'],
  ['an outage inside a maintenance window does not page; the same outage outside it does', 'maintenance.test.yml'],
  ["a maintenance cron follows its zone's offset change and runs a repeated time once", 'maintenance-dst.test.yml'],
  [
    'an outage inside a window does not keep the Grafana-managed ticket burning after it; outside one it does',
    'grafana-maintenance.test.yml',
  ],
  [
    "composites: the weighted mean of their members' error ratios, without idle members or with no data",
    'composite.test.yml',
  ],
  [
    "the Grafana rule queries of composites: members' raw error ratios weighted, idle ones out, no data silent",
    'grafana-composite.test.yml',
  ],
];

describeWithPromtool('generated rules under promtool', (promtool) => {
  let dir = '';

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'northstar-promtool-'));
    for (const name of readdirSync(FIXTURES)) {
      copyFileSync(join(FIXTURES, name), join(dir, name));
    }
    writeRuleFile(join(dir, RULE_FILE), [checkoutAvailability(), awkwardlyNamed()]);
    writeRuleFile(join(dir, 'latency.rules.yml'), latencyKpis());
    writeRuleFile(join(dir, 'low-traffic.rules.yml'), guardedKpis());
    writeRuleFile(join(dir, 'alert-control.rules.yml'), [controlledKpi()]);
    writeRuleFile(join(dir, 'per-label.rules.yml'), [checkoutRoutes()]);
    writeRuleFile(join(dir, 'composite.rules.yml'), compositeKpis());
    writeGrafanaQueriesAsRules(join(dir, 'grafana-queries.rules.yml'), [checkoutAvailability()]);
    writeGrafanaQueriesAsRules(join(dir, 'grafana-absent.rules.yml'), [controlledKpi()]);
    writeRuleFile(join(dir, 'maintenance.rules.yml'), maintenanceKpis());
    writeGrafanaQueriesAsRules(join(dir, 'maintenance-grafana.rules.yml'), [maintenanceKpis()[0]]);
    writeGrafanaQueriesAsRules(join(dir, 'grafana-per-label.rules.yml'), [checkoutRoutes()]);
    writeGrafanaQueriesAsRules(join(dir, 'grafana-composite.rules.yml'), grafanaCompositeKpis());
    writeGrafanaQueriesAsRules(join(dir, 'grafana-maintenance.rules.yml'), maintenanceKpis());
    writeRuleFile(join(dir, 'maintenance-dst.rules.yml'), [santoDomingoKpi()], { generatedAtMs: GENERATED_IN_1970_MS });
  });

  afterAll(() => {
    if (dir) {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('every fixture listed here exists, and every fixture is listed', () => {
    const fixtures = readdirSync(FIXTURES).filter((name) => name.endsWith('.test.yml'));
    expect(fixtures.sort()).toEqual(FIXTURE_CASES.map(([, file]) => file).sort());
  });

  test.each([
    ['ratio KPIs', RULE_FILE],
    ['threshold and timeslice KPIs', 'latency.rules.yml'],
    ['KPIs with the low-traffic guard', 'low-traffic.rules.yml'],
    ['a KPI with alert control', 'alert-control.rules.yml'],
    ['a per-label KPI', 'per-label.rules.yml'],
    ['composite KPIs', 'composite.rules.yml'],
    ['the Grafana-managed rules', 'grafana-queries.rules.yml'],
    ['the Grafana-managed rules with an absent-data rule', 'grafana-absent.rules.yml'],
    ['KPIs with maintenance windows', 'maintenance.rules.yml'],
    ['the Grafana-managed rules of a KPI with maintenance windows', 'maintenance-grafana.rules.yml'],
    ['the Grafana-managed rules of a per-label KPI', 'grafana-per-label.rules.yml'],
    ['the Grafana-managed rules of composites', 'grafana-composite.rules.yml'],
    ['a KPI with a maintenance cron in a zone whose offset changes', 'maintenance-dst.rules.yml'],
    ['the Grafana-managed rules of twin KPIs with and without maintenance', 'grafana-maintenance.rules.yml'],
  ])('promtool check rules accepts the rules of %s', (_kind, file) => {
    const result = runPromtool(promtool, ['check', 'rules', file], dir);
    expect({ status: result.status, output: result.output }).toEqual({ status: 0, output: expect.any(String) });
    expect(result.output).toContain('SUCCESS');
  });

  test.each(FIXTURE_CASES)(
    'promtool test rules: %s (%s)',
    (_name, fixture) => {
      const result = runPromtool(promtool, ['test', 'rules', fixture], dir);
      expect({ status: result.status, output: result.output }).toEqual({
        status: 0,
        output: expect.stringContaining('SUCCESS'),
      });
    },
    60_000
  );

  test('maintenance-dst.test.yml expects what maintenance.ts says at each of its hours', () => {
    // eval_time in days and hours since 1970-01-01T00:00Z, and the record's expected value there.
    const expected: Array<[number, number, boolean]> = [
      [50, 5, true],
      [50, 6, false],
      [51, 5, true],
      [51, 6, false],
      [52, 6, true],
      [52, 7, false],
    ];
    for (const [days, hours, open] of expected) {
      expect(maintenanceAt([SANTO_DOMINGO_WINDOW], (days * 24 + hours) * 3_600_000) !== null).toBe(open);
    }
  });
});
