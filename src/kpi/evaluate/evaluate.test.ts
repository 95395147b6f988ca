import fc from 'fast-check';
import { type EventCounts, gridEndingAt, parseDuration } from '../time';
import {
  evaluateWindowTotals,
  countsFromRates,
  countsFromSlices,
  evaluateKpi,
  PrefixSums,
  stepsIn,
  sumWindowsEndingAt,
  timeToExhaustion,
} from './evaluate';
import { resolvePolicy, type BurnRateRule } from '../policy';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const END = Date.UTC(2026, 10, 1);

function hourly(length: number, total: number, bad = 0): EventCounts {
  const grid = gridEndingAt(END, HOUR, length);
  return {
    grid,
    total: new Float64Array(length).fill(total),
    good: new Float64Array(length).fill(total - bad),
  };
}

/** A policy of hour multiples so an hourly grid answers every window. */
const hourPolicy: BurnRateRule[] = [
  { severity: 'page', longMs: 6 * HOUR, shortMs: HOUR, factor: 5 },
  { severity: 'ticket', longMs: 3 * DAY, shortMs: 6 * HOUR, factor: 1 },
];

describe('evaluateKpi with hand-worked numbers', () => {
  test('target 99.9 %, 28d, 1,000,000 requests of which 600 bad: budget 1,000, remaining 40 %, burn rate 0.6', () => {
    // 28d = 672 hourly steps; 671 × 1,488 = 998,448, so the oldest step holds 1,000,000 − 998,448 = 1,552.
    const counts = hourly(672, 1488);
    counts.total[0] = 1552;
    counts.good[0] = 1552 - 600; // all 600 bad requests happened 28 days ago
    const result = evaluateKpi({ counts, target: 0.999, sloWindowMs: 28 * DAY, rules: hourPolicy });

    expect(result.slo.total).toBe(1_000_000);
    expect(result.slo.bad).toBe(600);
    expect(result.errorBudget).toBeCloseTo(1000, 9); // (1 − 0.999) × 1,000,000
    expect(result.budgetRemaining).toBeCloseTo(0.4, 9); // 1 − 600 / 1,000
    expect(result.burnRates['28d']).toBeCloseTo(0.6, 9); // (600 / 1,000,000) / 0.001
    expect(result.sli).toBeCloseTo(0.9994, 12); // 999,400 / 1,000,000
    expect(result.burnRates['1h']).toBe(0); // the bad hour is long gone
    expect(result.coverage).toBe(1);
    expect(result.status).toBe('ok');
    expect(result.timeToExhaustionMs).toBeNull(); // nothing burns now
  });

  test('a 20x burn in the last 6 hours pages: 2 % errors against a 0.1 % budget', () => {
    const counts = hourly(672, 1000);
    for (let i = 666; i < 672; i++) {
      counts.good[i] = 980; // 20 bad of 1,000 = 2 % = 20 × 0.1 %
    }
    const result = evaluateKpi({ counts, target: 0.999, sloWindowMs: 28 * DAY, rules: hourPolicy });
    expect(result.burnRates['1h']).toBeCloseTo(20, 9);
    expect(result.burnRates['6h']).toBeCloseTo(20, 9);
    // 3d = 72 steps, 6 of them at 20 bad: 120 / 72,000 = 0.1667 %, burn 1.667x
    expect(result.burnRates['3d']).toBeCloseTo(120 / 72_000 / 0.001, 9);
    expect(result.status).toBe('page');
    // 672,000 requests, budget 672, 120 spent: remaining 552 / 672; lasts 28d × (552/672) / 20
    expect(result.budgetRemaining).toBeCloseTo(552 / 672, 9);
    expect(result.timeToExhaustionMs).toBeCloseTo((28 * DAY * (552 / 672)) / 20, 0);
  });

  test('a long slow burn above 1x tickets but does not page', () => {
    const counts = hourly(672, 1000);
    for (let i = 672 - 72; i < 672; i++) {
      counts.good[i] = 998; // 0.2 % errors = 2x
    }
    const result = evaluateKpi({ counts, target: 0.999, sloWindowMs: 28 * DAY, rules: hourPolicy });
    expect(result.burnRates['6h']).toBeCloseTo(2, 9);
    expect(result.status).toBe('ticket');
  });

  test('overspent budget goes below zero and reads budget-exhausted', () => {
    // 1 % errors all month against a 0.1 % budget: remaining = 1 − 10 = −9
    const counts = hourly(672, 1000, 10);
    const rules: BurnRateRule[] = [{ severity: 'page', longMs: 6 * HOUR, shortMs: HOUR, factor: 50 }];
    const result = evaluateKpi({ counts, target: 0.999, sloWindowMs: 28 * DAY, rules });
    expect(result.budgetRemaining).toBeCloseTo(-9, 9);
    expect(result.status).toBe('budget-exhausted');
    expect(result.timeToExhaustionMs).toBe(0);
  });

  test('less than 25 % of the budget left is at-risk', () => {
    // 0.08 % errors all month: remaining = 1 − 0.8 = 0.2
    const counts = hourly(672, 10_000, 8);
    const result = evaluateKpi({ counts, target: 0.999, sloWindowMs: 28 * DAY, rules: hourPolicy });
    expect(result.budgetRemaining).toBeCloseTo(0.2, 9);
    expect(result.status).toBe('at-risk');
  });

  test('zero events over the window is no-traffic, never 100 %', () => {
    const result = evaluateKpi({ counts: hourly(672, 0), target: 0.999, sloWindowMs: 28 * DAY, rules: hourPolicy });
    expect(result.status).toBe('no-traffic');
    expect(result.sli).toBeNull();
    expect(result.budgetRemaining).toBeNull();
    expect(result.burnRates['1h']).toBeNull();
  });

  test('no samples at all is no-data, never OK', () => {
    const counts = hourly(672, NaN);
    const result = evaluateKpi({ counts, target: 0.999, sloWindowMs: 28 * DAY, rules: hourPolicy });
    expect(result.status).toBe('no-data');
    expect(result.coverage).toBe(0);
  });

  test('a stopped exporter (recent steps missing) is no-data even with a healthy history', () => {
    const counts = hourly(672, 1000);
    counts.total[671] = NaN;
    counts.good[671] = NaN;
    const result = evaluateKpi({ counts, target: 0.999, sloWindowMs: 28 * DAY, rules: hourPolicy });
    expect(result.status).toBe('no-data');
    expect(result.coverage).toBeCloseTo(671 / 672, 12);
    expect(result.budgetRemaining).toBe(1);
  });

  test('a gap lowers coverage and leaves the sums of the other steps alone', () => {
    const counts = hourly(672, 1000, 1);
    counts.total[100] = NaN;
    const result = evaluateKpi({ counts, target: 0.999, sloWindowMs: 28 * DAY, rules: hourPolicy });
    expect(result.slo.total).toBe(671_000);
    expect(result.slo.bad).toBe(671);
    expect(result.coverage).toBeCloseTo(671 / 672, 12);
    expect(result.burnRates['28d']).toBeCloseTo(1, 9);
  });

  test.each([
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['a negative count', -5],
  ])('%s in a series is a gap', (_name, value) => {
    const counts = hourly(672, 1000, 1);
    counts.total[10] = value;
    const result = evaluateKpi({ counts, target: 0.999, sloWindowMs: 28 * DAY, rules: hourPolicy });
    expect(result.slo.validSteps).toBe(671);
    expect(result.slo.total).toBe(671_000);
  });

  test('evaluating at an earlier instant only sees steps up to it', () => {
    const counts = hourly(672, 1000);
    counts.good[671] = 0; // the last hour is all errors
    const earlier = evaluateKpi({
      counts,
      target: 0.999,
      sloWindowMs: 7 * DAY,
      rules: hourPolicy,
      atMs: END - HOUR,
    });
    expect(earlier.burnRates['1h']).toBe(0);
    expect(earlier.evaluatedAtMs).toBe(END - HOUR);
  });

  test('a 5m window cannot be answered from a 1h grid: no-data rather than a made-up number', () => {
    const result = evaluateKpi({
      counts: hourly(672, 1000),
      target: 0.999,
      sloWindowMs: 28 * DAY,
      rules: resolvePolicy({ policy: 'default' }, 28 * DAY),
    });
    expect(result.burnRates['5m']).toBeNull();
    expect(result.status).toBe('no-data');
  });
});

