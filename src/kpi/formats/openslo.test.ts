import fc from 'fast-check';

import {
  CATALOG_API_VERSION,
  CATALOG_KIND,
  sourcedKpis,
  type Catalog,
  type Comparator,
  type KpiDefinition,
} from '../model';
import { checkoutKpi } from '../../testing/checkoutKpi';
import {
  catalogToOpenSlo,
  formatOpenSloProblem,
  kpiToOpenSlo,
  NORTHSTAR_ANNOTATIONS,
  openSloToCatalog,
  type OpenSloOperator,
} from './openslo';

const GOOD = 'sum(rate(http_requests_total{job="checkout",code!~"5.."}[$__rate_interval]))';
const TOTAL = 'sum(rate(http_requests_total{job="checkout"}[$__rate_interval]))';
const P95 = 'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[$__rate_interval])))';

function baseKpi(): KpiDefinition {
  return checkoutKpi({
    audience: ['executive', 'oncall'],
    decision: 'Freeze risky releases when less than 25 % of the error budget is left.',
    tags: ['tier-1', 'payments'],
    datasource: { type: 'prometheus', uid: 'prom-eu-13' },
    indicator: { good: GOOD, total: TOTAL },
    objective: { target: 0.9993, window: '28d' },
    links: { runbook: 'https://runbooks.example/checkout', dashboard: 'https://grafana.example/d/checkout' },
  });
}

function thresholdKpi(): KpiDefinition {
  return {
    ...baseKpi(),
    id: 'checkout-latency',
    name: 'Checkout p95 latency',
    indicator: { type: 'threshold', query: P95, comparator: '<', threshold: 0.311, unit: 's' },
    objective: { target: 0.97, window: '7d' },
  };
}

function timesliceKpi(): KpiDefinition {
  return {
    ...thresholdKpi(),
    id: 'signup-conversion',
    name: 'Signup conversion',
    indicator: {
      type: 'timeslice',
      query: 'sum(rate(signups[1h])) / sum(rate(visits[1h]))',
      comparator: '>=',
      threshold: 0.03,
      unit: 'percentunit',
      slice: '11m',
    },
  };
}

function minimalKpi(): KpiDefinition {
  const { id, version, status, name, owner, datasource, indicator, objective } = baseKpi();
  return { id, version, status, name, owner, datasource, indicator, objective };
}

function catalogOf(...kpis: KpiDefinition[]): Catalog {
  return { apiVersion: CATALOG_API_VERSION, kind: CATALOG_KIND, kpis };
}

function roundTrip(catalog: Catalog) {
  return openSloToCatalog(catalogToOpenSlo(catalog));
}

describe('per-label KPIs and OpenSLO', () => {
  const byRoute = (): KpiDefinition => ({
    ...baseKpi(),
    indicator: {
      type: 'ratio',
      good: 'sum by (route) (rate(http_requests_total{code!~"5.."}[$__rate_interval]))',
      total: 'sum by (route) (rate(http_requests_total[$__rate_interval]))',
      groupBy: ['route'],
      maxInstances: 200,
    },
  });

  test('groupBy and maxInstances travel as annotations and come back on import', () => {
    const doc = kpiToOpenSlo(byRoute());
    expect(doc.metadata.annotations).toMatchObject({
      'northstar.dev/group-by': '["route"]',
      'northstar.dev/max-instances': '200',
    });
    const { catalog, problems } = roundTrip(catalogOf(byRoute()));
    expect(problems).toEqual([]);
    expect(catalog.kpis[0].indicator).toEqual(byRoute().indicator);
  });
});

