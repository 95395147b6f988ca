import fc from 'fast-check';

import type { Comparator, KpiDefinition } from '../../model';
import { baseKpi, catalogOf, minimalKpi, roundTrip, thresholdKpi, timesliceKpi } from './testKpis';

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
    [
      'drivers, a gate and a review cadence',
      {
        ...baseKpi(),
        drivenBy: ['search-latency'],
        gate: { minBudgetRemaining: 0.25 },
        review: { every: '90d', last: '2026-10-01' },
      },
    ],
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
