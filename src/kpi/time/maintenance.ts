/**
 * Maintenance windows (`maintenance: [...]` on a KPI): when they occur, as half-open intervals [startMs, endMs),
 * and which grid steps they cover. A recurring window's cron runs on the wall clock of its time zone, DST-correct
 * (a 02:30 start on the night the clock skips 02:00–03:00 runs at 03:30, the first instant after the gap that
 * is as long past the previous hour; on the night the clock goes back it runs once, at the first 02:30).
 */
import { parseDuration } from './duration';
import type { MaintenanceWindow } from '../model';
import { wallClockMs } from './period';
import { cronMatchesDay, parseCron, type Cron } from './cron';
import type { EventCounts, Grid } from './series';
import { zoneOffsetMs } from './zoneOffsets';

export interface Interval {
  startMs: number;
  /** Exclusive. */
  endMs: number;
}

/** One occurrence of a window, with the window it comes from (for "Maintenance until 04:00: database upgrade"). */
export interface MaintenanceOccurrence extends Interval {
  reason: string;
  /** Index in the KPI's `maintenance` list. */
  index: number;
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** Parses an ISO 8601 instant that names its offset (`Z` or `+02:00`); null when it is not one. */
export function parseInstant(text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    return null;
  }
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : null;
}

/** Every occurrence of every window that intersects [fromMs, toMs), sorted by start; overlapping ones not merged. */
export function maintenanceOccurrences(
  windows: readonly MaintenanceWindow[] | undefined,
  fromMs: number,
  toMs: number
): MaintenanceOccurrence[] {
  const out: MaintenanceOccurrence[] = [];
  (windows ?? []).forEach((window, index) => {
    if ('cron' in window) {
      const parsed = parseCron(window.cron);
      if (!parsed.ok) {
        return;
      }
      const durationMs = parseDuration(window.duration);
      for (const startMs of cronStarts(parsed.cron, window.timeZone ?? 'UTC', fromMs - durationMs, toMs)) {
        const endMs = startMs + durationMs;
        if (endMs > fromMs) {
          out.push({ startMs, endMs, reason: window.reason, index });
        }
      }
      return;
    }
    const startMs = parseInstant(window.start);
    const endMs = parseInstant(window.end);
    if (startMs !== null && endMs !== null && startMs < toMs && endMs > fromMs && startMs < endMs) {
      out.push({ startMs, endMs, reason: window.reason, index });
    }
  });
  return out.sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
}

/** The maintenance time within [fromMs, toMs): disjoint, sorted intervals (touching ones joined). */
export function maintenanceIntervals(
  windows: readonly MaintenanceWindow[] | undefined,
  fromMs: number,
  toMs: number
): Interval[] {
  return mergeIntervals(maintenanceOccurrences(windows, fromMs, toMs));
}

export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.startMs - b.startMs);
  const merged: Interval[] = [];
  for (const { startMs, endMs } of sorted) {
    const last = merged[merged.length - 1];
    if (last && startMs <= last.endMs) {
      last.endMs = Math.max(last.endMs, endMs);
    } else {
      merged.push({ startMs, endMs });
    }
  }
  return merged;
}

/** The occurrence that holds `atMs`, the one ending last when several do; null outside maintenance. */
export function maintenanceAt(
  windows: readonly MaintenanceWindow[] | undefined,
  atMs: number
): MaintenanceOccurrence | null {
  const holding = maintenanceOccurrences(windows, atMs, atMs + 1);
  return holding.reduce<MaintenanceOccurrence | null>((a, b) => (a && a.endMs >= b.endMs ? a : b), null);
}

/** The first occurrence starting after `atMs`, looking `horizonMs` ahead (default 31 days). */
export function nextMaintenance(
  windows: readonly MaintenanceWindow[] | undefined,
  atMs: number,
  horizonMs = 31 * DAY_MS
): MaintenanceOccurrence | null {
  return maintenanceOccurrences(windows, atMs, atMs + horizonMs).find((o) => o.startMs > atMs) ?? null;
}