describe('maintenance windows and OpenSLO', () => {
  const maintained = (): KpiDefinition => ({
    ...baseKpi(),
    maintenance: [
      { start: '2026-11-28T02:00:00+01:00', end: '2026-11-28T04:00:00+01:00', reason: 'database "upgrade"' },
      { cron: '30 2 * * 0', duration: '90m', timeZone: 'Europe/Berlin', reason: 'weekly reindex' },
    ],
  });

  test('OpenSLO v1 has no field for them: they travel as an annotation and come back on import', () => {
    const doc = kpiToOpenSlo(maintained());
    expect(JSON.parse(doc.metadata.annotations!['northstar.dev/maintenance'])).toEqual(maintained().maintenance);
    const catalog = catalogOf(maintained());
    expect(roundTrip(catalog)).toStrictEqual({ catalog, problems: [] });
  });

  test('a KPI without windows gets no annotation', () => {
    expect(kpiToOpenSlo(baseKpi()).metadata.annotations).not.toHaveProperty(['northstar.dev/maintenance']);
  });
});

describe('catalogToOpenSlo', () => {
  test('a ratio KPI becomes an Occurrences SLO with an inline good/total ratioMetric', () => {
    expect(kpiToOpenSlo(baseKpi())).toEqual({
      apiVersion: 'openslo/v1',
      kind: 'SLO',
      metadata: {
        name: 'checkout-availability',
        displayName: 'Checkout availability',
        annotations: {
          'northstar.dev/version': '3',
          'northstar.dev/status': 'published',
          'northstar.dev/owner': 'team-payments',
          'northstar.dev/audience': '["executive","oncall"]',
          'northstar.dev/decision': 'Freeze risky releases when less than 25 % of the error budget is left.',
          'northstar.dev/tags': '["tier-1","payments"]',
          'northstar.dev/datasource': '{"type":"prometheus","uid":"prom-eu-13"}',
          'northstar.dev/alerting': '{"policy":"default"}',
          'northstar.dev/links':
            '{"runbook":"https://runbooks.example/checkout","dashboard":"https://grafana.example/d/checkout"}',
        },
      },
      spec: {
        description: 'Share of checkout requests served without a 5xx.',
        service: 'team-payments',
        indicator: {
          metadata: { name: 'checkout-availability-sli' },
          spec: {
            ratioMetric: {
              counter: false,
              good: { metricSource: { type: 'Prometheus', spec: { query: GOOD } } },
              total: { metricSource: { type: 'Prometheus', spec: { query: TOTAL } } },
            },
          },
        },
        timeWindow: [{ duration: '28d', isRolling: true }],
        budgetingMethod: 'Occurrences',
        objectives: [{ target: 0.9993 }],
      },
    });
  });

  test('a threshold KPI becomes a Timeslices SLO with a thresholdMetric and a 1m slice', () => {
    const doc = kpiToOpenSlo(thresholdKpi());
    expect(doc.spec.indicator?.spec).toEqual({
      thresholdMetric: { metricSource: { type: 'Prometheus', spec: { query: P95 } } },
    });
    expect(doc.spec.budgetingMethod).toBe('Timeslices');
    expect(doc.spec.timeWindow).toEqual([{ duration: '7d', isRolling: true }]);
    expect(doc.spec.objectives).toEqual([
      { op: 'lt', value: 0.311, target: 0.97, timeSliceTarget: 1, timeSliceWindow: '1m' },
    ]);
    expect(doc.metadata.annotations).toMatchObject({
      'northstar.dev/unit': 's',
      'northstar.dev/indicator-type': 'threshold',
    });
  });

  test.each([
    ['a Prometheus KPI whose good query is (total) - (bad) is written with bad and total', 'prometheus', 'bad'],
    ['a Loki KPI keeps its good query, as bad with total imports for Prometheus only', 'loki', 'good'],
  ])('%s', (_name, type, written) => {
    const kpi: KpiDefinition = {
      ...baseKpi(),
      datasource: { type, uid: 'ds' },
      indicator: { type: 'ratio', good: `(${TOTAL}) - (sum(rate(errors[$__rate_interval])))`, total: TOTAL },
    };
    const ratio = kpiToOpenSlo(kpi).spec.indicator?.spec.ratioMetric;
    expect(Object.keys(ratio ?? {})).toEqual(['counter', written, 'total']);
    if (written === 'bad') {
      expect(ratio?.bad?.metricSource.spec.query).toBe('sum(rate(errors[$__rate_interval]))');
      expect(openSloToCatalog([kpiToOpenSlo(kpi)]).catalog.kpis[0].indicator).toEqual(kpi.indicator);
    }
  });

  test('a timeslice KPI writes its slice as timeSliceWindow and needs no indicator-type annotation', () => {
    const doc = kpiToOpenSlo(timesliceKpi());
    expect(doc.spec.objectives).toEqual([
      { op: 'gte', value: 0.03, target: 0.97, timeSliceTarget: 1, timeSliceWindow: '11m' },
    ]);
    expect(doc.metadata.annotations).not.toHaveProperty([NORTHSTAR_ANNOTATIONS.indicatorType]);
  });

  test.each<[Comparator, OpenSloOperator]>([
    ['<', 'lt'],
    ['<=', 'lte'],
    ['>', 'gt'],
    ['>=', 'gte'],
  ])('comparator %s is written as op %s', (comparator, op) => {
    const kpi = thresholdKpi();
    kpi.indicator = { type: 'threshold', query: P95, comparator, threshold: 0.311 };
    expect(kpiToOpenSlo(kpi).spec.objectives[0].op).toBe(op);
  });

  test.each([
    ['prometheus', 'Prometheus'],
    ['influxdb', 'InfluxDB'],
    ['grafana-postgresql-datasource', 'grafana-postgresql-datasource'],
  ])('a %s data source is written as metricSource type %s', (grafanaType, openSloType) => {
    const kpi = { ...baseKpi(), datasource: { type: grafanaType, uid: 'ds-7' } };
    const ratio = kpiToOpenSlo(kpi).spec.indicator?.spec.ratioMetric;
    expect(ratio?.good?.metricSource.type).toBe(openSloType);
    expect(ratio?.total?.metricSource.type).toBe(openSloType);
  });

  test.each([
    ['28d', '28d', undefined],
    ['4w', '4w', undefined],
    ['1h30m', '90m', '1h30m'],
    ['1y', '365d', '1y'],
    ['48h', '48h', undefined],
  ])('a %s window is written as OpenSLO shorthand %s, keeping our spelling %s aside', (window, shorthand, kept) => {
    const doc = kpiToOpenSlo({ ...baseKpi(), objective: { target: 0.99, window } });
    expect(doc.spec.timeWindow?.[0].duration).toBe(shorthand);
    expect(doc.metadata.annotations?.[NORTHSTAR_ANNOTATIONS.window]).toBe(kept);
  });

  test('the minimal KPI carries only version, status, owner and data source annotations', () => {
    expect(Object.keys(kpiToOpenSlo(minimalKpi()).metadata.annotations ?? {})).toEqual([
      'northstar.dev/version',
      'northstar.dev/status',
      'northstar.dev/owner',
      'northstar.dev/datasource',
    ]);
    expect(kpiToOpenSlo(minimalKpi()).spec).not.toHaveProperty('description');
  });
});