describe('counts from data source values', () => {
  test('rates per second times a 5m step give events per step', () => {
    const grid = gridEndingAt(END, 300_000, 2);
    const counts = countsFromRates(Float64Array.of(2, NaN), Float64Array.of(4, 4), grid);
    expect(Array.from(counts.good)).toEqual([600, NaN]);
    expect(Array.from(counts.total)).toEqual([1200, 1200]);
  });

  test.each([
    ['<', 300, [1, 0, 0]],
    ['<=', 300, [1, 1, 0]],
    ['>', 300, [0, 0, 1]],
    ['>=', 300, [0, 1, 1]],
  ] as const)('slices compared with %s %d', (comparator, threshold, expected) => {
    const grid = gridEndingAt(END, 60_000, 4);
    const counts = countsFromSlices(Float64Array.of(250, 300, 301, NaN), comparator, threshold, grid);
    expect(Array.from(counts.good)).toEqual([...expected, NaN]);
    expect(Array.from(counts.total)).toEqual([1, 1, 1, NaN]);
  });

  test('p95 latency below 300 ms in 3 of 4 minutes gives an SLI of 75 %', () => {
    const grid = gridEndingAt(END, 60_000, 4);
    const counts = countsFromSlices(Float64Array.of(0.25, 0.31, 0.2, 0.1), '<', 0.3, grid);
    const rules: BurnRateRule[] = [{ severity: 'page', longMs: 240_000, shortMs: 60_000, factor: 100 }];
    const result = evaluateKpi({ counts, target: 0.9, sloWindowMs: 240_000, rules });
    expect(result.sli).toBeCloseTo(0.75, 12);
    expect(result.burnRates['4m']).toBeCloseTo(2.5, 12); // 25 % bad / 10 % allowed
  });
});

