/**
 * The PromQL the dashboards run, built from strict templates around the KPI's own queries: a query is wrapped
 * (`sum by (code) (…)`, `1 - (…)`) or has Grafana's `$__rate_interval` macro pointed at another window, never
 * edited otherwise.
 */
import { rateIntervalAsVariable } from '../kpi/time';
import { groupByOf, type KpiDefinition, type RatioIndicator, requirePromql } from '../kpi/model';
import { promNumber, rawAggregateErrorRatioExpr, sliceOf, sliceVerdictExpr } from '../kpi/promql';
import { vectorSelectors, type VectorSelector } from './querySelectors';
import { instanceVariableName } from './variables';

const DAY_MS = 86_400_000;
/** Labels that say nothing about where errors come from. */
const NO_BREAKDOWN_LABELS = new Set(['le', '__name__']);

/** The KPI's queries as written: good and total, or the one value query; an Error naming a non-PromQL KPI. */
export function kpiQueryTexts(kpi: KpiDefinition): string[] {
  const { indicator } = kpi;
  return indicator.type === 'ratio'
    ? [requirePromql(indicator.good, 'good', kpi.id), requirePromql(indicator.total, 'total', kpi.id)]
    : [requirePromql(indicator.query, 'query', kpi.id)];
}

/** Distinct `…_bucket` selectors of the KPI's queries: the histograms a latency heatmap can show. */
export function histogramBucketSelectors(kpi: KpiDefinition): VectorSelector[] {
  return distinctByText(
    kpiQueryTexts(kpi)
      .flatMap(vectorSelectors)
      .filter((selector) => selector.metric?.endsWith('_bucket'))
  );
}

/**
 * Labels worth breaking the errors down by: those the queries match with !=, =~ or !~ (several values pass), and
 * for ratio KPIs those the good query pins with = but the total query does not (`result="success"`). A label the
 * total query pins with = has one value only, and `le` is a bucket bound; both are left out.
 */
export function breakdownLabels(kpi: KpiDefinition): string[] {
  const { indicator } = kpi;
  const pinned = new Set(
    vectorSelectors(kpiQueryTexts(kpi)[indicator.type === 'ratio' ? 1 : 0]).flatMap((selector) =>
      selector.matchers.filter((m) => m.op === '=').map((m) => m.name)
    )
  );
  const labels = kpiQueryTexts(kpi)
    .flatMap(vectorSelectors)
    .flatMap((selector) => selector.matchers)
    .filter((m) => !NO_BREAKDOWN_LABELS.has(m.name) && !pinned.has(m.name))
    .map((m) => m.name);
  return [...new Set(labels)];
}

/**
 * The counter a ratio query takes the rate of, when it has exactly one (one distinct selector followed by a
 * range); undefined for queries made of several counters, which a breakdown cannot rebuild faithfully.
 */
export function counterSelector(query: string): VectorSelector | undefined {
  const ranged = distinctByText(vectorSelectors(query).filter((selector) => selector.ranged));
  return ranged.length === 1 ? ranged[0] : undefined;
}

/**
 * Error ratio by one label for a ratio KPI, from its good and total counters: 1 − good/total per label value. A
 * value with errors only has no good series, so good falls back to `0 * total` of the same label value.
 */
export function errorRatioByLabelExpr(indicator: RatioIndicator, label: string, window: string): string | undefined {
  const good = counterSelector(requirePromql(indicator.good, 'good'));
  const total = counterSelector(requirePromql(indicator.total, 'total'));
  if (!good || !total) {
    return undefined;
  }
  const rateBy = (selector: VectorSelector) => `sum by (${label}) (rate(${selector.text}[${window}]))`;
  return `1 - ((${rateBy(good)} or 0 * ${rateBy(total)}) / ${rateBy(total)})`;
}

/**
 * The SLI over a window a viewer picks (`$window`, or `$__range` for the dashboard's time range), from the KPI's
 * own queries as rawErrorRatioExpr reads them for fixed windows: ratio KPIs good/total with good `or vector(0)`
 * (a total outage has no good series), threshold and timeslice KPIs the share of good slices. A per-label KPI reads
 * the sum over the instances its dashboard variables pick (`filtered`, see pickedInstancesExpr), over every
 * instance otherwise.
 */
export function sliOverExpr(kpi: KpiDefinition, window: string, scrapeIntervalMs: number, filtered = false): string {
  const { indicator } = kpi;
  if (indicator.type === 'ratio') {
    const [goodQuery, totalQuery] = kpiQueryTexts(kpi);
    const good = rateIntervalAsVariable(goodQuery, window);
    const total = rateIntervalAsVariable(totalQuery, window);
    if (!indicator.groupBy) {
      return `((${good}) or vector(0)) / (${total})`;
    }
    // The instances added up, a route without good events counting as zero.
    const pick = (query: string) => (filtered ? pickedInstancesExpr(kpi, query, window) : query);
    return `sum(${pick(`(${good}) or ((${total}) * 0)`)}) / sum(${pick(total)})`;
  }
  return `avg_over_time((${sliceVerdictExpr(indicator, scrapeIntervalMs)})[${window}:${sliceOf(kpi)}])`;
}

