/**
 * A KPI's maintenance windows as PromQL: a label-less condition that has one series while some window is open and
 * none otherwise, built from `time()` alone so that it needs no stored series and backfills like any base record.
 *
 * - A fixed window is `(vector(time()) >= start) < end`, in Unix seconds.
 * - A recurring window is open at t when its cron fired at some minute in (t − duration, t]: a subquery at a 1m
 *   step (Prometheus aligns subquery steps to the minute) over `duration − 1ms`, which makes the end exclusive
 *   whether the range is closed on the left (Prometheus 2) or open (Prometheus 3), of the cron's fields tested
 *   with `minute()`, `hour()`, `day_of_month()`, `month()` and `day_of_week()` on the zone's wall clock.
 * Those functions read UTC, so the wall clock is `time()` plus the zone's offset. A zone with one offset all year
 * (Asia/Kolkata, +05:30) adds a number. A zone with daylight saving time adds a piecewise function of `time()`,
 * one step per offset change within the horizon (dstHorizon), and follows maintenance.ts on the days the clock
 * changes: a start in the skipped hour runs at the offset from before the change, and the repeated hour fires
 * nothing the second time round. Outside the horizon the offsets at its edges go on.
 */
import {
  type Cron,
  CRON_FIELDS,
  formatDuration,
  type OffsetTransition,
  offsetTransitions,
  parseCron,
  parseDuration,
  parseInstant,
  zoneOffsetMs,
} from '../time';
import type { CatalogKpi, MaintenanceWindow } from '../model';

/** The years before and after generation whose offset changes the rules write out. */
const HORIZON_YEARS_BEFORE = 1;
const HORIZON_YEARS_AFTER = 10;

/**
 * The span whose offset changes rules generated at `generatedAtMs` follow: from New Year a year before to New
 * Year ten years after the next one (whole years, so rules generated within one year are the same).
 */
export function dstHorizon(generatedAtMs: number): { fromMs: number; toMs: number } {
  const year = new Date(generatedAtMs).getUTCFullYear();
  return {
    fromMs: Date.UTC(year - HORIZON_YEARS_BEFORE, 0, 1),
    toMs: Date.UTC(year + 1 + HORIZON_YEARS_AFTER, 0, 1),
  };
}

/**
 * The PromQL condition of all the KPI's windows, or undefined when it has none. `generatedAtMs` places the
 * horizon of a daylight-saving zone's offset changes (maintenanceRulesValidUntil says until when they hold).
 */
export function maintenanceCondition(kpi: CatalogKpi, generatedAtMs: number): string | undefined {
  return conditionOfWindows(kpi, generatedAtMs, 0);
}

/**
 * The same for the steps of a `stepMs` subquery that a window touches: a step t holds (t − step, t], and any
 * overlap with a window [start, end) leaves the whole step out, as the engine's mask does, so t is excluded when
 * start < t < end + step. A cron's minutes make that a fire in (t − duration − step, t).
 */
export function maintenanceStepCondition(kpi: CatalogKpi, generatedAtMs: number, stepMs: number): string | undefined {
  return conditionOfWindows(kpi, generatedAtMs, stepMs);
}

function conditionOfWindows(kpi: CatalogKpi, generatedAtMs: number, stepMs: number): string | undefined {
  const windows = kpi.maintenance ?? [];
  if (windows.length === 0) {
    return undefined;
  }
  const horizon = dstHorizon(generatedAtMs);
  return windows.map((window, index) => `(${windowCondition(window, index, horizon, stepMs)})`).join(' or ');
}

