import { budgetBurndown } from './burndown';
import { evaluateKpi } from './evaluate';
import { type EventCounts, gridEndingAt } from '../time';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const END = Date.UTC(2026, 10, 1);

function hourly(length: number, total: number, bad = 0): EventCounts {
  return {
    grid: gridEndingAt(END, HOUR, length),
    total: new Float64Array(length).fill(total),
    good: new Float64Array(length).fill(total - bad),
  };
}

describe('budgetBurndown', () => {
  test('a 4-step window of 1,000 requests per step at 99 %: budget 40, 5 bad per step burns 12.5 % a step', () => {
    // budget = (1 − 0.99) × 4,000 = 40; after k steps 5k are spent: 1 − 5k / 40
    const burndown = budgetBurndown(hourly(4, 1000, 5), 0.99, 4 * HOUR)!;
    expect(burndown.errorBudget).toBeCloseTo(40, 9);
    expect(Array.from(burndown.remaining)).toEqual([0.875, 0.75, 0.625, 0.5].map((v) => expect.closeTo(v, 12)));
    expect(burndown.grid).toEqual({ startMs: END - 3 * HOUR, stepMs: HOUR, length: 4 });
  });

  test('the last point is the engine budget remaining (99.9 %, 1,000,000 requests, 600 bad -> 40 %)', () => {
    const counts = hourly(672, 1488);
    counts.total[0] = 1552; // 671 × 1,488 + 1,552 = 1,000,000
    counts.good[0] = 1552 - 600;
    const burndown = budgetBurndown(counts, 0.999, 28 * DAY)!;
    const evaluation = evaluateKpi({ counts, target: 0.999, sloWindowMs: 28 * DAY, rules: [] });
    expect(burndown.remaining[0]).toBeCloseTo(0.4, 9); // all 600 bad requests in the first hour
    expect(burndown.remaining[671]).toBeCloseTo(evaluation.budgetRemaining!, 12);
    expect(burndown.remaining[671]).toBeCloseTo(0.4, 9);
  });

  test('a step in maintenance is flat: its 500 bad requests neither spend nor enlarge the budget', () => {
    // 4 steps of 1,000 at 99 %, step 2 in maintenance with 500 bad: budget = 0.01 × 3,000 = 30,
    // 5 bad per counted step: 1 − 5/30, flat, 1 − 10/30, 1 − 15/30
    const counts = hourly(4, 1000, 5);
    counts.good[1] = 500;
    counts.excluded = Uint8Array.from([0, 1, 0, 0]);
    const burndown = budgetBurndown(counts, 0.99, 4 * HOUR)!;
    expect(burndown.errorBudget).toBeCloseTo(30, 9);
    expect(Array.from(burndown.remaining)).toEqual(
      [1 - 5 / 30, 1 - 5 / 30, 1 - 10 / 30, 0.5].map((v) => expect.closeTo(v, 12))
    );
  });

  test('overspending goes below zero', () => {
    // 1 % errors against a 0.1 % budget: 10 budgets spent by the end
    const burndown = budgetBurndown(hourly(10, 1000, 10), 0.999, 10 * HOUR)!;
    expect(burndown.remaining[9]).toBeCloseTo(-9, 9);
    expect(burndown.remaining[0]).toBeCloseTo(0, 9);
  });

  test('gaps leave the remaining budget where it was', () => {
    const counts = hourly(4, 1000, 5);
    counts.total[1] = NaN;
    // budget = 0.01 × 3,000 = 30; 5 bad per valid step
    const burndown = budgetBurndown(counts, 0.99, 4 * HOUR)!;
    expect(Array.from(burndown.remaining)).toEqual(
      [1 - 5 / 30, 1 - 5 / 30, 1 - 10 / 30, 1 - 15 / 30].map((v) => expect.closeTo(v, 12))
    );
  });

  test('a window reaching before the first step starts full: missing steps spend nothing', () => {
    const burndown = budgetBurndown(hourly(2, 1000, 5), 0.99, 4 * HOUR)!;
    // budget = 0.01 × 2,000 = 20
    expect(Array.from(burndown.remaining)).toEqual([1, 1, 0.75, 0.5].map((v) => expect.closeTo(v, 12)));
    expect(burndown.grid.startMs).toBe(END - 3 * HOUR);
  });

  test('good events above total in one step are clamped over the running sums, not per step', () => {
    const counts = hourly(2, 1000, 10);
    counts.good[1] = 1005; // scrape timing: 5 more good than total
    // step 0: 10 bad; step 1: sums good 1,995 of 2,000 -> 5 bad; budget = 0.01 × 2,000 = 20
    const burndown = budgetBurndown(counts, 0.99, 2 * HOUR)!;
    expect(Array.from(burndown.remaining)).toEqual([0.5, 0.75].map((v) => expect.closeTo(v, 12)));
  });

  test.each([
    ['no traffic', hourly(4, 0)],
    ['no data', hourly(4, NaN)],
  ])('%s has no budget to burn down', (_name, counts) => {
    expect(budgetBurndown(counts, 0.99, 4 * HOUR)).toBeNull();
  });
});
