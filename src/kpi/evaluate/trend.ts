/**
 * Value vs target for threshold KPIs (DESIGN §2 "business KPIs"): the latest value, and the mean of the current
 * period against the mean of the period of the same length just before it.
 */
import type { Comparator } from '../model';
import { gridTimeAt, type Grid } from '../time';

export interface PeriodComparison {
  periodMs: number;
  /** Mean of the values in the period ending at the evaluation instant; null without values. */
  current: number | null;
  /** Mean of the values in the period of the same length just before it; null without values. */
  previous: number | null;
  /** current − previous. */
  delta: number | null;
  /** delta / |previous|; null when previous is 0 or missing. */
  relativeDelta: number | null;
  /** Share of each period's steps that hold a value. */
  currentCoverage: number;
  previousCoverage: number;
}

interface PeriodMean {
  mean: number | null;
  coverage: number;
}

/** Mean of the finite values in slots [from, to] (inclusive); slots outside the series are gaps. */
function meanOf(values: Float64Array, from: number, to: number): PeriodMean {
  const slots = to - from + 1;
  let sum = 0;
  let present = 0;
  for (let i = Math.max(from, 0); i <= Math.min(to, values.length - 1); i++) {
    const v = values[i];
    if (Number.isFinite(v)) {
      sum += v;
      present++;
    }
  }
  return { mean: present > 0 ? sum / present : null, coverage: slots > 0 ? present / slots : 0 };
}

function endIndexOf(grid: Grid, atMs?: number): number {
  const endMs = atMs ?? gridTimeAt(grid, grid.length - 1);
  return Math.floor((endMs - grid.startMs) / grid.stepMs + 1e-9);
}

/** Compares the period ending at `atMs` (default: the last step) with the period of the same length before it. */
export function comparePeriods(values: Float64Array, grid: Grid, periodMs: number, atMs?: number): PeriodComparison {
  const endIndex = endIndexOf(grid, atMs);
  const steps = Math.max(1, Math.floor(periodMs / grid.stepMs + 1e-9));
  const current = meanOf(values, endIndex - steps + 1, endIndex);
  const previous = meanOf(values, endIndex - 2 * steps + 1, endIndex - steps);
  const delta = current.mean !== null && previous.mean !== null ? current.mean - previous.mean : null;
  const relativeDelta = delta !== null && previous.mean ? delta / Math.abs(previous.mean) : null;
  return {
    periodMs,
    current: current.mean,
    previous: previous.mean,
    delta,
    relativeDelta,
    currentCoverage: current.coverage,
    previousCoverage: previous.coverage,
  };
}

/** The value at the evaluation instant; null when that step is a gap (a stale value is not the latest). */
export function latestValue(values: Float64Array, grid: Grid, atMs?: number): number | null {
  const v = values[endIndexOf(grid, atMs)];
  return Number.isFinite(v) ? v : null;
}

export type DeltaDirection = 'better' | 'worse' | 'flat';

/** A lower value is better for `<` and `<=` (latency), a higher one for `>` and `>=` (conversion rate). */
export function deltaDirection(delta: number | null, comparator: Comparator): DeltaDirection | null {
  if (delta === null) {
    return null;
  }
  if (delta === 0) {
    return 'flat';
  }
  const lowerIsBetter = comparator === '<' || comparator === '<=';
  return delta < 0 === lowerIsBetter ? 'better' : 'worse';
}

/** Whether a value meets the threshold, as countsFromSlices counts a good slice. */
export function meetsThreshold(value: number, comparator: Comparator, threshold: number): boolean {
  switch (comparator) {
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
  }
}
