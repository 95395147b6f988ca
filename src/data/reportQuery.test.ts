import type { DataFrameJSON } from '@grafana/data';
import { compositeKpi } from '../testing/compositeKpi';
import type { CompositeKpiDefinition, KpiDefinition } from '../kpi/model';
import { reportPeriod } from '../kpi/evaluate';
import type { DsQueryResponse } from './dsQuery';
import { planReport, readReport, reportableKpis } from './reportQuery';
import { checkoutConversionKpi, valueKpi } from '../testing/valueKpis';
import { weeklyOrdersSqlKpi } from '../testing/shopSqlKpis';

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

  test('published KPIs on any data source; drafts are left out', () => {
    const kpis = [
      kpi('a'),
      kpi('b', 'p', { status: 'draft' }),
      kpi('c', 'influx', { datasource: { type: 'influxdb', uid: 'i' } }),
    ];
    expect(reportableKpis(kpis).map((k) => k.id)).toEqual(['a', 'c']);
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

describe('value KPIs in the report', () => {
  const period = reportPeriod('last-month', 'UTC', NOW);
  const HOUR_MS = 3_600_000;
  const conversion = checkoutConversionKpi({ window: { calendar: 'month', timeZone: 'UTC' } }, { id: 'conversion' });

  /** An hourly range frame from 1 October 01:00 to 1 December 00:00: `before` in October, `during` in November. */
  function rangeFrame(before: number, during: number): DataFrameJSON {
    const start = Date.UTC(2026, 9, 1, 1);
    const times = Array.from({ length: 61 * 24 }, (_, i) => start + i * HOUR_MS);
    return {
      schema: {
        fields: [
          { name: 'Time', type: 'time' as never, config: { interval: HOUR_MS } },
          { name: 'Value', type: 'number' as never },
        ],
      },
      data: { values: [times, times.map((t) => (t <= Date.UTC(2026, 10, 1) ? before : during))] },
    };
  }

  test('join the SLOs’ one request per data source with range queries over October and November at 1h', () => {
    expect(reportableKpis([conversion, { ...conversion, id: 'draft', status: 'draft' }]).map((k) => k.id)).toEqual([
      'conversion',
    ]);
    const plan = planReport([kpi('a'), conversion], period);
    expect(plan.requests).toHaveLength(1);
    const { body } = plan.requests[0];
    expect(body.queries.map((q) => q.refId)).toEqual(['r0', 'r0-previous', 'r1-numerator', 'r1-denominator']);
    expect([body.from, body.to]).toEqual([String(Date.UTC(2026, 9, 1)), String(Date.UTC(2026, 11, 1))]);
    expect(body.queries[2]).toMatchObject({
      expr: conversion.indicator.numerator,
      range: true,
      instant: false,
      intervalMs: HOUR_MS,
      maxDataPoints: 61 * 24 + 1,
    });
  });

  test('read back as value vs target, met by direction, with the change on October', () => {
    const plan = planReport([conversion], period);
    const response: DsQueryResponse = {
      results: {
        'r0-numerator': { frames: [rangeFrame(0.25, 0.33)] },
        'r0-denominator': { frames: [rangeFrame(10, 10)] },
      },
    };
    const [row] = readReport(plan, new Map([['prometheus/prometheus', response]]));
    expect([row.state, row.met]).toEqual(['ok', true]);
    expect(row.value?.evaluation.value).toBeCloseTo(0.033, 12);
    expect(row.value?.evaluation.previousValue).toBeCloseTo(0.025, 12);
    expect(row.value?.evaluation.change?.relative).toBeCloseTo(0.32, 12);
  });

  test('a refused query marks the row with its field; several series where one is expected say what to sum away', () => {
    const plan = planReport([conversion], period);
    const refused: DsQueryResponse = { results: { 'r0-numerator': { status: 400, error: 'parse error' } } };
    const [row] = readReport(plan, new Map([['prometheus/prometheus', refused]]));
    expect([row.state, row.error]).toEqual(['error', 'indicator.numerator: parse error']);

    const perPod = (pod: string): DataFrameJSON => {
      const json = rangeFrame(1, 1);
      return { ...json, schema: { fields: [json.schema!.fields[0], { ...json.schema!.fields[1], labels: { pod } }] } };
    };
    const several: DsQueryResponse = {
      results: {
        'r0-numerator': { frames: [perPod('a'), perPod('b')] },
        'r0-denominator': { frames: [rangeFrame(10, 10)] },
      },
    };
    const [split] = readReport(plan, new Map([['prometheus/prometheus', several]]));
    expect(split.error).toBe(
      'indicator.numerator returns 2 series where one is expected: sum away pod, e.g. sum(sum(rate(orders_total[$__rate_interval])))'
    );
  });
});

describe('SQL and other data sources in the report', () => {
  const period = reportPeriod('last-month', 'UTC', NOW);
  const HOUR_MS = 3_600_000;
  const POSTGRES = { type: 'grafana-postgresql-datasource', uid: 'postgres' };
  const bucketSql = (select: string) =>
    `SELECT $__timeGroupAlias(created_at, $__interval), ${select} FROM shop.payments WHERE $__timeFilter(created_at) GROUP BY 1`;
  const payments = kpi('payment-success', 'postgres', {
    datasource: POSTGRES,
    indicator: {
      type: 'ratio',
      good: { rawSql: bucketSql("count(*) FILTER (WHERE status = 'paid') AS good"), format: 'time_series' },
      total: { rawSql: bucketSql('count(*) AS total'), format: 'time_series' },
    },
    objective: { target: 0.99, window: '28d' },
  });
  const orders = valueKpi(
    'monthly-orders',
    { query: { rawSql: bucketSql('count(*) AS orders'), format: 'time_series' }, aggregation: 'sum', unit: 'short' },
    { direction: 'higher', target: 1000, window: { calendar: 'month', timeZone: 'UTC' } },
    { datasource: POSTGRES }
  );

  /** SQL's answer: one row per hourly bucket that had rows, named by its start. */
  function bucketFrame(rows: Array<[startMs: number, count: number]>): DataFrameJSON {
    return {
      schema: {
        fields: [
          { name: 'time', type: 'time' as never },
          { name: 'count', type: 'number' as never },
        ],
      },
      data: { values: [rows.map(([t]) => t), rows.map(([, v]) => v)] },
    };
  }

  test('SQL KPIs join the Prometheus ones: one request per data source, range queries from October at 1h', () => {
    const plan = planReport([kpi('a'), payments, orders], period);
    expect(plan.requests.map((r) => [r.datasource.type, r.body.queries.map((q) => q.refId)])).toEqual([
      ['prometheus', ['r0', 'r0-previous']],
      ['grafana-postgresql-datasource', ['r1-good', 'r1-total', 'r2-query']],
    ]);
    const sql = plan.requests[1];
    expect([sql.body.from, sql.body.to]).toEqual([String(Date.UTC(2026, 9, 1)), String(Date.UTC(2026, 11, 1))]);
    // The query object as stored, with the step Grafana's SQL backend expands $__interval to.
    expect(sql.body.queries[0]).toMatchObject({
      rawSql: bucketSql("count(*) FILTER (WHERE status = 'paid') AS good"),
      format: 'time_series',
      intervalMs: HOUR_MS,
    });
    expect(sql.body.queries[0]).not.toHaveProperty('expr');
    expect(sql.body.queries[2]).toMatchObject({ rawSql: bucketSql('count(*) AS orders'), intervalMs: HOUR_MS });
  });

  test("a SQL SLO's attainment, budget and change from its buckets, each counted in the period its end falls in", () => {
    const plan = planReport([payments], period);
    const nov10 = Date.UTC(2026, 10, 10);
    const oct20 = Date.UTC(2026, 9, 20);
    // The bucket of 31 October 23:00 ends at 1 November 00:00: October's.
    const oct31Late = Date.UTC(2026, 9, 31, 23);
    const response: DsQueryResponse = {
      results: {
        'r0-good': {
          frames: [
            bucketFrame([
              [oct20, 490],
              [oct31Late, 100],
              [nov10, 995],
            ]),
          ],
        },
        'r0-total': {
          frames: [
            bucketFrame([
              [oct20, 500],
              [oct31Late, 100],
              [nov10, 1000],
            ]),
          ],
        },
      },
    };
    const [row] = readReport(plan, new Map([['grafana-postgresql-datasource/postgres', response]]));
    // November: 995 / 1,000 = 99.5 % against 99 %: met, 5 of the 10 failures allowed, half the budget.
    // October: 590 / 600 = 98.33 %: a change of +1.1667 points.
    expect([row.state, row.met]).toEqual(['ok', true]);
    expect(row.sli).toBeCloseTo(0.995, 12);
    expect(row.budgetSpent).toBeCloseTo(0.5, 12);
    expect(row.previousSli).toBeCloseTo(590 / 600, 12);
    expect(row.change).toBeCloseTo(0.995 - 590 / 600, 12);
  });

  test('a SQL SLO without rows is no traffic; a refused query names its field and refId', () => {
    const plan = planReport([payments], period);
    const empty = { frames: [bucketFrame([])] };
    const [quiet] = readReport(
      plan,
      new Map([['grafana-postgresql-datasource/postgres', { results: { 'r0-good': empty, 'r0-total': empty } }]])
    );
    expect([quiet.state, quiet.sli]).toEqual(['no-traffic', null]);
    const refused: DsQueryResponse = {
      results: { 'r0-total': { status: 400, error: 'relation "shop.payments" does not exist' } },
    };
    const [failed] = readReport(plan, new Map([['grafana-postgresql-datasource/postgres', refused]]));
    expect([failed.state, failed.error]).toEqual([
      'error',
      'indicator.total (refId total): relation "shop.payments" does not exist',
    ]);
  });

  test('a SQL value KPI: buckets summed per month, a bucket without a row 0, against its monthly target', () => {
    const plan = planReport([orders], period);
    const response: DsQueryResponse = {
      results: {
        'r0-query': {
          frames: [
            bucketFrame([
              [Date.UTC(2026, 9, 5), 500],
              [Date.UTC(2026, 10, 3), 400],
              [Date.UTC(2026, 10, 20, 7), 200],
            ]),
          ],
        },
      },
    };
    const [row] = readReport(plan, new Map([['grafana-postgresql-datasource/postgres', response]]));
    // November 600 against ≥ 1,000: missed; October 500: +20 %.
    expect([row.state, row.met]).toEqual(['ok', false]);
    expect(row.value?.evaluation.value).toBe(600);
    expect(row.value?.evaluation.previousValue).toBe(500);
    expect(row.value?.evaluation.change?.relative).toBeCloseTo(0.2, 12);
  });

  test('a SQL 7d total in a month under way: December so far against as long a start of November, not its pace', () => {
    // 6 December 06:40: the hourly grid measures December up to 06:00, 5d6h.
    const december = reportPeriod('this-month', 'UTC', Date.UTC(2026, 11, 6, 6, 40));
    const plan = planReport([weeklyOrdersSqlKpi()], december);
    const response: DsQueryResponse = {
      results: {
        'r0-query': {
          frames: [
            bucketFrame([
              [Date.UTC(2026, 10, 3), 300],
              [Date.UTC(2026, 10, 26), 500],
              [Date.UTC(2026, 11, 3), 400],
              [Date.UTC(2026, 11, 6, 5), 200],
            ]),
          ],
        },
      },
    };
    const [row] = readReport(plan, new Map([['grafana-postgresql-datasource/postgres', response]]));
    // 400 + 200 = 600 so far against 1–6 November's 300: +100 %, where December's pace (600 / 5.25 days × 31 days
    // = 3,542.9) against the whole of November (800) would read +343 %.
    expect(row.value?.evaluation.value).toBe(600);
    expect(row.value?.evaluation.forecast).toBe(600);
    expect(row.value?.evaluation.previousValue).toBe(300);
    expect(row.value?.evaluation.change?.relative).toBeCloseTo(1, 12);
    expect(row.value?.evaluation.previousPeriod.label).toBe('the first 5d6h of the month before');
    expect([row.state, row.met]).toEqual(['ok', null]);
  });

  test('a type Northstar does not know: evaluated when it answers range frames, named when it answers none', () => {
    const influx = { ...payments, id: 'influx-slo', datasource: { type: 'influxdb', uid: 'influx' } };
    const influxValue = { ...orders, id: 'influx-orders', datasource: { type: 'influxdb', uid: 'influx' } };
    const plan = planReport([influx, influxValue], period);
    expect(plan.requests[0].body.queries.map((q) => q.refId)).toEqual(['r0-good', 'r0-total', 'r1-query']);
    const silent = readReport(plan, new Map([['influxdb/influx', { results: {} }]]));
    expect(silent.map((row) => [row.state, row.error])).toEqual([
      ['error', 'not evaluated: influxdb returns no frames we can read'],
      ['error', 'not evaluated: influxdb returns no frames we can read'],
    ]);
    const nov2 = Date.UTC(2026, 10, 2);
    const answered: DsQueryResponse = {
      results: {
        'r0-good': { frames: [bucketFrame([[nov2, 3]])] },
        'r0-total': { frames: [bucketFrame([[nov2, 4]])] },
        'r1-query': { frames: [bucketFrame([[nov2, 1200]])] },
      },
    };
    const [slo, value] = readReport(plan, new Map([['influxdb/influx', answered]]));
    expect([slo.state, slo.sli]).toEqual(['ok', 0.75]);
    expect([value.state, value.met, value.value?.evaluation.value]).toEqual(['ok', true, 1200]);
  });

  test("a composite with a SQL member reads that member's buckets beside the PromQL member's instant ratios", () => {
    const journey = compositeKpi({ a: 1, 'payment-success': 1 });
    const plan = planReport([journey], period, undefined, [kpi('a'), payments, journey]);
    expect(plan.requests.map((r) => r.body.queries.map((q) => q.refId))).toEqual([
      ['r0-m0', 'r0-m0-previous'],
      ['r0-m1-good', 'r0-m1-total'],
    ]);
    const nov10 = Date.UTC(2026, 10, 10);
    const oct10 = Date.UTC(2026, 9, 10);
    const rows = readReport(
      plan,
      new Map<string, DsQueryResponse>([
        [
          'prometheus/prometheus',
          { results: { 'r0-m0': { frames: [frame(0.01)] }, 'r0-m0-previous': { frames: [frame(0.02)] } } },
        ],
        [
          'grafana-postgresql-datasource/postgres',
          {
            results: {
              'r0-m1-good': {
                frames: [
                  bucketFrame([
                    [oct10, 96],
                    [nov10, 98],
                  ]),
                ],
              },
              'r0-m1-total': {
                frames: [
                  bucketFrame([
                    [oct10, 100],
                    [nov10, 100],
                  ]),
                ],
              },
            },
          },
        ],
      ])
    );
    // November: (0.01 + 0.02) / 2 = 0.015, SLI 0.985; October: (0.02 + 0.04) / 2 = 0.03, SLI 0.97.
    expect(rows[0].sli).toBeCloseTo(0.985, 12);
    expect(rows[0].change).toBeCloseTo(0.015, 12);
  });
});
