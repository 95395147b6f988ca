import fc from 'fast-check';
import { evaluateValue, judgeValue, type ValueSeries } from './valueEvaluation';
import { valuePeriodsAt, valueStepMs } from './valuePeriods';
import type { ValueObjective } from '../model';

const HOUR_MS = 3_600_000;
const AT_MS = Date.UTC(2026, 10, 10, 12, 0);

/** A rolling 1h window at a 5m step: 24 slots, the previous hour in 0–11 and this hour in 12–23. */
const hourly = valuePeriodsAt('1h', AT_MS);
const halves = (previous: number[], current: number[]) => Float64Array.from([...previous, ...current]);
const repeat = (value: number, times: number) => new Array<number>(times).fill(value);

const conversion: ValueObjective = { direction: 'higher', target: 0.03, warning: 0.028, window: '1h' };

function evaluateHour(series: ValueSeries, objective: Omit<ValueObjective, 'window'> = conversion) {
  return evaluateValue({ objective, periods: hourly, series, evaluatedAtMs: AT_MS });
}

describe('value periods', () => {
  test('a rolling hour at a 5m step is 24 slots, the previous hour first', () => {
    expect(hourly.grid).toEqual({ startMs: AT_MS - 2 * HOUR_MS + 300_000, stepMs: 300_000, length: 24 });
    expect(hourly.current).toEqual({ startMs: AT_MS - HOUR_MS, endMs: AT_MS, label: 'last 1h' });
  });

  test.each([
    ['28d', 300_000],
    ['90d', 900_000],
    ['7h13m', 60_000],
    [{ calendar: 'month' as const, timeZone: 'Asia/Kathmandu' }, 300_000],
    [{ calendar: 'quarter' as const, timeZone: 'UTC' }, 900_000],
  ])('the step of %j is %d ms', (window, stepMs) => {
    expect(valueStepMs(window)).toBe(stepMs);
  });
});

