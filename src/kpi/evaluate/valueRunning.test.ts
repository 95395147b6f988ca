import fc from 'fast-check';
import { evaluateValue, type ValueSeries } from './valueEvaluation';
import { valuePeriodsAt } from './valuePeriods';
import { valueLine } from './valueRunning';

const AT_MS = Date.UTC(2026, 10, 10, 12, 0);
/** A rolling 1h at 5m: 24 slots, the previous hour in 0–11, this hour in 12–23. */
const hourly = valuePeriodsAt('1h', AT_MS);
const { grid, current, previous } = hourly;
const series = (values: number[]) => Float64Array.from(values);

describe('valueLine, hand-worked', () => {
  test('a ratio is the running Σ/Σ: 1/10, then (1+3)/(10+10) = 20 %, then (1+3+0)/(10+10+20) = 10 %', () => {
    const numerator = series([...new Array(12).fill(9), 1, 3, 0, ...new Array(9).fill(NaN)]);
    const denominator = series([...new Array(12).fill(9), 10, 10, 20, ...new Array(9).fill(NaN)]);
    const line = valueLine({ numerator, denominator }, grid, current, AT_MS);
    expect(line.grid).toEqual({ startMs: AT_MS - 3_300_000, stepMs: 300_000, length: 12 });
    expect(Array.from(line.values.slice(0, 4))).toEqual([0.1, 0.2, 0.1, 0.1]);
    expect(line.projected).toBe(false);
  });

  test('a sum is its pace over the period: 2 $/s for the first step of an hour is on pace for 7,200 $', () => {
    const query = series([...new Array(12).fill(NaN), 2, 4, ...new Array(10).fill(NaN)]);
    const line = valueLine({ query, aggregation: 'sum' }, grid, current, AT_MS, { sum: 'pace' });
    // One step: 2 $/s × 300 s = 600 $ in 300 s, 3,600 s at that rate: 7,200 $. Two steps: 1,800 $ in 600 s: 10,800 $.
    expect(line.values[0]).toBeCloseTo(7200, 9);
    expect(line.values[1]).toBeCloseTo(10800, 9);
    expect(line.values[11]).toBeCloseTo(10800, 9);
    expect(line.projected).toBe(true);
    // Once the hour is over, it is judged on its total: 600 $, then 1,800 $.
    const total = valueLine({ query, aggregation: 'sum' }, grid, current, AT_MS);
    expect(Array.from(total.values.slice(0, 2))).toEqual([600, 1800]);
    expect(total.projected).toBe(false);
  });

  test.each([
    ['mean', [4, 2, 6], [4, 3, 4]],
    ['min', [4, 2, 6], [4, 2, 2]],
    ['max', [4, 2, 6], [4, 4, 6]],
    ['last', [4, NaN, 6], [4, 4, 6]],
  ] as const)('%s runs as its fold: %j gives %j', (aggregation, values, expected) => {
    const query = series([...new Array(12).fill(100), ...values, ...new Array(9).fill(NaN)]);
    const line = valueLine({ query, aggregation }, grid, current, AT_MS);
    expect(Array.from(line.values.slice(0, 3))).toEqual(expected);
  });

  test('the previous period has a line of its own, from its own first slot', () => {
    const query = series([...new Array(12).fill(1), ...new Array(12).fill(5)]);
    const line = valueLine({ query, aggregation: 'mean' }, grid, previous, AT_MS);
    expect(line.grid.startMs).toBe(grid.startMs);
    expect(Array.from(line.values)).toEqual(new Array(12).fill(1));
  });

  test('a step in maintenance is a gap in the line, as in the value', () => {
    const query = series([...new Array(12).fill(1), 10, 20, 30, ...new Array(9).fill(NaN)]);
    const excluded = new Uint8Array(24);
    excluded[13] = 1;
    const line = valueLine({ query, aggregation: 'mean' }, grid, current, AT_MS, { excluded });
    expect(Array.from(line.values.slice(0, 3))).toEqual([10, 10, 20]);
  });
});

describe('valueLine, properties', () => {
  const values = fc.array(fc.oneof(fc.double({ min: 0, max: 1000, noNaN: true }), fc.constant(NaN)), {
    minLength: 24,
    maxLength: 24,
  });

  test('the line ends at the value the period is judged on, for every aggregation and for a ratio', () => {
    fc.assert(
      fc.property(
        values,
        values,
        fc.constantFrom(
          'sum' as const,
          'mean' as const,
          'min' as const,
          'max' as const,
          'last' as const,
          'ratio' as const
        ),
        (a, b, kind) => {
          const s: ValueSeries =
            kind === 'ratio'
              ? { numerator: Float64Array.from(a), denominator: Float64Array.from(b) }
              : { query: Float64Array.from(a), aggregation: kind };
          const evaluation = evaluateValue({
            objective: { direction: 'higher', target: 1 },
            periods: hourly,
            series: s,
            evaluatedAtMs: AT_MS,
          });
          const line = valueLine(s, grid, current, AT_MS);
          const end = line.values[line.values.length - 1];
          if (evaluation.forecast === null) {
            expect(Number.isNaN(end)).toBe(true);
          } else {
            expect(end).toBeCloseTo(evaluation.forecast, 6);
          }
        }
      )
    );
  });
});
