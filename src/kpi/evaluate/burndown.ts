/**
 * Budget burndown of one SLO window: how much of the window's error budget was left after each step, from 1 at
 * the window's start down to the budget remaining now (DESIGN §3, §5 "budget burndown chart").
 *
 * The budget is the whole window's, (1 − target) × all events in it, so the last point is exactly
 * evaluateKpi's budgetRemaining; good events above total are clamped on the running sums, as the engine clamps
 * them over the window.
 */
import { stepsIn } from './evaluate';
import { type EventCounts, type Grid, gridTimeAt } from '../time';

export interface BudgetBurndown {
  /** The SLO window's steps; slots before the series' first step are gaps and leave the budget untouched. */
  grid: Grid;
  /** Share of the window's budget left after each step; below 0 when overspent. */
  remaining: Float64Array;
  /** (1 − target) × all events in the window. */
  errorBudget: number;
}

/** Null when the window holds no events (no data or no traffic): there is no budget to burn down. */
export function budgetBurndown(
  counts: EventCounts,
  target: number,
  sloWindowMs: number,
  atMs?: number
): BudgetBurndown | null {
  const { grid, good, total, excluded } = counts;
  // A step in maintenance spends nothing and adds nothing to the budget, as in the engine.
  const usable = (i: number) => excluded?.[i] !== 1 && isCount(good[i], total[i]);
  const endMs = atMs ?? gridTimeAt(grid, grid.length - 1);
  const endIndex = Math.floor((endMs - grid.startMs) / grid.stepMs + 1e-9);
  const steps = stepsIn(sloWindowMs, grid.stepMs);
  const firstIndex = endIndex - steps + 1;
  const from = Math.max(firstIndex, 0);
  const upTo = Math.min(endIndex, grid.length - 1);

  let windowTotal = 0;
  for (let i = from; i <= upTo; i++) {
    if (usable(i)) {
      windowTotal += total[i];
    }
  }
  const errorBudget = (1 - target) * windowTotal;
  if (!(errorBudget > 0)) {
    return null;
  }

  const remaining = new Float64Array(steps).fill(1);
  let sumGood = 0;
  let sumTotal = 0;
  let left = 1;
  for (let slot = Math.max(-firstIndex, 0); slot < steps; slot++) {
    const i = firstIndex + slot;
    if (i <= upTo && usable(i)) {
      sumGood += good[i];
      sumTotal += total[i];
      const bad = sumTotal - Math.min(sumGood, sumTotal);
      left = 1 - bad / errorBudget;
    }
    remaining[slot] = left;
  }
  return {
    grid: { startMs: gridTimeAt(grid, firstIndex), stepMs: grid.stepMs, length: steps },
    remaining,
    errorBudget,
  };
}

/** The engine's test of a usable step: both finite and non-negative. */
function isCount(good: number, total: number): boolean {
  return good >= 0 && total >= 0 && good + total < Infinity;
}
