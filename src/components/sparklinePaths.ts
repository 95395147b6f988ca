/**
 * A sparkline as SVG paths, for lists: a catalog row is one of a thousand, and a uPlot canvas per row cost
 * the first screen and each filtering keystroke more than everything else on the page (docs/benchmarks.md).
 */
import type { Grid } from '../kpi/time';

export interface SparklinePaths {
  /** The line, a new `M` after every gap (a step without a finite value). */
  line: string;
  /** The area under the line down to the chart's bottom, one closed shape per unbroken run. */
  area: string;
  /**
   * The points of runs one step long, between gaps: a path through one point draws nothing, so these are drawn as
   * dots (a SQL SLO whose only bucket with traffic is the latest one, a week with one scrape).
   */
  dots: Array<{ x: number; y: number }>;
  /** How far down the target's line falls, in pixels; undefined without a target. */
  targetY?: number;
}

/**
 * The value range of a sparkline: the finite values and the target, padded by the value's own size when flat so a
 * line on its target shows mid-chart; 0..1 when there is nothing to show.
 */
export function sparklineRange(values: ArrayLike<number>, target?: number): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (Number.isFinite(values[i])) {
      min = Math.min(min, values[i]);
      max = Math.max(max, values[i]);
    }
  }
  if (target !== undefined && Number.isFinite(target)) {
    min = Math.min(min, target);
    max = Math.max(max, target);
  }
  if (min > max) {
    return { min: 0, max: 1 };
  }
  if (min === max) {
    const pad = Math.abs(min) || 1;
    return { min: min - pad, max: max + pad };
  }
  return { min, max };
}

/** Coordinates rounded to a tenth of a pixel: finer detail does not show and only lengthens the path. */
const round = (pixels: number) => Math.round(pixels * 10) / 10;

/** The paths of `values` on `grid` in a `width` × `height` box, oldest step on the left. */
export function sparklinePaths(
  grid: Grid,
  values: ArrayLike<number>,
  width: number,
  height: number,
  target?: number
): SparklinePaths {
  const { min, max } = sparklineRange(values, target);
  const y = (value: number) => round(((max - value) / (max - min)) * (height - 1));
  const x = (index: number) => round(grid.length > 1 ? (index / (grid.length - 1)) * (width - 1) : (width - 1) / 2);
  const line: string[] = [];
  const area: string[] = [];
  const dots: SparklinePaths['dots'] = [];
  let run: string[] = [];
  let runStartX = 0;
  let runEndX = 0;
  let runEndY = 0;
  const closeRun = () => {
    if (run.length === 1) {
      dots.push({ x: runEndX, y: runEndY });
    }
    if (run.length > 0) {
      const points = run.join('L');
      line.push(`M${points}`);
      area.push(`M${runStartX},${height}L${points}L${runEndX},${height}Z`);
      run = [];
    }
  };
  for (let i = 0; i < grid.length; i++) {
    const value = values[i];
    if (!Number.isFinite(value)) {
      closeRun();
      continue;
    }
    if (run.length === 0) {
      runStartX = x(i);
    }
    runEndX = x(i);
    runEndY = y(value);
    run.push(`${runEndX},${runEndY}`);
  }
  closeRun();
  const targetY = target !== undefined && Number.isFinite(target) ? y(target) : undefined;
  return { line: line.join(''), area: area.join(''), dots, ...(targetY !== undefined ? { targetY } : {}) };
}
