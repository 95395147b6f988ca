/**
 * How Grafana's Prometheus backend turns a query of `/api/ds/query` into a step and an expression, ported from
 * grafana/grafana pkg/promlib/models/query.go (`calculatePrometheusInterval`, `calculateRateInterval`,
 * `interpolateVariables`, `AlignTimeRange`), pkg/promlib/intervalv2 and grafana-plugin-sdk-go backend/gtime
 * (`GetIntervalFrom`, `RoundInterval`, `FormatInterval`). All durations are milliseconds.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const YEAR = 365 * DAY;

/** intervalv2.DefaultRes: the resolution when a query has no maxDataPoints. */
const DEFAULT_RESOLUTION = 1500;
/** promlib's safeResolution: never ask Prometheus for more points than this per series. */
const SAFE_RESOLUTION = 11000;
/** Grafana's scrape interval when the data source sets none. */
const DEFAULT_SCRAPE_INTERVAL = '15s';

/** A query's min step (or the data source's scrape interval) is not a duration; Grafana's Go error text. */
export class InvalidIntervalError extends Error {}

const GO_UNITS_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: SECOND, m: MINUTE, h: HOUR };
const CALENDAR_UNITS_MS: Record<string, number> = { d: DAY, w: WEEK, M: (365.25 * DAY) / 12, y: 365.25 * DAY };

/**
 * gtime.ParseIntervalStringToTimeDuration: "<" and ">" are dropped, a bare number is seconds, "5d"/"2w"/"1M"/"1y"
 * are calendar units, anything else is a Go duration ("1m30s"). Undefined when it is none of these.
 */
export function parseGrafanaInterval(text: string): number | undefined {
  const cleaned = text.replace('<', '').replace('>', '');
  const withUnit = /^\d+$/.test(cleaned) ? `${cleaned}s` : cleaned;
  const calendar = /^(\d+)([dwMy])$/.exec(withUnit);
  if (calendar) {
    return Number(calendar[1]) * CALENDAR_UNITS_MS[calendar[2]];
  }
  const parts = [...withUnit.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join('') !== withUnit) {
    return undefined;
  }
  return parts.reduce((sum, part) => sum + Number(part[1]) * GO_UNITS_MS[part[2]], 0);
}

/** gtime.RoundInterval: the next "round" interval at or below the given one. */
export function roundInterval(ms: number): number {
  const table: Array<[number, number]> = [
    [10, 1],
    [15, 10],
    [35, 20],
    [75, 50],
    [150, 100],
    [350, 200],
    [750, 500],
    [1500, SECOND],
    [3500, 2 * SECOND],
    [7500, 5 * SECOND],
    [12500, 10 * SECOND],
    [17500, 15 * SECOND],
    [25000, 20 * SECOND],
    [45000, 30 * SECOND],
    [90000, MINUTE],
    [210000, 2 * MINUTE],
    [450000, 5 * MINUTE],
    [750000, 10 * MINUTE],
    [1050000, 15 * MINUTE],
    [1500000, 20 * MINUTE],
    [2700000, 30 * MINUTE],
    [5400000, HOUR],
    [9000000, 2 * HOUR],
    [16200000, 3 * HOUR],
    [32400000, 6 * HOUR],
    [86400000, 12 * HOUR],
    [172800000, DAY],
    [604800000, DAY],
    [1814400000, WEEK],
  ];
  const row = table.find(([limit]) => ms <= limit);
  if (row) {
    return row[1];
  }
  return ms < 3628800000 ? 30 * DAY : YEAR;
}

/** gtime.FormatInterval: the largest whole unit, "1m", "6h", "2d" (what `$__interval` expands to). */
export function formatInterval(ms: number): string {
  const units: Array<[number, string]> = [
    [YEAR, 'y'],
    [DAY, 'd'],
    [HOUR, 'h'],
    [MINUTE, 'm'],
    [SECOND, 's'],
    [1, 'ms'],
  ];
  const unit = units.find(([size]) => ms >= size);
  return unit ? `${Math.floor(ms / unit[0])}${unit[1]}` : '1ms';
}

