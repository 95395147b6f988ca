import { FieldType, toDataFrame, type DataFrame } from '@grafana/data';
import { denseSeries, valuePeriodsAt } from '../kpi/evaluate';
import type { ValueKpiDefinition } from '../kpi/model';
import { checkoutConversionKpi } from '../testing/valueKpis';
import { evaluateValueFrames, labelsToSumAway, valueQueryRefs, valueSeriesFromFrames } from './valueFrames';

const HOUR_MS = 3_600_000;
const STEP_MS = 300_000;
const AT_MS = Date.UTC(2026, 10, 10, 12, 0);

function valueKpi(overrides: Partial<ValueKpiDefinition> = {}): ValueKpiDefinition {
  return { ...checkoutConversionKpi({ window: '1h' }), ...overrides } as ValueKpiDefinition;
}

const revenue = valueKpi({
  id: 'revenue',
  indicator: {
    type: 'value',
    query: 'sum(rate(revenue_dollars_total[$__rate_interval]))',
    aggregation: 'sum',
    unit: 'currencyUSD',
  },
  objective: { direction: 'higher', target: 10_000, window: '1h' },
});

/** The slots of a rolling hour at 5m: 24, from AT − 2h + 5m to AT; the previous hour in the first 12. */
const slotTimes = Array.from({ length: 24 }, (_, i) => AT_MS - 2 * HOUR_MS + (i + 1) * STEP_MS);

function frame(refId: string, values: Array<number | null>, labels?: Record<string, string>): DataFrame {
  return toDataFrame({
    refId,
    fields: [
      { name: 'Time', type: FieldType.time, values: slotTimes.slice(0, values.length), config: { interval: STEP_MS } },
      { name: 'Value', type: FieldType.number, values, labels },
    ],
  });
}

const repeat = (value: number, times: number) => new Array<number>(times).fill(value);

describe('valueQueryRefs', () => {
  test('a ratio asks numerator and denominator, a query asks one, each under the prefix', () => {
    expect(valueQueryRefs(valueKpi(), 'k3-').map(({ field, refId }) => [field, refId])).toEqual([
      ['numerator', 'k3-numerator'],
      ['denominator', 'k3-denominator'],
    ]);
    expect(valueQueryRefs(revenue)).toEqual([
      {
        field: 'query',
        refId: 'query',
        query: 'sum(rate(revenue_dollars_total[$__rate_interval]))',
        expr: 'sum(rate(revenue_dollars_total[$__rate_interval]))',
      },
    ]);
  });

  test('a SQL query object travels as the object, and its text is the SQL', () => {
    const sqlRevenue = {
      ...revenue,
      datasource: { type: 'grafana-postgresql-datasource', uid: 'postgres' },
      indicator: { ...revenue.indicator, query: { rawSql: 'SELECT 1', format: 'time_series' } },
    } as typeof revenue;
    expect(valueQueryRefs(sqlRevenue)).toEqual([
      { field: 'query', refId: 'query', query: { rawSql: 'SELECT 1', format: 'time_series' }, expr: 'SELECT 1' },
    ]);
  });
});

