/**
 * Five-field cron expressions (`minute hour day-of-month month day-of-week`) as maintenance windows use them:
 * numbers, `*`, lists, ranges and steps; day of week 0–7 with 0 and 7 both Sunday. As in Vixie cron, when both
 * day of month and day of week are restricted a day matches when either does. Parsing only: when a cron fires in
 * a time zone is maintenance.ts's job.
 */

export interface CronField {
  name: string;
  min: number;
  max: number;
}

export const CRON_FIELDS: readonly CronField[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'day of week', min: 0, max: 7 },
];

/** The values each field allows, sorted; `daysRestricted` says which of the two day fields were not `*`. */
export interface Cron {
  minutes: number[];
  hours: number[];
  daysOfMonth: Set<number>;
  months: Set<number>;
  /** 0 = Sunday … 6 = Saturday (7 folded into 0). */
  daysOfWeek: Set<number>;
  dayOfMonthRestricted: boolean;
  dayOfWeekRestricted: boolean;
}

export type CronParse = { ok: true; cron: Cron } | { ok: false; message: string };

export function parseCron(expression: string): CronParse {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5 || fields[0] === '') {
    return {
      ok: false,
      message: `must have 5 fields (minute hour day-of-month month day-of-week), got ${fields[0] === '' ? 0 : fields.length}`,
    };
  }
  const values: number[][] = [];
  for (let i = 0; i < 5; i++) {
    const parsed = parseField(fields[i], CRON_FIELDS[i]);
    if (typeof parsed === 'string') {
      return { ok: false, message: parsed };
    }
    values.push(parsed);
  }
  const [minutes, hours, daysOfMonth, months, daysOfWeek] = values;
  return {
    ok: true,
    cron: {
      minutes,
      hours,
      daysOfMonth: new Set(daysOfMonth),
      months: new Set(months),
      daysOfWeek: new Set(daysOfWeek.map((day) => day % 7)),
      dayOfMonthRestricted: !fields[2].startsWith('*'),
      dayOfWeekRestricted: !fields[4].startsWith('*'),
    },
  };
}

/** The sorted values of one field, or what is wrong with it ("minute 61 is out of range 0–59"). */
function parseField(text: string, field: CronField): number[] | string {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const match = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(item);
    if (!match) {
      return `${field.name} "${item}" is not a number, *, a range a-b or a step */n`;
    }
    const [, , from, to, step] = match;
    const low = from === undefined ? field.min : Number(from);
    // `5/15` means from 5 to the end in steps of 15, as in Vixie cron.
    const high = to !== undefined ? Number(to) : from === undefined || step !== undefined ? field.max : low;
    for (const value of [low, high]) {
      if (value < field.min || value > field.max) {
        return `${field.name} ${value} is out of range ${field.min}–${field.max}`;
      }
    }
    if (low > high) {
      return `${field.name} range ${low}-${high} runs backwards`;
    }
    const by = step === undefined ? 1 : Number(step);
    if (by < 1) {
      return `${field.name} step must be at least 1`;
    }
    for (let value = low; value <= high; value += by) {
      values.add(value);
    }
  }
  return [...values].sort((a, b) => a - b);
}

/** Whether the cron runs on a calendar day (month 1–12, weekday 0 = Sunday). */
export function cronMatchesDay(cron: Cron, month: number, dayOfMonth: number, weekday: number): boolean {
  if (!cron.months.has(month)) {
    return false;
  }
  const byDate = cron.daysOfMonth.has(dayOfMonth);
  const byWeekday = cron.daysOfWeek.has(weekday);
  if (cron.dayOfMonthRestricted && cron.dayOfWeekRestricted) {
    return byDate || byWeekday;
  }
  return byDate && byWeekday;
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** 28 years: the Gregorian calendar's weekdays and leap days repeat (until 2100), so every day pattern shows. */
const SEARCH_DAYS = 28 * 366;

/**
 * The shortest time between two consecutive starts on the wall clock, or null when the cron never fires (such as
 * `0 0 31 2 *`). A DST change may shorten one gap by the hour it skips; merging occurrences takes care of that.
 */
export function shortestGapMs(cron: Cron): number | null {
  const times = cron.hours.flatMap((hour) => cron.minutes.map((minute) => hour * 60 + minute));
  let shortest = Infinity;
  for (let i = 1; i < times.length; i++) {
    shortest = Math.min(shortest, (times[i] - times[i - 1]) * MINUTE_MS);
  }
  const firstDay = Date.UTC(2000, 0, 1) / DAY_MS;
  let previousDay: number | null = null;
  for (let day = firstDay; day < firstDay + SEARCH_DAYS; day++) {
    const date = new Date(day * DAY_MS);
    if (!cronMatchesDay(cron, date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCDay())) {
      continue;
    }
    if (previousDay !== null) {
      const acrossDays = (day - previousDay) * DAY_MS - (times[times.length - 1] - times[0]) * MINUTE_MS;
      shortest = Math.min(shortest, acrossDays);
    }
    previousDay = day;
  }
  if (previousDay === null) {
    return null;
  }
  return Number.isFinite(shortest) ? shortest : null;
}
