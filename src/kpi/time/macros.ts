/**
 * Grafana's query macros, expanded where Grafana is not there to do it: in generated Prometheus rules and in the
 * CLI evaluator. Only the exact tokens below are replaced; the rest of a user's query is never touched.
 */
import { DurationError, formatDuration, tryParseDuration } from './duration';

/** Values for the macros, as Prometheus durations ("5m", "1m15s"). */
export interface MacroValues {
  /** `$__rate_interval`: the window itself in rules; max(step + scrape, 4 × scrape) in range evaluation. */
  rateInterval: string;
  /** `$__interval`: the step (or slice). */
  interval: string;
  /** `$__range`: the window being evaluated. */
  range: string;
}

// Both spellings Grafana accepts. The bare form must not be followed by a name character, so `$__interval_ms`
// and `$__range_s` (other macros, left alone) are not mistaken for `$__interval` and `$__range`.
const MACRO_TOKEN =
  /\$\{(__rate_interval|__interval|__range)\}|\$(__rate_interval|__interval|__range)(?![A-Za-z0-9_])/g;

/** Replaces `$__rate_interval`, `$__interval`, `$__range` (and their `${…}` forms) with the given durations. */
export function expandGrafanaMacros(query: string, values: MacroValues): string {
  const byName: Record<string, string> = {
    __rate_interval: checkedDuration('rateInterval', values.rateInterval),
    __interval: checkedDuration('interval', values.interval),
    __range: checkedDuration('range', values.range),
  };
  return query.replace(MACRO_TOKEN, (_token, braced: string | undefined, bare: string | undefined) => {
    return byName[braced ?? bare ?? ''];
  });
}

/** A Grafana template variable reference: `$window` or `${window}`. */
const VARIABLE_REFERENCE = /^\$(\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*)$/;

/**
 * Replaces `$__rate_interval` (both spellings) with a Grafana variable such as `$window` or the `$__range` macro,
 * for dashboards: Grafana expands the result, so the window is the viewer's choice. Nothing else is touched.
 */
export function rateIntervalAsVariable(query: string, variable: string): string {
  if (!VARIABLE_REFERENCE.test(variable)) {
    throw new Error(`"${variable}" is not a Grafana variable reference (use e.g. $window or \${window})`);
  }
  return query.replace(MACRO_TOKEN, (token, braced: string | undefined, bare: string | undefined) =>
    (braced ?? bare) === '__rate_interval' ? variable : token
  );
}

/** Prometheus' default scrape interval, and Grafana's when a data source does not set one. */
export const DEFAULT_SCRAPE_INTERVAL_MS = 15_000;

/** Grafana's `$__rate_interval` for a range query: max(step + scrape interval, 4 × scrape interval). */
export function grafanaRateInterval(stepMs: number, scrapeIntervalMs: number): string {
  return formatDuration(Math.max(stepMs + scrapeIntervalMs, 4 * scrapeIntervalMs));
}

// A macro value lands inside PromQL, so it must be a plain duration and nothing else.
function checkedDuration(name: keyof MacroValues, value: string): string {
  if (tryParseDuration(value) === undefined) {
    throw new DurationError(`macro value ${name}: "${String(value)}" is not a duration (use e.g. 5m, 1m15s)`);
  }
  return value;
}
