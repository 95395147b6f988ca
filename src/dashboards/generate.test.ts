import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Dashboard } from '@grafana/schema';
import { parseCatalog } from '../cli/catalogFile';
import { type CatalogKpi, isCompositeKpi, isValueKpi, sourcedKpis, type KpiDefinition } from '../kpi/model';
import { checkoutKpi } from '../testing/checkoutKpi';
import { paymentSuccessSqlKpi, weeklyOrdersSqlKpi } from '../testing/shopSqlKpis';
import { checkoutConversionKpi } from '../testing/valueKpis';
import { compositeKpi } from '../testing/compositeKpi';
import {
  catalogDashboards,
  compositeDashboardProblem,
  compositeDashboards,
  dashboardJson,
  DashboardGenerationError,
  dashboardKindsOf,
  inCatalogOnCallView,
  kpiDashboards,
  valueKpiDashboards,
} from './generate';
import type { DashboardKind } from './uid';
import { isUnedited } from './marker';
import { validateDashboard } from './validateDashboard';

const EXAMPLE = join(__dirname, '../../examples/catalog.yaml');

function exampleKpis(): KpiDefinition[] {
  const loaded = parseCatalog(EXAMPLE, readFileSync(EXAMPLE, 'utf8'));
  if (!loaded.ok) {
    throw new Error(loaded.problems.join('\n'));
  }
  return sourcedKpis(loaded.value.kpis);
}

const GRAFANA_UID = /^[a-zA-Z0-9_-]{1,40}$/;

function expectSound(dashboard: Dashboard) {
  expect(validateDashboard(dashboard)).toEqual([]);
  expect(dashboard.uid).toMatch(GRAFANA_UID);
}

describe('dashboards of the example catalog', () => {
  const kpis = exampleKpis();
  const promqlKpis = kpis.filter((kpi) => kpi.datasource.type === 'prometheus');

  test.each(promqlKpis.map((kpi) => [kpi.id, kpi]))('the three dashboards of %s are sound', (_id, kpi) => {
    const files = kpiDashboards(kpi as KpiDefinition, { loki: { uid: 'loki' } });
    expect(files.map((file) => file.kind)).toEqual(['executive', 'oncall', 'debug']);
    // The schema's type, at compile time: a generated dashboard is a Dashboard.
    const typed: Dashboard[] = files.map((file) => file.dashboard);
    typed.forEach(expectSound);
  });

  test('the catalog set is the overview plus on-call and debug per published KPI, with distinct uids', () => {
    const files = catalogDashboards(kpis);
    expect(files.map((file) => file.file)).toEqual([
      'executive.json',
      'oncall.json',
      'checkout-availability.oncall.json',
      'checkout-availability.debug.json',
      'search-latency.oncall.json',
      'search-latency.debug.json',
      'login-success.oncall.json',
      'login-success.debug.json',
      // Over SQL: an executive and an on-call view each, no debug view (sqlDashboards.ts)
      'payment-success.executive.json',
      'payment-success.oncall.json',
    ]);
    files.forEach((file) => expectSound(file.dashboard));
    expect(new Set(files.map((file) => file.dashboard.uid)).size).toBe(files.length);
  });

  test('generating twice gives the same bytes, and the result carries an intact generator mark', () => {
    const first = catalogDashboards(kpis).map((file) => dashboardJson(file.dashboard));
    const second = catalogDashboards(kpis).map((file) => dashboardJson(file.dashboard));
    expect(second).toEqual(first);
    catalogDashboards(kpis).forEach((file) => expect(isUnedited(JSON.parse(dashboardJson(file.dashboard)))).toBe(true));
  });

  test('a KPI on a data source that is not Prometheus is refused, naming the KPI and the field', () => {
    const influx = { ...kpis[0], datasource: { type: 'influxdb', uid: 'influx' } };
    expect(() => kpiDashboards(influx)).toThrow(DashboardGenerationError);
    expect(() => kpiDashboards(influx)).toThrow('KPI checkout-availability: datasource.type "influxdb"');
    expect(catalogDashboards([influx, ...kpis.slice(1)]).map((file) => file.kpiId)).not.toContain(influx.id);
  });

  test('a catalog without published KPIs has no dashboards', () => {
    expect(catalogDashboards(kpis.map((kpi) => ({ ...kpi, status: 'draft' as const })))).toEqual([]);
  });
});