describe('openSloToCatalog(catalogToOpenSlo(catalog)) gives the catalog back', () => {
  const withWindow = (window: string): KpiDefinition => ({ ...baseKpi(), objective: { target: 0.995, window } });
  const withSlice = (slice: string): KpiDefinition => {
    const kpi = timesliceKpi();
    return { ...kpi, indicator: { type: 'timeslice', query: 'up', comparator: '>', threshold: 0, slice } };
  };
  test.each<[string, KpiDefinition]>([
    ['a ratio KPI with every optional field', baseKpi()],
    ['a ratio KPI with only the required fields', minimalKpi()],
    ['a threshold KPI with a unit', thresholdKpi()],
    ['a timeslice KPI with an 11m slice', timesliceKpi()],
    ['a timeslice KPI with a 90s slice, which OpenSLO shorthand cannot spell', withSlice('90s')],
    ['a timeslice KPI with a 1h30m slice, written as 90m', withSlice('1h30m')],
    ['a timeslice KPI with a 60m slice, not renamed to 1h', withSlice('60m')],
    ['a 1h30m window, written as 90m', withWindow('1h30m')],
    ['a 1y window, written as 365d', withWindow('1y')],
    ['a retired KPI at version 13', { ...baseKpi(), version: 13, status: 'retired' }],
    [
      'a custom alert policy',
      {
        ...baseKpi(),
        alerting: {
          policy: 'custom',
          rules: [
            { severity: 'page', long: '1h', short: '5m', factor: 13.44 },
            { severity: 'ticket', long: '3d', budgetFraction: 0.1 },
          ],
        },
      },
    ],
    ['a data source type OpenSLO has no name for', { ...baseKpi(), datasource: { type: 'grafana-x', uid: 'x-1' } }],
    ['an empty description', { ...baseKpi(), description: '' }],
  ])('%s', (_name, kpi) => {
    const { catalog, problems } = roundTrip(catalogOf(kpi));
    expect(problems).toEqual([]);
    expect(catalog).toStrictEqual(catalogOf(kpi));
  });

  test('a catalog of ratio, threshold and timeslice KPIs keeps its order', () => {
    const catalog = catalogOf(baseKpi(), thresholdKpi(), timesliceKpi());
    expect(roundTrip(catalog)).toStrictEqual({ catalog, problems: [] });
  });

  test('any generated KPI survives the round trip', () => {
    fc.assert(
      fc.property(fc.array(kpiArbitrary(), { maxLength: 4 }), (kpis) => {
        const catalog = catalogOf(...kpis);
        expect(roundTrip(catalog)).toStrictEqual({ catalog, problems: [] });
      }),
      { numRuns: 300 }
    );
  });
});