describe('timeToExhaustion', () => {
  test('half the budget left at 2x over a 30d window lasts 7.5 days', () => {
    expect(timeToExhaustion(0.5, 30 * DAY, 2)).toBe(7.5 * DAY);
  });
  test.each([[0], [-1], [null]])('burn rate %p never exhausts', (rate) => {
    expect(timeToExhaustion(0.5, 30 * DAY, rate)).toBeNull();
  });
});

// --- properties -------------------------------------------------------------------------------------------

const countValue = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 1000 }) },
  { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -1) }
);

const countsArb = fc
  .array(fc.tuple(countValue, countValue), { minLength: 1, maxLength: 200 })
  .map((pairs): EventCounts => {
    const grid = gridEndingAt(END, 60_000, pairs.length);
    return {
      grid,
      total: Float64Array.from(pairs.map(([t]) => t)),
      good: Float64Array.from(pairs.map(([, g]) => g)),
    };
  });

function directSum(counts: EventCounts, endIndex: number, steps: number) {
  let good = 0;
  let total = 0;
  let valid = 0;
  for (let i = endIndex - steps + 1; i <= endIndex; i++) {
    if (i < 0 || i >= counts.grid.length) {
      continue;
    }
    const g = counts.good[i];
    const t = counts.total[i];
    if (Number.isFinite(g) && Number.isFinite(t) && g >= 0 && t >= 0) {
      valid++;
      total += t;
      good += g;
    }
  }
  return { bad: Math.max(total - good, 0), total, valid };
}

