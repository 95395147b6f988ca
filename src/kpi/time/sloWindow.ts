/**
 * What a KPI's `objective.window` means in time: a rolling window is the last W; a calendar period is the week,
 * month or quarter so far, from its start in the KPI's time zone (period.ts). Everything that needs a length or
 * a range asks here instead of parsing the window itself.
 */
import { formatDuration, parseDuration } from './duration';
import type { CalendarWindow, KpiCommon, KpiDefinition, ObjectiveWindow } from '../model';
import { calendarPeriodAt, LONGEST_PERIOD_MS, NOMINAL_PERIOD_MS, periodName, previousCalendarPeriod } from './period';

export function isCalendarWindow(window: ObjectiveWindow): window is CalendarWindow {
  return typeof window === 'object' && window !== null;
}

/**
 * The window's length where a fixed one is needed: burn-rate factors (1x spends the budget over it), the rules'
 * SLO-window ratio and the OpenSLO duration. A calendar period counts as its nominal length (month: 30d).
 */
export function nominalSloWindowMs(kpi: Pick<KpiCommon, 'objective'>): number {
  const { window } = kpi.objective;
  return isCalendarWindow(window) ? NOMINAL_PERIOD_MS[window.calendar] : parseDuration(window);
}

/** How far back data is needed to evaluate the KPI at any moment: the window, or the longest period. */
export function coveringRangeMs(kpi: Pick<KpiCommon, 'objective'>): number {
  const { window } = kpi.objective;
  return isCalendarWindow(window) ? LONGEST_PERIOD_MS[window.calendar] : parseDuration(window);
}

/** How numbers over the window are captioned: "28d", or "this month". */
export function windowLabel(window: ObjectiveWindow): string {
  return isCalendarWindow(window) ? periodName(window.calendar, 'this') : window;
}

/** The longest range any of the KPIs needs (see coveringRangeMs), as a Grafana range: the dashboards' panel range. */
export function longestCoveringRange(kpis: readonly KpiDefinition[]): string {
  return grafanaRange(Math.max(...kpis.map(coveringRangeMs)));
}

const DAY_MS = 86_400_000;

/**
 * A duration as Grafana's time ranges and panel time overrides take it: one number and one unit. Grafana's date
 * maths reads `now-31d1h` as invalid, so a range past a day is rounded up to whole days ("32d"), a shorter one to
 * whole minutes: reading a little more changes nothing, reading less would cut the SLO window.
 */
export function grafanaRange(ms: number): string {
  const exact = formatDuration(ms);
  if (/^\d+[a-z]+$/.test(exact)) {
    return exact;
  }
  return ms > DAY_MS ? `${Math.ceil(ms / DAY_MS)}d` : `${Math.ceil(ms / 60_000)}m`;
}

/** The whole previous period of a calendar window, "the same period last time"; undefined for rolling windows. */
export function previousPeriodAt(
  window: ObjectiveWindow,
  atMs: number
): { startMs: number; endMs: number; label: string } | undefined {
  if (!isCalendarWindow(window)) {
    return undefined;
  }
  return {
    ...previousCalendarPeriod(window.calendar, window.timeZone, atMs),
    label: periodName(window.calendar, 'last'),
  };
}

/** "28d", or "calendar month (Europe/Berlin)". */
export function windowText(window: ObjectiveWindow): string {
  return isCalendarWindow(window) ? `calendar ${window.calendar} (${window.timeZone})` : window;
}

/** For sentences: "a rolling 28d", or "each calendar month (Europe/Berlin)". */
export function objectiveWindowText(window: ObjectiveWindow): string {
  return isCalendarWindow(window) ? `each ${windowText(window)}` : `a rolling ${window}`;
}

/**
 * What evaluateKpi needs to know of the SLO window at `atMs`, in whole steps: a rolling window as it is; a calendar
 * period from its first whole step to `atMs`, at least one step (so the first minutes of a month are measured, not
 * "no data"), captioned "this month" and paced by its nominal length.
 */
export function sloWindowAt(
  window: ObjectiveWindow,
  atMs: number,
  stepMs: number
): { sloWindowMs: number; calendar?: CalendarBudget } {
  if (!isCalendarWindow(window)) {
    return { sloWindowMs: parseDuration(window) };
  }
  const { startMs } = calendarPeriodAt(window.calendar, window.timeZone, atMs);
  return {
    sloWindowMs: Math.max(stepMs, Math.floor((atMs - startMs) / stepMs) * stepMs),
    calendar: { label: periodName(window.calendar, 'this'), nominalMs: NOMINAL_PERIOD_MS[window.calendar] },
  };
}

/** How sentences name the window, so tooltips and messages read right for rolling and calendar windows alike. */
export interface WindowPhrases {
  /** "in the 28d window" / "this month" */
  within: string;
  /** "over the last 28d" / "over this month so far" */
  over: string;
  /** "over a rolling 28d window" / "over each calendar month (Europe/Berlin)" */
  objective: string;
  /** The length the burn-rate factors and 1x assume: "28d" / "30d" (a nominal month). */
  length: string;
  /** What 1x spends the budget over: "the 28d window" / "30d, the nominal month". */
  pace: string;
}

export function windowPhrases(window: ObjectiveWindow): WindowPhrases {
  if (isCalendarWindow(window)) {
    const label = periodName(window.calendar, 'this');
    return {
      within: label,
      over: `over ${label} so far`,
      objective: `over ${objectiveWindowText(window)}`,
      length: formatDuration(NOMINAL_PERIOD_MS[window.calendar]),
      pace: `${formatDuration(NOMINAL_PERIOD_MS[window.calendar])}, the nominal ${window.calendar}`,
    };
  }
  return {
    within: `in the ${window} window`,
    over: `over the last ${window}`,
    objective: `over a rolling ${window} window`,
    length: window,
    pace: `the ${window} window`,
  };
}

/**
 * How a calendar period's budget reads: the SLO window is the period so far, named `label` ("this month"), and
 * 1x spends the budget over the nominal period (`nominalMs`, as the burn-rate factors assume), which is what the
 * time to exhaustion counts with.
 */
export interface CalendarBudget {
  label: string;
  nominalMs: number;
}
