/**
 * How Grafana's PostgreSQL backend expands the macros of a query's `rawSql` before running it: the global pass
 * (`$__interval_ms`, `$__interval`, `$__unixEpochFrom()`, `$__unixEpochTo()`, sqleng's `Interpolate`) and then
 * every `$name(args)` (pkg/tsdb/grafana-postgresql-datasource/macros.go). See e2e/contracts/ds-query-sql.md.
 * Times are epoch milliseconds and are always written in UTC.
 */
import { formatInterval, parseGrafanaInterval } from '../prometheus/grafanaInterval';

export interface SqlMacroContext {
  fromMs: number;
  toMs: number;
  /** The query's interval (`intervalMs`), the value of `$__interval`. */
  intervalMs: number;
  /** "Now", for the calendar intervals `1M` and `1y`, whose length depends on it as in Go's AddDate. */
  nowMs?: number;
}

/** What a macro's optional third argument asks for missing buckets. */
export type SqlFill = { mode: 'null' } | { mode: 'previous' } | { mode: 'value'; value: number };

export interface ExpandedSql {
  sql: string;
  /** Set when `$__timeGroup` or `$__unixEpochGroup` had a fill argument: the bucket size and the fill. */
  fill?: SqlFill & { intervalMs: number };
}

/** A macro could not be expanded; the message is Grafana's. */
export class SqlMacroError extends Error {}

const MACRO = /\$([_a-zA-Z0-9]+)\(([^)]*)\)/g;

/** Go's time.Format(RFC3339Nano) in UTC: fractional seconds only when non-zero, trailing zeros dropped. */
export function rfc3339Nano(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d*?)0*Z$/, (_, digits: string) => (digits ? `.${digits}Z` : 'Z'));
}

/** Go's `%v` of a float64: the shortest digits, in exponent form from 1e+06 up or below 1e-04 ("2.592e+06"). */
export function goFloat(value: number): string {
  if (value === 0 || !Number.isFinite(value)) {
    return String(value);
  }
  const [mantissa, exponentText] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return String(value);
}

const unixSeconds = (ms: number) => Math.floor(ms / 1000);
const unixNanos = (ms: number) => (BigInt(Math.trunc(ms)) * BigInt(1_000_000)).toString();

/** Go's time.AddDate(years, months, days) from `nowMs`, in milliseconds, as gtime.ParseInterval measures d/w/M/y. */
function calendarSpanMs(nowMs: number, count: number, unit: string): number {
  const now = new Date(nowMs);
  const later = new Date(nowMs);
  if (unit === 'y') {
    later.setUTCFullYear(now.getUTCFullYear() + count);
  } else if (unit === 'M') {
    later.setUTCMonth(now.getUTCMonth() + count);
  } else {
    later.setUTCDate(now.getUTCDate() + count * (unit === 'w' ? 7 : 1));
  }
  return later.getTime() - nowMs;
}

/** gtime.ParseInterval: `5d`, `2w`, `1M`, `1y` by the calendar, anything else a Go duration; quotes are trimmed. */
function parseMacroInterval(argument: string, nowMs: number): number {
  const text = argument.replace(/^'+|'+$/g, '');
  const calendar = /^(\d+)([wdyM])$/.exec(text);
  if (calendar) {
    return calendarSpanMs(nowMs, Number(calendar[1]), calendar[2]);
  }
  // A Go duration needs a unit: a bare number (which the Prometheus side reads as seconds) is an error here.
  const ms = /^\d+(\.\d+)?$/.test(text) ? undefined : parseGrafanaInterval(text);
  if (ms === undefined) {
    throw new SqlMacroError(`error parsing interval ${argument}`);
  }
  return ms;
}

function parseFill(argument: string): SqlFill {
  if (argument === 'NULL') {
    return { mode: 'null' };
  }
  if (argument === 'previous') {
    return { mode: 'previous' };
  }
  const value = Number(argument);
  if (argument.trim() === '' || Number.isNaN(value)) {
    throw new SqlMacroError(`error parsing fill value ${argument}`);
  }
  return { mode: 'value', value };
}