describe('properties', () => {
  test('prefix-sum windows and the backward scan equal direct sums for every window', () => {
    fc.assert(
      fc.property(
        countsArb,
        fc.nat(250),
        fc.array(fc.integer({ min: 1, max: 250 }), { minLength: 1, maxLength: 5 }),
        (counts, end, windows) => {
          const prefix = new PrefixSums(counts);
          const scanned = sumWindowsEndingAt(counts, end, windows);
          windows.forEach((steps, i) => {
            const expected = directSum(counts, end, steps);
            for (const got of [prefix.window(end, steps), scanned[i]]) {
              expect(got.total).toBeCloseTo(expected.total, 6);
              expect(got.bad).toBeCloseTo(expected.bad, 6);
              expect(got.validSteps).toBe(expected.valid);
            }
          });
        }
      )
    );
  });

  test('burn rate scales linearly with bad events', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 10 }),
        fc.constantFrom(0.9, 0.99, 0.999),
        (total, k, target) => {
          const rules: BurnRateRule[] = [{ severity: 'page', longMs: 6 * HOUR, shortMs: HOUR, factor: 10 }];
          const evalWith = (bad: number) =>
            evaluateKpi({ counts: hourly(24, total * 10, bad), target, sloWindowMs: DAY, rules }).burnRates['1d']!;
          const one = evalWith(total);
          expect(evalWith(total * k)).toBeCloseTo(one * k, 6);
        }
      )
    );
  });

  test('budget remaining is never NaN, and gaps never turn no-data into ok', () => {
    fc.assert(
      fc.property(countsArb, fc.constantFrom(0.5, 0.99, 0.999), (counts, target) => {
        const rules: BurnRateRule[] = [{ severity: 'page', longMs: 10 * 60_000, shortMs: 60_000, factor: 10 }];
        const result = evaluateKpi({ counts, target, sloWindowMs: 60 * 60_000, rules });
        expect(Number.isNaN(result.budgetRemaining)).toBe(false);
        expect(result.coverage).toBeGreaterThanOrEqual(0);
        expect(result.coverage).toBeLessThanOrEqual(1);
        if (result.slo.validSteps === 0) {
          expect(result.status).toBe('no-data');
        }
        // Punching more gaps can only lower coverage, and an empty window stays no-data.
        const holed: EventCounts = { ...counts, total: counts.total.map((t, i) => (i % 2 ? NaN : t)) };
        const again = evaluateKpi({ counts: holed, target, sloWindowMs: 60 * 60_000, rules });
        expect(again.coverage).toBeLessThanOrEqual(result.coverage);
        if (result.status === 'no-data') {
          expect(again.status).toBe('no-data');
        }
      })
    );
  });

  test('stepsIn counts whole steps only', () => {
    expect(stepsIn(parseDuration('28d'), parseDuration('5m'))).toBe(8064);
    expect(stepsIn(parseDuration('5m'), parseDuration('1h'))).toBe(0);
  });
});

describe('good above total', () => {
  test('is clamped over the window, so timing noise between two counters cancels out', () => {
    // Step 1 reads 1,002 good of 1,000 (good scraped a little later), step 2 reads 998 of 1,000. Clamped per
    // step that would be 2 bad; over the window it is 2,000 good of 2,000: nothing was bad.
    const grid = gridEndingAt(END, HOUR, 2);
    const counts: EventCounts = { grid, good: Float64Array.of(1002, 998), total: Float64Array.of(1000, 1000) };
    const [totals] = sumWindowsEndingAt(counts, 1, [2]);
    expect(totals).toEqual({ good: 2000, bad: 0, total: 2000, validSteps: 2, expectedSteps: 2 });
    expect(new PrefixSums(counts).window(1, 2)).toEqual(totals);
  });

  test('a window with more good than total reads 100 % good, never above', () => {
    const grid = gridEndingAt(END, HOUR, 1);
    const counts: EventCounts = { grid, good: Float64Array.of(1010), total: Float64Array.of(1000) };
    expect(sumWindowsEndingAt(counts, 0, [1])[0]).toMatchObject({ good: 1000, bad: 0 });
  });
});