/** fc.record may build null-prototype objects (shrunk values do); toStrictEqual compares prototypes. */
function plain<T extends object>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return arbitrary.map((value) => ({ ...value }));
}

const plainRecord: typeof fc.record = ((model: never, constraints: never) =>
  plain(fc.record(model, constraints))) as typeof fc.record;

function kpiArbitrary(): fc.Arbitrary<KpiDefinition> {
  const duration = fc.constantFrom('28d', '30d', '7d', '4w', '1h30m', '60m', '1y', '90s', '13m');
  const comparator = fc.constantFrom<Comparator>('<', '<=', '>', '>=');
  const threshold = fc.double({ noNaN: true, noDefaultInfinity: true });
  const ratio = plainRecord({ type: fc.constant('ratio' as const), good: fc.string(), total: fc.string() });
  const thresholdIndicator = plainRecord(
    { type: fc.constant('threshold' as const), query: fc.string(), comparator, threshold, unit: fc.string() },
    { requiredKeys: ['type', 'query', 'comparator', 'threshold'] }
  );
  const timeslice = plainRecord(
    {
      type: fc.constant('timeslice' as const),
      query: fc.string(),
      comparator,
      threshold,
      unit: fc.string(),
      slice: duration,
    },
    { requiredKeys: ['type', 'query', 'comparator', 'threshold', 'slice'] }
  );
  const rule = plainRecord(
    {
      severity: fc.constantFrom('page' as const, 'ticket' as const),
      long: duration,
      short: duration,
      factor: fc.double({ min: 0.1, max: 100, noNaN: true }),
      budgetFraction: fc.double({ min: 0.001, max: 1, noNaN: true }),
    },
    { requiredKeys: ['severity', 'long'] }
  );
  const alerting = fc.oneof(
    fc.constant({ policy: 'default' as const }),
    plainRecord({ policy: fc.constant('custom' as const), rules: fc.array(rule, { maxLength: 4 }) })
  );
  const links = plainRecord({ runbook: fc.webUrl(), dashboard: fc.webUrl(), chat: fc.string() }, { requiredKeys: [] });
  return plainRecord(
    {
      id: fc.stringMatching(/^[a-z][a-z0-9-]{0,40}$/),
      version: fc.integer({ min: 1, max: 10_000 }),
      status: fc.constantFrom('draft' as const, 'published' as const, 'retired' as const),
      name: fc.string(),
      description: fc.string(),
      owner: fc.string({ minLength: 1 }),
      audience: fc.subarray(['executive', 'oncall', 'engineering', 'product', 'business'] as const),
      decision: fc.string(),
      tags: fc.array(fc.string()),
      datasource: plainRecord({ type: fc.constantFrom('prometheus', 'loki', 'grafana-x'), uid: fc.string() }),
      indicator: fc.oneof(ratio, thresholdIndicator, timeslice),
      objective: plainRecord({ target: fc.double({ min: 0.0001, max: 0.9999, noNaN: true }), window: duration }),
      alerting,
      links,
    },
    { requiredKeys: ['id', 'version', 'status', 'name', 'owner', 'datasource', 'indicator', 'objective'] }
  ) as fc.Arbitrary<KpiDefinition>;
}

