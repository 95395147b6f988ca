/**
 * The PromQL of value KPIs, from their own queries: the value over a rolling range, its status against target and
 * warning, and the off-track condition alerts fire on. The executive dashboard and Grafana-managed rules read the
 * raw series with these; `northstar rules` records the base rates once and reads the records (valueRecording.ts).
 *
 * PromQL has no calendar, so a calendar window is read as the rolling range of its nominal length (7d, 30d, 90d):
 * "this month" becomes "the last 30 days". The app and `northstar eval` judge the calendar period itself.
 */
import {
  expandGrafanaMacros,
  formatDuration,
  grafanaRateInterval,
  nominalSloWindowMs,
  rateIntervalAsVariable,
} from '../time';
import { requirePromql, type ValueAggregation, type ValueKpiDefinition, type ValueObjective } from '../model';
import { promNumber } from './promql';

/** The step a mean, last, min or max is sampled at inside a range: the engine's value step (valuePeriods.ts). */
export const VALUE_SUBQUERY_STEP = '5m';
const VALUE_SUBQUERY_STEP_MS = 300_000;

/** What a status-history cell of a value KPI holds: its status as a number, worst lowest. */
export const VALUE_STATUS_CODE = { 'off-track': 0, 'at-risk': 1, 'on-track': 2 } as const;

/** The rolling range PromQL reads a value KPI's period as: the window, or a calendar period's nominal length. */
export function valueRangeMs(kpi: Pick<ValueKpiDefinition, 'objective'>): number {
  return nominalSloWindowMs(kpi);
}

/**
 * The query with `$__rate_interval` pointed at `range`: a duration ("30d") for rules, where every macro is set to
 * it, or a Grafana variable ("$window", "$__range") for dashboards, where Grafana expands the rest.
 */
function queryOver(query: string, range: string): string {
  return range.startsWith('$')
    ? rateIntervalAsVariable(query, range)
    : expandGrafanaMacros(query, { rateInterval: range, interval: range, range });
}

const FOLD_OVER_TIME: Record<Exclude<ValueAggregation, 'sum'>, string> = {
  mean: 'avg_over_time',
  last: 'last_over_time',
  min: 'min_over_time',
  max: 'max_over_time',
};

/**
 * A value KPI's value over a rolling `range`, as the engine folds its steps:
 * - numerator/denominator: Σ numerator / Σ denominator, which for per-second rates over the range is the ratio of
 *   their rates over it (the ratio of increases), never a mean of ratios;
 * - `sum`: the rate over the range times the KPI's period in seconds, so it reads as the period's total: the total
 *   itself when `range` is the period, the period's total at that run rate when it is shorter (a day of a month);
 * - mean, last, min, max: the query sampled every 5m over the range and folded by *_over_time.
 */
export function rawValueOverExpr(
  kpi: Pick<ValueKpiDefinition, 'indicator' | 'objective'>,
  range: string,
  scrapeIntervalMs: number
): string {
  const { indicator } = kpi;
  if (indicator.numerator !== undefined) {
    return `(${queryOver(requirePromql(indicator.numerator, 'numerator'), range)}) / (${queryOver(requirePromql(indicator.denominator, 'denominator'), range)})`;
  }
  if (indicator.aggregation === 'sum') {
    return `(${queryOver(requirePromql(indicator.query, 'query'), range)}) * ${valueRangeMs(kpi) / 1000}`;
  }
  const sampled = expandGrafanaMacros(requirePromql(indicator.query, 'query'), {
    rateInterval: grafanaRateInterval(VALUE_SUBQUERY_STEP_MS, scrapeIntervalMs),
    interval: VALUE_SUBQUERY_STEP,
    range: VALUE_SUBQUERY_STEP,
  });
  return `${FOLD_OVER_TIME[indicator.aggregation]}((${sampled})[${range}:${VALUE_SUBQUERY_STEP}])`;
}

/** The bound past which the KPI is off-track: the warning when it has one, the target otherwise. */
export function offTrackBound(objective: Pick<ValueObjective, 'target' | 'warning'>): number {
  return objective.warning ?? objective.target;
}

/** `value` where it is off-track (judgeValue: worse than the warning, or than the target without one); else none. */
export function valueOffTrackExpr(objective: Pick<ValueObjective, 'direction' | 'target' | 'warning'>, value: string) {
  return `(${value}) ${objective.direction === 'higher' ? '<' : '>'} ${promNumber(offTrackBound(objective))}`;
}

/**
 * The status of `value` as VALUE_STATUS_CODE: 2 at or past the target, 1 at or past the warning, 0 otherwise,
 * judged by direction as judgeValue does; no series where the value is NaN (a denominator of 0), so a missing
 * value never reads as off-track nor on-track.
 */
export function valueStatusExpr(objective: Pick<ValueObjective, 'direction' | 'target' | 'warning'>, value: string) {
  const reaches = (bound: number) =>
    `((${value}) ${objective.direction === 'higher' ? '>=' : '<='} bool ${promNumber(bound)})`;
  const code =
    objective.warning === undefined
      ? `2 * ${reaches(objective.target)}`
      : `${reaches(objective.target)} + ${reaches(objective.warning)}`;
  return `(${code}) unless ((${value}) != (${value}))`;
}

/** The range as the panels and annotations write it ("30d"). */
export function valueRangeText(kpi: Pick<ValueKpiDefinition, 'objective'>): string {
  return formatDuration(valueRangeMs(kpi));
}
