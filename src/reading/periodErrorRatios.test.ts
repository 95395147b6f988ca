/**
 * An SLO's error ratio per whole period from range frames, as the report reads SQL and other non-PromQL KPIs.
 * Hand-made frames in the shape Grafana's SQL backend answers: one row per 6h bucket, named by its start.
 */
import fc from 'fast-check';
import { FieldType, toDataFrame, type DataFrame } from '@grafana/data';
import { checkoutKpi } from '../testing/checkoutKpi';
import { periodErrorRatios, unreadableSourceReason } from './periodErrorRatios';

const HOUR = 3_600_000;
const STEP = 6 * HOUR;
/** Two days: the first is the period before, the second the report's period. */
const DAY1 = Date.UTC(2026, 10, 1);
const DAY2 = DAY1 + 24 * HOUR;
const DAY3 = DAY2 + 24 * HOUR;
const PERIODS = [
  { startMs: DAY2, endMs: DAY3 },
  { startMs: DAY1, endMs: DAY2 },
];
const OPTIONS = { range: { fromMs: DAY1, toMs: DAY3 }, stepMs: STEP, refIds: ['good', 'total'] };
const POSTGRES = { type: 'grafana-postgresql-datasource', uid: 'postgres' };

function frame(refId: string, rows: Array<[startMs: number, value: unknown]>, valueType = FieldType.number): DataFrame {
  return toDataFrame({
    refId,
    fields: [
      { name: 'time', type: FieldType.time, values: rows.map(([t]) => t) },
      { name: refId, type: valueType, values: rows.map(([, v]) => v) },
    ],
  });
}

const sqlKpi = (overrides: Parameters<typeof checkoutKpi>[0] = {}) =>
  checkoutKpi({
    id: 'payment-success',
    datasource: POSTGRES,
    indicator: { good: { rawSql: 'SELECT good' }, total: { rawSql: 'SELECT total' } },
    objective: { target: 0.99, window: '28d' },
    ...overrides,
  });