function windowCondition(
  window: MaintenanceWindow,
  index: number,
  horizon: { fromMs: number; toMs: number },
  stepMs: number
): string {
  if ('cron' in window) {
    const parsed = parseCron(window.cron);
    if (!parsed.ok) {
      throw new Error(`maintenance[${index}].cron: ${parsed.message}`);
    }
    const timeZone = window.timeZone ?? 'UTC';
    const durationMs = parseDuration(window.duration);
    const transitions = offsetTransitions(timeZone, horizon.fromMs, horizon.toMs);
    if (transitions.length === 0) {
      const offset = zoneOffsetMs(horizon.fromMs, timeZone) / 1000;
      const look = lookBack(durationMs, stepMs, firesOnGrid(parsed.cron, [offset], stepMs));
      return `max_over_time((${cronMatch(parsed.cron, shifted('time()', offset))})${look.range})`;
    }
    const periods = offsetPeriods(transitions);
    const offsets = periods.map((period) => period.offsetSeconds);
    const look = lookBack(durationMs, stepMs, firesOnGrid(parsed.cron, offsets, stepMs));
    return acrossOffsetChanges(parsed.cron, look, periods, timeZone, index);
  }
  const start = parseInstant(window.start);
  const end = parseInstant(window.end);
  if (start === null || end === null) {
    throw new Error(`maintenance[${index}]: start and end must be ISO 8601 instants with an offset`);
  }
  return stepMs === 0
    ? `(vector(time()) >= ${seconds(start)}) < ${seconds(end)}`
    : `(vector(time()) > ${seconds(start)}) < ${seconds(end + stepMs)}`;
}

/**
 * The instants a cron's fire keeps the condition true: (t − duration, t], as `[duration − 1ms:1m]`, the `− 1ms`
 * making it the same whether Prometheus' range is closed on the left (2) or open (3). For the steps t of a
 * `stepMs` subquery, (t − duration − step, t): the look-back ends one sample before t, at `sampleMs` (1m, or the
 * step itself when every fire falls on the step's grid, five times fewer samples and within promtool's 10,000).
 * `spanMs` is how far back a fire counts.
 */
function lookBack(durationMs: number, stepMs: number, sampleMs: number): { range: string; spanMs: number } {
  if (stepMs === 0) {
    return { range: `[${durationMs - 1}ms:1m]`, spanMs: durationMs };
  }
  const rangeMs = durationMs + stepMs - sampleMs;
  const sample = formatDuration(sampleMs);
  return { range: `[${rangeMs - 1}ms:${sample}] offset ${sample}`, spanMs: rangeMs + sampleMs };
}

/** `stepMs` when the cron fires only at multiples of it since the epoch, at every offset; else a minute. */
function firesOnGrid(cron: Cron, offsetsSeconds: readonly number[], stepMs: number): number {
  if (stepMs === 0) {
    return MINUTE_MS;
  }
  const onGrid = offsetsSeconds.every((offset) =>
    cron.minutes.every((minute) => ((((minute * 60 - offset) * 1000) % stepMs) + stepMs) % stepMs === 0)
  );
  return onGrid ? stepMs : MINUTE_MS;
}

const MINUTE_MS = 60_000;

/** When the zone's wall clock runs at one offset, in Unix seconds; `from` or `to` null where the horizon ends. */
interface OffsetPeriod {
  offsetSeconds: number;
  from: number | null;
  to: number | null;
}

/**
 * The periods in which a cron's local times fire at each offset, as maintenance.ts runs them: a skipped hour
 * still belongs to the offset before the change (its local times exist only there: 02:30 runs at 03:30 CEST),
 * and a repeated hour belongs to neither the second time round (its local times already fired).
 */
function offsetPeriods(transitions: readonly OffsetTransition[]): OffsetPeriod[] {
  const periods: OffsetPeriod[] = [{ offsetSeconds: transitions[0].beforeSeconds, from: null, to: null }];
  for (const { atMs, beforeSeconds, afterSeconds } of transitions) {
    const at = atMs / 1000;
    const shift = afterSeconds - beforeSeconds;
    periods[periods.length - 1].to = shift > 0 ? at + shift : at;
    periods.push({ offsetSeconds: afterSeconds, from: shift < 0 ? at - shift : at, to: null });
  }
  return periods;
}

/**
 * A recurring window in a zone whose offset changes: for each offset, the cron on `time()` plus that offset,
 * counted only for the fires within one of the offset's periods. Testing the periods at every minute of the
 * look-back would cost one comparison per change per minute (a 3h window of a Berlin cron took 1.5 s an
 * evaluation); instead the look-back keeps only the cron on a shifted clock and Prometheus tests the periods once:
 * a fire in (t − duration, t] lies in one of the offset's periods when the latest fire is at or after the start
 * of the last period that started by t, and the earliest before its end. That is exact while the window is
 * shorter than every period and every gap between two periods of one offset, so a window with a longer duration
 * is refused.
 */
