/**
 * The periods a value KPI is judged over at an instant, and the step grid that reads them. A rolling window W is
 * the last W, and the period before it the W before that; a calendar window is the week, month or quarter so far
 * (judged against its whole length), and the period before it the whole previous one (period.ts).
 */
import {
  calendarPeriodAt,
  type Grid,
  isCalendarWindow,
  parseDuration,
  periodName,
  previousCalendarPeriod,
} from '../time';
import type { ObjectiveWindow } from '../model';
import { gcd } from './plan';

/** `(startMs, endMs]`, as a grid slot holds what happened in the step before its instant. */
export interface ValuePeriod {
  startMs: number;
  endMs: number;
  /** "this month", "last 28d". */
  label: string;
}

export interface ValuePeriods {
  /** The period being judged: for a calendar window its whole length (`endMs` is in the future while under way). */
  current: ValuePeriod;
  /** The same length before, or the whole previous calendar period. */
  previous: ValuePeriod;
  /** The newest grid instant at or before the evaluation instant: what the current period is measured up to. */
  measuredUntilMs: number;
  /** The grid covering both periods, its slots aligned with the periods' starts. */
  grid: Grid;
}

const FIVE_MINUTES_MS = 300_000;
const FIFTEEN_MINUTES_MS = 900_000;
/** Beyond this a 5m step would ask Prometheus for more than 10,000 points per period. */
const LONGEST_FIVE_MINUTE_PERIOD_MS = 34 * 86_400_000;

/**
 * 5m, a step that divides every local midnight (zone offsets are whole multiples of 15 minutes) and every rolling
 * window in whole minutes; 15m for quarters and windows past 34 days, so that a period stays under 10,000 steps.
 */
export function valueStepMs(window: ObjectiveWindow): number {
  if (isCalendarWindow(window)) {
    return window.calendar === 'quarter' ? FIFTEEN_MINUTES_MS : FIVE_MINUTES_MS;
  }
  const windowMs = parseDuration(window);
  return gcd(windowMs, windowMs > LONGEST_FIVE_MINUTE_PERIOD_MS ? FIFTEEN_MINUTES_MS : FIVE_MINUTES_MS);
}

/** The periods of `window` at `atMs`, on a grid of `stepMs` (valueStepMs unless said) that covers both. */
export function valuePeriodsAt(window: ObjectiveWindow, atMs: number, stepMs = valueStepMs(window)): ValuePeriods {
  if (!isCalendarWindow(window)) {
    const windowMs = parseDuration(window);
    const current = { startMs: atMs - windowMs, endMs: atMs, label: `last ${window}` };
    const previous = { startMs: atMs - 2 * windowMs, endMs: atMs - windowMs, label: `the ${window} before` };
    return { current, previous, measuredUntilMs: atMs, grid: gridOver(previous.startMs, atMs, stepMs) };
  }
  const { calendar, timeZone } = window;
  const current = { ...calendarPeriodAt(calendar, timeZone, atMs), label: periodName(calendar, 'this') };
  const previous = { ...previousCalendarPeriod(calendar, timeZone, atMs), label: periodName(calendar, 'last') };
  const grid = gridOver(previous.startMs, atMs, stepMs);
  return { current, previous, measuredUntilMs: grid.startMs + (grid.length - 1) * grid.stepMs, grid };
}

/** Slots from the first step after `startMs` up to the last one at or before `untilMs`, at least one. */
function gridOver(startMs: number, untilMs: number, stepMs: number): Grid {
  return { startMs: startMs + stepMs, stepMs, length: Math.max(1, Math.floor((untilMs - startMs) / stepMs + 1e-9)) };
}

/** The slots of `grid` inside `(startMs, endMs]`, as [first, last] (inclusive; empty when last < first). */
export function slotsIn(grid: Grid, startMs: number, endMs: number): { first: number; last: number } {
  const first = Math.max(0, Math.floor((startMs - grid.startMs) / grid.stepMs + 1e-9) + 1);
  const last = Math.min(grid.length - 1, Math.floor((endMs - grid.startMs) / grid.stepMs + 1e-9));
  return { first, last };
}