describe('evaluateValue, hand-worked', () => {
  test('numerator/denominator is Σ numerator / Σ denominator over the period, never a mean of ratios', () => {
    // This hour: 6 steps at 0.3/10 per second (3 %), 6 at 0.1/2 (5 %). Σn·300 = 540 + 180 = 720 orders,
    // Σd·300 = 18,000 + 3,600 = 21,600 carts: 720 / 21,600 = 3.333 %, where a mean of ratios says 4 %.
    // The hour before: 0.2/10 throughout = 2 %. Change: +1.333 points, +66.7 %.
    const evaluation = evaluateHour({
      numerator: halves(repeat(0.2, 12), [...repeat(0.3, 6), ...repeat(0.1, 6)]),
      denominator: halves(repeat(10, 12), [...repeat(10, 6), ...repeat(2, 6)]),
    });
    expect(evaluation.value).toBeCloseTo(1 / 30, 12);
    expect(evaluation.previousValue).toBeCloseTo(0.02, 12);
    expect(evaluation.forecast).toBeCloseTo(1 / 30, 12);
    expect(evaluation.change?.absolute).toBeCloseTo(1 / 30 - 0.02, 12);
    expect(evaluation.change?.relative).toBeCloseTo(2 / 3, 12);
    expect(evaluation.change?.better).toBe(true);
    expect(evaluation.status).toBe('on-track');
    expect(evaluation.coverage).toBe(1);
  });

  test.each([
    // 2 per second for 12 steps of 300 s: 7,200; the hour before 1 per second: 3,600.
    ['sum', 7200, 3600],
    // The values 1..12 this hour, 20 the hour before.
    ['mean', 6.5, 20],
    ['last', 12, 20],
    ['min', 1, 20],
    ['max', 12, 20],
  ] as const)('%s of this hour is %d, of the hour before %d', (aggregation, value, previousValue) => {
    const query =
      aggregation === 'sum'
        ? halves(repeat(1, 12), repeat(2, 12))
        : halves(
            repeat(20, 12),
            Array.from({ length: 12 }, (_, i) => i + 1)
          );
    const evaluation = evaluateHour({ query, aggregation }, { direction: 'lower', target: 10, warning: 15 });
    expect(evaluation.value).toBeCloseTo(value, 9);
    expect(evaluation.previousValue).toBeCloseTo(previousValue, 9);
  });

  test.each([
    // lower is better, target 10, warning 15.
    [9.99, 'on-track'],
    [10, 'on-track'],
    [12, 'at-risk'],
    [15, 'at-risk'],
    [15.01, 'off-track'],
  ] as const)('lower is better: %d against target 10, warning 15 is %s', (value, status) => {
    expect(judgeValue(value, { direction: 'lower', target: 10, warning: 15 })).toBe(status);
  });

  test('without a warning, anything short of the target is off-track', () => {
    expect(judgeValue(0.0299, { direction: 'higher', target: 0.03 })).toBe('off-track');
  });

  test('a sum over a month under way is judged on its forecast at the run rate so far', () => {
    // Calendar November (30 days), evaluated on the 10th at 00:00 UTC: 9 days measured at 1 per second is
    // 777,600; at that rate the month ends at 30 × 86,400 = 2,592,000, above the 2,500,000 target. October
    // (31 days) at 0.5 per second: 1,339,200. The change compares the forecast: +1,252,800 (+93.5 %).
    const atMs = Date.UTC(2026, 10, 10);
    const periods = valuePeriodsAt({ calendar: 'month', timeZone: 'UTC' }, atMs);
    expect(periods.grid.length).toBe(40 * 288);
    const query = Float64Array.from({ length: periods.grid.length }, (_, i) => (i < 31 * 288 ? 0.5 : 1));
    const evaluation = evaluateValue({
      objective: { direction: 'higher', target: 2_500_000 },
      periods,
      series: { query, aggregation: 'sum' },
      evaluatedAtMs: atMs,
    });
    expect(evaluation.value).toBeCloseTo(777_600, 6);
    expect(evaluation.forecast).toBeCloseTo(2_592_000, 6);
    expect(evaluation.previousValue).toBeCloseTo(1_339_200, 6);
    expect(evaluation.change?.absolute).toBeCloseTo(1_252_800, 6);
    expect(evaluation.status).toBe('on-track');
    expect(evaluation.period).toEqual({
      startMs: Date.UTC(2026, 10, 1),
      endMs: Date.UTC(2026, 11, 1),
      label: 'this month',
    });
  });

  test('a mean over a month under way is judged on its value, not extrapolated', () => {
    const atMs = Date.UTC(2026, 10, 10);
    const periods = valuePeriodsAt({ calendar: 'month', timeZone: 'UTC' }, atMs);
    const evaluation = evaluateValue({
      objective: { direction: 'lower', target: 0.5 },
      periods,
      series: { query: new Float64Array(periods.grid.length).fill(0.4), aggregation: 'mean' },
      evaluatedAtMs: atMs,
    });
    expect(evaluation.forecast).toBeCloseTo(0.4, 12);
    expect(evaluation.status).toBe('on-track');
  });

  test('a denominator of 0 over the period is no-data, with the reason', () => {
    const evaluation = evaluateHour({ numerator: new Float64Array(24), denominator: new Float64Array(24) });
    expect(evaluation).toMatchObject({ status: 'no-data', value: null, reason: 'the denominator is 0 over last 1h' });
  });

  test('last with no sample in the period is no-data, however good the period before was', () => {
    const evaluation = evaluateHour(
      { query: halves(repeat(1, 12), repeat(NaN, 12)), aggregation: 'last' },
      { direction: 'lower', target: 10 }
    );
    expect(evaluation).toMatchObject({ status: 'no-data', previousValue: 1, reason: 'no sample over last 1h' });
    expect(evaluation.coverage).toBe(0);
  });

  test('maintenance steps count for nothing, and an instant inside a window says maintenance', () => {
    // This hour: eleven steps of 2 and one excluded step of 1,000: the mean is 2, not 85.17.
    const query = halves(repeat(2, 12), [...repeat(2, 11), 1000]);
    const excluded = new Uint8Array(24);
    excluded[23] = 1;
    const objective = { direction: 'lower' as const, target: 5 };
    const periods = hourly;
    const evaluation = evaluateValue({
      objective,
      periods,
      series: { query, aggregation: 'mean' },
      excluded,
      evaluatedAtMs: AT_MS,
    });
    expect(evaluation).toMatchObject({ value: 2, status: 'on-track', coverage: 1 });
    const during = evaluateValue({
      objective,
      periods,
      series: { query, aggregation: 'mean' },
      excluded,
      inMaintenance: true,
      evaluatedAtMs: AT_MS,
    });
    expect(during.status).toBe('maintenance');
    // A ratio leaves the step out of both sums: 11 steps of 3/100, not (33 + 1,000) / (1,100 + 100).
    const ratio = evaluateValue({
      objective: { direction: 'higher', target: 0.03 },
      periods,
      series: {
        numerator: halves(repeat(3, 12), [...repeat(3, 11), 1000]),
        denominator: halves(repeat(100, 12), repeat(100, 12)),
      },
      excluded,
      evaluatedAtMs: AT_MS,
    });
    expect(ratio.value).toBeCloseTo(0.03, 12);
  });

  test('a grid that does not reach back to the previous period gives no previous value, rather than a part of it', () => {
    const short = { ...hourly, grid: { ...hourly.grid, startMs: hourly.grid.startMs + 6 * 300_000, length: 18 } };
    const evaluation = evaluateValue({
      objective: { direction: 'higher', target: 1 },
      periods: short,
      series: { query: new Float64Array(18).fill(3), aggregation: 'mean' },
      evaluatedAtMs: AT_MS,
    });
    expect(evaluation).toMatchObject({ value: 3, previousValue: null, change: null });
  });
});