describe('evaluateValueFrames, hand-worked', () => {
  test('conversion is Σ orders / Σ carts over the hour, judged against the hour before', () => {
    // Previous hour 0.2/10 (2 %); this hour 0.35/10 (3.5 %): on track, +1.5 points, +75 %.
    const frames = [
      frame('numerator', [...repeat(0.2, 12), ...repeat(0.35, 12)]),
      frame('denominator', repeat(10, 24)),
    ];
    const { evaluation } = evaluateValueFrames(valueKpi(), frames, { atMs: AT_MS, stepMs: STEP_MS });
    expect(evaluation.status).toBe('on-track');
    expect(evaluation.value).toBeCloseTo(0.035, 12);
    expect(evaluation.previousValue).toBeCloseTo(0.02, 12);
    expect(evaluation.change?.relative).toBeCloseTo(0.75, 12);
    expect(evaluation.change?.better).toBe(true);
  });

  test('a sum of per-second revenue is the hour’s total: 2 $/s × 3,600 s = 7,200 $, off track against 10,000 $', () => {
    const frames = [frame('k0-query', [...repeat(1, 12), ...repeat(2, 12)])];
    const { evaluation } = evaluateValueFrames(revenue, frames, { atMs: AT_MS, stepMs: STEP_MS, refIdPrefix: 'k0-' });
    expect(evaluation.value).toBeCloseTo(7200, 9);
    expect(evaluation.previousValue).toBeCloseTo(3600, 9);
    expect(evaluation.status).toBe('off-track');
  });

  test('points off by a few seconds land on their nearest slot, and a missing point is a gap, not a zero', () => {
    const jittered = toDataFrame({
      refId: 'query',
      fields: [
        { name: 'Time', type: FieldType.time, values: slotTimes.map((t) => t + 7_000).filter((_, i) => i !== 20) },
        { name: 'Value', type: FieldType.number, values: repeat(2, 23) },
      ],
    });
    const reading = evaluateValueFrames(revenue, [jittered], { atMs: AT_MS, stepMs: STEP_MS });
    // 11 of this hour's 12 steps have a sample: 11 × 300 s × 2 $/s.
    expect(reading.evaluation.value).toBeCloseTo(6600, 9);
    expect(reading.evaluation.coverage).toBeCloseTo(11 / 12, 12);
  });

  test('the reading keeps the points that landed; on the grid they are what valueSeriesFromFrames reads', () => {
    const frames = [frame('numerator', [0.2, null, 0.3]), frame('denominator', [10, 10, 10])];
    const reading = evaluateValueFrames(valueKpi(), frames, { atMs: AT_MS, stepMs: STEP_MS });
    expect(reading.series).toEqual({
      numerator: { slots: [0, 1, 2], values: [0.2, NaN, 0.3] },
      denominator: { slots: [0, 1, 2], values: [10, 10, 10] },
    });
    const read = valueSeriesFromFrames(frames, valueKpi(), reading.periods.grid, '', AT_MS);
    expect(read.ok && denseSeries(reading.series!, reading.periods.grid.length)).toEqual(read.ok && read.series);
  });
});

describe('what cannot be read is no-data with its reason', () => {
  test('several series where one is expected name the labels to sum away and the field', () => {
    const frames = [
      frame('numerator', repeat(0.2, 24), { job: 'shop', pod: 'a' }),
      frame('numerator', repeat(0.2, 24), { job: 'shop', pod: 'b' }),
      frame('denominator', repeat(10, 24)),
    ];
    const { evaluation } = evaluateValueFrames(valueKpi(), frames, { atMs: AT_MS, stepMs: STEP_MS });
    expect(evaluation.status).toBe('no-data');
    expect(evaluation.reason).toBe(
      'indicator.numerator returns 2 series where one is expected: sum away pod, ' +
        'e.g. sum(sum(rate(orders_total[$__rate_interval])))'
    );
    expect(evaluation.value).toBeNull();
  });

  test('a denominator of 0 over the period says so rather than reading 0 % or infinity', () => {
    const frames = [frame('numerator', repeat(0, 24)), frame('denominator', repeat(0, 24))];
    const { evaluation } = evaluateValueFrames(valueKpi(), frames, { atMs: AT_MS, stepMs: STEP_MS });
    expect(evaluation.status).toBe('no-data');
    expect(evaluation.reason).toBe('the denominator is 0 over last 1h');
  });

  test('no frames at all are no samples, never on track', () => {
    const { evaluation } = evaluateValueFrames(valueKpi(), [], { atMs: AT_MS, stepMs: STEP_MS });
    expect(evaluation.status).toBe('no-data');
    expect(evaluation.reason).toBe('no samples of numerator and denominator over last 1h');
  });

  test('a frame without a time field names the field it came from', () => {
    const noTime = toDataFrame({ refId: 'query', fields: [{ name: 'Value', type: FieldType.number, values: [1] }] });
    const read = valueSeriesFromFrames([noTime], revenue, valuePeriodsAt('1h', AT_MS).grid);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.reason).toMatch(/^indicator\.query: /);
  });

  test('an hour inside maintenance reads maintenance, whatever the value', () => {
    const kpi = valueKpi({
      maintenance: [
        {
          start: new Date(AT_MS - HOUR_MS).toISOString(),
          end: new Date(AT_MS + HOUR_MS).toISOString(),
          reason: 'migration',
        },
      ],
    });
    const frames = [frame('numerator', repeat(0.1, 24)), frame('denominator', repeat(10, 24))];
    expect(evaluateValueFrames(kpi, frames, { atMs: AT_MS, stepMs: STEP_MS }).evaluation.status).toBe('maintenance');
  });
});

describe('labelsToSumAway', () => {
  test('names only the labels whose values differ, sorted; a label on some series only differs too', () => {
    expect(
      labelsToSumAway([
        { job: 'a', pod: '1' },
        { job: 'a', pod: '2', zone: 'x' },
      ])
    ).toEqual(['pod', 'zone']);
    expect(labelsToSumAway([undefined, {}])).toEqual([]);
  });
});
