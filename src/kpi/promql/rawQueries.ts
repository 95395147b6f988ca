/**
 * The live PromQL from the user's own queries alone, without any `northstar:` series: what the app's instant and
 * range queries ask (the catalog list, the KPI page, reports) and what Grafana-managed rules evaluate, so they work
 * before or without the recording rules. Maintenance windows are left out as the engine leaves them out.
 */
import {
  expandGrafanaMacros,
  formatDuration,
  grafanaRateInterval,
  maintenanceIntervals,
  nominalSloWindowMs,
  parseDuration,
} from '../time';
import {
  type CatalogKpi,
  groupByOf,
  type KpiDefinition,
  type RatioIndicator,
  requirePromql,
  type ThresholdIndicator,
  type TimesliceIndicator,
} from '../model';
import { offGridWindows, windowCountRefIds } from '../evaluate';
import { maintenanceStepCondition } from './maintenanceRules';
import { resolvePolicy } from '../policy';
import { DEFAULT_THRESHOLD_SLICE, promNumber } from './promql';

/**
 * The user's good and total rates over a window, with Grafana's macros set to that window.
 *
 * `or vector(0)` stands in for a good series that does not exist (yet): `sum()` over no series returns nothing, so
 * a service whose requests have all failed since it started, with a 5xx series but no 2xx series, would have no
 * good rate, no error ratio and no alert during a total outage. With the zero it has an error ratio of 1, and a
 * KPI without traffic still has no total and so no ratio. vector(0) has no labels, so it only stands in for a good
 * query that aggregates to one label-less series. A per-label KPI (`indicator.groupBy`, `sum by (route)`) gets
 * `or ((total) * 0)` instead: a zero for each route of total that has no good series, with the route's labels,
 * so a route whose every request fails has an error ratio of 1 and pages.
 */
export function ratioQueries(indicator: RatioIndicator, windowMs: number): { good: string; total: string } {
  const window = formatDuration(windowMs);
  const macros = { rateInterval: window, interval: window, range: window };
  const total = expandGrafanaMacros(requirePromql(indicator.total, 'total'), macros);
  const zero = indicator.groupBy ? `((${total}) * 0)` : 'vector(0)';
  return { good: `(${expandGrafanaMacros(requirePromql(indicator.good, 'good'), macros)}) or ${zero}`, total };
}

/**
 * 1 when the query meets the threshold, 0 when not, evaluated as one slice: `$__interval` and `$__range` are the
 * slice, `$__rate_interval` is Grafana's for a step of one slice.
 */
export function sliceVerdictExpr(indicator: ThresholdIndicator | TimesliceIndicator, scrapeIntervalMs: number): string {
  const slice = indicator.type === 'timeslice' ? indicator.slice : DEFAULT_THRESHOLD_SLICE;
  const query = expandGrafanaMacros(requirePromql(indicator.query, 'query'), {
    rateInterval: grafanaRateInterval(parseDuration(slice), scrapeIntervalMs),
    interval: slice,
    range: slice,
  });
  return `(${query}) ${indicator.comparator} bool ${promNumber(indicator.threshold)}`;
}

/**
 * The error ratio of a KPI over a window computed from the user's queries alone, without any `northstar:` series:
 * for instant queries (the catalog list) and for Grafana-managed alerts, which must work before or without the
 * recording rules. Ratio KPIs: 1 − good / total over the window (good `or vector(0)`, see ratioQueries); threshold
 * and timeslice KPIs: the share of bad slices, through a subquery with the slice as its step.
 */
export function rawErrorRatioExpr(
  kpi: KpiDefinition,
  windowMs: number,
  scrapeIntervalMs: number,
  span?: RawQuerySpan
): string {
  const { indicator } = kpi;
  if (indicator.type === 'ratio') {
    const { good, total } = rawWindowSums(kpi, indicator, windowMs, span);
    return `1 - ((${good}) / (${total}))`;
  }
  return `1 - avg_over_time(${rawSlices(kpi, indicator, windowMs, scrapeIntervalMs, span)})`;
}

/** The step at which raw queries leave maintenance out: the base window of the recorded rates. */
const MAINTENANCE_STEP_MS = 300_000;

/** Beyond this many windows in one query's span the exclusion is not written out (an hourly cron over 90 days). */
const MAX_EXCLUDED_INTERVALS = 200;

/**
 * When a raw query is asked, for leaving maintenance out: over a known span (the app's instant queries), whose
 * windows are then known instants, or for ever (Grafana-managed rules), whose windows come from time() as in the
 * recording rules, generated at `generatedAtMs`.
 */
export type RawQuerySpan = { fromMs: number; toMs: number } | { forEver: true; generatedAtMs: number };

/**
 * The steps of a raw query's 5m subquery that touch a maintenance window in `span`, as a label-less condition on
 * time(): a step covers (t − 5m, t], and any overlap with a window [start, end) leaves the whole step out, as the
 * engine's mask does, so t is excluded when start < t < end + 5m. Over a known span the windows are listed as
 * fixed instants worked out here (maintenance.ts, cron and time zone included), which keeps the query cheap; for
 * rules that run for ever they are the rules' time() condition stretched by a step (maintenanceStepCondition).
 */