// -----------------------------------------------------------------------------------------------------------------
// Foreign documents: written by hand the way another tool would, without northstar annotations.

const prometheus = (query: string) => ({ metricSource: { type: 'Prometheus', spec: { query } } });

function foreignSlo(name: string, spec: Record<string, unknown> = {}) {
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: { name, displayName: `${name} SLO` },
    spec: {
      description: 'Checkout must stay available.',
      service: 'web-shop',
      indicator: {
        metadata: { name: `${name}-sli` },
        spec: { ratioMetric: { counter: false, good: prometheus(GOOD), total: prometheus(TOTAL) } },
      },
      timeWindow: [{ duration: '4w', isRolling: true }],
      budgetingMethod: 'Occurrences',
      objectives: [{ displayName: 'Availability', target: 0.995 }],
      ...spec,
    },
  };
}

describe('openSloToCatalog with foreign documents', () => {
  const service = { apiVersion: 'openslo/v1', kind: 'Service', metadata: { name: 'web-shop' }, spec: {} };
  const alertPolicy = {
    apiVersion: 'openslo/v1',
    kind: 'AlertPolicy',
    metadata: { name: 'page-on-burn' },
    spec: { alertWhenBreaching: true, conditions: [{ conditionRef: 'fast-burn' }], notificationTargets: [] },
  };
  const sli = {
    apiVersion: 'openslo/v1',
    kind: 'SLI',
    metadata: { name: 'checkout-success' },
    spec: { ratioMetric: { counter: false, good: prometheus(GOOD), total: prometheus(TOTAL) } },
  };
  const slo = {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: { name: 'checkout-availability', displayName: 'Checkout availability' },
    spec: {
      description: 'Share of checkout requests served without a 5xx.',
      service: 'web-shop',
      indicatorRef: 'checkout-success',
      timeWindow: [{ duration: '4w', isRolling: true }],
      budgetingMethod: 'Occurrences',
      objectives: [{ displayName: 'Availability', targetPercent: 99.5 }],
      alertPolicies: [{ alertPolicyRef: 'page-on-burn' }],
    },
  };

  test('an SLO with an indicatorRef to a later SLI document becomes a KPI with defaults for the rest', () => {
    expect(openSloToCatalog([service, slo, alertPolicy, sli])).toStrictEqual({
      catalog: catalogOf({
        id: 'checkout-availability',
        version: 1,
        status: 'published',
        name: 'Checkout availability',
        description: 'Share of checkout requests served without a 5xx.',
        owner: 'web-shop',
        datasource: { type: 'prometheus', uid: 'prometheus' },
        indicator: { type: 'ratio', good: GOOD, total: TOTAL },
        objective: { target: 0.995, window: '4w' },
      }),
      problems: [],
    });
  });

  test('Service, AlertPolicy, DataSource and empty documents are skipped without a problem', () => {
    const dataSource = {
      apiVersion: 'openslo/v1',
      kind: 'DataSource',
      metadata: { name: 'p' },
      spec: { type: 'Prometheus' },
    };
    expect(openSloToCatalog([service, alertPolicy, dataSource, null, 'text', sli])).toStrictEqual({
      catalog: catalogOf(),
      problems: [],
    });
  });

  test.each([
    [99.9, 0.999],
    [99.99, 0.9999],
    [95, 0.95],
  ])('targetPercent %d becomes target %d without floating-point dust', (targetPercent, target) => {
    const { catalog } = openSloToCatalog([foreignSlo('a', { objectives: [{ targetPercent }] })]);
    expect(catalog.kpis[0].objective.target).toBe(target);
  });

  const thresholdSpec = (budgetingMethod: string, objective: Record<string, unknown>) => ({
    indicator: { metadata: { name: 'lat' }, spec: { thresholdMetric: prometheus(P95) } },
    budgetingMethod,
    objectives: [{ op: 'lte', value: 0.3, target: 0.99, ...objective }],
  });
  test.each([
    [
      'a Timeslices thresholdMetric becomes a timeslice KPI with its slice',
      thresholdSpec('Timeslices', { timeSliceTarget: 0.95, timeSliceWindow: '5m' }),
      { type: 'timeslice', query: P95, comparator: '<=', threshold: 0.3, slice: '5m' },
    ],
    [
      'a bare-number timeSliceWindow is read as minutes',
      thresholdSpec('Timeslices', { timeSliceWindow: 2 }),
      { type: 'timeslice', query: P95, comparator: '<=', threshold: 0.3, slice: '2m' },
    ],
    [
      'a Timeslices thresholdMetric without a timeSliceWindow gets a 1m slice',
      thresholdSpec('Timeslices', {}),
      { type: 'timeslice', query: P95, comparator: '<=', threshold: 0.3, slice: '1m' },
    ],
    [
      'an Occurrences thresholdMetric (good data points) becomes a threshold KPI',
      thresholdSpec('Occurrences', {}),
      { type: 'threshold', query: P95, comparator: '<=', threshold: 0.3 },
    ],
    [
      'a bad/total ratioMetric on Prometheus becomes good = total - bad',
      {
        indicator: {
          metadata: { name: 'x' },
          spec: { ratioMetric: { bad: prometheus('errs'), total: prometheus('all') } },
        },
      },
      { type: 'ratio', good: '(all) - (errs)', total: 'all' },
    ],
    [
      'a Sloth-style lowercase prometheus type is understood',
      {
        indicator: {
          metadata: { name: 'x' },
          spec: {
            ratioMetric: {
              good: { metricSource: { type: 'prometheus', spec: { query: 'g' } } },
              total: { metricSource: { type: 'prometheus', spec: { query: 't' } } },
            },
          },
        },
      },
      { type: 'ratio', good: 'g', total: 't' },
    ],
  ])('%s', (_name, spec, indicator) => {
    const { catalog, problems } = openSloToCatalog([foreignSlo('lat', spec)]);
    expect(problems).toEqual([]);
    expect(catalog.kpis[0].indicator).toStrictEqual(indicator);
  });

  test('a metricSourceRef takes its type from the DataSource document and names the data source uid', () => {
    const viaRef = (query: string) => ({ metricSource: { metricSourceRef: 'prom-eu', spec: { query } } });
    const dataSource = {
      apiVersion: 'openslo/v1',
      kind: 'DataSource',
      metadata: { name: 'prom-eu' },
      spec: { type: 'Prometheus' },
    };
    const doc = foreignSlo('a', {
      indicator: { metadata: { name: 'x' }, spec: { ratioMetric: { good: viaRef('g'), total: viaRef('t') } } },
    });
    expect(openSloToCatalog([doc, dataSource]).catalog.kpis[0].datasource).toEqual({
      type: 'prometheus',
      uid: 'prom-eu',
    });
  });

  test('a calendar-aligned window is a calendar period: 1M from 1 January in its time zone is each month', () => {
    const doc = foreignSlo('a', {
      timeWindow: [
        { duration: '1M', isRolling: false, calendar: { startTime: '2024-01-01 00:00:00', timeZone: 'Europe/Berlin' } },
      ],
    });
    const [kpi] = sourcedKpis(openSloToCatalog([doc]).catalog.kpis);
    expect(kpi.objective.window).toEqual({ calendar: 'month', timeZone: 'Europe/Berlin' });
    // And back: OpenSLO's calendar window, anchored on a Monday, 1 January.
    expect(kpiToOpenSlo(kpi).spec.timeWindow).toEqual([
      { duration: '1M', isRolling: false, calendar: { startTime: '2024-01-01 00:00:00', timeZone: 'Europe/Berlin' } },
    ]);
  });

  test('an SLO without timeWindow gets the default window, or the one the caller gives', () => {
    const doc = foreignSlo('a', { timeWindow: undefined });
    expect(openSloToCatalog([doc]).catalog.kpis[0].objective.window).toBe('28d');
    expect(openSloToCatalog([doc], { defaultWindow: '30d' }).catalog.kpis[0].objective.window).toBe('30d');
  });
});