function acrossOffsetChanges(
  cron: Cron,
  look: { range: string; spanMs: number },
  periods: readonly OffsetPeriod[],
  timeZone: string,
  index: number
): string {
  const byOffset = new Map<number, OffsetPeriod[]>();
  for (const period of periods) {
    byOffset.set(period.offsetSeconds, [...(byOffset.get(period.offsetSeconds) ?? []), period]);
  }
  const shortest = Math.min(
    ...periods.map(({ from, to }) => (from === null || to === null ? Infinity : to - from)),
    ...[...byOffset.values()].flatMap((same) => same.slice(1).map((period, i) => period.from! - same[i].to!))
  );
  if (look.spanMs / 1000 > shortest) {
    throw new Error(
      `maintenance[${index}].duration: ${timeZone} changes its offset ${formatDuration(shortest * 1000)} apart, ` +
        `less than the window's ${formatDuration(look.spanMs)}; the rules can follow the changes only for a shorter window`
    );
  }
  const terms = [...byOffset].map(([offsetSeconds, same]) => {
    // The instants of the fires, not the matched field's value that `and` would keep.
    const fires = `(vector(time()) and on () (${cronMatch(cron, shifted('time()', offsetSeconds))}))${look.range}`;
    const firedAt = (fn: string) => `${fn}(${fires})`;
    const startOfLast = lastStarted(same, (period) => period.from ?? 0, FAR_FUTURE);
    const endOfLast = lastStarted(same, (period) => period.to ?? FAR_FUTURE, -FAR_FUTURE);
    return `(${firedAt('max_over_time')} >= ${startOfLast}) and on () (${firedAt('min_over_time')} < ${endOfLast})`;
  });
  return terms.map((term) => `(${term})`).join(' or ');
}

/** Beyond any instant a rule evaluates at (year 33658), for "no period has started yet" and "never ends". */
const FAR_FUTURE = 1e12;

/**
 * A scalar of `time()`: `value` of the last of the periods that started by then (sorted by start), `before`
 * until the first starts; one `time() >= bool` step per period.
 */
function lastStarted(
  periods: readonly OffsetPeriod[],
  value: (period: OffsetPeriod) => number,
  before: number
): string {
  let current = before;
  const steps: string[] = [];
  let first = String(before);
  for (const period of periods) {
    if (period.from === null) {
      first = String(value(period));
    } else {
      steps.push(signedTerm(value(period) - current, `(time() >= bool ${period.from})`));
    }
    current = value(period);
  }
  return steps.length === 0 ? first : `(${first}${steps.join('')})`;
}

/** ` + 3600 * x` or ` - 3600 * x`. */
function signedTerm(factor: number, term: string): string {
  return factor < 0 ? ` - ${-factor} * ${term}` : ` + ${factor} * ${term}`;
}

/** A scalar clock plus a number of seconds. */
function shifted(clock: string, bySeconds: number): string {
  return bySeconds === 0 ? clock : bySeconds < 0 ? `${clock} - ${-bySeconds}` : `${clock} + ${bySeconds}`;
}

/**
 * Until when the rules of a KPI generated at `generatedAtMs` follow each daylight-saving window's zone: the end
 * of the horizon, after which the last offset goes on. One entry per such window; none for the others.
 */
export function maintenanceRulesValidUntil(
  kpi: CatalogKpi,
  generatedAtMs: number
): Array<{ index: number; timeZone: string; untilMs: number }> {
  const horizon = dstHorizon(generatedAtMs);
  return (kpi.maintenance ?? []).flatMap((window, index) =>
    'cron' in window &&
    window.timeZone !== undefined &&
    offsetTransitions(window.timeZone, horizon.fromMs, horizon.toMs).length > 0
      ? [{ index, timeZone: window.timeZone, untilMs: horizon.toMs }]
      : []
  );
}

/** One series at the minutes the cron fires on `clock` (a scalar expression of the wall clock), none at the others. */
export function cronMatch(cron: Cron, clock: string): string {
  const at = `vector(${clock})`;
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

function seconds(ms: number): string {
  return String(ms / 1000);
}
