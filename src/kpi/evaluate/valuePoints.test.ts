import fc from 'fast-check';
import type { ValueAggregation } from '../model';
import { evaluateValue, type ValueEvaluationInput } from './valueEvaluation';
import { valuePeriodsAt } from './valuePeriods';
import { denseSeries, pointsToGrid, type SlotPoints, type ValuePoints } from './valuePoints';

const AT_MS = Date.UTC(2026, 10, 10, 12, 0);
/** A rolling hour at 5m: 24 slots, the previous hour in 0–11, this hour in 12–23. */
const hourly = valuePeriodsAt('1h', AT_MS);
/** This month so far (10 days of 30 in a UTC November): a `sum` is judged at its run rate. */
const month = valuePeriodsAt({ calendar: 'month', timeZone: 'UTC' }, AT_MS, 3_600_000);

const points = (entries: Array<[number, number]>): SlotPoints => ({
  slots: entries.map(([slot]) => slot),
  values: entries.map(([, value]) => value),
});

describe('value points, hand-worked', () => {
  test('a ratio adds only the slots where both sides have a point', () => {
    // This hour: slots 12, 14 and 20 have both (3/100, 5/100, 2/50), slot 13 only a numerator, slot 15 a NaN
    // numerator: Σ 10 / Σ 250 = 4 %. The hour before: slot 2 only, 1/40 = 2.5 %.
    const series: ValuePoints = {
      numerator: points([
        [2, 1],
        [12, 3],
        [13, 9],
        [14, 5],
        [15, NaN],
        [20, 2],
      ]),
      denominator: points([
        [2, 40],
        [12, 100],
        [14, 100],
        [15, 100],
        [20, 50],
        [23, 7],
      ]),
    };
    const evaluation = evaluateValue({
      objective: { direction: 'higher', target: 0.03, warning: 0.028 },
      periods: hourly,
      series,
      evaluatedAtMs: AT_MS,
    });
    expect(evaluation.value).toBeCloseTo(0.04, 12);
    expect(evaluation.previousValue).toBeCloseTo(0.025, 12);
    expect(evaluation.coverage).toBeCloseTo(3 / 12, 12);
    expect(evaluation.status).toBe('on-track');
  });

  test('a month’s sum so far is forecast at its run rate over the steps with a point', () => {
    // This month so far is the last 228 hourly slots (1 Nov 00:00 to 10 Nov 12:00), two with a point: 2/s and
    // 4/s for an hour each is 21,600 over 2 measured hours, 10,800 per hour × 720 hours of November = 7,776,000.
    const start = month.grid.length - 228;
    const series: ValuePoints = {
      query: points([
        [start + 10, 2],
        [start + 100, 4],
      ]),
      aggregation: 'sum',
    };
    const evaluation = evaluateValue({
      objective: { direction: 'higher', target: 5_000_000 },
      periods: month,
      series,
      evaluatedAtMs: AT_MS,
    });
    expect(evaluation.value).toBe(21_600);
    expect(evaluation.forecast).toBeCloseTo(7_776_000, 6);
    expect(evaluation.status).toBe('on-track');
  });
});

/** Points on `length` slots: unique, ascending, some NaN, some ±0 and repeated values (min and max ties). */
const slotPoints = (length: number) =>
  fc
    .uniqueArray(
      fc.tuple(
        fc.integer({ min: 0, max: length - 1 }),
        fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(NaN, 0, -0, 1))
      ),
      { selector: ([slot]) => slot, maxLength: length }
    )
    .map((entries) => points(entries.sort(([a], [b]) => a - b)));

const aggregation = fc.constantFrom<ValueAggregation>('sum', 'mean', 'last', 'min', 'max');

describe('value points, against the grid', () => {
  test.each([
    ['a rolling hour', hourly],
    ['a month under way', month],
  ])('over %s, points give the evaluation the grid gives, number for number', (_, periods) => {
    const { length } = periods.grid;
    const series = fc.oneof(
      fc.record({ numerator: slotPoints(length), denominator: slotPoints(length) }),
      fc.record({ query: slotPoints(length), aggregation })
    );
    const mask = fc.option(fc.uint8Array({ min: 0, max: 1, minLength: length, maxLength: length }), { nil: undefined });
    fc.assert(
      fc.property(series, mask, fc.constantFrom<'higher' | 'lower'>('higher', 'lower'), (read, excluded, direction) => {
        const input: Omit<ValueEvaluationInput, 'series'> = {
          objective: { direction, target: 0.5, warning: 0.25 },
          periods,
          excluded,
          evaluatedAtMs: AT_MS,
        };
        const fromPoints = evaluateValue({ ...input, series: read });
        const fromGrid = evaluateValue({ ...input, series: denseSeries(read, length) });
        // toEqual tells 0 from -0 and NaN from a number: the same sums in the same order, not merely close ones.
        expect(fromPoints).toEqual(fromGrid);
      }),
      { numRuns: 300 }
    );
  });

  test('the points go on the grid at their slots, the other slots NaN', () => {
    expect(
      Array.from(
        pointsToGrid(
          points([
            [1, 5],
            [3, -0],
          ]),
          5
        )
      )
    ).toEqual([NaN, 5, NaN, -0, NaN]);
  });
});