describe('openSloToCatalog refuses what it cannot convert, naming the SLO and field, and converts the rest', () => {
  const ratio = (metric: Record<string, unknown>) => ({
    indicator: { metadata: { name: 'x' }, spec: { ratioMetric: metric } },
  });
  test.each<[string, Record<string, unknown>, string, RegExp]>([
    [
      'a calendar month anchored mid-month',
      {
        timeWindow: [
          {
            duration: '1M',
            isRolling: false,
            calendar: { startTime: '2024-01-15 00:00:00', timeZone: 'Europe/Berlin' },
          },
        ],
      },
      'spec.timeWindow[0].calendar.startTime',
      /does not begin a calendar month at midnight; northstar periods start on the 1st/,
    ],
    [
      'a calendar window of 7 days',
      { timeWindow: [{ duration: '7d', isRolling: false }] },
      'spec.timeWindow[0].duration',
      /7d: a calendar window here is 1w, 1M or 1Q/,
    ],
    [
      'a calendar window in a time zone that does not exist',
      {
        timeWindow: [
          { duration: '1Q', isRolling: false, calendar: { startTime: '2024-04-01', timeZone: 'Mars/Olympus' } },
        ],
      },
      'spec.timeWindow[0].calendar.timeZone',
      /"Mars\/Olympus" is not an IANA time zone/,
    ],
    ['two objectives', { objectives: [{ target: 0.99 }, { target: 0.999 }] }, 'spec.objectives', /has 2 objectives/],
    ['no objectives', { objectives: [] }, 'spec.objectives', /is empty/],
    [
      'a missing indicator',
      { indicator: undefined },
      'spec.indicator',
      /missing; an SLO needs indicator or indicatorRef/,
    ],
    [
      'an indicatorRef to no SLI',
      { indicator: undefined, indicatorRef: 'ghost' },
      'spec.indicatorRef',
      /no kind: SLI document named "ghost"/,
    ],
    [
      'a composite SLO',
      {
        indicator: undefined,
        objectives: [
          { target: 0.99, indicatorRef: 'a' },
          { target: 0.99, indicatorRef: 'b' },
        ],
      },
      'spec.objectives[0].indicatorRef',
      /composite SLOs/,
    ],
    [
      'an unknown metric source',
      ratio({
        good: { metricSource: { type: 'Datadog', spec: { query: 'g' } } },
        total: { metricSource: { type: 'Datadog', spec: { query: 't' } } },
      }),
      'spec.indicator.spec.ratioMetric.good.metricSource.type',
      /"Datadog" is not a supported metric source/,
    ],
    [
      'a metric source without type or metricSourceRef',
      ratio({ good: { metricSource: { spec: { query: 'g' } } }, total: prometheus('t') }),
      'spec.indicator.spec.ratioMetric.good.metricSource.type',
      /missing/,
    ],
    [
      'good and total from different data sources',
      ratio({ good: prometheus('g'), total: { metricSource: { type: 'Graphite', spec: { query: 't' } } } }),
      'spec.indicator.spec.ratioMetric.total.metricSource',
      /one data source/,
    ],
    [
      'a missing query',
      ratio({ good: { metricSource: { type: 'Prometheus', spec: {} } }, total: prometheus('t') }),
      'spec.indicator.spec.ratioMetric.good.metricSource.spec.query',
      /missing/,
    ],
    ['a missing total', ratio({ good: prometheus('g') }), 'spec.indicator.spec.ratioMetric.total', /missing/],
    [
      'a raw ratio',
      ratio({ rawType: 'success', raw: prometheus('r') }),
      'spec.indicator.spec.ratioMetric.raw',
      /precomputed ratio/,
    ],
    [
      'counter: true',
      ratio({ counter: true, good: prometheus('g'), total: prometheus('t') }),
      'spec.indicator.spec.ratioMetric.counter',
      /per-second rates/,
    ],
    [
      'a ratioMetric with Timeslices',
      { budgetingMethod: 'Timeslices' },
      'spec.budgetingMethod',
      /Timeslices with a ratioMetric/,
    ],
    ['an unknown budgetingMethod', { budgetingMethod: 'Weekly' }, 'spec.budgetingMethod', /"Weekly" is not/],
    ['a missing target', { objectives: [{ displayName: 'x' }] }, 'spec.objectives[0].target', /missing; give target/],
    [
      'both target and targetPercent',
      { objectives: [{ target: 0.99, targetPercent: 99 }] },
      'spec.objectives[0].targetPercent',
      /not both/,
    ],
    [
      'a rolling 1M window',
      { timeWindow: [{ duration: '1M', isRolling: true }] },
      'spec.timeWindow[0].duration',
      /months, quarters and years/,
    ],
    ['a missing service', { service: undefined }, 'spec.service', /missing/],
    [
      'a thresholdMetric without op',
      {
        indicator: { metadata: { name: 'x' }, spec: { thresholdMetric: prometheus('q') } },
        budgetingMethod: 'Timeslices',
      },
      'spec.objectives[0].op',
      /missing; a thresholdMetric needs op/,
    ],
  ])('%s', (_name, brokenSpec, field, message) => {
    const { catalog, problems } = openSloToCatalog([
      foreignSlo('still-fine'),
      foreignSlo('broken', brokenSpec),
      foreignSlo('also-fine'),
    ]);
    expect(problems).toEqual([{ document: 1, name: 'broken', field, message: expect.stringMatching(message) }]);
    expect(catalog.kpis.map((kpi) => kpi.id)).toEqual(['still-fine', 'also-fine']);
  });

  test('an indicatorRef problem names the path inside the referenced SLI', () => {
    const sli = {
      apiVersion: 'openslo/v1',
      kind: 'SLI',
      metadata: { name: 'raw-sli' },
      spec: { ratioMetric: { raw: prometheus('r') } },
    };
    const { problems } = openSloToCatalog([foreignSlo('a', { indicator: undefined, indicatorRef: 'raw-sli' }), sli]);
    expect(problems.map((p) => p.field)).toEqual(['spec.indicatorRef (raw-sli).spec.ratioMetric.raw']);
  });

  test('an SLO of another apiVersion is refused, one without a name is reported without one', () => {
    const alpha = { ...foreignSlo('old'), apiVersion: 'openslo/v1alpha' };
    const nameless = { ...foreignSlo('x'), metadata: {} };
    expect(openSloToCatalog([alpha, nameless]).problems).toEqual([
      { document: 0, name: 'old', field: 'apiVersion', message: 'is "openslo/v1alpha"; only openslo/v1 is supported' },
      { document: 1, field: 'metadata.name', message: 'missing' },
    ]);
  });

  test('a broken northstar annotation is a problem, not a crash', () => {
    const doc = foreignSlo('a');
    const withNotes = { ...doc, metadata: { ...doc.metadata, annotations: { 'northstar.dev/tags': '[oops' } } };
    expect(openSloToCatalog([withNotes]).problems).toEqual([
      { document: 0, name: 'a', field: 'metadata.annotations["northstar.dev/tags"]', message: 'is not valid JSON' },
    ]);
  });

  test('a problem reads like a validation error', () => {
    const problem = { document: 3, name: 'checkout', field: 'spec.objectives', message: 'has 2 objectives' };
    expect(formatOpenSloProblem(problem)).toBe('documents[3] (checkout).spec.objectives: has 2 objectives');
  });
});
