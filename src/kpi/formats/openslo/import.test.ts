import { sourcedKpis } from '../../model';
import { kpiToOpenSlo } from './export';
import { formatOpenSloProblem, openSloToCatalog } from './import';
import { catalogOf, GOOD, P95, TOTAL } from './testKpis';

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