/**
 * 1 for each grid step that maintenance touches. Step i holds what happened in (t_i − step, t_i]; any overlap
 * with maintenance excludes the whole step, so errors of a maintenance that starts or ends mid-step never count.
 */
export function maintenanceMask(intervals: readonly Interval[], grid: Grid): Uint8Array {
  const mask = new Uint8Array(grid.length);
  for (const { startMs, endMs } of intervals) {
    // First step with t_i > start, last step with t_i − step < end.
    const first = Math.max(Math.floor((startMs - grid.startMs) / grid.stepMs) + 1, 0);
    const last = Math.min(Math.ceil((endMs - grid.startMs) / grid.stepMs), grid.length - 1);
    mask.fill(1, first, last + 1);
  }
  return mask;
}

/** The mask of a KPI's windows over a grid (steps' spans included), or undefined when nothing is excluded. */
export function maintenanceMaskFor(
  windows: readonly MaintenanceWindow[] | undefined,
  grid: Grid
): Uint8Array | undefined {
  if (!windows?.length) {
    return undefined;
  }
  const fromMs = grid.startMs - grid.stepMs;
  const toMs = grid.startMs + grid.length * grid.stepMs;
  return maintenanceMask(maintenanceIntervals(windows, fromMs, toMs), grid);
}

/** The instants the cron starts at within [fromMs, toMs), in its time zone. */
export function cronStarts(cron: Cron, timeZone: string, fromMs: number, toMs: number): number[] {
  const starts: number[] = [];
  // Local days as "wall clock read as UTC"; a day either side covers every offset (at most ±18h).
  const firstDay = Math.floor(wallClockMs(fromMs, timeZone) / DAY_MS) - 1;
  const lastDay = Math.floor(wallClockMs(toMs, timeZone) / DAY_MS) + 1;
  for (let day = firstDay; day <= lastDay; day++) {
    const date = new Date(day * DAY_MS);
    if (!cronMatchesDay(cron, date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCDay())) {
      continue;
    }
    const dayStartWall = day * DAY_MS;
    const offsetAtStart = zoneOffsetMs(dayStartWall - zoneOffsetMs(dayStartWall, timeZone), timeZone);
    const offsetAtEnd = zoneOffsetMs(dayStartWall + DAY_MS - offsetAtStart, timeZone);
    for (const hour of cron.hours) {
      for (const minute of cron.minutes) {
        const wall = dayStartWall + hour * 3_600_000 + minute * MINUTE_MS;
        // Most days keep one offset all day: no Intl call per start.
        const at = offsetAtStart === offsetAtEnd ? wall - offsetAtStart : instantOfWallClock(wall, timeZone);
        if (at >= fromMs && at < toMs) {
          starts.push(at);
        }
      }
    }
  }
  return starts.sort((a, b) => a - b);
}

/**
 * The instant a wall-clock time names: the earlier one when the clock goes back and shows it twice, and the
 * offset from before the change when the clock skips it (02:30 in a skipped 02:00–03:00 runs at 03:30).
 */
function instantOfWallClock(wall: number, timeZone: string): number {
  const before = wall - zoneOffsetMs(wall - DAY_MS, timeZone);
  const after = wall - zoneOffsetMs(wall + DAY_MS, timeZone);
  const valid = [before, after].filter((at) => wallClockMs(at, timeZone) === wall);
  return valid.length > 0 ? Math.min(...valid) : before;
}

/**
 * What the engine needs of a KPI's windows: the counts with maintenance steps masked, and whether the evaluation
 * instant is inside one. Nothing changes for a KPI without windows.
 */
export function withMaintenance(
  windows: readonly MaintenanceWindow[] | undefined,
  counts: EventCounts,
  atMs: number
): { counts: EventCounts; inMaintenance: boolean } {
  const excluded = maintenanceMaskFor(windows, counts.grid);
  return {
    counts: excluded ? { ...counts, excluded } : counts,
    inMaintenance: maintenanceAt(windows, atMs) !== null,
  };
}
