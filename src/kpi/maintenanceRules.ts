/**
 * A KPI's maintenance windows as PromQL: a label-less condition that has one series while some window is open and
 * none otherwise, built from `time()` alone so that it needs no stored series and backfills like any base record.
 *
 * - A fixed window is `(vector(time()) >= start) < end`, in Unix seconds.
 * - A recurring window is open at t when its cron fired at some minute in (t − duration, t]: a subquery at a 1m
 *   step (Prometheus aligns subquery steps to the minute) over `duration − 1ms`, which makes the end exclusive
 *   whether the range is closed on the left (Prometheus 2) or open (Prometheus 3), of the cron's fields tested
 *   with `minute()`, `hour()`, `day_of_month()`, `month()` and `day_of_week()`.
 * Those functions read UTC. A zone with one offset all year (Asia/Kolkata, +05:30) is exact by shifting the
 * instant; a zone with daylight saving time has no PromQL equivalent, and its rules are refused naming the field.
 */
import { CRON_FIELDS, parseCron, type Cron } from './cron';
import { parseDuration } from './duration';
import { parseInstant } from './maintenance';
import type { CatalogKpi, MaintenanceWindow } from './model';
import { wallClockMs } from './period';

/** The PromQL condition of all the KPI's windows, or undefined when it has none. */
export function maintenanceCondition(kpi: CatalogKpi): string | undefined {
  const windows = kpi.maintenance ?? [];
  if (windows.length === 0) {
    return undefined;
  }
  return windows.map((window, index) => `(${windowCondition(window, index)})`).join(' or ');
}

function windowCondition(window: MaintenanceWindow, index: number): string {
  if ('cron' in window) {
    const parsed = parseCron(window.cron);
    if (!parsed.ok) {
      throw new Error(`maintenance[${index}].cron: ${parsed.message}`);
    }
    const offsetSeconds = fixedOffsetSeconds(window.timeZone ?? 'UTC');
    if (offsetSeconds === null) {
      throw new Error(
        `maintenance[${index}].timeZone: ${window.timeZone} changes its offset for daylight saving time, which ` +
          "Prometheus' UTC time functions cannot follow: write the cron in UTC or in a zone with one offset all " +
          'year, or list the windows with start and end'
      );
    }
    const rangeMs = parseDuration(window.duration) - 1;
    return `max_over_time((${cronMatch(parsed.cron, offsetSeconds)})[${rangeMs}ms:1m])`;
  }
  const start = parseInstant(window.start);
  const end = parseInstant(window.end);
  if (start === null || end === null) {
    throw new Error(`maintenance[${index}]: start and end must be ISO 8601 instants with an offset`);
  }
  return `(vector(time()) >= ${seconds(start)}) < ${seconds(end)}`;
}

/** One series at the minutes the cron fires, none at the others. */
export function cronMatch(cron: Cron, offsetSeconds: number): string {
  const at = offsetSeconds === 0 ? 'vector(time())' : `vector(time() + ${offsetSeconds})`;
  const [minute, hour, dayOfMonth, month] = CRON_FIELDS;
  const terms = [
    valuesIn(`minute(${at})`, cron.minutes, minute.min, minute.max),
    valuesIn(`hour(${at})`, cron.hours, hour.min, hour.max),
    valuesIn(`month(${at})`, [...cron.months], month.min, month.max),
  ];
  const byDate = valuesIn(`day_of_month(${at})`, [...cron.daysOfMonth], dayOfMonth.min, dayOfMonth.max);
  // 0 … 6 here: day of week 7 was folded into Sunday, 0.
  const byWeekday = valuesIn(`day_of_week(${at})`, [...cron.daysOfWeek], 0, 6);
  // Vixie cron: when both day fields are restricted, either one matching is enough (and one that allows every
  // day, such as 1-31, makes every day match).
  if (cron.dayOfMonthRestricted && cron.dayOfWeekRestricted) {
    terms.push(byDate !== undefined && byWeekday !== undefined ? `(${byDate} or ${byWeekday})` : undefined);
  } else {
    terms.push(byDate, byWeekday);
  }
  const present = terms.filter((term): term is string => term !== undefined);
  return present.length > 0 ? present.join(' and ') : at;
}

/** `(f == 0 or f >= 10 <= 20)`, one term per run of consecutive values; undefined when every value is allowed. */
function valuesIn(fn: string, values: readonly number[], min: number, max: number): string | undefined {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  if (sorted.length === max - min + 1) {
    return undefined;
  }
  const runs: Array<[number, number]> = [];
  for (const value of sorted) {
    const last = runs[runs.length - 1];
    if (last && value === last[1] + 1) {
      last[1] = value;
    } else {
      runs.push([value, value]);
    }
  }
  const terms = runs.map(([low, high]) => (low === high ? `${fn} == ${low}` : `${fn} >= ${low} <= ${high}`));
  return `(${terms.join(' or ')})`;
}

/**
 * The zone's offset in seconds when it is the same all year (sampled twice a month over twelve years, which sees
 * any daylight saving time rule), null when it changes.
 */
export function fixedOffsetSeconds(timeZone: string): number | null {
  let offset: number | null = null;
  for (let year = 2025; year < 2037; year++) {
    for (let month = 0; month < 12; month++) {
      for (const day of [1, 15]) {
        const at = Date.UTC(year, month, day);
        const sample = (wallClockMs(at, timeZone) - at) / 1000;
        if (offset !== null && sample !== offset) {
          return null;
        }
        offset = sample;
      }
    }
  }
  return offset;
}

function seconds(ms: number): string {
  return String(ms / 1000);
}