describe('dashboards of a composite in the example catalog', () => {
  const kpis = exampleKpis();
  const journey = compositeKpi({ 'checkout-availability': 1, 'login-success': 2 });

  test('the catalog set adds its on-call and debug after the KPIs, with uids from its id', () => {
    const files = catalogDashboards([...kpis, journey]);
    const journeyFiles = files.filter((file) => file.kpiId === 'journey');
    expect(journeyFiles.map((file) => [file.file, file.kind, file.kpiId, file.dashboard.uid])).toEqual([
      ['journey.oncall.json', 'oncall', 'journey', 'nsk-journey-oncall'],
      ['journey.debug.json', 'debug', 'journey', 'nsk-journey-debug'],
    ]);
    // After the PromQL KPIs' own; the SQL KPIs' dashboards, built apart (sqlDashboards.ts), come last.
    const names = files.map((file) => file.file);
    expect(names.indexOf('journey.oncall.json')).toBe(names.indexOf('login-success.debug.json') + 1);
    expect(names.slice(-2)).toEqual(['payment-success.executive.json', 'payment-success.oncall.json']);
    files.forEach((file) => expectSound(file.dashboard));
    expect(new Set(files.map((file) => file.dashboard.uid)).size).toBe(files.length);
    expect(compositeDashboards(journey, kpis).map((file) => dashboardJson(file.dashboard))).toEqual(
      journeyFiles.map((file) => dashboardJson(file.dashboard))
    );
  });

  test('a member missing from the catalog or off Prometheus is refused, naming the composite and the member', () => {
    expect(() => compositeDashboards(journey, kpis.slice(0, 1))).toThrow(DashboardGenerationError);
    expect(compositeDashboardProblem(journey, kpis.slice(0, 1))).toBe(
      'KPI journey: its member "login-success" is not a valid KPI of this catalog'
    );
    const influx = kpis.map((kpi) =>
      kpi.id === 'login-success' ? { ...kpi, datasource: { type: 'influxdb', uid: 'influx' } } : kpi
    );
    expect(compositeDashboardProblem(journey, influx)).toMatch(
      /^KPI journey: its member KPI login-success: datasource.type "influxdb"/
    );
    expect(catalogDashboards([...influx, journey]).map((file) => file.kpiId)).not.toContain('journey');
  });
});

describe('dashboards of generated KPIs', () => {
  test('every template of any KPI passes the checker, within Grafana uid rules', () => {
    fc.assert(
      fc.property(kpiArbitrary(), fc.boolean(), (kpi, loki) => {
        for (const file of kpiDashboards(kpi, loki ? { loki: { uid: 'logs' } } : {})) {
          expect(validateDashboard(file.dashboard)).toEqual([]);
          expect(file.dashboard.uid).toMatch(GRAFANA_UID);
          expect(isUnedited(JSON.parse(dashboardJson(file.dashboard)))).toBe(true);
        }
      }),
      { numRuns: 150 }
    );
  });

  test('the executive overview and the on-call view of several generated KPIs pass the checker', () => {
    fc.assert(
      fc.property(fc.array(kpiArbitrary(), { minLength: 2, maxLength: 6 }), (kpis) => {
        const [overview, oncall] = catalogDashboards(kpis.map((k) => ({ ...k, status: 'published' })));
        expect(validateDashboard(overview.dashboard)).toEqual([]);
        expect(validateDashboard(oncall.dashboard)).toEqual([]);
      }),
      { numRuns: 50 }
    );
  });
});

describe('dashboards of generated composites', () => {
  test("a composite of any 1 to 4 generated KPIs gets a sound on-call and debug, whatever its members' types", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(kpiArbitrary(), { minLength: 1, maxLength: 4, selector: (kpi) => kpi.id }),
        fc.array(fc.double({ min: 0.1, max: 10, noNaN: true }), { minLength: 4, maxLength: 4 }),
        (members, weights) => {
          const composite = compositeKpi(Object.fromEntries(members.map((kpi, i) => [kpi.id, weights[i]])), {
            id: 'journey-of-generated-members',
          });
          for (const file of compositeDashboards(composite, [...members, composite])) {
            expect(validateDashboard(file.dashboard)).toEqual([]);
            expect(file.dashboard.uid).toMatch(GRAFANA_UID);
            expect(isUnedited(JSON.parse(dashboardJson(file.dashboard)))).toBe(true);
          }
        }
      ),
      { numRuns: 40 }
    );
  });
});

