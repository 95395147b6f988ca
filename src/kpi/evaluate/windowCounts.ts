/**
 * Windows a range query's grid cannot answer, and how they are read instead. Prometheus returns at most 11,000
 * points per series, so a KPI whose SLO window is long (90d, a quarter) is read at a step coarser than its
 * shortest policy windows: 5m is no whole number of 15m steps. Those windows are read as instant counts of good
 * and all events over the window, in the same request, and replace what the grid would have summed.
 */
import { formatDuration } from '../time';
import type { WindowTotals } from './evaluate';
import { instanceKey } from '../model';
import { policyWindows, type BurnRateRule } from '../policy';

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

/** One series of an instant count, with its labels. */
export interface LabelledCount {
  labels: Readonly<Record<string, string>> | undefined;
  value: number;
}

/** A per-label KPI's window read as instant counts: each instance's totals (by instanceKey) and the KPI's. */
export interface InstanceWindowTotals {
  byInstance: ReadonlyMap<string, WindowTotals>;
  /** The sum over the instances: what the KPI as a whole read in that window. */
  aggregate: WindowTotals;
}

/**
 * A per-label KPI's two instant counts of a window paired per instance, as matchInstances pairs the range
 * series: by groupBy label values, several series of one instance added up, an instance without good series
 * failing every event, good without total left out. The KPI as a whole is the sum of its instances' totals,
 * each clamped first, and no data when no instance has a total.
 */
export function instanceTotalsFromCounts(
  good: readonly LabelledCount[],
  total: readonly LabelledCount[],
  groupBy: readonly string[]
): InstanceWindowTotals {
  const goodByKey = sumByKey(good, groupBy);
  const byInstance = new Map<string, WindowTotals>();
  for (const [key, events] of sumByKey(total, groupBy)) {
    byInstance.set(key, totalsFromCounts(goodByKey.get(key) ?? null, events));
  }
  const aggregate = { good: 0, bad: 0, total: 0, validSteps: 0, expectedSteps: 1 };
  for (const totals of byInstance.values()) {
    if (totals.validSteps > 0) {
      aggregate.good += totals.good;
      aggregate.bad += totals.bad;
      aggregate.total += totals.total;
      aggregate.validSteps = 1;
    }
  }
  return { byInstance, aggregate };
}

function sumByKey(counts: readonly LabelledCount[], groupBy: readonly string[]): Map<string, number> {
  const byKey = new Map<string, number>();
  for (const { labels, value } of counts) {
    const key = instanceKey(labels, groupBy);
    byKey.set(key, (byKey.get(key) ?? 0) + value);
  }
  return byKey;
}
