import type { Comparator, KpiDefinition } from '../../model';
import { kpiToOpenSlo } from './export';
import { openSloToCatalog } from './import';
import { NORTHSTAR_ANNOTATIONS, type OpenSloOperator } from './types';
import { baseKpi, catalogOf, GOOD, minimalKpi, P95, roundTrip, thresholdKpi, timesliceKpi, TOTAL } from './testKpis';

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
