/**
 * Where maintenance windows fall on a chart drawn over a grid: the chart's x axis runs from the first step to the
 * last, so a window [start, end) becomes a span of it, as fractions of the width, clipped to the axis.
 */
import type { Grid, Interval } from '../kpi/time';

export interface ShadedSpan {
  /** From the axis' left end, 0 … 1. */
  left: number;
  width: number;
}

export function shadedSpans(grid: Grid, intervals: readonly Interval[]): ShadedSpan[] {
  const firstMs = grid.startMs;
  const axisMs = (grid.length - 1) * grid.stepMs;
  if (axisMs <= 0) {
    return [];
  }
  const at = (ms: number) => Math.min(Math.max((ms - firstMs) / axisMs, 0), 1);
  return intervals
    .map(({ startMs, endMs }) => ({ left: at(startMs), width: at(endMs) - at(startMs) }))
    .filter((span) => span.width > 0);
}
