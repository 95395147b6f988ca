/**
 * A value KPI's series as the points that landed on its grid, in slot order, instead of the grid itself: a month at
 * a 5m step is 17,000 slots for two periods, while a catalog row's answer may hold 29 points. Folding the points
 * gives the very numbers the grid's fold gives (the same values added in the same order), so the catalog judges
 * 500 value KPIs without building 1,000 grids; the grid is built only when a line is drawn (denseSeries).
 */
import type { ValueAggregation } from '../model';
import type { ValueSeries } from './valueEvaluation';

/** A query's points on the grid: unique slots in ascending order, each with its value (NaN: a point without one). */
export interface SlotPoints {
  slots: readonly number[];
  values: readonly number[];
}

/** ValueSeries as points: numerator and denominator, or one query and how to fold it. */
export type ValuePoints =
  { numerator: SlotPoints; denominator: SlotPoints } | { query: SlotPoints; aggregation: ValueAggregation };

/** The series a fold or a line reads: on the whole grid, or as its points. */
export type ValueSeriesOrPoints = ValueSeries | ValuePoints;

export function isValuePoints(series: ValueSeriesOrPoints): series is ValuePoints {
  return 'slots' in ('numerator' in series ? series.numerator : series.query);
}

/** The points on a grid of `length` slots, NaN where there is none. */
export function pointsToGrid({ slots, values }: SlotPoints, length: number): Float64Array {
  const out = new Float64Array(length).fill(NaN);
  for (let k = 0; k < slots.length; k++) {
    out[slots[k]] = values[k];
  }
  return out;
}

/** The series on the whole grid, for what draws or walks it step by step (valueLine, dailyValues). */
export function denseSeries(series: ValueSeriesOrPoints, length: number): ValueSeries {
  if (!isValuePoints(series)) {
    return series;
  }
  return 'numerator' in series
    ? { numerator: pointsToGrid(series.numerator, length), denominator: pointsToGrid(series.denominator, length) }
    : { query: pointsToGrid(series.query, length), aggregation: series.aggregation };
}

/** The index of the first slot at or after `slot` (binary search). */
function firstAtOrAfter(slots: readonly number[], slot: number): number {
  let low = 0;
  let high = slots.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (slots[middle] < slot) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low;
}

/** The points of the slots [first, last] as index bounds [from, to) into the points' arrays. */
function pointRange(slots: readonly number[], first: number, last: number): [number, number] {
  return [firstAtOrAfter(slots, first), firstAtOrAfter(slots, last + 1)];
}

const kept = (value: number, slot: number, excluded: Uint8Array | undefined) =>
  value === value && (excluded === undefined || excluded[slot] !== 1);

/** Σ numerator, Σ denominator and the steps where both sides have a sample, in slot order as the grid's fold adds. */
export function sumRatioPoints(
  numerator: SlotPoints,
  denominator: SlotPoints,
  first: number,
  last: number,
  excluded: Uint8Array | undefined
): [number, number, number] {
  let [n, nEnd] = pointRange(numerator.slots, first, last);
  let [d, dEnd] = pointRange(denominator.slots, first, last);
  let sumNumerator = 0;
  let sumDenominator = 0;
  let validSteps = 0;
  while (n < nEnd && d < dEnd) {
    const slot = numerator.slots[n];
    const other = denominator.slots[d];
    if (slot < other) {
      n++;
    } else if (other < slot) {
      d++;
    } else {
      const nv = numerator.values[n++];
      const dv = denominator.values[d++];
      if (kept(nv, slot, excluded) && dv === dv) {
        sumNumerator += nv;
        sumDenominator += dv;
        validSteps++;
      }
    }
  }
  return [sumNumerator, sumDenominator, validSteps];
}

/** [Σ for sum and mean, or the min, max or last; steps with a sample], as foldUnmasked folds the grid. */
export function foldQueryPoints(
  { slots, values }: SlotPoints,
  aggregation: ValueAggregation,
  first: number,
  last: number,
  excluded: Uint8Array | undefined
): [number, number] {
  const [from, to] = pointRange(slots, first, last);
  let validSteps = 0;
  if (aggregation === 'last') {
    let newest = NaN;
    for (let k = to - 1; k >= from; k--) {
      if (kept(values[k], slots[k], excluded)) {
        if (validSteps === 0) {
          newest = values[k];
        }
        validSteps++;
      }
    }
    return [newest, validSteps];
  }
  if (aggregation === 'min' || aggregation === 'max') {
    const sign = aggregation === 'min' ? 1 : -1;
    let best = Infinity;
    for (let k = from; k < to; k++) {
      if (kept(values[k], slots[k], excluded)) {
        const v = sign * values[k];
        best = v < best ? v : best;
        validSteps++;
      }
    }
    return [sign * best, validSteps];
  }
  let sum = 0;
  for (let k = from; k < to; k++) {
    if (kept(values[k], slots[k], excluded)) {
      sum += values[k];
      validSteps++;
    }
  }
  return [sum, validSteps];
}
