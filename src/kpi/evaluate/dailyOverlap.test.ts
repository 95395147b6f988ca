import fc from 'fast-check';
import {
  burningDays,
  DAY_MS,
  dailyBurnRates,
  dailyValues,
  driverOverlaps,
  missedTargetDays,
  offTrackValueDays,
  overlapDays,
} from './dailyOverlap';

const NOV_10 = Date.UTC(2026, 10, 10);
const NOV_11 = NOV_10 + DAY_MS;
const NOV_12 = NOV_11 + DAY_MS;
const SIX_HOURS = 6 * 3_600_000;
/** Twelve 6-hour steps; samples stand at each step's end, so the first (at 06:00 on 10 Nov) covers 00:00–06:00. */
const grid = { startMs: NOV_10 + SIX_HOURS, stepMs: SIX_HOURS, length: 12 };
const f64 = (values: number[]) => Float64Array.from(values);

describe('dailyBurnRates, hand-worked', () => {
  test('a 99 % target allows 1 % bad: 10 Nov 3 bad in 400 burns 0.75, 11 Nov 14 bad in 400 burns 3.5, 12 Nov 0', () => {
    const good = f64([99, 99, 100, 99, 97, 96, 95, 98, 100, 100, 100, 100]);
    const total = f64([100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100]);
    const days = dailyBurnRates({ grid, good, total }, 0.99);
    expect(days.map((day) => day.dayMs)).toEqual([NOV_10, NOV_11, NOV_12]);
    expect(days[0].value).toBeCloseTo(0.75, 12);
    expect(days[1].value).toBeCloseTo(3.5, 12);
    expect(days[2].value).toBe(0);
    expect(burningDays({ grid, good, total }, 0.99)).toEqual([NOV_11]);
  });

  test('steps in maintenance and gaps count for nothing, and a day without events has no burn rate', () => {
    const good = f64([NaN, 0, 99, 99, 90, 90, 90, 90, 0, 0, 0, 0]);
    const total = f64([NaN, 100, 100, 100, 100, 100, 100, 100, 0, 0, 0, 0]);
    const excluded = Uint8Array.from([0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const days = dailyBurnRates({ grid, good, total, excluded }, 0.9);
    // 10 Nov: only 2 bad in 200 (the step in maintenance and the gap left out): 1 % over the 10 % allowed, 0.1.
    expect(days).toEqual([
      { dayMs: NOV_10, value: expect.closeTo(0.1, 12) },
      { dayMs: NOV_11, value: expect.closeTo(1, 12) },
    ]);
    // Exactly 1 uses the budget as fast as the SLO allows: not burning.
    expect(burningDays({ grid, good, total, excluded }, 0.9)).toEqual([]);
  });
});

describe('dailyValues and offTrackValueDays, hand-worked', () => {
  const objective = { direction: 'higher' as const, target: 0.03, warning: 0.028 };

  test('a ratio is Σ/Σ per day: 10 Nov 12/400 = 3 %, 11 Nov 10/400 = 2.5 % (off track), 12 Nov 11.5/400', () => {
    const numerator = f64([3, 3, 3, 3, 2, 2, 3, 3, 3, 3, 3, 2.5]);
    const denominator = f64(new Array(12).fill(100));
    const days = dailyValues({ numerator, denominator }, grid, 30 * DAY_MS);
    expect(days.map((day) => day.value)).toEqual([0.03, 0.025, 0.02875]);
    // 2.875 % is under the target but above the 2.8 % warning: at risk, not off track.
    expect(offTrackValueDays(days, objective)).toEqual([NOV_11]);
  });

  test('a sum is the day at the period’s pace: 1 $/s all day is 86,400 $, on pace for 2,592,000 $ in 30 days', () => {
    const query = f64([1, 1, 1, 1, 2, 2, 2, 2, NaN, NaN, NaN, NaN]);
    const days = dailyValues({ query, aggregation: 'sum' }, grid, 30 * DAY_MS);
    expect(days).toEqual([
      { dayMs: NOV_10, value: 2_592_000 },
      { dayMs: NOV_11, value: 5_184_000 },
    ]);
    expect(offTrackValueDays(days, { direction: 'higher', target: 3_000_000 })).toEqual([NOV_10]);
  });

  test('lower is better: a mean latency above the target is off track', () => {
    const query = f64([0.2, 0.2, 0.2, 0.2, 0.5, 0.5, 0.5, 0.5, 0.1, 0.1, 0.1, 0.1]);
    const days = dailyValues({ query, aggregation: 'mean' }, grid, 7 * DAY_MS);
    expect(offTrackValueDays(days, { direction: 'lower', target: 0.3 })).toEqual([NOV_11]);
  });
});

describe('missedTargetDays: a value driver judged by day against its target, hand-worked', () => {
  test('higher is better: 3 % meets ≥ 3 %; 2.5 % and 2.875 % miss it, warning or not', () => {
    const numerator = f64([3, 3, 3, 3, 2, 2, 3, 3, 3, 3, 3, 2.5]);
    const days = dailyValues({ numerator, denominator: f64(new Array(12).fill(100)) }, grid, 30 * DAY_MS);
    // 10 Nov 12/400 = 3 %, 11 Nov 10/400 = 2.5 %, 12 Nov 11.5/400 = 2.875 %.
    expect(missedTargetDays(days, { direction: 'higher', target: 0.03 })).toEqual([NOV_11, NOV_12]);
  });

  test('lower is better: a day mean of 0.35 s misses ≤ 0.3 s, 0.3 s meets it, 0.1 s beats it', () => {
    // 10 Nov (0.3 + 0.3 + 0.3 + 0.3) / 4 = 0.3; 11 Nov (0.2 + 0.5 + 0.2 + 0.5) / 4 = 0.35; 12 Nov 0.1.
    const query = f64([0.3, 0.3, 0.3, 0.3, 0.2, 0.5, 0.2, 0.5, 0.1, 0.1, 0.1, 0.1]);
    const days = dailyValues({ query, aggregation: 'mean' }, grid, 7 * DAY_MS);
    expect(days.map((day) => day.value)).toEqual([0.3, expect.closeTo(0.35, 12), 0.1]);
    expect(missedTargetDays(days, { direction: 'lower', target: 0.3 })).toEqual([NOV_11]);
  });

  test('a monthly sum at the day’s pace: 2,592,000 $ misses 3,000,000 $, 5,184,000 $ beats it; a day without data is no day', () => {
    const query = f64([1, 1, 1, 1, 2, 2, 2, 2, NaN, NaN, NaN, NaN]);
    const days = dailyValues({ query, aggregation: 'sum' }, grid, 30 * DAY_MS);
    expect(missedTargetDays(days, { direction: 'higher', target: 3_000_000 })).toEqual([NOV_10]);
  });

  test('a missed day is one of the overlap’s days, as an SLO’s burning day is', () => {
    const query = f64([0.3, 0.3, 0.3, 0.3, 0.2, 0.5, 0.2, 0.5, 0.1, 0.1, 0.1, 0.1]);
    const missed = missedTargetDays(dailyValues({ query, aggregation: 'mean' }, grid, 7 * DAY_MS), {
      direction: 'lower',
      target: 0.3,
    });
    expect(driverOverlaps([NOV_11, NOV_12], [{ driverId: 'search-latency', burningDays: missed }])).toEqual([
      { driverId: 'search-latency', burningDays: [NOV_11], overlap: [NOV_11] },
    ]);
  });
});

describe('overlapDays and driverOverlaps', () => {
  test('the days in both lists, oldest first, each once', () => {
    expect(overlapDays([NOV_12, NOV_10, NOV_11], [NOV_11, NOV_12, NOV_12])).toEqual([NOV_11, NOV_12]);
  });

  test('drivers with more shared days come first, and a driver that never burned shares none', () => {
    const overlaps = driverOverlaps(
      [NOV_10, NOV_11],
      [
        { driverId: 'search-latency', burningDays: [NOV_11] },
        { driverId: 'checkout-availability', burningDays: [NOV_10, NOV_11, NOV_12] },
        { driverId: 'login-success', burningDays: [] },
      ]
    );
    expect(overlaps.map(({ driverId, overlap }) => [driverId, overlap])).toEqual([
      ['checkout-availability', [NOV_10, NOV_11]],
      ['search-latency', [NOV_11]],
      ['login-success', []],
    ]);
  });

  const days = fc.array(
    fc.integer({ min: 0, max: 60 }).map((day) => NOV_10 + day * DAY_MS),
    { maxLength: 40 }
  );

  test('overlap is symmetric in its days, inside both, and empty when either list is', () => {
    fc.assert(
      fc.property(days, days, (a, b) => {
        const ab = overlapDays(a, b);
        expect(ab).toEqual(overlapDays(b, a));
        expect(ab.every((day) => a.includes(day) && b.includes(day))).toBe(true);
        expect(a.filter((day) => b.includes(day)).every((day) => ab.includes(day))).toBe(true);
        expect(overlapDays(a, [])).toEqual([]);
        expect(overlapDays([], b)).toEqual([]);
      })
    );
  });
});
