/**
 * The drivers section's words for "while this KPI was off target": which days the KPI missed, and which drivers'
 * budget burn fell on the same days. An overlap in time is a correlation, so every sentence says "overlapped" or
 * "coincided", never "caused". Pure: the figures come from src/kpi/evaluate's daily overlap.
 */
import {
  burningDays,
  DAY_MS,
  type DailyFigure,
  dailyValues,
  type DriverOverlap,
  missedTargetDays,
  offTrackValueDays,
} from '../../kpi/evaluate';
import type { KpiDefinition, ValueKpiDefinition } from '../../kpi/model';
import { maintenanceMaskFor, type EventCounts } from '../../kpi/time';
import type { ValueReading } from '../../reading';

/** A value KPI's daily values in its current period so far, each day's value folded as the period's is. */
function currentPeriodDays(kpi: ValueKpiDefinition, { periods, series }: ValueReading): DailyFigure[] {
  if (!series) {
    return [];
  }
  const { current, grid } = periods;
  const excluded = maintenanceMaskFor(kpi.maintenance, grid);
  const firstDay = Math.floor(current.startMs / DAY_MS) * DAY_MS;
  return dailyValues(series, grid, current.endMs - current.startMs, excluded).filter(
    (day) => day.dayMs >= firstDay && day.dayMs <= periods.measuredUntilMs
  );
}

/** A value KPI's off-track days in its current period. */
export function valueOffTargetDays(kpi: ValueKpiDefinition, reading: ValueReading): number[] {
  return offTrackValueDays(currentPeriodDays(kpi, reading), kpi.objective);
}

/**
 * A value driver's days short of its target in its current period; undefined when no day has a value, so the
 * driver is named as unread rather than as never missing.
 */
export function valueDriverMissedDays(kpi: ValueKpiDefinition, reading: ValueReading): number[] | undefined {
  const days = currentPeriodDays(kpi, reading);
  return days.length === 0 ? undefined : missedTargetDays(days, kpi.objective);
}

/** An SLO's off-target days: those its daily SLI missed the target, a daily burn rate above 1. */
export function sloOffTargetDays(kpi: KpiDefinition, counts: EventCounts): number[] {
  return burningDays(counts, kpi.objective.target);
}

/** "12 Nov": days are UTC days. */
export function formatDay(dayMs: number): string {
  return new Date(dayMs).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

/** "12 Nov", "12 and 14 Nov" style lists get long: a few days, then how many more. */
export function formatDays(days: readonly number[], shown = 5): string {
  const named = days.slice(0, shown).map(formatDay).join(', ');
  return days.length > shown ? `${named} and ${days.length - shown} more` : named;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "the one off-target day", "both off-target days", "all 3 off-target days": English counts one and two apart. */
function everyOffTargetDay(offDays: number): string {
  return offDays === 1
    ? 'the one off-target day'
    : offDays === 2
      ? 'both off-target days'
      : `all ${offDays} off-target days`;
}

/** The headline: on which days the KPI was off target, or that it never was in the days read. */
export function offTargetSentence(kpiName: string, offDays: readonly number[]): string {
  return offDays.length === 0
    ? `${kpiName} was not off target on any day of its window, so there is no overlap to show.`
    : `${kpiName} was off target on ${plural(offDays.length, 'day')}: ${formatDays(offDays)}.`;
}

/** How a driver's bad days are worded: an SLO burns budget, a value KPI misses its target. */
export type DriverKind = 'slo' | 'value';

const BAD_DAY_VERB: Record<DriverKind, string> = { slo: 'burned budget', value: 'missed its target' };

/** One driver's line: the days its budget burn (or missed target) overlapped the KPI's off-target days, or not. */
export function driverOverlapSentence(
  driverName: string,
  overlap: DriverOverlap,
  offDays: number,
  kind: DriverKind = 'slo'
): string {
  const verb = BAD_DAY_VERB[kind];
  if (overlap.overlap.length === 0) {
    if (overlap.burningDays.length > 0) {
      return `${driverName} ${verb} on ${plural(overlap.burningDays.length, 'day')}, none of which coincided with them.`;
    }
    return kind === 'slo'
      ? `${driverName} did not burn budget faster than its SLO allows on any day.`
      : `${driverName} did not miss its target on any day.`;
  }
  const share =
    overlap.overlap.length === offDays
      ? everyOffTargetDay(offDays)
      : `${overlap.overlap.length} of the ${plural(offDays, 'off-target day')}`;
  return `${driverName} ${verb} on ${share} (${formatDays(overlap.overlap)}): the two overlapped in time.`;
}

export const CORRELATION_NOTE =
  'Days that overlap are a correlation, not a cause: open the driver and the incidents of those days to find out why.';