function rawMaintenanceSteps(kpi: CatalogKpi, span: RawQuerySpan | undefined): string | undefined {
  if (!span || !kpi.maintenance?.length) {
    return undefined;
  }
  if ('forEver' in span) {
    return `(${maintenanceStepCondition(kpi, span.generatedAtMs, MAINTENANCE_STEP_MS)})`;
  }
  const intervals = maintenanceIntervals(kpi.maintenance, span.fromMs - MAINTENANCE_STEP_MS, span.toMs);
  if (intervals.length === 0 || intervals.length > MAX_EXCLUDED_INTERVALS) {
    return undefined;
  }
  const seconds = (ms: number) => promNumber(ms / 1000);
  return `(${intervals
    .map(({ startMs, endMs }) => `((vector(time()) > ${seconds(startMs)}) < ${seconds(endMs + MAINTENANCE_STEP_MS)})`)
    .join(' or ')})`;
}

/**
 * Good and all events within a window from the user's queries, in a unit of `seconds` (events = expr × seconds):
 * the rates over the window, or when maintenance falls in it the 5m rates summed over the steps outside it.
 */
function rawWindowSums(
  kpi: KpiDefinition,
  indicator: RatioIndicator,
  windowMs: number,
  span?: RawQuerySpan
): { good: string; total: string; seconds: number } {
  const steps = windowMs >= MAINTENANCE_STEP_MS ? rawMaintenanceSteps(kpi, span) : undefined;
  if (steps === undefined) {
    return { ...ratioQueries(indicator, windowMs), seconds: windowMs / 1000 };
  }
  const base = ratioQueries(indicator, MAINTENANCE_STEP_MS);
  const range = `[${formatDuration(windowMs)}:${formatDuration(MAINTENANCE_STEP_MS)}]`;
  const outside = (expr: string) => `sum_over_time(((${expr}) unless on () ${steps})${range})`;
  return { good: outside(base.good), total: outside(base.total), seconds: MAINTENANCE_STEP_MS / 1000 };
}

/** A threshold or timeslice KPI's slice verdicts over a window, the slices in maintenance left out, as a subquery. */
function rawSlices(
  kpi: KpiDefinition,
  indicator: ThresholdIndicator | TimesliceIndicator,
  windowMs: number,
  scrapeIntervalMs: number,
  span?: RawQuerySpan
): string {
  const slice = indicator.type === 'timeslice' ? indicator.slice : DEFAULT_THRESHOLD_SLICE;
  const steps = rawMaintenanceSteps(kpi, span);
  const verdicts = sliceVerdictExpr(indicator, scrapeIntervalMs);
  const kept = steps === undefined ? verdicts : `(${verdicts}) unless on () ${steps}`;
  return `(${kept})[${formatDuration(windowMs)}:${slice}]`;
}

/**
 * A ratio KPI as a whole over a window, from the user's queries alone: 1 − sum(good) / sum(total) over every
 * series, one label-less series (the catalog list's aggregate). For threshold KPIs the same as rawErrorRatioExpr.
 */
export function rawAggregateErrorRatioExpr(
  kpi: KpiDefinition,
  windowMs: number,
  scrapeIntervalMs: number,
  span?: RawQuerySpan
): string {
  const { indicator } = kpi;
  // Every ratio KPI is summed, not only a per-label one: a good query left without sum() would otherwise give a
  // series per instance, and the pages a row (or a summed ratio) per instance.
  if (indicator.type !== 'ratio') {
    return rawErrorRatioExpr(kpi, windowMs, scrapeIntervalMs, span);
  }
  const { good, total } = rawWindowSums(kpi, indicator, windowMs, span);
  return `1 - (sum(${good}) / sum(${total}))`;
}

/**
 * The error ratio of a whole past period (a calendar KPI's last month), as an instant query at any time: the raw
 * ratio over the period's length evaluated at its end with the @ modifier, on a one-step subquery because @
 * takes selectors and subqueries, not a whole expression.
 */
export function rawErrorRatioOfPeriodExpr(
  kpi: KpiDefinition,
  period: { startMs: number; endMs: number },
  scrapeIntervalMs: number
): string {
  const ratio = rawAggregateErrorRatioExpr(kpi, period.endMs - period.startMs, scrapeIntervalMs, {
    fromMs: period.startMs,
    toMs: period.endMs,
  });
  return `last_over_time((${ratio})[1m:1m] @ ${Math.floor(period.endMs / 1000)})`;
}

/**
 * Events of a ratio KPI within a window, from the user's total query alone (a per-second rate over the window,
 * times the window's seconds): what the low-traffic guard (`alerting.minEvents`) compares with.
 */
export function rawEventCountExpr(kpi: KpiDefinition, windowMs: number, span?: RawQuerySpan): string {
  if (kpi.indicator.type !== 'ratio') {
    throw new Error(`KPI ${kpi.id}: event counts exist for ratio KPIs only`);
  }
  const { total, seconds } = rawWindowSums(kpi, kpi.indicator, windowMs, span);
  return `(${total}) * ${promNumber(seconds)}`;
}