describe('evaluateValue, properties', () => {
  const rate = fc.double({ min: 0, max: 1e6, noNaN: true });
  const positiveRate = fc.double({ min: 1e-3, max: 1e6, noNaN: true });
  const windowMinutes = fc.constantFrom(5, 10, 30, 60, 120, 7 * 24 * 60);

  test('a ratio is Σ numerator / Σ denominator over the period, whatever the steps', () => {
    // k steps per period, each a whole number of milliseconds; the drawn rates repeat to fill them.
    const stepsPerPeriod = fc.constantFrom(1, 2, 4, 5, 10, 60);
    const rates = fc.array(fc.tuple(rate, positiveRate), { minLength: 1, maxLength: 60 });
    fc.assert(
      fc.property(windowMinutes, stepsPerPeriod, rates, (minutes, k, drawn) => {
        const periods = valuePeriodsAt(`${minutes}m`, AT_MS, (minutes * 60_000) / k);
        expect(periods.grid.length).toBe(2 * k);
        const numerator = new Float64Array(2 * k);
        const denominator = new Float64Array(2 * k);
        let sumNumerator = 0;
        let sumDenominator = 0;
        for (let i = 0; i < k; i++) {
          const [n, d] = drawn[i % drawn.length];
          numerator[k + i] = n;
          denominator[k + i] = d;
          sumNumerator += n;
          sumDenominator += d;
        }
        const { value } = evaluateValue({
          objective: { direction: 'higher', target: 0 },
          periods,
          series: { numerator, denominator },
          evaluatedAtMs: AT_MS,
        });
        const expected = sumNumerator / sumDenominator;
        expect(Math.abs(value! - expected)).toBeLessThanOrEqual(1e-12 * expected);
      })
    );
  });

  test('flipping the direction and negating the values mirrors the status', () => {
    const value = fc.double({ min: -1e6, max: 1e6, noNaN: true });
    fc.assert(
      fc.property(
        fc.array(fc.oneof(value, fc.constant(NaN)), { minLength: 24, maxLength: 24 }),
        value,
        fc.option(fc.double({ min: 0, max: 1e3, noNaN: true })),
        fc.constantFrom('higher' as const, 'lower' as const),
        fc.constantFrom('sum' as const, 'mean' as const, 'last' as const, 'min' as const, 'max' as const),
        (values, target, margin, direction, aggregation) => {
          const warning = margin === null ? undefined : direction === 'higher' ? target - margin : target + margin;
          const mirrored = aggregation === 'min' ? 'max' : aggregation === 'max' ? 'min' : aggregation;
          const original = evaluateHour(
            { query: Float64Array.from(values), aggregation },
            { direction, target, warning }
          );
          const flipped = evaluateHour(
            { query: Float64Array.from(values, (v) => -v), aggregation: mirrored },
            {
              direction: direction === 'higher' ? 'lower' : 'higher',
              target: -target,
              warning: warning === undefined ? undefined : -warning,
            }
          );
          expect(flipped.status).toBe(original.status);
        }
      )
    );
  });

  test('the status never says on-track, at-risk or off-track without data', () => {
    const gapsOrZeros = fc.array(fc.constantFrom(NaN, 0), { minLength: 12, maxLength: 12 });
    fc.assert(
      fc.property(fc.array(rate, { minLength: 12, maxLength: 12 }), gapsOrZeros, (before, now) => {
        const ratio = evaluateHour({
          numerator: halves(
            before,
            now.map(() => NaN)
          ),
          denominator: halves(before, now),
        });
        const last = evaluateHour({
          query: halves(
            before,
            now.map(() => NaN)
          ),
          aggregation: 'last',
        });
        expect([ratio.status, last.status]).toEqual(['no-data', 'no-data']);
      })
    );
  });
});
