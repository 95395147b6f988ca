/**
 * Calendar periods (`objective.window: { calendar: month, timeZone: Europe/Berlin }`): the week (ISO, from Monday),
 * month or quarter that holds an instant, from local midnight to local midnight in an IANA time zone. DST-correct:
 * a period's length is whatever the wall clock makes it (a Berlin March is 31 days minus an hour), and a day
 * whose midnight the clock skips starts at the first instant that exists. Only Intl is used, so the browser and
 * Node agree.
 */
import type { CalendarUnit } from '../model';

export interface Period {
  /** First instant of the period, inclusive. */
  startMs: number;
  /** First instant of the next period, exclusive. */
  endMs: number;
}

const DAY_MS = 86_400_000;

/**
 * The length a calendar period counts as where a fixed window is needed: the burn-rate factors (1x spends the
 * budget over the period) and the rules' SLO-window ratio, which Prometheus can only write as a rolling range.
 */
export const NOMINAL_PERIOD_MS: Readonly<Record<CalendarUnit, number>> = {
  week: 7 * DAY_MS,
  month: 30 * DAY_MS,
  quarter: 90 * DAY_MS,
};

/** The longest a period can be (a 92-day quarter with a DST hour given back): the range that always covers one. */
export const LONGEST_PERIOD_MS: Readonly<Record<CalendarUnit, number>> = {
  week: 7 * DAY_MS + 3_600_000,
  month: 31 * DAY_MS + 3_600_000,
  quarter: 92 * DAY_MS + 3_600_000,
};

/** The time zone of the browser (or Node) running this, UTC when it does not say: where a new period starts. */
export function runtimeTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Whether the runtime knows this IANA time zone (Intl refuses unknown names with a RangeError). */
export function isTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === '') {
    return false;
  }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

interface LocalDate {
  year: number;
  /** 1 … 12 */
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock date and time of an instant in a zone, as if that wall clock were UTC (to the second). */
export function wallClockMs(atMs: number, timeZone: string): number {
  // One pass, no intermediate arrays: a catalog's value KPIs call this thousands of times per refresh.
  const parts: Record<string, number> = {};
  for (const { type, value } of formatterFor(timeZone).formatToParts(atMs)) {
    parts[type] = Number(value);
  }
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
}

/** Values remembered by time zone and a number (an instant, a day), with no key string built per lookup. */
class ZoneMemo<T> {
  private readonly byZone = new Map<string, Map<number, T>>();
  private size = 0;

  /** Bounded, as a page stays open for days. */
  constructor(private readonly limit: number) {}