describe('the low-traffic guard in the KPI status', () => {
  const HOUR = 3_600_000;
  const rules: BurnRateRule[] = [{ severity: 'page', longMs: HOUR, shortMs: 300_000, factor: 14.4 }];
  const sloWindowMs = 28 * 24 * HOUR;
  const totals = (short: [number, number], long: [number, number], slo: [number, number]) =>
    new Map(
      (
        [
          [300_000, short],
          [HOUR, long],
          [sloWindowMs, slo],
        ] as const
      ).map(([w, [total, bad]]) => [w, { good: total - bad, bad, total, validSteps: 1, expectedSteps: 1 }])
    );
  // 5m: 2 bad of 20 (10 %, a 100x burn); 1h: 10 of 200 (5 %, 50x); 28d: 100 of 1,000,000: 90 % of the budget left.
  const burst = totals([20, 2], [200, 10], [1_000_000, 100]);
  const evaluate = (minEvents?: number, windowTotals = burst) =>
    evaluateWindowTotals({ totals: windowTotals, target: 0.999, sloWindowMs, rules, atMs: 0, minEvents });

  test('20 events in the short window with 50 required: the page is held back and the KPI reads low-traffic', () => {
    const evaluation = evaluate(50);
    expect(evaluation.status).toBe('low-traffic');
    expect(evaluation.decisions[0]).toMatchObject({ firing: false, heldBackByLowTraffic: true });
    expect(evaluation.decisions[0].shortBurnRate).toBeCloseTo(100, 9);
    expect(evaluation.budgetRemaining).toBeCloseTo(0.9, 12);
  });

  test('with 20 required, or without the guard, the same burst pages', () => {
    expect(evaluate(20).status).toBe('page');
    expect(evaluate(undefined).status).toBe('page');
  });

  test('a quiet short window under the minimum reads low-traffic, not ok; the budget states still come first', () => {
    const quiet = totals([3, 0], [200, 0], [1_000_000, 100]);
    expect(evaluate(50, quiet).status).toBe('low-traffic');
    expect(evaluate(undefined, quiet).status).toBe('ok');
    const overspent = totals([3, 0], [200, 0], [1_000_000, 2000]);
    expect(evaluate(50, overspent).status).toBe('budget-exhausted');
  });
});