describe('periodErrorRatios', () => {
  test('each bucket counts in the period its end falls in: 6 bad of 450 the day before, 10 of 1,000 the day', () => {
    // Day 1: buckets at 00:00 and 12:00 (200 each, 197 and 197 good). Day 2: 18:00 of day 1 ends at day 2's
    // midnight, so it is still day 1's; day 2 holds 06:00 (1,000, 990 good).
    const good = frame('good', [
      [DAY1, 197],
      [DAY1 + 12 * HOUR, 197],
      [DAY1 + 18 * HOUR, 50],
      [DAY2 + 6 * HOUR, 990],
    ]);
    const total = frame('total', [
      [DAY1, 200],
      [DAY1 + 12 * HOUR, 200],
      [DAY1 + 18 * HOUR, 50],
      [DAY2 + 6 * HOUR, 1000],
    ]);
    const read = periodErrorRatios(sqlKpi(), [good, total], PERIODS, OPTIONS);
    expect(read).toEqual({ ok: true, ratios: [10 / 1000, 6 / 450] });
  });

  test('a period whose buckets have no rows is no traffic (NaN), not 100 % and not no data', () => {
    const read = periodErrorRatios(
      sqlKpi(),
      [frame('good', [[DAY1, 9]]), frame('total', [[DAY1, 10]])],
      PERIODS,
      OPTIONS
    );
    expect(read.ok && read.ratios[0]).toBeNaN();
    expect(read.ok && read.ratios[1]).toBeCloseTo(0.1, 12);
  });

  test('a query that came back without frames is no data (null)', () => {
    expect(periodErrorRatios(sqlKpi(), [], PERIODS, OPTIONS)).toEqual({ ok: true, ratios: [null, null] });
  });

  test('maintenance steps count neither as events nor as failures', () => {
    const kpi = sqlKpi({
      maintenance: [
        { start: new Date(DAY2).toISOString(), end: new Date(DAY2 + 6 * HOUR).toISOString(), reason: 'migration' },
      ],
    });
    // The 00:00 bucket of day 2 (ends 06:00) is inside maintenance; its 100 failures are not counted.
    const good = frame('good', [
      [DAY2, 0],
      [DAY2 + 12 * HOUR, 98],
    ]);
    const total = frame('total', [
      [DAY2, 100],
      [DAY2 + 12 * HOUR, 100],
    ]);
    const read = periodErrorRatios(kpi, [good, total], PERIODS, OPTIONS);
    expect(read.ok && read.ratios[0]).toBeCloseTo(0.02, 12);
  });

  test("a threshold KPI counts slices: 1 of day 2's 3 buckets is over 250 ms, a third bad", () => {
    const kpi = checkoutKpi({
      id: 'order-latency',
      datasource: POSTGRES,
      indicator: { type: 'threshold', query: { rawSql: 'SELECT p95' }, comparator: '<=', threshold: 250 },
    });
    const values = frame('value', [
      [DAY1 + 18 * HOUR, 120],
      [DAY2, 200],
      [DAY2 + 6 * HOUR, 300],
      [DAY2 + 12 * HOUR, 100],
    ]);
    const read = periodErrorRatios(kpi, [values], PERIODS, { ...OPTIONS, refIds: ['value'] });
    expect(read.ok && read.ratios[0]).toBeCloseTo(1 / 3, 12);
    expect(read.ok && read.ratios[1]).toBe(0);
  });

  test('a frame without a time column names the query', () => {
    const noTime = toDataFrame({ refId: 'good', fields: [{ name: 'good', type: FieldType.number, values: [1] }] });
    const read = periodErrorRatios(sqlKpi(), [noTime, frame('total', [[DAY1, 1]])], PERIODS, OPTIONS);
    expect(read).toEqual({ ok: false, reason: expect.stringContaining('Query "good" returned no time field') });
  });

  test('a type Northstar does not know: read as SQL when it answers rows, named as unread when it answers none', () => {
    const influx = sqlKpi({ datasource: { type: 'influxdb', uid: 'influx' } });
    const answered = periodErrorRatios(
      influx,
      [frame('good', [[DAY2, 3]]), frame('total', [[DAY2, 4]])],
      PERIODS,
      OPTIONS
    );
    expect(answered).toEqual({ ok: true, ratios: [0.25, NaN] });
    const silent = periodErrorRatios(influx, [toDataFrame({ refId: 'good', fields: [] })], PERIODS, OPTIONS);
    expect(silent).toEqual({ ok: false, reason: 'not evaluated: influxdb returns no frames we can read' });
    expect(unreadableSourceReason(sqlKpi(), [])).toBeUndefined();
  });

  test('property: the two periods together hold every bucket: their events add up to all rows', () => {
    const bucket = fc.record({ slot: fc.integer({ min: 0, max: 7 }), total: fc.integer({ min: 1, max: 1000 }) });
    fc.assert(
      fc.property(
        fc.uniqueArray(bucket, { selector: (b) => b.slot, minLength: 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (buckets, share) => {
          const rows = buckets.map(({ slot, total }) => ({
            start: DAY1 + slot * STEP,
            total,
            good: Math.floor(total * share),
          }));
          const read = periodErrorRatios(
            sqlKpi(),
            [
              frame(
                'good',
                rows.map((r) => [r.start, r.good])
              ),
              frame(
                'total',
                rows.map((r) => [r.start, r.total])
              ),
            ],
            [{ startMs: DAY1 - STEP, endMs: DAY3 + STEP }],
            { ...OPTIONS, range: { fromMs: DAY1 - STEP, toMs: DAY3 + STEP } }
          );
          const bad = rows.reduce((sum, r) => sum + r.total - r.good, 0);
          const all = rows.reduce((sum, r) => sum + r.total, 0);
          expect(read.ok && read.ratios[0]).toBeCloseTo(bad / all, 12);
        }
      )
    );
  });
});