  get(timeZone: string, key: number, compute: (key: number, timeZone: string) => T): T {
    let values = this.byZone.get(timeZone);
    if (values === undefined) {
      values = new Map();
      this.byZone.set(timeZone, values);
    }
    let value = values.get(key);
    if (value === undefined) {
      if (this.size >= this.limit) {
        this.byZone.clear();
        this.size = 0;
        values = new Map();
        this.byZone.set(timeZone, values);
      }
      value = compute(key, timeZone);
      values.set(key, value);
      this.size++;
    }
    return value;
  }
}

const MAX_REMEMBERED = 4096;

/**
 * Local dates already read, by zone and instant: a catalog's value KPIs are all judged at the same instant, and
 * those of one calendar unit look up the same period starts.
 */
const localDates = new ZoneMemo<LocalDate>(MAX_REMEMBERED);

function localDateOf(atMs: number, timeZone: string): LocalDate {
  return localDates.get(timeZone, atMs, readLocalDate);
}

function readLocalDate(atMs: number, timeZone: string): LocalDate {
  const wall = new Date(wallClockMs(atMs, timeZone));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

function dayNumber(date: LocalDate): number {
  return Date.UTC(date.year, date.month - 1, date.day) / DAY_MS;
}

/**
 * Local midnights already found, by zone and day: the search below formats the instant 18 times, and every value
 * KPI of a catalog asks for the same few period boundaries.
 */
const localDayStarts = new ZoneMemo<number>(MAX_REMEMBERED);

/**
 * The first instant whose local date in `timeZone` is `date` (or later): local midnight, or the end of the DST
 * gap when the clock skips midnight.
 */
function startOfLocalDay(date: LocalDate, timeZone: string): number {
  return localDayStarts.get(timeZone, dayNumber(date), searchStartOfLocalDay);
}

/**
 * Offsets are whole seconds and change at most a few times a year, so a search between two days' worth of
 * candidates is exact.
 */
function searchStartOfLocalDay(target: number, timeZone: string): number {
  // Uncached: the search's instants are asked once each.
  const startsOnOrAfter = (atMs: number) => dayNumber(readLocalDate(atMs, timeZone)) >= target;
  // Offsets lie within ±18h, so the day's first instant is between these two.
  let low = target * DAY_MS - 18 * 3_600_000 - DAY_MS;
  let high = target * DAY_MS + 18 * 3_600_000;
  while (high - low > 1000) {
    const middle = low + Math.floor((high - low) / 2000) * 1000;
    if (startsOnOrAfter(middle)) {
      high = middle;
    } else {
      low = middle;
    }
  }
  return high;
}

function periodStartDate(unit: CalendarUnit, date: LocalDate): LocalDate {
  switch (unit) {
    case 'week': {
      // ISO weeks start on Monday; getUTCDay is 0 for Sunday.
      const weekday = (new Date(dayNumber(date) * DAY_MS).getUTCDay() + 6) % 7;
      const monday = new Date((dayNumber(date) - weekday) * DAY_MS);
      return { year: monday.getUTCFullYear(), month: monday.getUTCMonth() + 1, day: monday.getUTCDate() };
    }
    case 'month':
      return { year: date.year, month: date.month, day: 1 };
    case 'quarter':
      return { year: date.year, month: date.month - ((date.month - 1) % 3), day: 1 };
  }
}

function nextPeriodStartDate(unit: CalendarUnit, start: LocalDate): LocalDate {
  if (unit === 'week') {
    const next = new Date((dayNumber(start) + 7) * DAY_MS);
    return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
  }
  const months = unit === 'month' ? 1 : 3;
  const index = start.year * 12 + (start.month - 1) + months;
  return { year: Math.floor(index / 12), month: (index % 12) + 1, day: 1 };
}

/** Periods already found, per unit, by zone and instant: 500 value KPIs of a catalog ask at one instant. */
const periodsByUnit: Record<CalendarUnit, ZoneMemo<Readonly<Period>>> = {
  week: new ZoneMemo(MAX_REMEMBERED),
  month: new ZoneMemo(MAX_REMEMBERED),
  quarter: new ZoneMemo(MAX_REMEMBERED),
};

/** The calendar period that holds `atMs`. */
export function calendarPeriodAt(unit: CalendarUnit, timeZone: string, atMs: number): Period {
  const { startMs, endMs } = periodsByUnit[unit].get(timeZone, atMs, (at, zone) => {
    const start = periodStartDate(unit, localDateOf(at, zone));
    return { startMs: startOfLocalDay(start, zone), endMs: startOfLocalDay(nextPeriodStartDate(unit, start), zone) };
  });
  // A copy: callers may add to it.
  return { startMs, endMs };
}

/** The whole period before the one that holds `atMs`: "the same period last time". */
export function previousCalendarPeriod(unit: CalendarUnit, timeZone: string, atMs: number): Period {
  return calendarPeriodAt(unit, timeZone, calendarPeriodAt(unit, timeZone, atMs).startMs - 1);
}

/** "this month" / "last quarter", as the catalog and the panel say it. */
export function periodName(unit: CalendarUnit, which: 'this' | 'last'): string {
  return `${which} ${unit}`;
}
