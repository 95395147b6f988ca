/**
 * "While this KPI was off target": the days a KPI missed its target, the days each of its drivers burned error
 * budget faster than the SLO allows (a daily burn rate above 1), and where the two overlap. An overlap in time is a
 * correlation the page words as one ("overlapped with"), never a cause. Days are UTC calendar days, named by their
 * first millisecond; a step belongs to the day its interval starts in (a sample at t stands for (t − step, t]).
 */
import type { EventCounts, Grid } from '../time';
import type { ValueObjective } from '../model';
import { fold, judgeValue } from './valueEvaluation';
import type { ValueSeriesOrPoints } from './valuePoints';

export const DAY_MS = 86_400_000;

/** One UTC day's figure: its burn rate, or a value KPI's value over the day. */
export interface DailyFigure {
  dayMs: number;
  value: number;
}

/** The UTC day a step's interval starts in. */
function dayOfStep(grid: Grid, index: number): number {
  const startMs = grid.startMs + index * grid.stepMs - grid.stepMs;
  return Math.floor(startMs / DAY_MS) * DAY_MS;
}

/** Index ranges [first, last] of the grid's steps, one per UTC day, oldest first. */
function daySlots(grid: Grid): Array<{ dayMs: number; first: number; last: number }> {
  const days: Array<{ dayMs: number; first: number; last: number }> = [];
  for (let i = 0; i < grid.length; i++) {
    const dayMs = dayOfStep(grid, i);
    const open = days[days.length - 1];
    if (open?.dayMs === dayMs) {
      open.last = i;
    } else {
      days.push({ dayMs, first: i, last: i });
    }
  }
  return days;
}

/**
 * Each day's burn rate: the day's bad share over the share the target allows, (1 − good/total) / (1 − target).
 * Steps in maintenance or without both counts are left out; a day without events has no burn rate.
 */
export function dailyBurnRates(counts: EventCounts, target: number): DailyFigure[] {
  const { grid, good, total, excluded } = counts;
  const allowed = 1 - target;
  return daySlots(grid).flatMap(({ dayMs, first, last }) => {
    let goodSum = 0;
    let totalSum = 0;
    for (let i = first; i <= last; i++) {
      if (excluded?.[i] !== 1 && good[i] === good[i] && total[i] === total[i]) {
        goodSum += good[i];
        totalSum += total[i];
      }
    }
    return totalSum > 0 && allowed > 0 ? [{ dayMs, value: (1 - goodSum / totalSum) / allowed }] : [];
  });
}

/** The days a driver burned budget faster than its SLO allows: a daily burn rate above 1. */
export function burningDays(counts: EventCounts, target: number): number[] {
  return dailyBurnRates(counts, target)
    .filter((day) => day.value > 1)
    .map((day) => day.dayMs);
}

/**
 * Each day's value of a value KPI, folded as its period is (Σ/Σ for a ratio, the aggregation for a query). A `sum`
 * is the day's total at the period's pace, × periodMs / DAY_MS, so a monthly revenue target judges a day's takings.
 */
export function dailyValues(
  series: ValueSeriesOrPoints,
  grid: Grid,
  periodMs: number,
  excluded?: Uint8Array
): DailyFigure[] {
  const pace = 'aggregation' in series && series.aggregation === 'sum' ? periodMs / DAY_MS : 1;
  return daySlots(grid).flatMap(({ dayMs, first, last }) => {
    const { value } = fold(series, grid, first, last, excluded);
    return value === null ? [] : [{ dayMs, value: value * pace }];
  });
}

/** The days a value KPI was off track: its day's value past its warning (or its target when it has none). */
export function offTrackValueDays(
  days: readonly DailyFigure[],
  objective: Pick<ValueObjective, 'direction' | 'target' | 'warning'>
): number[] {
  return days.filter((day) => judgeValue(day.value, objective) === 'off-track').map((day) => day.dayMs);
}

/**
 * The days a value KPI that drives another missed its target: its day's value short of the target by direction (a
 * day at the target meets it). Stricter than off track, which waits for the warning: a driver's part in an overlap
 * is the value twin of an SLO's burning day, whose daily SLI fell short of its target.
 */
export function missedTargetDays(
  days: readonly DailyFigure[],
  { direction, target }: Pick<ValueObjective, 'direction' | 'target'>
): number[] {
  return days.filter((day) => judgeValue(day.value, { direction, target }) !== 'on-track').map((day) => day.dayMs);
}

/** The days in both lists, oldest first: the same whichever list comes first, empty when either is. */
export function overlapDays(a: readonly number[], b: readonly number[]): number[] {
  const inB = new Set(b);
  return [...new Set(a)].filter((day) => inB.has(day)).sort((x, y) => x - y);
}

/** DriverOverlap knows which of a KPI's off-target days one driver was burning budget on. */
export interface DriverOverlap {
  driverId: string;
  burningDays: number[];
  overlap: number[];
}

/** Each driver's overlap with the KPI's off-target days, drivers with the most shared days first. */
export function driverOverlaps(
  offTargetDays: readonly number[],
  drivers: ReadonlyArray<{ driverId: string; burningDays: readonly number[] }>
): DriverOverlap[] {
  return drivers
    .map(({ driverId, burningDays }) => ({
      driverId,
      burningDays: [...burningDays],
      overlap: overlapDays(offTargetDays, burningDays),
    }))
    .sort((a, b) => b.overlap.length - a.overlap.length);
}
