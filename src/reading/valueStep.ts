/**
 * The one step a value KPI is read at through Grafana, whoever asks: the catalog's row, the KPI page and the report
 * all take it from here, so the same KPI at the same moment reads the same value everywhere (a sum of per-step
 * rates depends on the step, as `$__rate_interval` does). It depends on the KPI's period alone, never on what
 * else shares the request.
 */
import { formatDuration, grafanaRange, isCalendarWindow, parseDuration, zoneOffsetMs } from '../kpi/time';
import { valuePeriodsAt } from '../kpi/evaluate';
import type { CalendarUnit, ObjectiveWindow } from '../kpi/model';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * Steps Grafana keeps as asked: its own round intervals (gtime.RoundInterval), finest first. Grafana raises a step
 * to the round interval of range / 11,000 (promlib's safeResolution); a round step with at most 11,000 points over
 * the range is never below that, so it stays.
 */
const ROUND_STEPS_MS = [
  MINUTE_MS,
  5 * MINUTE_MS,
  10 * MINUTE_MS,
  15 * MINUTE_MS,
  20 * MINUTE_MS,
  30 * MINUTE_MS,
  HOUR_MS,
  2 * HOUR_MS,
  3 * HOUR_MS,
  6 * HOUR_MS,
  12 * HOUR_MS,
  DAY_MS,
];

/** promlib's safeResolution: Grafana never asks Prometheus for more points per series than this. */
export const GRAFANA_MAX_POINTS = 11_000;
/** Points over the two longest periods and a day: an hour's step for a month, so hundreds of rows stay light. */
export const VALUE_STEP_POINTS = 2_000;
/**
 * No finer than this where the period allows: the catalog's one request per data source spans its longest value
 * KPI's two periods (two quarters and a day: 185 days), and 30m is the finest round step with fewer than 11,000
 * points over that, so a week KPI beside a quarter one keeps its step.
 */
const FINEST_PREFERRED_STEP_MS = 30 * MINUTE_MS;

const LONGEST_PERIOD_MS: Record<CalendarUnit, number> = { week: 7 * DAY_MS, month: 31 * DAY_MS, quarter: 92 * DAY_MS };

/**
 * A step and the UTC offset Grafana aligns it with: promlib rounds a range's start and end down to multiples of the
 * step shifted by the query's `utcOffsetSec`, so a calendar KPI sends its zone's offset and an hour's step falls on
 * Kathmandu's midnights (+05:45) as on Berlin's.
 */
export interface ValueQueryStep {
  stepMs: number;
  utcOffsetSec: number;
}

/** The evaluation instant Grafana reads up to: `atMs` rounded down to the step, on the offset's grid. */
export function alignedToStep(atMs: number, { stepMs, utcOffsetSec }: ValueQueryStep): number {
  const offsetMs = utcOffsetSec * 1000;
  return Math.floor((atMs + offsetMs) / stepMs) * stepMs - offsetMs;
}

/** How long the KPI's range must be at most: its two longest periods and the day's margin before them. */
function longestRangeMs(window: ObjectiveWindow): number {
  const periodMs = isCalendarWindow(window) ? LONGEST_PERIOD_MS[window.calendar] : parseDuration(window);
  return 2 * periodMs + DAY_MS;
}

function offsetSecOf(window: ObjectiveWindow, atMs: number): number {
  return isCalendarWindow(window) ? zoneOffsetMs(atMs, window.timeZone) / 1000 : 0;
}

/**
 * The instants a step must fall on: a rolling window's length, or the bounds of the calendar period at `atMs` and
 * the one before. They do not depend on the step, so they are found once per KPI, not once per candidate step.
 */
function boundsToFallOn(window: ObjectiveWindow, atMs: number): { rollingMs?: number; boundsMs: number[] } {
  if (!isCalendarWindow(window)) {
    return { rollingMs: parseDuration(window), boundsMs: [] };
  }
  const { current, previous } = valuePeriodsAt(window, atMs, MINUTE_MS);
  return { boundsMs: [previous.startMs, current.startMs, current.endMs] };
}

function fallsOnBounds({ rollingMs, boundsMs }: ReturnType<typeof boundsToFallOn>, step: ValueQueryStep): boolean {
  if (rollingMs !== undefined) {
    return rollingMs % step.stepMs === 0;
  }
  return boundsMs.every((ms) => alignedToStep(ms, step) === ms);
}

/**
 * The step of a value KPI whose period is `window` at `atMs`: the finest round step from 30m that falls on its
 * periods' bounds with at most VALUE_STEP_POINTS over its two longest periods; failing that (a rolling 7h13m, a
 * Berlin quarter, whose summer and winter midnights share no step above an hour), the coarsest one that falls on
 * them within Grafana's 11,000 points over `rangeMs`. `rangeMs` is the request's span when it is longer than the
 * KPI's own: past 11,000 points Grafana would coarsen the step itself. Undefined when no round step fits.
 */
export function valueQueryStep(
  window: ObjectiveWindow,
  atMs: number,
  rangeMs = longestRangeMs(window)
): ValueQueryStep | undefined {
  const utcOffsetSec = offsetSecOf(window, atMs);
  const bounds = boundsToFallOn(window, atMs);
  const kept = ROUND_STEPS_MS.map((stepMs) => ({ stepMs, utcOffsetSec })).filter(
    (step) => rangeMs / step.stepMs <= GRAFANA_MAX_POINTS && fallsOnBounds(bounds, step)
  );
  const ownRangeMs = longestRangeMs(window);
  const preferred = kept.find(
    ({ stepMs }) => stepMs >= FINEST_PREFERRED_STEP_MS && ownRangeMs / stepMs <= VALUE_STEP_POINTS
  );
  return preferred ?? kept[kept.length - 1];
}

/**
 * A panel's Query options that make Grafana read a value KPI at its step, so a Northstar panel shows the number the
 * catalog row shows. Grafana's panel query runner takes the request's interval as max(range / max data points,
 * rounded; Min interval) (PanelQueryRunner → rangeutil.calculateInterval), and its Prometheus backend takes that
 * interval as the step when the query has no min step of its own (promlib calculatePrometheusInterval →
 * gtime.GetIntervalFrom), raised only past 11,000 points. A per-query min step would do too, but would also make
 * `$__rate_interval` max(interval + min step, 4 × min step) (promlib interpolateVariables) where the app's is
 * step + scrape interval: so the panel's Min interval, not the query's.
 */
export interface ValuePanelQueryOptions {
  /** Query options → Min interval: the step. */
  minInterval: string;
  /** Query options → Max data points: the range's steps, so that range / max data points stays at the step. */
  maxDataPoints: number;
  /** Query options → Relative time: the KPI's two longest periods and a day, back to the previous period's start. */
  relativeTime: string;
}

/** The Query options of a panel showing a value KPI whose period is `window` at `atMs`; undefined without a step. */
export function valuePanelQueryOptions(window: ObjectiveWindow, atMs: number): ValuePanelQueryOptions | undefined {
  const step = valueQueryStep(window, atMs);
  if (step === undefined) {
    return undefined;
  }
  const rangeMs = longestRangeMs(window);
  return {
    minInterval: formatDuration(step.stepMs),
    maxDataPoints: Math.ceil(rangeMs / step.stepMs),
    relativeTime: grafanaRange(rangeMs),
  };
}
