/**
 * A value KPI's evaluation: its value over the period, the previous period's, the change between them, the
 * forecast at the period's end and the status, judged by direction. Pure: the caller reads the series onto the
 * grid of valuePeriodsAt (per-second rates for a ratio and a `sum`, the value itself otherwise; NaN = no sample).
 */
import type { Grid } from '../time';
import type { ValueAggregation, ValueDirection, ValueObjective } from '../model';
import { slotsIn, type ValuePeriod, type ValuePeriods } from './valuePeriods';
import {
  foldQueryPoints,
  isValuePoints,
  type SlotPoints,
  sumRatioPoints,
  type ValueSeriesOrPoints,
} from './valuePoints';

/** What a value KPI's evaluation says; `maintenance` is the evaluation instant inside a maintenance window. */
export type ValueStatus = 'on-track' | 'at-risk' | 'off-track' | 'no-data' | 'maintenance';

/** The series of a value KPI on its grid: numerator and denominator, or one query and how to fold it. */
export type ValueSeries =
  { numerator: Float64Array; denominator: Float64Array } | { query: Float64Array; aggregation: ValueAggregation };

export interface ValueEvaluationInput {
  objective: Pick<ValueObjective, 'direction' | 'target' | 'warning'>;
  periods: ValuePeriods;
  /** On the whole grid or as its points (valuePoints.ts): the numbers are the same. */
  series: ValueSeriesOrPoints;
  /** 1 for steps inside a maintenance window (maintenanceMaskFor): they count for nothing. */
  excluded?: Uint8Array;
  /** The evaluation instant is inside a maintenance window. */
  inMaintenance?: boolean;
  evaluatedAtMs: number;
}

export interface ValueChange {
  /** judged − previous, in the unit. */
  absolute: number;
  /** absolute / |previous|; null when the previous value is 0. */
  relative: number | null;
  /** The change goes the way the direction calls better (a rising cost is not); null for no change. */
  better: boolean | null;
}

export interface ValueEvaluation {
  status: ValueStatus;
  /** Why there is no value (no-data): "the denominator is 0 over this month". */
  reason?: string;
  /** The value over the period so far. */
  value: number | null;
  previousValue: number | null;
  /**
   * The value at the period's end at the run rate so far: for a `sum` over a calendar period under way, the total
   * so far scaled to the whole period; for every other aggregation, the value itself (a ratio or a mean does not
   * grow with time). The status judges this number.
   */
  forecast: number | null;
  /** The forecast against the previous period's value (a month's total so far against a whole month would mislead). */
  change: ValueChange | null;
  period: ValuePeriod;
  previousPeriod: ValuePeriod;
  /** Share of the period's measured steps with a sample (maintenance steps left out of both). */
  coverage: number;
  evaluatedAtMs: number;
}

interface Folded {
  value: number | null;
  /** Steps that held a sample and were not excluded. */
  validSteps: number;
  /** Steps in the range that were not excluded. */
  countedSteps: number;
  reason?: string;
}

/** Steps of [first, last] not excluded by the maintenance mask. */
function countedIn(first: number, last: number, excluded: Uint8Array | undefined): number {
  let counted = Math.max(0, last - first + 1);
  if (excluded) {
    for (let i = first; i <= last; i++) {
      counted -= excluded[i];
    }
  }
  return counted;
}

/**
 * Σ numerator, Σ denominator and the steps where both sides have a sample (a step with one side only would tilt
 * the ratio); the step's seconds cancel out. No mask test when there is no maintenance: this runs once per KPI over
 * every step of two periods.
 */
function sumRatio(
  numerator: Float64Array,
  denominator: Float64Array,
  first: number,
  last: number,
  excluded: Uint8Array | undefined
): [number, number, number] {
  // A maintenance step becomes a gap in the numerator, which leaves the step out of both sums.
  const n = excluded === undefined ? numerator : numerator.map((v, i) => (excluded[i] === 1 ? NaN : v));
  let sumNumerator = 0;
  let sumDenominator = 0;
  let validSteps = 0;
  for (let i = first; i <= last; i++) {
    const nv = n[i];
    const dv = denominator[i];
    if (nv === nv && dv === dv) {
      sumNumerator += nv;
      sumDenominator += dv;
      validSteps++;
    }
  }
  return [sumNumerator, sumDenominator, validSteps];
}

/** Σ/Σ of the slots [first, last], from the grid or from its points. */
function foldRatio(
  series: Extract<ValueSeriesOrPoints, { numerator: unknown }>,
  first: number,
  last: number,
  excluded: Uint8Array | undefined
): Folded {
  const [sumNumerator, sumDenominator, validSteps] = isValuePoints(series)
    ? sumRatioPoints(series.numerator, series.denominator, first, last, excluded)
    : sumRatio(series.numerator, series.denominator, first, last, excluded);
  const countedSteps = countedIn(first, last, excluded);
  if (validSteps === 0) {
    return { value: null, validSteps, countedSteps, reason: 'no samples of numerator and denominator' };
  }
  if (sumDenominator === 0) {
    return { value: null, validSteps, countedSteps, reason: 'the denominator is 0' };
  }
  return { value: sumNumerator / sumDenominator, validSteps, countedSteps };
}

/** One query folded by its aggregation over the steps with a sample; `sum` of a per-second rate is the total. */
function foldQuery(
  query: Float64Array | SlotPoints,
  aggregation: ValueAggregation,
  stepMs: number,
  first: number,
  last: number,
  excluded: Uint8Array | undefined
): Folded {
  const [value, validSteps] =
    'slots' in query
      ? foldQueryPoints(query, aggregation, first, last, excluded)
      : excluded === undefined
        ? foldUnmasked(query, aggregation, first, last)
        : foldMasked(query, aggregation, first, last, excluded);
  const countedSteps = countedIn(first, last, excluded);
  if (validSteps === 0) {
    return { value: null, validSteps, countedSteps, reason: 'no sample' };
  }
  const folded = aggregation === 'sum' ? value * (stepMs / 1000) : aggregation === 'mean' ? value / validSteps : value;
  return { value: folded, validSteps, countedSteps };
}

