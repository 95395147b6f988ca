/**
 * Time series on a regular grid: Float64Array values, NaN marks a gap. Slot i holds what happened in
 * (startMs + (i - 1) × stepMs, startMs + i × stepMs], i.e. the value a range query returns at that instant.
 */

export interface Grid {
  startMs: number;
  stepMs: number;
  length: number;
}

export interface GridSeries extends Grid {
  values: Float64Array;
}

/** The grid of `length` steps whose last slot is `endMs`. */
export function gridEndingAt(endMs: number, stepMs: number, length: number): Grid {
  return { startMs: endMs - (length - 1) * stepMs, stepMs, length };
}

export function gridTimeAt(grid: Grid, index: number): number {
  return grid.startMs + index * grid.stepMs;
}

/**
 * Places points on a grid. Points are snapped to the nearest slot when within half a step and dropped
 * otherwise; unsorted input is fine and of duplicated timestamps the last one given wins. Slots without a
 * point, and non-numbers, stay gaps (NaN).
 */
export function toGrid(
  times: ArrayLike<number>,
  values: ArrayLike<number | null | undefined>,
  grid: Grid
): Float64Array {
  const out = new Float64Array(grid.length).fill(NaN);
  const n = Math.min(times.length, values.length);
  for (let i = 0; i < n; i++) {
    const slot = Math.round((times[i] - grid.startMs) / grid.stepMs);
    if (!(slot >= 0 && slot < grid.length)) {
      continue;
    }
    const value = values[i];
    out[slot] = typeof value === 'number' ? value : NaN;
  }
  return out;
}

/** Counts can't be negative or infinite: such samples (counter resets, bad exporters) become gaps. */
export function sanitizeCounts(values: Float64Array): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = v >= 0 && v < Infinity ? v : NaN;
  }
  return out;
}

/** Share of slots that hold a number. */
export function coverageOf(values: Float64Array): number {
  if (values.length === 0) {
    return 0;
  }
  let present = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i] === values[i]) {
      present++;
    }
  }
  return present / values.length;
}

export interface Gap {
  startIndex: number;
  /** Exclusive. */
  endIndex: number;
}

/** Runs of consecutive gaps, for display ("no data from 02:00 to 03:00"). */
export function findGaps(values: Float64Array): Gap[] {
  const gaps: Gap[] = [];
  let start = -1;
  for (let i = 0; i <= values.length; i++) {
    const missing = i < values.length && values[i] !== values[i];
    if (missing && start < 0) {
      start = i;
    } else if (!missing && start >= 0) {
      gaps.push({ startIndex: start, endIndex: i });
      start = -1;
    }
  }
  return gaps;
}

/** Good and total events per grid step. */
export interface EventCounts {
  grid: Grid;
  good: Float64Array;
  total: Float64Array;
  /**
   * 1 for steps inside a maintenance window (maintenanceMask): they count neither as events nor as missing
   * data, so they leave good, total and the steps a window expects.
   */
  excluded?: Uint8Array;
}