/**
 * The SLI of the dashboard's time range minus the SLI of the period of the same length before it. PromQL cannot
 * shift a whole expression, but it can shift a subquery: the previous period is the range SLI evaluated one range
 * earlier.
 */
export function sliDeltaExpr(kpi: KpiDefinition, scrapeIntervalMs: number): string {
  const current = sliOverExpr(kpi, '$__range', scrapeIntervalMs);
  return `(${current}) - last_over_time((${current})[5m:1m] offset $__range)`;
}

/** Burn rate over each day: the day's error ratio over the share of events the objective allows to fail. */
export function dailyBurnRateExpr(kpi: KpiDefinition, scrapeIntervalMs: number): string {
  return `(${rawAggregateErrorRatioExpr(kpi, DAY_MS, scrapeIntervalMs)}) / ${promNumber(budgetShare(kpi))}`;
}

/**
 * A per-label KPI's SLI per instance over a window, limited to the instances its dashboard variables pick
 * (pickedInstancesExpr) unless `filtered` is false (dashboards without those variables). Undefined for a KPI
 * evaluated as one.
 */
export function sliPerInstanceExpr(kpi: KpiDefinition, window: string, filtered = true): string | undefined {
  const { indicator } = kpi;
  if (indicator.type !== 'ratio' || groupByOf(kpi).length === 0) {
    return undefined;
  }
  const [goodQuery, totalQuery] = kpiQueryTexts(kpi);
  const good = rateIntervalAsVariable(goodQuery, window);
  const total = rateIntervalAsVariable(totalQuery, window);
  const perInstance = `((${good}) or ((${total}) * 0)) / (${total})`;
  return filtered ? pickedInstancesExpr(kpi, perInstance, window) : perInstance;
}

/**
 * A per-label KPI's query (or any expression keeping its groupBy labels) limited to the instances the on-call
 * dashboard's variables pick (`$route`, instanceVariable): the query stays as written, and `and on (route)` keeps
 * the series whose route the total query's counter has within `range`, the range the query reads over, so a route
 * counted there is kept even without a sample at the instant. All is `.*`: every instance, the KPI as a whole.
 * The query unchanged for a KPI evaluated as one, or when its total query has no single counter to pick from.
 */
export function pickedInstancesExpr(kpi: KpiDefinition, query: string, range: string): string {
  const selector = instanceSelector(kpi);
  const picked = pickedInstanceMatchers(kpi);
  if (!selector || picked.length === 0) {
    return query;
  }
  const labels = groupByOf(kpi).join(', ');
  return `(${query}) and on (${labels}) group by (${labels}) (present_over_time(${selectorText(selector, picked)}[${range}]))`;
}

/**
 * `route=~"${route}"` per groupBy label: the instances the on-call dashboard's variables pick, in PromQL. With no
 * format the Prometheus data source escapes the values for a regex inside a PromQL string (`/api/v1\\.2`); the
 * `:regex` format would escape them for a bare regex (`\/api\/v1\.2`), which Prometheus refuses inside quotes
 * (e2e/contracts/template-variables.md). None when the dashboard has no such variables (instanceVariables).
 */
export function pickedInstanceMatchers(kpi: KpiDefinition): string[] {
  return instanceMatchers(kpi, (variable) => `\${${variable}}`);
}

/**
 * `route=~"${route:regex}"` per groupBy label, for the alert list's label filter: the panel fills it in with no
 * data source, as a glob (`{a,b}`) unless a format says otherwise, and matches it as a regex once unquoted.
 */
export function pickedAlertLabelMatchers(kpi: KpiDefinition): string[] {
  return instanceMatchers(kpi, (variable) => `\${${variable}:regex}`);
}

function instanceMatchers(kpi: KpiDefinition, reference: (variable: string) => string): string[] {
  return instanceSelector(kpi)
    ? groupByOf(kpi).map((label) => `${label}=~"${reference(instanceVariableName(label))}"`)
    : [];
}

/**
 * The series a per-label KPI's instances are read from: the counter of its total query, whose label values are
 * the instances (`label_values(<it>, route)`). Undefined when the total query has no single counter.
 */
export function instanceSelector(kpi: KpiDefinition): VectorSelector | undefined {
  return kpi.indicator.type === 'ratio' ? counterSelector(kpiQueryTexts(kpi)[1]) : undefined;
}

/** `metric{a="x",…extra}`, rebuilt from the selector's own parts. */
export function selectorText(selector: VectorSelector, extra: readonly string[] = []): string {
  const matchers = [...selector.matchers.map((m) => `${m.name}${m.op}${m.literal}`), ...extra];
  return `${selector.metric ?? ''}{${matchers.join(',')}}`;
}

/** A constant series, for target lines next to a measured series. */
export function constantExpr(value: number): string {
  return `vector(${promNumber(value)})`;
}

/** 1 − target, without float noise. */
export function budgetShare(kpi: KpiDefinition): number {
  return Number((1 - kpi.objective.target).toFixed(15));
}

function distinctByText(selectors: VectorSelector[]): VectorSelector[] {
  const seen = new Set<string>();
  return selectors.filter((selector) => !seen.has(selector.text) && seen.add(selector.text));
}