/**
 * Good and all events within a window as two instant queries from the user's queries alone: ratio KPIs count
 * events from their rates (good `or vector(0)`, as rawErrorRatioExpr), threshold and timeslice KPIs count good
 * slices and all slices through a subquery with the slice as its step.
 */
export function rawWindowCountExprs(
  kpi: KpiDefinition,
  windowMs: number,
  scrapeIntervalMs: number,
  span?: RawQuerySpan
): { good: string; total: string } {
  const { indicator } = kpi;
  if (indicator.type === 'ratio') {
    const { good, total, seconds } = rawWindowSums(kpi, indicator, windowMs, span);
    return { good: `(${good}) * ${promNumber(seconds)}`, total: `(${total}) * ${promNumber(seconds)}` };
  }
  const slices = rawSlices(kpi, indicator, windowMs, scrapeIntervalMs, span);
  return { good: `sum_over_time(${slices})`, total: `count_over_time(${slices})` };
}

/**
 * The instant counts that stand in for a KPI's policy windows a range at `stepMs` cannot sum (windowCounts.ts):
 * two per window, under the refIds the panel and the KPI page read them by ("good@5m", "total@5m").
 */
export function offGridCountQueries(
  kpi: KpiDefinition,
  stepMs: number,
  scrapeIntervalMs: number,
  spanEndMs?: number
): Array<{ refId: string; expr: string; windowMs: number }> {
  return offGridWindows(resolvePolicy(kpi.alerting, nominalSloWindowMs(kpi)), stepMs).flatMap((windowMs) => {
    const span = spanEndMs === undefined ? undefined : { fromMs: spanEndMs - windowMs, toMs: spanEndMs };
    const exprs = rawWindowCountExprs(kpi, windowMs, scrapeIntervalMs, span);
    const ids = windowCountRefIds(windowMs);
    return [
      { refId: ids.good, expr: exprs.good, windowMs },
      { refId: ids.total, expr: exprs.total, windowMs },
    ];
  });
}

/**
 * The same weighted mean from the members' own queries (rawAggregateErrorRatioExpr, a per-label member as a
 * whole), for Grafana-managed rules, which read no recorded series: a member has samples when its raw ratio
 * answers at all (NaN included).
 */
export function rawCompositeErrorRatioExpr(
  members: ReadonlyArray<{ kpi: KpiDefinition; weight: number }>,
  windowMs: number,
  scrapeIntervalMs: number,
  span?: RawQuerySpan
): string {
  return weightedErrorRatioExpr(
    members.map(({ kpi, weight }) => {
      const errorRatio = `(${rawAggregateErrorRatioExpr(kpi, windowMs, scrapeIntervalMs, span)})`;
      return { weight, errorRatio, samples: errorRatio };
    })
  );
}

/** compositeErrorRatioExpr's shape over each member's error-ratio expression and the series it has samples by. */
export function weightedErrorRatioExpr(
  terms: ReadonlyArray<{ weight: number; errorRatio: string; samples: string }>
): string {
  const counted = (errorRatio: string) => `(${errorRatio} >= 0)`;
  const numerator = terms
    .map(({ weight, errorRatio }) => `(sum(${promNumber(weight)} * ${counted(errorRatio)}) or vector(0))`)
    .join(' + ');
  const denominator = terms
    .map(({ weight, errorRatio }) => `(count(${counted(errorRatio)}) * ${promNumber(weight)} or vector(0))`)
    .join(' + ');
  const everyMemberHasSamples = terms.map(({ samples }) => `count(${samples})`).join(' and on () ');
  return `((${numerator}) / (${denominator})) and on () (${everyMemberHasSamples})`;
}

/**
 * The same for Grafana-managed rules, which read no recorded series: the condition itself, label-less, so
 * `on ()` matches every series of the alert.
 */
export function unlessInMaintenanceRaw(inMaintenance: string | undefined, condition: string): string {
  return inMaintenance === undefined ? condition : `(${condition}) unless on () (${inMaintenance})`;
}

/** The low-traffic guard over the user's total query alone (Grafana-managed rules need no recorded series). */
export function rawEventCountGuard(kpi: KpiDefinition, shortMs: number): string {
  return `on (${groupByOf(kpi).join(', ')}) (${rawEventCountExpr(kpi, shortMs)} >= ${promNumber(kpi.alerting!.minEvents!)})`;
}

/**
 * 1 when the KPI's own queries return nothing over the base window (ratio KPIs: the total query; slice KPIs: the
 * slice verdict), nothing while they answer: the absent-data condition without any recorded series.
 */
export function rawAbsentExpr(kpi: KpiDefinition, baseWindowMs: number, scrapeIntervalMs: number): string {
  const { indicator } = kpi;
  const present =
    indicator.type === 'ratio'
      ? ratioQueries(indicator, baseWindowMs).total
      : sliceVerdictExpr(indicator, scrapeIntervalMs);
  return `absent(${present})`;
}