/** The global substitutions every SQL data source gets, before its own macros. */
function interpolateGlobals(sql: string, { fromMs, toMs, intervalMs }: SqlMacroContext): string {
  return sql
    .replaceAll('$__interval_ms', String(Math.trunc(intervalMs)))
    .replaceAll('$__interval', formatInterval(intervalMs))
    .replaceAll('$__unixEpochFrom()', String(unixSeconds(fromMs)))
    .replaceAll('$__unixEpochTo()', String(unixSeconds(toMs)));
}

class MacroExpander {
  fill?: ExpandedSql['fill'];

  constructor(private readonly context: SqlMacroContext & { nowMs: number }) {}

  private column(name: string, args: string[]): string {
    if (args.length === 0) {
      throw new SqlMacroError(`missing time column argument for macro ${name}`);
    }
    return args[0];
  }

  /** The bucket size in seconds, as Go prints it, noting a fill argument. */
  private groupSeconds(name: string, args: string[]): string {
    if (args.length < 2) {
      throw new SqlMacroError(`macro ${name} needs time column and interval and optional fill value`);
    }
    const intervalMs = parseMacroInterval(args[1], this.context.nowMs);
    if (args.length === 3) {
      this.fill = { ...parseFill(args[2]), intervalMs };
    }
    return goFloat(intervalMs / 1000);
  }

  expand(name: string, args: string[]): string {
    const { fromMs, toMs } = this.context;
    switch (name) {
      case '__time':
        return `${this.column(name, args)} AS "time"`;
      case '__timeEpoch':
        return `extract(epoch from ${this.column(name, args)}) as "time"`;
      case '__timeFilter':
        return `${this.column(name, args)} BETWEEN '${rfc3339Nano(fromMs)}' AND '${rfc3339Nano(toMs)}'`;
      case '__timeFrom':
        return `'${rfc3339Nano(fromMs)}'`;
      case '__timeTo':
        return `'${rfc3339Nano(toMs)}'`;
      case '__timeGroup': {
        const seconds = this.groupSeconds(name, args);
        return `floor(extract(epoch from ${args[0]})/${seconds})*${seconds}`;
      }
      case '__timeGroupAlias':
        return `${this.expand('__timeGroup', args)} AS "time"`;
      case '__unixEpochFilter': {
        const column = this.column(name, args);
        return `${column} >= ${unixSeconds(fromMs)} AND ${column} <= ${unixSeconds(toMs)}`;
      }
      case '__unixEpochNanoFilter': {
        const column = this.column(name, args);
        return `${column} >= ${unixNanos(fromMs)} AND ${column} <= ${unixNanos(toMs)}`;
      }
      case '__unixEpochNanoFrom':
        return unixNanos(fromMs);
      case '__unixEpochNanoTo':
        return unixNanos(toMs);
      case '__unixEpochGroup': {
        const seconds = this.groupSeconds(name, args);
        return `floor((${args[0]})/${seconds})*${seconds}`;
      }
      case '__unixEpochGroupAlias':
        return `${this.expand('__unixEpochGroup', args)} AS "time"`;
      default:
        throw new SqlMacroError(`unknown macro "${name}"`);
    }
  }
}

/** The statement PostgreSQL receives for `rawSql`, or a SqlMacroError with Grafana's message. */
export function expandSqlMacros(rawSql: string, context: SqlMacroContext): ExpandedSql {
  const sql = interpolateGlobals(rawSql, context);
  const expander = new MacroExpander({ ...context, nowMs: context.nowMs ?? Date.now() });
  let firstError: unknown;
  const expanded = sql.replace(MACRO, (whole: string, rawName: string, argText: string) => {
    // Before Grafana 5.3, `$__timeGroup(…),` in a select list named the column itself.
    const first = sql.indexOf(whole);
    const name = rawName === '__timeGroup' && sql[first + whole.length] === ',' ? '__timeGroupAlias' : rawName;
    try {
      // Go trims spaces only (strings.Trim(arg, " ")), not tabs or newlines.
      return expander.expand(
        name,
        argText.split(',').map((arg) => arg.replace(/^ +| +$/g, ''))
      );
    } catch (error) {
      firstError ??= error;
      return 'macro_error()';
    }
  });
  if (firstError !== undefined) {
    throw firstError;
  }
  return { sql: expanded, fill: expander.fill };
}
