/**
 * Exact event counts per evaluation, for the sums that long windows add up (longWindows.ts, issue 15).
 *
 * Summing the 5m base rates over a day is not a count: each rate extrapolates to its window's edges, and rates
 * recorded every minute over 5 minutes overlap, so the first and last minutes of a day weigh less than the rest
 * (2.2e-5 relative error in the 28d burn rate of `npm run bench:rules`). Differences of the counter itself between
 * one evaluation and the previous one, `x - x offset 1m` at a 1m evaluation interval, add up to exactly x(t) − x(t − W)
 * over any window of whole minutes. A reset (the difference is negative) counts the counter's value since it,
 * as `increase()` does; a series new since the previous evaluation counts its whole value.
 *
 * Only queries of one recognised shape are turned into differences: `sum [by|without (…)] (rate|increase(<one
 * selector>[<range>]))`, the selector kept as written. Any other query keeps the sums of its base rates.
 */
import { formatDuration } from '../time';
import { type KpiQuery, promqlOf } from '../model';

/**
 * The evaluation interval the differences assume: Prometheus' default `evaluation_interval`. Groups do not pin it
 * (a fixture or a setup may evaluate them less often); evaluated every 30s the counts overlap by half a minute at a
 * window's edges, evaluated every 2m they miss every other minute, and the long windows are then estimates again.
 */
export const DELTA_EVALUATION_INTERVAL_MS = 60_000;

// sum [by|without (labels)] ( rate|increase ( selector [range] ) ) [by|without (labels)], and nothing else. The
// selector's braces may hold no brace, so a quoted `}` makes the query unrecognised rather than misread.
const SUMMED_COUNTER =
  /^\s*sum\s*(?:(by|without)\s*\(([\w\s,]*)\)\s*)?\(\s*(?:rate|increase)\s*\(\s*([A-Za-z_:][\w:]*\s*(?:\{[^{}]*\})?|\{[^{}]*\})\s*\[[^\][]+\]\s*\)\s*\)\s*(?:(by|without)\s*\(([\w\s,]*)\))?\s*$/;

interface SummedCounter {
  selector: string;
  /** ` by (route)`, ` without (instance)` or empty. */
  grouping: string;
}

function summedCounter(query: string): SummedCounter | undefined {
  const match = SUMMED_COUNTER.exec(query);
  if (!match) {
    return undefined;
  }
  const [, before, beforeLabels, selector, after, afterLabels] = match;
  const modifier = before ?? after;
  const labels = (beforeLabels ?? afterLabels ?? '').trim();
  return { selector: selector.trim(), grouping: modifier ? ` ${modifier} (${labels})` : '' };
}

/**
 * The query's events since the previous evaluation, or undefined when the query is not a sum of one counter's
 * rate. Series matched by all their labels, so the difference keeps each series apart until the sum.
 */
export function countDeltaExpr(query: KpiQuery): string | undefined {
  const promql = promqlOf(query);
  const counter = promql === undefined ? undefined : summedCounter(promql);
  if (!counter) {
    return undefined;
  }
  const { selector, grouping } = counter;
  const previous = `${selector} offset ${formatDuration(DELTA_EVALUATION_INTERVAL_MS)}`;
  return `sum${grouping} (((${selector} - ${previous}) >= 0) or ${selector})`;
}
