/**
 * Maintenance windows in words, for the KPI page, the panel and the status tooltip:
 * "Maintenance until Nov 29 04:00: database upgrade". Times are in the dashboard's (or browser's) time zone.
 */
import { maintenanceAt, maintenanceOccurrences, mergeIntervals, nextMaintenance } from '../kpi/time';
import type { MaintenanceWindow } from '../kpi/model';
import { formatInstant, formatTimeSpan } from './format';

/** "Maintenance until Nov 29 04:00: database upgrade", or null outside maintenance. */
export function currentMaintenanceText(
  windows: readonly MaintenanceWindow[] | undefined,
  atMs: number,
  timeZone?: string
): string | null {
  const now = maintenanceAt(windows, atMs);
  return now ? `Maintenance until ${formatInstant(now.endMs, timeZone)}: ${now.reason}` : null;
}

/** "Next maintenance Dec 6 02:00 – Dec 6 04:00: weekly database upgrade", or null when none within a month. */
export function nextMaintenanceText(
  windows: readonly MaintenanceWindow[] | undefined,
  atMs: number,
  timeZone?: string
): string | null {
  const next = nextMaintenance(windows, atMs);
  return next
    ? `Next maintenance ${formatInstant(next.startMs, timeZone)} – ${formatInstant(next.endMs, timeZone)}: ${next.reason}`
    : null;
}

/** One window as the catalog defines it: "Nov 28 02:00 – Nov 28 04:00" or "0 2 * * 0 (UTC) for 2h". */
export function describeMaintenanceWindow(window: MaintenanceWindow, timeZone?: string): string {
  if ('cron' in window) {
    return `every "${window.cron}" (${window.timeZone ?? 'UTC'}) for ${window.duration}: ${window.reason}`;
  }
  const range = `${formatInstant(Date.parse(window.start), timeZone)} – ${formatInstant(Date.parse(window.end), timeZone)}`;
  return `${range}: ${window.reason}`;
}

/**
 * "2 maintenance windows (4h) left out, flat in the burndown; the last Nov 29 02:00 – Nov 29 04:00: weekly reindex",
 * or null when none falls in the range.
 */
export function maintenanceInRangeText(
  windows: readonly MaintenanceWindow[] | undefined,
  fromMs: number,
  toMs: number,
  timeZone?: string
): string | null {
  const occurrences = maintenanceOccurrences(windows, fromMs, toMs);
  if (occurrences.length === 0) {
    return null;
  }
  const excludedMs = mergeIntervals(
    occurrences.map((o) => ({ startMs: Math.max(o.startMs, fromMs), endMs: Math.min(o.endMs, toMs) }))
  ).reduce((sum, interval) => sum + interval.endMs - interval.startMs, 0);
  const last = occurrences[occurrences.length - 1];
  const count = occurrences.length === 1 ? '1 maintenance window' : `${occurrences.length} maintenance windows`;
  return (
    `${count} (${formatTimeSpan(excludedMs)}) left out, flat in the burndown; the last ` +
    `${formatInstant(last.startMs, timeZone)} – ${formatInstant(last.endMs, timeZone)}: ${last.reason}`
  );
}