describe('maintenance windows leave the budget', () => {
  const FIVE_MINUTES = 300_000;
  const pagePolicy: BurnRateRule[] = [{ severity: 'page', longMs: HOUR, shortMs: FIVE_MINUTES, factor: 14.4 }];

  /** 12 five-minute steps of 100 events: 0.1 % errors, except steps 4 and 5 at 50 % (the migration). */
  function hourWithMigration(): EventCounts {
    const counts: EventCounts = {
      grid: gridEndingAt(END, FIVE_MINUTES, 12),
      total: new Float64Array(12).fill(100),
      good: new Float64Array(12).fill(99.9),
    };
    counts.good[4] = 50;
    counts.good[5] = 50;
    return counts;
  }

  test('without the mask the migration pages: SLI 91.58 %, burn 84.2x', () => {
    const result = evaluateKpi({ counts: hourWithMigration(), target: 0.999, sloWindowMs: HOUR, rules: pagePolicy });
    // bad = 2 × 50 + 10 × 0.1 = 101 of 1,200: SLI = 1 − 101/1,200 = 0.915833…, burn = (101/1,200)/0.001 = 84.1666…
    expect(result.sli).toBeCloseTo(0.9158333, 6);
    expect(result.burnRates['1h']).toBeCloseTo(84.16667, 4);
  });

  test('masked, the two steps count neither as events nor as missing: SLI 99.9 %, burn 1x, coverage 100 %', () => {
    const counts = hourWithMigration();
    counts.excluded = new Uint8Array(12);
    counts.excluded[4] = 1;
    counts.excluded[5] = 1;
    const result = evaluateKpi({ counts, target: 0.999, sloWindowMs: HOUR, rules: pagePolicy });
    // bad = 10 × 0.1 = 1 of 10 × 100 = 1,000: SLI = 0.999, burn = (1/1,000)/0.001 = 1, budget = 0.001 × 1,000 = 1
    expect(result.slo.total).toBeCloseTo(1000, 9);
    expect(result.slo.bad).toBeCloseTo(1, 9);
    expect(result.sli).toBeCloseTo(0.999, 12);
    expect(result.burnRates['1h']).toBeCloseTo(1, 9);
    expect(result.budgetRemaining).toBeCloseTo(0, 9); // 1 − 1/1: exactly the budget, as 1x means
    expect([result.slo.expectedSteps, result.slo.validSteps, result.slo.excludedSteps]).toEqual([10, 10, 2]);
    expect(result.coverage).toBe(1);
  });

  test('prefix sums agree with the backward pass on masked steps', () => {
    const counts = hourWithMigration();
    counts.excluded = Uint8Array.from([0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0]);
    counts.good[9] = NaN; // a real gap stays a gap
    counts.total[9] = NaN;
    const [summed] = sumWindowsEndingAt(counts, 11, [12]);
    const prefixed = new PrefixSums(counts).window(11, 12);
    // 12 steps, 2 in maintenance: 10 expected, 9 with data, 9 × 100 = 900 events of which 0.9 bad.
    expect(summed).toEqual({ ...prefixed, good: expect.closeTo(prefixed.good, 9) });
    expect([summed.expectedSteps, summed.validSteps, summed.excludedSteps]).toEqual([10, 9, 2]);
    expect(summed.total).toBe(900);
    expect(summed.bad).toBeCloseTo(0.9, 9);
  });

  test('a short window all in maintenance has nothing to measure: not no-data, it cannot page', () => {
    const counts = hourWithMigration();
    counts.excluded = new Uint8Array(12);
    counts.excluded[11] = 1; // the last 5m step is maintenance
    const result = evaluateKpi({ counts, target: 0.999, sloWindowMs: HOUR, rules: pagePolicy });
    const short = result.windows.find((w) => w.window === '5m')!;
    expect([short.state, short.burnRate, short.coverage, short.excludedSteps]).toEqual(['no-traffic', null, 1, 1]);
    expect(result.status).not.toBe('no-data');
  });

  test('inside maintenance a burning KPI reads maintenance, and the page is held back, not fired', () => {
    const counts = hourWithMigration();
    counts.good.fill(90); // 10 % errors everywhere: 100x burn in both windows
    const result = evaluateKpi({ counts, target: 0.999, sloWindowMs: HOUR, rules: pagePolicy, inMaintenance: true });
    expect(result.status).toBe('maintenance');
    expect(result.decisions.map((d) => [d.firing, d.heldBackByMaintenance])).toEqual([[false, true]]);
    const outside = evaluateKpi({ counts, target: 0.999, sloWindowMs: HOUR, rules: pagePolicy });
    expect(outside.status).toBe('page');
  });

  test('property: a mask of zeros changes nothing, and masked steps change no total', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ total: fc.integer({ min: 0, max: 1000 }), bad: fc.integer({ min: 0, max: 1000 }) }), {
          minLength: 12,
          maxLength: 12,
        }),
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 12, maxLength: 12 }),
        (steps, masked, noise) => {
          const counts: EventCounts = {
            grid: gridEndingAt(END, FIVE_MINUTES, 12),
            total: Float64Array.from(steps, (s) => s.total),
            good: Float64Array.from(steps, (s) => s.total - Math.min(s.bad, s.total)),
          };
          const plain = sumWindowsEndingAt(counts, 11, [12])[0];
          const zeros = sumWindowsEndingAt({ ...counts, excluded: new Uint8Array(12) }, 11, [12])[0];
          expect(zeros).toEqual({ ...plain, excludedSteps: 0 });
          // Whatever the masked steps hold, the totals are those of the other steps.
          const excluded = Uint8Array.from(masked, (m) => (m ? 1 : 0));
          const noisy = { ...counts, excluded, total: counts.total.map((t, i) => (masked[i] ? noise[i] : t)) };
          const kept = steps.filter((_, i) => !masked[i]);
          const result = sumWindowsEndingAt(noisy, 11, [12])[0];
          expect(result.total).toBe(kept.reduce((sum, s) => sum + s.total, 0));
          expect(result.expectedSteps).toBe(kept.length);
          expect(new PrefixSums(noisy).window(11, 12).total).toBe(result.total);
        }
      )
    );
  });
});