/** KPIs with PromQL made of real-looking pieces: metrics, label matchers with odd values, histograms or not. */
function kpiArbitrary(): fc.Arbitrary<KpiDefinition> {
  const label = fc.constantFrom('job', 'code', 'route', 'instance', 'le', 'result', 'region');
  const op = fc.constantFrom('=', '!=', '=~', '!~');
  const value = fc.string({ maxLength: 8 }).map((text) => JSON.stringify(text));
  const matchers = fc
    .array(fc.tuple(label, op, value), { maxLength: 3 })
    .map((list) => list.map(([name, operator, literal]) => `${name}${operator}${literal}`).join(','));
  const metric = fc.constantFrom('http_requests_total', 'rpc_calls_total', 'request_duration_seconds_bucket');
  const selector = fc.tuple(metric, matchers).map(([name, body]) => (body ? `${name}{${body}}` : name));
  const rate = selector.map((s) => `sum(rate(${s}[$__rate_interval]))`);
  const ratio = fc.record({ type: fc.constant('ratio' as const), good: rate, total: rate });
  const threshold = fc.record({
    type: fc.constant('threshold' as const),
    query: selector.map((s) => `histogram_quantile(0.9, sum by (le) (rate(${s}[$__rate_interval])))`),
    comparator: fc.constantFrom('<' as const, '>=' as const),
    threshold: fc.double({ min: 0, max: 10, noNaN: true }),
  });
  const timeslice = fc.record({
    type: fc.constant('timeslice' as const),
    query: rate,
    comparator: fc.constantFrom('<=' as const, '>' as const),
    threshold: fc.double({ min: 0, max: 10, noNaN: true }),
    slice: fc.constantFrom('1m', '5m'),
  });
  return fc.record({
    id: fc.stringMatching(/^[a-z][a-z0-9-]{0,60}$/),
    version: fc.integer({ min: 1, max: 99 }),
    status: fc.constant('published' as const),
    name: fc.string({ minLength: 1, maxLength: 40 }),
    owner: fc.string({ minLength: 1, maxLength: 20 }),
    datasource: fc.record({ type: fc.constant('prometheus'), uid: fc.stringMatching(/^[a-z0-9-]{1,12}$/) }),
    indicator: fc.oneof(ratio, threshold, timeslice),
    objective: fc.record({
      target: fc.double({ min: 0.5, max: 0.9999, noNaN: true }),
      window: fc.constantFrom('7d', '28d', '30d'),
    }),
    links: fc.record({ runbook: fc.oneof(fc.webUrl(), fc.constant('javascript:alert(1)')) }),
  });
}

describe('the dashboards a KPI has', () => {
  const kpis = exampleKpis();
  const journey = compositeKpi({ 'checkout-availability': 1, 'login-success': 2 });
  /** What the generators build for a KPI: the kinds of its files. */
  const builtKinds = (kpi: CatalogKpi) =>
    (isValueKpi(kpi)
      ? valueKpiDashboards(kpi)
      : isCompositeKpi(kpi)
        ? compositeDashboards(kpi, kpis)
        : kpiDashboards(kpi)
    ).map((file) => file.kind);

  test.each<[string, CatalogKpi, DashboardKind[], boolean]>([
    ['a PromQL SLO: all three, and the catalog’s on-call view', checkoutKpi(), ['executive', 'oncall', 'debug'], true],
    [
      'a SQL SLO: no debug (its breakdowns are PromQL), no catalog view',
      paymentSuccessSqlKpi(),
      ['executive', 'oncall'],
      false,
    ],
    ['a SQL value KPI: its executive view', weeklyOrdersSqlKpi(), ['executive'], false],
    ['a PromQL value KPI: its executive view', checkoutConversionKpi(), ['executive'], false],
    ['a composite: on-call and debug', journey, ['oncall', 'debug'], false],
  ])('%s, as the generators build them', (_name, kpi, kinds, inCatalogView) => {
    expect(dashboardKindsOf(kpi)).toEqual(kinds);
    expect(builtKinds(kpi)).toEqual(kinds);
    expect(inCatalogOnCallView(kpi)).toBe(inCatalogView);
  });

  test('a type with neither PromQL nor SQL has none, as the generators refuse it', () => {
    const influx = checkoutKpi({ datasource: { type: 'influxdb', uid: 'influx' } });
    expect([dashboardKindsOf(influx), inCatalogOnCallView(influx)]).toEqual([[], false]);
    expect(() => kpiDashboards(influx)).toThrow(DashboardGenerationError);
  });
});
