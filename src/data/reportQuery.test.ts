import type { DataFrameJSON } from '@grafana/data';
import { compositeKpi } from '../testing/compositeKpi';
import type { CompositeKpiDefinition, KpiDefinition } from '../kpi/model';
import { reportPeriod } from '../kpi/evaluate';
import type { DsQueryResponse } from './dsQuery';
import { planReport, readReport, reportableKpis } from './reportQuery';

const NOW = Date.UTC(2026, 11, 1, 21, 41);

const kpi = (id: string, uid = 'prometheus', overrides: Partial<KpiDefinition> = {}): KpiDefinition => ({
  id,
  version: 1,
  status: 'published',
  name: id,
  owner: 'team',
  datasource: { type: 'prometheus', uid },
  indicator: {
    type: 'ratio',
    good: `sum(rate(${id}_good[$__rate_interval]))`,
    total: `sum(rate(${id}_all[$__rate_interval]))`,
  },
  objective: { target: 0.999, window: '28d' },
  ...overrides,
});

function frame(value: number): DataFrameJSON {
  return {
    schema: {
      fields: [
        { name: 'Time', type: 'time' as never },
        { name: 'Value', type: 'number' as never },
      ],
    },
    data: { values: [[NOW], [value]] },
  };
}

describe('the report queries', () => {
  const period = reportPeriod('last-month', 'UTC', NOW);

  test('published Prometheus KPIs only: drafts and other data sources have no PromQL report', () => {
    const kpis = [
      kpi('a'),
      kpi('b', 'p', { status: 'draft' }),
      kpi('c', 'influx', { datasource: { type: 'influxdb', uid: 'i' } }),
    ];
    expect(reportableKpis(kpis).map((k) => k.id)).toEqual(['a']);
  });

  test('one request per data source; each KPI asks for November and October, each pinned to its end with @', () => {
    const plan = planReport([kpi('a'), kpi('b', 'other'), kpi('c')], period);
    expect(plan.requests.map((r) => [r.datasource.uid, r.body.queries.map((q) => q.refId)])).toEqual([
      ['prometheus', ['r0', 'r0-previous', 'r2', 'r2-previous']],
      ['other', ['r1', 'r1-previous']],
    ]);
    const [november, october] = plan.requests[0].body.queries;
    // 30 days of November, read at 1 December 00:00 UTC; 31 of October at 1 November.
    expect(november.expr).toContain('[30d]');
    expect(november.expr).toMatch(/@ 1796083200\)$/);
    expect(october.expr).toContain('[31d]');
    expect(october.expr).toMatch(/@ 1793491200\)$/);
    expect([Date.UTC(2026, 11, 1) / 1000, Date.UTC(2026, 10, 1) / 1000]).toEqual([1796083200, 1793491200]);
  });

  test('rows from the answers: a failed period marks its row, a failed previous period only blanks the change', () => {
    const plan = planReport([kpi('a'), kpi('b'), kpi('c')], period);
    const response: DsQueryResponse = {
      results: {
        r0: { status: 200, frames: [frame(0.0005)] },
        'r0-previous': { status: 200, frames: [frame(0.002)] },
        r1: { status: 400, error: 'parse error' },
        'r1-previous': { status: 200, frames: [frame(0.001)] },
        r2: { status: 200, frames: [frame(0.0002)] },
        'r2-previous': { status: 500, error: 'timeout' },
      },
    };
    const rows = readReport(plan, new Map([['prometheus/prometheus', response]]));
    expect(rows.map((row) => [row.kpi.id, row.state, row.met])).toEqual([
      ['a', 'ok', true],
      ['b', 'error', null],
      ['c', 'ok', true],
    ]);
    expect(rows[0].change).toBeCloseTo(0.0015, 12);
    expect(rows[1].error).toBe('parse error');
    expect(rows[2].change).toBeNull();
  });

  test('a data source that did not answer marks its rows with the reason', () => {
    const plan = planReport([kpi('a')], period);
    const [row] = readReport(plan, new Map([['prometheus/prometheus', new Error('HTTP 502')]]));
    expect([row.state, row.error]).toEqual(['error', 'HTTP 502']);
  });
});

describe('composites in the report', () => {
  const period = reportPeriod('last-month', 'UTC', NOW);
  const journey: CompositeKpiDefinition = compositeKpi({ a: 1, b: 3 });

  test("are reported from their members' two queries, in the members' requests", () => {
    const catalog = [kpi('a'), kpi('b', 'other'), journey];
    expect(reportableKpis(catalog).map((k) => k.id)).toEqual(['a', 'b', 'journey']);
    const plan = planReport([journey], period, undefined, catalog);
    expect(plan.requests.map((r) => [r.datasource.uid, r.body.queries.map((q) => q.refId)])).toEqual([
      ['prometheus', ['r0-m0', 'r0-m0-previous']],
      ['other', ['r0-m1', 'r0-m1-previous']],
    ]);
    const rows = readReport(
      plan,
      new Map<string, DsQueryResponse>([
        [
          'prometheus/prometheus',
          { results: { 'r0-m0': { frames: [frame(0.01)] }, 'r0-m0-previous': { frames: [frame(0.02)] } } },
        ],
        [
          'prometheus/other',
          { results: { 'r0-m1': { frames: [frame(0.002)] }, 'r0-m1-previous': { frames: [frame(0.004)] } } },
        ],
      ])
    );
    // November: (1 × 0.01 + 3 × 0.002) / 4 = 0.004, SLI 0.996 ≥ 0.99, 0.004 / 0.01 = 40 % of the budget spent.
    // October: (0.02 + 3 × 0.004) / 4 = 0.008, SLI 0.992: a change of +0.004.
    expect(rows[0]).toMatchObject({ state: 'ok', met: true });
    expect(rows[0].sli).toBeCloseTo(0.996, 12);
    expect(rows[0].budgetSpent).toBeCloseTo(0.4, 12);
    expect(rows[0].change).toBeCloseTo(0.004, 12);
  });

  test('a member whose data source fails marks the composite with the member named', () => {
    const plan = planReport([journey], period, undefined, [kpi('a'), kpi('b', 'other'), journey]);
    const [row] = readReport(
      plan,
      new Map<string, DsQueryResponse | Error>([
        ['prometheus/prometheus', { results: { 'r0-m0': { frames: [frame(0.01)] } } }],
        ['prometheus/other', new Error('HTTP 502')],
      ])
    );
    expect([row.state, row.error]).toEqual(['error', 'member b: HTTP 502']);
  });
});