/** Go's time.Duration.String() for whole milliseconds: "1m15s", "1h0m0s", "1.5s", "500ms" (as `$__rate_interval`). */
export function goDurationString(ms: number): string {
  if (ms === 0) {
    return '0s';
  }
  if (ms < SECOND) {
    return `${ms}ms`;
  }
  const hours = Math.floor(ms / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  const seconds = (ms % MINUTE) / SECOND;
  return `${hours > 0 ? `${hours}h` : ''}${hours > 0 || minutes > 0 ? `${minutes}m` : ''}${seconds}s`;
}

/** The fields of one Prometheus query of `/api/ds/query` that decide its step. */
export interface StepQuery {
  fromMs: number;
  toMs: number;
  /** The query's `interval` ("Min step"), possibly a variable such as "$__rate_interval". */
  interval?: string;
  /** The query model's `intervalMs` (0 when absent). */
  intervalMs: number;
  intervalFactor?: number;
  /** The request's `maxDataPoints` (Grafana defaults it to 100). */
  maxDataPoints: number;
  /** The data source's scrape interval (`jsonData.timeInterval`), "" when unset. */
  scrapeInterval: string;
}

const VARIABLE_INTERVALS = [
  '$__interval',
  '$__interval_ms',
  '$__rate_interval',
  '$__rate_interval_ms',
  '${__interval}',
  '${__interval_ms}',
  '${__rate_interval}',
  '${__rate_interval_ms}',
];
const isRateIntervalVariable = (interval: string) =>
  interval === '$__rate_interval' || interval === '${__rate_interval}';

/** gtime.GetIntervalFrom: the query's min step, else its intervalMs, else the data source's, else 15s. */
function minimumInterval(query: StepQuery): number {
  const interval =
    VARIABLE_INTERVALS.includes(query.interval ?? '') || query.interval === '0s' ? '' : (query.interval ?? '');
  if (interval === '' && query.intervalMs !== 0) {
    return query.intervalMs;
  }
  const text = interval || query.scrapeInterval || DEFAULT_SCRAPE_INTERVAL;
  const parsed = parseGrafanaInterval(text);
  if (parsed === undefined) {
    throw new InvalidIntervalError(`time: invalid duration "${text}"`);
  }
  return parsed;
}

/** calculateRateInterval: max(interval + scrape interval, 4 × scrape interval); 0 when the scrape interval is bad. */
export function rateInterval(intervalMs: number, scrapeInterval: string): number {
  const scrape = parseGrafanaInterval(scrapeInterval || DEFAULT_SCRAPE_INTERVAL);
  return scrape === undefined ? 0 : Math.max(intervalMs + scrape, 4 * scrape);
}

/** calculatePrometheusInterval: the step Grafana asks Prometheus for. Throws InvalidIntervalError. */
export function prometheusStep(query: StepQuery): number {
  const rangeMs = query.toMs - query.fromMs;
  const minimum = minimumInterval(query);
  const resolution = query.maxDataPoints || DEFAULT_RESOLUTION;
  const calculated = rangeMs / resolution < minimum ? minimum : roundInterval(Math.trunc(rangeMs / resolution));
  const safe = roundInterval(Math.trunc(rangeMs / SAFE_RESOLUTION));
  const adjusted = Math.max(calculated, safe);
  if (isRateIntervalVariable(query.interval ?? '')) {
    return rateInterval(adjusted, query.scrapeInterval);
  }
  return adjusted * (query.intervalFactor || 1);
}

/** What interpolateVariables needs besides the expression. */
export interface MacroContext {
  /** The request's intervalMs (Grafana's DataQuery.Interval; 1000 when absent). */
  queryIntervalMs: number;
  stepMs: number;
  /** The query's `interval` field ("" when absent). */
  requestedMinStep: string;
  scrapeInterval: string;
  rangeMs: number;
}

/** interpolateVariables: expands $__interval, $__rate_interval, $__range and their _ms/_s and ${…} forms. */
export function interpolateMacros(expr: string, context: MacroContext): string {
  const rangeSeconds = Math.round(context.rangeMs / 1000);
  let minStep = context.requestedMinStep;
  let rateMs: number;
  if (isRateIntervalVariable(minStep)) {
    rateMs = context.stepMs;
  } else {
    if (minStep === '$__interval' || minStep === '${__interval}') {
      minStep = goDurationString(context.stepMs);
    }
    rateMs = rateInterval(context.queryIntervalMs, minStep || context.scrapeInterval);
  }
  // Order matters, as in Grafana: "$__interval_ms" before "$__interval", "$__range_ms" before "$__range".
  const replacements: Array<[string, string]> = [
    ['__interval_ms', String(context.stepMs)],
    ['__interval', formatInterval(context.stepMs)],
    ['__range_ms', String(context.rangeMs)],
    ['__range_s', String(rangeSeconds)],
    ['__range', `${rangeSeconds}s`],
    ['__rate_interval_ms', String(rateMs)],
    ['__rate_interval', goDurationString(rateMs)],
  ];
  let result = expr;
  for (const [name, value] of replacements) {
    result = result.split(`$${name}`).join(value);
  }
  for (const [name, value] of replacements) {
    result = result.split(`\${${name}}`).join(value);
  }
  return result;
}

/** AlignTimeRange: rounds a time down to a multiple of the step, shifted by the browser's UTC offset. */
export function alignToStep(ms: number, stepMs: number, utcOffsetSec: number): number {
  const offsetMs = utcOffsetSec * 1000;
  return Math.floor((ms + offsetMs) / stepMs) * stepMs - offsetMs;
}
