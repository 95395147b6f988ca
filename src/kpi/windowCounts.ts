/**
 * Windows a range query's grid cannot answer, and how they are read instead. Prometheus returns at most 11,000
 * points per series, so a KPI whose SLO window is long (90d, a quarter) is read at a step coarser than its
 * shortest policy windows: 5m is no whole number of 15m steps. Those windows are read as instant counts of good
 * and all events over the window, in the same request, and replace what the grid would have summed.
 */
import { formatDuration } from './duration';
import type { WindowTotals } from './evaluate';
import { policyWindows, type BurnRateRule } from './policy';

/** Policy windows that are not a whole number of steps: a grid of that step can't sum them. */
export function offGridWindows(rules: readonly BurnRateRule[], stepMs: number): number[] {
  return policyWindows(rules).filter((windowMs) => !isWholeSteps(windowMs, stepMs));
}

function isWholeSteps(windowMs: number, stepMs: number): boolean {
  const steps = windowMs / stepMs;
  return steps >= 1 - 1e-9 && Math.abs(steps - Math.round(steps)) < 1e-9;
}

/** refIds of a window's two instant counts: short and readable in Grafana's query inspector ("good@5m"). */
export function windowCountRefIds(windowMs: number): { good: string; total: string } {
  const window = formatDuration(windowMs);
  return { good: `good@${window}`, total: `total@${window}` };
}

/**
 * A window's totals from its two instant counts: no total series is no data (the window reads `no-data`); no good
 * series with a total is no good event at all. The counts of two queries are clamped like the grid's sums are.
 */
export function totalsFromCounts(good: number | null, total: number | null): WindowTotals {
  if (total === null || !Number.isFinite(total) || total < 0) {
    return { good: 0, bad: 0, total: 0, validSteps: 0, expectedSteps: 1 };
  }
  const goodEvents = good !== null && good > 0 ? Math.min(good, total) : 0;
  return { good: goodEvents, bad: total - goodEvents, total, validSteps: 1, expectedSteps: 1 };
}