/**
 * [Σ for sum and mean, or the min, max or last; steps with a sample]. One tight loop per aggregation: this runs
 * once per KPI over every step of two periods, so the loop must not ask which aggregation it is at every step.
 */
function foldUnmasked(
  query: Float64Array,
  aggregation: ValueAggregation,
  first: number,
  last: number
): [number, number] {
  let validSteps = 0;
  if (aggregation === 'last') {
    let newest = NaN;
    for (let i = last; i >= first; i--) {
      const v = query[i];
      if (v === v) {
        if (validSteps === 0) {
          newest = v;
        }
        validSteps++;
      }
    }
    return [newest, validSteps];
  }
  if (aggregation === 'min' || aggregation === 'max') {
    const sign = aggregation === 'min' ? 1 : -1;
    let best = Infinity;
    for (let i = first; i <= last; i++) {
      const v = sign * query[i];
      if (v === v) {
        best = v < best ? v : best;
        validSteps++;
      }
    }
    return [sign * best, validSteps];
  }
  let sum = 0;
  for (let i = first; i <= last; i++) {
    const v = query[i];
    if (v === v) {
      sum += v;
      validSteps++;
    }
  }
  return [sum, validSteps];
}

/** foldUnmasked with maintenance steps left out: slower, and only for KPIs with maintenance windows. */
function foldMasked(
  query: Float64Array,
  aggregation: ValueAggregation,
  first: number,
  last: number,
  excluded: Uint8Array
): [number, number] {
  const kept = query.slice(first, last + 1).map((v, i) => (excluded[first + i] === 1 ? NaN : v));
  return foldUnmasked(kept, aggregation, 0, kept.length - 1);
}

/** Folds the slots [first, last] of the series: Σ/Σ for a ratio, the aggregation for a query. */
export function fold(
  series: ValueSeriesOrPoints,
  grid: Grid,
  first: number,
  last: number,
  excluded?: Uint8Array
): Folded {
  return 'numerator' in series
    ? foldRatio(series, first, last, excluded)
    : foldQuery(series.query, series.aggregation, grid.stepMs, first, last, excluded);
}

/** The status of `value` against the objective: at or past target on-track, between warning and target at-risk. */
export function judgeValue(
  value: number,
  { direction, target, warning }: Pick<ValueObjective, 'direction' | 'target' | 'warning'>
): Exclude<ValueStatus, 'no-data' | 'maintenance'> {
  const atLeast = (a: number, b: number) => (direction === 'higher' ? a >= b : a <= b);
  if (atLeast(value, target)) {
    return 'on-track';
  }
  return warning !== undefined && atLeast(value, warning) ? 'at-risk' : 'off-track';
}

function changeOf(judged: number | null, previous: number | null, direction: ValueDirection): ValueChange | null {
  if (judged === null || previous === null) {
    return null;
  }
  const absolute = judged - previous;
  return {
    absolute,
    relative: previous === 0 ? null : absolute / Math.abs(previous),
    better: absolute === 0 ? null : direction === 'higher' ? absolute > 0 : absolute < 0,
  };
}

/** Evaluates a value KPI over its period and the one before (see ValueEvaluation for what each number means). */
export function evaluateValue(input: ValueEvaluationInput): ValueEvaluation {
  const { objective, periods, series, excluded } = input;
  const { grid, current, previous, measuredUntilMs } = periods;
  const now = slotsIn(grid, current.startMs, Math.min(current.endMs, measuredUntilMs));
  const folded = fold(series, grid, now.first, now.last, excluded);
  // The previous period counts only when the grid reaches back to its start: a part would pass for the whole.
  const before = slotsIn(grid, previous.startMs, previous.endMs);
  const previousValue =
    grid.startMs - grid.stepMs <= previous.startMs
      ? fold(series, grid, before.first, before.last, excluded).value
      : null;
  const forecast = forecastOf(folded, series, grid, current, measuredUntilMs);
  const base = {
    value: folded.value,
    previousValue,
    forecast,
    change: changeOf(forecast, previousValue, objective.direction),
    period: current,
    previousPeriod: previous,
    coverage: folded.countedSteps > 0 ? folded.validSteps / folded.countedSteps : 0,
    evaluatedAtMs: input.evaluatedAtMs,
  };
  if (input.inMaintenance) {
    return { ...base, status: 'maintenance' };
  }
  if (forecast === null) {
    return { ...base, status: 'no-data', reason: `${folded.reason ?? 'no value'} over ${current.label}` };
  }
  return { ...base, status: judgeValue(forecast, objective) };
}

/**
 * A `sum` over a period still under way, at its run rate: the total per measured second times the period's
 * seconds. Measured seconds are the steps with a sample, so a gap in the data is not read as a quiet hour.
 */
function forecastOf(
  folded: Folded,
  series: ValueSeriesOrPoints,
  grid: Grid,
  current: ValuePeriod,
  measuredUntilMs: number
): number | null {
  if (folded.value === null || !('aggregation' in series) || series.aggregation !== 'sum') {
    return folded.value;
  }
  if (measuredUntilMs >= current.endMs) {
    return folded.value;
  }
  return (folded.value / (folded.validSteps * grid.stepMs)) * (current.endMs - current.startMs);
}
