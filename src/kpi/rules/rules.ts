/**
 * Prometheus recording and alerting rules for published KPIs, returned as plain data (YAML is written by src/cli).
 * One group per KPI, so that an incident fires one page (and at most one ticket) instead of one alert per window:
 *
 * - ratio KPIs record the good and total rates once, over the base window (the shortest policy window, 5m for the
 *   default policy): `northstar:kpi_good:rate5m`, `northstar:kpi_total:rate5m`. Every error ratio
 *   `northstar:kpi_error_ratio:rate<w>` is derived from those two records: the base window directly, every longer
 *   window as 1 − sum_over_time(good[w]) / sum_over_time(total[w]).
 * - threshold and timeslice KPIs record whether each slice was good (`northstar:kpi_slice_good:bool`, 1 or 0) once
 *   per slice (the group's `interval` is the slice), and derive every window as the share of bad slices in it.
 * - the objective as a metadata rule, then one alerting rule per severity whose policy rows are OR-ed.
 *
 * What it costs, per evaluation of one ratio KPI whose good and total queries each select N raw series, with W
 * windows (8 for the default policy: 7 policy windows and the SLO window), scrape interval s, evaluation
 * interval e:
 *   before (the user's queries evaluated over every window): 2·N·W series, 2·N·Σ(w / s) samples;
 *   now (base window once, longer windows from the records): 2·N + 2·W series, 2·N·(5m / s) + 2·Σ(w / e) samples.
 * For N = 100, s = 15s, e = 1m and a 30d SLO: 1,600 → 216 series and 39.6 million → 103,062 samples.
 * `ruleCost.ts` computes these figures and `npm run bench` prints them for whole catalogs.
 *
 * Warm-up: a derived window only sees the base records Prometheus has kept since the rules were loaded, so the 1h
 * ratio covers one hour after one hour, and the SLO-window ratio the whole SLO window only after that long. Until
 * then each window reports the ratio of the history it has. Windows select the records by `kpi_id` alone and add
 * up across `kpi_version`s, so publishing a new version does not start the warm-up again (counts recorded under
 * the previous version stay in the windows until they age out).
 */
import {
  DEFAULT_SCRAPE_INTERVAL_MS,
  expandGrafanaMacros,
  formatDuration,
  grafanaRateInterval,
  maintenanceIntervals,
  nominalSloWindowMs,
  parseDuration,
} from '../time';
import {
  type CatalogKpi,
  type CompositeKpiDefinition,
  fnv1a32,
  groupByOf,
  isCompositeKpi,
  type KpiDefinition,
  PROM_ABSENT_ALERT_NAME,
  PROM_ALERT_NAME,
  PROM_ERROR_RATIO_RECORD_PREFIX,
  PROM_GOOD_RATE_RECORD_PREFIX,
  PROM_LABEL_BURNRATE_TIER,
  PROM_LABEL_KPI_ID,
  PROM_LABEL_KPI_VERSION,
  PROM_LABEL_OWNER,
  PROM_LABEL_SEVERITY,
  PROM_MAINTENANCE_RECORD,
  PROM_OBJECTIVE_RECORD,
  PROM_SLICE_GOOD_RECORD,
  PROM_TOTAL_RATE_RECORD_PREFIX,
  type RatioIndicator,
  type Severity,
  type ThresholdIndicator,
  type TimesliceIndicator,
} from '../model';
import { offGridWindows, resolveMembers, windowCountRefIds } from '../evaluate';
import { maintenanceCondition, maintenanceStepCondition } from './maintenanceRules';
import { policyWindows, resolvePolicy, type BurnRateRule } from '../policy';

// ---- Names and fixed choices -------------------------------------------------------------------------------------

const GROUP_NAME_PREFIX = 'northstar-kpi-';
export const ANNOTATION_SUMMARY = 'summary';
export const ANNOTATION_DESCRIPTION = 'description';
export const ANNOTATION_RUNBOOK_URL = 'runbook_url';
/** Slice of a threshold indicator, which has no slice of its own (DESIGN §2: default 1m). */
export const DEFAULT_THRESHOLD_SLICE = '1m';
/**
 * How long a condition must hold before the alert fires. Short on purpose: a row fires only when its short window
 * burns too, which already damps flapping and resets the alert quickly once the burn stops; the `for` only rides
 * out a single noisy evaluation. Tickets can wait longer than pages.
 */
const ALERT_FOR: Readonly<Record<Severity, string>> = { page: '2m', ticket: '15m' };
/** Most urgent first; also the order of the alerting rules in a group. */
export const SEVERITY_ORDER: readonly Severity[] = ['page', 'ticket'];

// ---- Types -------------------------------------------------------------------------------------------------------

export interface RecordingRule {
  record: string;
  expr: string;
  labels: Record<string, string>;
}

export interface AlertingRule {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export type Rule = RecordingRule | AlertingRule;

/** A Prometheus rule group; rules run in order, so each rule sees what the rules before it recorded. */
export interface RuleGroup {
  name: string;
  /** Set for threshold and timeslice KPIs: one evaluation per slice. */
  interval?: string;
  rules: Rule[];
}

export interface RuleGenerationOptions {
  /** Scrape interval of the KPIs' Prometheus, used for `$__rate_interval` inside timeslice queries. */
  scrapeIntervalMs?: number;
  /** Where composites find their members: the whole catalog, when the KPIs given are a part of it (a shard). */
  catalog?: readonly CatalogKpi[];
  /**
   * When the rules are generated (default now): a cron in a zone with daylight saving time follows the zone's
   * offset changes from a year before to ten years after (maintenanceRules.ts).
   */
  generatedAtMs?: number;
}

/** The content of a Prometheus rule file, ready for `yaml.stringify`. */
export interface PrometheusRuleFile {
  groups: RuleGroup[];
}

/** A rule file for `mimirtool rules load|sync` (and cortextool): the groups of one namespace. */
export interface MimirRuleFile {
  namespace: string;
  groups: RuleGroup[];
}

/** The windows a KPI's rules look at: base (shortest) first, then longer ones, the SLO window included. */
export interface KpiWindows {
  sloWindowMs: number;
  policy: BurnRateRule[];
  /** Every distinct window, shortest first; windowsMs[0] is the base window. */
  windowsMs: number[];
}

// ---- Entry points ------------------------------------------------------------------------------------------------

/** One rule group per published KPI; drafts and retired KPIs have no rules. */
export function generateRuleGroups(kpis: readonly CatalogKpi[], options: RuleGenerationOptions = {}): RuleGroup[] {
  const scrapeIntervalMs = options.scrapeIntervalMs ?? DEFAULT_SCRAPE_INTERVAL_MS;
  const catalog = options.catalog ?? kpis;
  const generatedAtMs = options.generatedAtMs ?? Date.now();
  return kpis
    .filter((kpi) => kpi.status === 'published')
    .map((kpi) =>
      isCompositeKpi(kpi)
        ? compositeRuleGroup(kpi, catalog, generatedAtMs)
        : kpiRuleGroup(kpi, scrapeIntervalMs, generatedAtMs)
    );
}

/**
 * The groups with their base records only: good and total rates, slice verdicts and the objective, each computed
 * from the user's series alone. These are what `promtool tsdb create-blocks-from rules` can backfill, because it
 * evaluates every rule against the raw series and so leaves rules on other records without history; they are
 * also all that dashboards on recorded series read (recordedQueries.ts). Alerts and derived ratios are left out.
 */
export function baseRecordGroups(groups: readonly RuleGroup[]): RuleGroup[] {
  return groups.map((group) => ({
    ...group,
    rules: group.rules.filter((rule) => 'record' in rule && isBaseRecord(rule.record)),
  }));
}

function isBaseRecord(name: string): boolean {
  return (
    name.startsWith(PROM_GOOD_RATE_RECORD_PREFIX) ||
    name.startsWith(PROM_TOTAL_RATE_RECORD_PREFIX) ||
    name === PROM_SLICE_GOOD_RECORD ||
    name === PROM_OBJECTIVE_RECORD ||
    name === PROM_MAINTENANCE_RECORD
  );
}

/** The plain object of a rule file; optional fields that are unset are left out rather than written as null. */
export function ruleGroupsToPrometheusFile(groups: RuleGroup[]): PrometheusRuleFile {
  return { groups: groups.map(copyGroup) };
}

/** The same groups under a `namespace:`, as mimirtool and cortextool read them. */
export function ruleGroupsToMimirFile(groups: RuleGroup[], namespace: string): MimirRuleFile {
  return { namespace, groups: groups.map(copyGroup) };
}

/** The rule-group name of a KPI: `northstar-kpi-<id>`. */
export function ruleGroupName(kpiId: string): string {
  return `${GROUP_NAME_PREFIX}${kpiId}`;
}

/**
 * The shard (0 … shards − 1) a KPI's rules go to: a hash of its id, so a KPI stays in its file when others are
 * added or removed. Changing the number of shards moves most KPIs.
 */
export function shardOf(kpiId: string, shards: number): number {
  if (!Number.isInteger(shards) || shards < 1) {
    throw new Error(`${shards} shards: give a whole number of at least 1`);
  }
  return fnv1a32(kpiId) % shards;
}

/** The SLO window, the resolved policy and every window its rules need. */
export function kpiWindows(kpi: CatalogKpi): KpiWindows {
  // Prometheus writes windows as rolling ranges: a calendar period counts as its nominal length here.
  const sloWindowMs = nominalSloWindowMs(kpi);
  const policy = resolvePolicy(kpi.alerting, sloWindowMs);
  const windowsMs = [...new Set([...policyWindows(policy), sloWindowMs])].sort((a, b) => a - b);
  return { sloWindowMs, policy, windowsMs };
}

/** The slice a threshold or timeslice KPI is judged by; undefined for ratio KPIs. */
export function sliceOf(kpi: KpiDefinition): string | undefined {
  const { indicator } = kpi;
  return indicator.type === 'ratio'
    ? undefined
    : indicator.type === 'timeslice'
      ? indicator.slice
      : DEFAULT_THRESHOLD_SLICE;
}

/** Runs `build`, and names the KPI in any error it throws: "rules for KPI checkout: maintenance[1]…". */
function namingKpi<T>(kpi: CatalogKpi, build: () => T): T {
  try {
    return build();
  } catch (error) {
    throw new Error(`rules for KPI ${kpi.id}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function kpiRuleGroup(kpi: KpiDefinition, scrapeIntervalMs: number, generatedAtMs: number): RuleGroup {
  return namingKpi(kpi, () => {
    const { sloWindowMs, policy, windowsMs } = kpiWindows(kpi);
    const slice = sliceOf(kpi);
    const maintenance = maintenanceCondition(kpi, generatedAtMs);
    const recording =
      kpi.indicator.type === 'ratio'
        ? ratioRecordingRules(kpi, kpi.indicator, windowsMs, maintenance)
        : sliceRecordingRules(kpi, kpi.indicator, windowsMs, scrapeIntervalMs, maintenance);
    return {
      name: ruleGroupName(kpi.id),
      ...(slice !== undefined ? { interval: slice } : {}),
      rules: [
        ...maintenanceRecordingRules(kpi, maintenance),
        ...recording,
        ...objectiveRules(kpi),
        ...burnRateAlertRules(kpi, policy, sloWindowMs, windowsMs[0]),
        ...absentDataAlertRules(kpi, windowsMs[0]),
      ],
    };
  });
}

// ---- Recording rules: composite KPIs -----------------------------------------------------------------------------

/**
 * A composite's group: per window of its own policy and SLO window, its error ratio from its members' base
 * records (compositeErrorRatioExpr), then the usual objective and burn-rate alerts on it. It reads the members'
 * base records, which every published member records in its own group, so it needs no query of its own.
 */
function compositeRuleGroup(
  kpi: CompositeKpiDefinition,
  catalog: readonly CatalogKpi[],
  generatedAtMs: number
): RuleGroup {
  return namingKpi(kpi, () => {
    const resolved = resolveMembers(kpi, catalog);
    if (!resolved.ok) {
      throw new Error(resolved.error);
    }
    const { sloWindowMs, policy, windowsMs } = kpiWindows(kpi);
    const labels = kpiLabels(kpi);
    return {
      name: ruleGroupName(kpi.id),
      rules: [
        // The composite's own windows hold its alerts; its members' windows already leave their base records.
        ...maintenanceRecordingRules(kpi, maintenanceCondition(kpi, generatedAtMs)),
        ...windowsMs.map((windowMs) => ({
          record: errorRatioRecordName(windowMs),
          expr: compositeErrorRatioExpr(resolved.members, windowMs),
          labels,
        })),
        ...objectiveRules(kpi),
        ...burnRateAlertRules(kpi, policy, sloWindowMs, windowsMs[0]),
        ...absentDataAlertRules(kpi, windowsMs[0]),
      ],
    };
  });
}

/** A member's good and total events over a window, from its base records, over every kpi_version. */
function memberCounts(member: KpiDefinition, windowMs: number): { good: string; total: string } {
  const range = `[${formatDuration(windowMs)}]`;
  const overVersions = (fn: string, record: string) =>
    `sum without (${PROM_LABEL_KPI_VERSION}) (${fn}(${selector(record, idLabel(member))}${range}))`;
  if (member.indicator.type !== 'ratio') {
    return {
      good: overVersions('sum_over_time', PROM_SLICE_GOOD_RECORD),
      total: overVersions('count_over_time', PROM_SLICE_GOOD_RECORD),
    };
  }
  const baseMs = kpiWindows(member).windowsMs[0];
  return {
    good: overVersions('sum_over_time', goodRateRecordName(baseMs)),
    total: overVersions('sum_over_time', totalRateRecordName(baseMs)),
  };
}

/**
 * The composite's error ratio over a window, Σ wᵢ·(1 − SLIᵢ) / Σ wᵢ, as PromQL:
 *   ((sum(w1 * ER1) or vector(0)) + …) / ((count(ER1) * w1 or vector(0)) + …)  and on () (every member has samples)
 * where ERᵢ = `1 - (goodᵢ / totalᵢ) >= 0`. A member without traffic has 0 / 0 = NaN, which fails `>= 0`: its term
 * and its weight drop out (`or vector(0)` stands in for them), as the engine drops it. When every member drops out
 * the ratio is 0 / 0, NaN, which no alert condition passes: no traffic. A member without samples in the window
 * makes the whole expression empty (the `and on ()`): no data, never a mean of the rest. Each sum makes the
 * member's series label-less, so the members add up whatever their labels.
 */
export function compositeErrorRatioExpr(
  members: ReadonlyArray<{ kpi: KpiDefinition; weight: number }>,
  windowMs: number
): string {
  return weightedErrorRatioExpr(
    members.map(({ kpi, weight }) => {
      const counts = memberCounts(kpi, windowMs);
      return { weight, errorRatio: `1 - (${counts.good} / ${counts.total})`, samples: counts.total };
    })
  );
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
function weightedErrorRatioExpr(terms: ReadonlyArray<{ weight: number; errorRatio: string; samples: string }>): string {
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

// ---- Recording rules: ratio KPIs ---------------------------------------------------------------------------------

/** `northstar:kpi_error_ratio:rate5m` for a 5-minute window. */
export function errorRatioRecordName(windowMs: number): string {
  return `${PROM_ERROR_RATIO_RECORD_PREFIX}${formatDuration(windowMs)}`;
}

/** `northstar:kpi_good:rate5m` for a 5-minute base window. */
export function goodRateRecordName(windowMs: number): string {
  return `${PROM_GOOD_RATE_RECORD_PREFIX}${formatDuration(windowMs)}`;
}

/** `northstar:kpi_total:rate5m` for a 5-minute base window. */
export function totalRateRecordName(windowMs: number): string {
  return `${PROM_TOTAL_RATE_RECORD_PREFIX}${formatDuration(windowMs)}`;
}

/** Good and total over the base window, the base error ratio, then one derived error ratio per longer window. */
function ratioRecordingRules(
  kpi: KpiDefinition,
  indicator: RatioIndicator,
  windowsMs: number[],
  maintenance: string | undefined
): RecordingRule[] {
  const [baseMs, ...longerMs] = windowsMs;
  const { good, total } = ratioQueries(indicator, baseMs);
  const labels = kpiLabels(kpi);
  const goodRecord = goodRateRecordName(baseMs);
  const totalRecord = totalRateRecordName(baseMs);
  const current = (record: string) => selector(record, labels);
  const allVersions = (record: string, windowMs: number) =>
    `sum without (${PROM_LABEL_KPI_VERSION}) (sum_over_time(${selector(record, idLabel(kpi))}[${formatDuration(windowMs)}]))`;
  return [
    { record: goodRecord, expr: outsideMaintenance(maintenance, good), labels },
    { record: totalRecord, expr: outsideMaintenance(maintenance, total), labels },
    {
      record: errorRatioRecordName(baseMs),
      expr: `1 - (${current(goodRecord)} / ${current(totalRecord)})`,
      labels,
    },
    ...longerMs.map((windowMs) => ({
      record: errorRatioRecordName(windowMs),
      expr: `1 - (${allVersions(goodRecord, windowMs)} / ${allVersions(totalRecord, windowMs)})`,
      labels,
    })),
  ];
}

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
function ratioQueries(indicator: RatioIndicator, windowMs: number): { good: string; total: string } {
  const window = formatDuration(windowMs);
  const macros = { rateInterval: window, interval: window, range: window };
  const total = expandGrafanaMacros(indicator.total, macros);
  const zero = indicator.groupBy ? `((${total}) * 0)` : 'vector(0)';
  return { good: `(${expandGrafanaMacros(indicator.good, macros)}) or ${zero}`, total };
}

// ---- Recording rules: threshold and timeslice KPIs ---------------------------------------------------------------

/** The good/bad verdict of each slice, then the share of bad slices per window. */
function sliceRecordingRules(
  kpi: KpiDefinition,
  indicator: ThresholdIndicator | TimesliceIndicator,
  windowsMs: number[],
  scrapeIntervalMs: number,
  maintenance: string | undefined
): RecordingRule[] {
  const labels = kpiLabels(kpi);
  const slices = selector(PROM_SLICE_GOOD_RECORD, idLabel(kpi));
  const overVersions = (fn: string, window: string) =>
    `sum without (${PROM_LABEL_KPI_VERSION}) (${fn}(${slices}[${window}]))`;
  return [
    {
      record: PROM_SLICE_GOOD_RECORD,
      expr: outsideMaintenance(maintenance, sliceVerdictExpr(indicator, scrapeIntervalMs)),
      labels,
    },
    ...windowsMs.map((windowMs) => {
      const window = formatDuration(windowMs);
      // good slices / all slices, added up over kpi_version so that a new version keeps the history
      return {
        record: errorRatioRecordName(windowMs),
        expr: `1 - (${overVersions('sum_over_time', window)} / ${overVersions('count_over_time', window)})`,
        labels,
      };
    }),
  ];
}

/**
 * 1 when the query meets the threshold, 0 when not, evaluated as one slice: `$__interval` and `$__range` are the
 * slice, `$__rate_interval` is Grafana's for a step of one slice.
 */
export function sliceVerdictExpr(indicator: ThresholdIndicator | TimesliceIndicator, scrapeIntervalMs: number): string {
  const slice = indicator.type === 'timeslice' ? indicator.slice : DEFAULT_THRESHOLD_SLICE;
  const query = expandGrafanaMacros(indicator.query, {
    rateInterval: grafanaRateInterval(parseDuration(slice), scrapeIntervalMs),
    interval: slice,
    range: slice,
  });
  return `(${query}) ${indicator.comparator} bool ${promNumber(indicator.threshold)}`;
}

// ---- Raw error ratio: no recorded series -------------------------------------------------------------------------

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
 * A per-label KPI as a whole over a window, from the user's queries alone: 1 − sum(good) / sum(total) over every
 * instance, one label-less series (the catalog list's aggregate). For other KPIs the same as rawErrorRatioExpr.
 */
export function rawAggregateErrorRatioExpr(
  kpi: KpiDefinition,
  windowMs: number,
  scrapeIntervalMs: number,
  span?: RawQuerySpan
): string {
  const { indicator } = kpi;
  if (indicator.type !== 'ratio' || !indicator.groupBy) {
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

// ---- Maintenance windows -----------------------------------------------------------------------------------------

/**
 * `northstar:kpi_maintenance:bool`: 1 while a window is open, 0 otherwise, for alerts and dashboard annotations.
 * Computed from time() alone (maintenanceRules.ts), so it backfills like the other base records.
 */
export function maintenanceRecordingRules(kpi: CatalogKpi, condition: string | undefined): RecordingRule[] {
  if (condition === undefined) {
    return [];
  }
  return [
    {
      record: PROM_MAINTENANCE_RECORD,
      expr: `(vector(1) and on () (${condition})) or vector(0)`,
      labels: kpiLabels(kpi),
    },
  ];
}

/**
 * A base record with no sample while maintenance lasts, so every window's sums leave those steps out as the
 * engine does. The condition is inlined rather than read from the record: base records must need no other record.
 */
function outsideMaintenance(condition: string | undefined, expr: string): string {
  return condition === undefined ? expr : `(${expr}) unless on () (${condition})`;
}

/** An alert condition that holds only while the KPI's maintenance record reads 0 (or is missing). */
function unlessInMaintenance(kpi: CatalogKpi, condition: string): string {
  if (!kpi.maintenance?.length) {
    return condition;
  }
  const inMaintenance = `${selector(PROM_MAINTENANCE_RECORD, kpiLabels(kpi))} == 1`;
  return `(${condition}) unless on (${PROM_LABEL_KPI_ID}) (${inMaintenance})`;
}

/**
 * The same for Grafana-managed rules, which read no recorded series: the condition itself, label-less, so
 * `on ()` matches every series of the alert.
 */
export function unlessInMaintenanceRaw(inMaintenance: string | undefined, condition: string): string {
  return inMaintenance === undefined ? condition : `(${condition}) unless on () (${inMaintenance})`;
}

// ---- Metadata rules: the objective -------------------------------------------------------------------------------

/** The target as a series, so dashboards and alerts can read it next to the ratios. */
export function objectiveRules(kpi: CatalogKpi): RecordingRule[] {
  return [
    { record: PROM_OBJECTIVE_RECORD, expr: `vector(${promNumber(kpi.objective.target)})`, labels: kpiLabels(kpi) },
  ];
}

// ---- Alerting rules: one per severity ----------------------------------------------------------------------------

/** One alerting rule per severity present in the policy; the rows of a severity are OR-ed. */
export function burnRateAlertRules(
  kpi: CatalogKpi,
  policy: BurnRateRule[],
  sloWindowMs: number,
  baseWindowMs: number
): AlertingRule[] {
  return SEVERITY_ORDER.flatMap((severity) => {
    const rows = policy.filter((row) => row.severity === severity);
    return rows.length === 0 ? [] : [burnRateAlertRule(kpi, severity, rows, sloWindowMs, baseWindowMs)];
  });
}

function burnRateAlertRule(
  kpi: CatalogKpi,
  severity: Severity,
  rows: BurnRateRule[],
  sloWindowMs: number,
  baseWindowMs: number
): AlertingRule {
  const recorded = (windowMs: number) => selector(errorRatioRecordName(windowMs), kpiLabels(kpi));
  return {
    alert: PROM_ALERT_NAME,
    expr: unlessInMaintenance(
      kpi,
      burnRateCondition(kpi, rows, recorded, (shortMs) => recordedEventCountGuard(kpi, baseWindowMs, shortMs))
    ),
    for: kpi.alerting?.[severity]?.for ?? ALERT_FOR[severity],
    // Alert labels and annotations are Go templates in Prometheus; catalog text must come out verbatim.
    labels: mapValues(alertLabels(kpi, severity), escapeGoTemplate),
    annotations: withInstanceInSummary(kpi, mapValues(alertAnnotations(kpi, rows, sloWindowMs), escapeGoTemplate)),
  };
}

/**
 * A per-label KPI's alerts fire per instance, each with its groupBy labels (they come with the error ratio
 * series), and the summary names the instance: "… too fast for route {{ $labels.route }}". The template is added
 * to the escaped annotations, so it is the only one Prometheus or Grafana expands.
 */
export function withInstanceInSummary(kpi: CatalogKpi, escaped: Record<string, string>): Record<string, string> {
  const groupBy = groupByOf(kpi);
  if (groupBy.length === 0) {
    return escaped;
  }
  const instance = groupBy.map((label) => `${label} {{ $labels.${label} }}`).join(', ');
  return { ...escaped, [ANNOTATION_SUMMARY]: `${escaped[ANNOTATION_SUMMARY]} for ${instance}` };
}

/**
 * `(long > (14.4 * 0.001) and short > (14.4 * 0.001)) or (…)`: some row of the policy burns faster than its factor
 * over both its windows. `errorRatio` gives the expression of a window's error ratio (a recorded series, or the raw
 * expression for Grafana-managed rules). With `alerting.minEvents`, each row also needs `eventGuard(short)`: the
 * low-traffic guard, so that a handful of failures among a handful of requests does not page.
 */
export function burnRateCondition(
  kpi: CatalogKpi,
  rows: readonly BurnRateRule[],
  errorRatio: (windowMs: number) => string,
  eventGuard?: (shortMs: number) => string
): string {
  const budget = promNumber(budgetShare(kpi.objective.target));
  // Only a ratio KPI counts events of its own to guard; a composite has none and passes no guard.
  const guarded = kpi.alerting?.minEvents !== undefined && kpi.indicator.type === 'ratio' && eventGuard;
  return rows
    .map((row) => {
      const threshold = `(${promNumber(row.factor)} * ${budget})`;
      const guard = guarded ? ` and ${eventGuard(row.shortMs)}` : '';
      return `(${errorRatio(row.longMs)} > ${threshold} and ${errorRatio(row.shortMs)} > ${threshold}${guard})`;
    })
    .join(' or ');
}

/**
 * The low-traffic guard over the recorded base rate: its mean over the short window times the window's seconds
 * is the window's events (lagging by up to the base window, as every recorded ratio does), over every kpi_version.
 */
function recordedEventCountGuard(kpi: CatalogKpi, baseWindowMs: number, shortMs: number): string {
  const rate = `sum without (${PROM_LABEL_KPI_VERSION}) (avg_over_time(${selector(totalRateRecordName(baseWindowMs), idLabel(kpi))}[${formatDuration(shortMs)}]))`;
  const on = [PROM_LABEL_KPI_ID, ...groupByOf(kpi)].join(', ');
  return `on (${on}) (${rate} * ${promNumber(shortMs / 1000)} >= ${promNumber(kpi.alerting!.minEvents!)})`;
}

/** The low-traffic guard over the user's total query alone (Grafana-managed rules need no recorded series). */
export function rawEventCountGuard(kpi: KpiDefinition, shortMs: number): string {
  return `on (${groupByOf(kpi).join(', ')}) (${rawEventCountExpr(kpi, shortMs)} >= ${promNumber(kpi.alerting!.minEvents!)})`;
}

/**
 * severity (the tier's own name for it, `page` and `ticket` by default), burnrate_tier (always page or ticket, for
 * Alertmanager inhibition: a page silences the ticket of the same kpi_id), kpi_id, kpi_version and owner, unescaped.
 */
export function alertLabels(kpi: CatalogKpi, severity: Severity): Record<string, string> {
  return {
    [PROM_LABEL_SEVERITY]: kpi.alerting?.[severity]?.severity ?? severity,
    [PROM_LABEL_BURNRATE_TIER]: severity,
    ...kpiLabels(kpi),
    [PROM_LABEL_OWNER]: kpi.owner,
  };
}

/** The default severity label of the absent-data alert: someone should look, nobody needs waking. */
export const ABSENT_DEFAULT_SEVERITY = 'ticket';

/**
 * With `alerting.absent`: an alert when the KPI's base series is gone for `for` (the exporter stopped, a relabel
 * broke the query). Burn-rate rules cannot see that: no data never burns.
 */
export function absentDataAlertRules(kpi: CatalogKpi, baseWindowMs: number): AlertingRule[] {
  const absent = kpi.alerting?.absent;
  if (!absent) {
    return [];
  }
  // A composite's ratio is gone as soon as one member has no samples: its absence is the composite's no-data.
  const series =
    kpi.indicator.type === 'ratio'
      ? selector(totalRateRecordName(baseWindowMs), kpiLabels(kpi))
      : kpi.indicator.type === 'composite'
        ? selector(errorRatioRecordName(baseWindowMs), kpiLabels(kpi))
        : selector(PROM_SLICE_GOOD_RECORD, kpiLabels(kpi));
  return [
    {
      alert: PROM_ABSENT_ALERT_NAME,
      expr: unlessInMaintenance(kpi, `absent(${series})`),
      for: absent.for,
      labels: mapValues(absentAlertLabels(kpi), escapeGoTemplate),
      annotations: mapValues(absentAlertAnnotations(kpi), escapeGoTemplate),
    },
  ];
}

/** severity (`alerting.absent.severity`, ticket by default), kpi_id, kpi_version and owner, unescaped. */
export function absentAlertLabels(kpi: CatalogKpi): Record<string, string> {
  return {
    [PROM_LABEL_SEVERITY]: kpi.alerting?.absent?.severity ?? ABSENT_DEFAULT_SEVERITY,
    ...kpiLabels(kpi),
    [PROM_LABEL_OWNER]: kpi.owner,
  };
}

/** Summary, description and runbook of the absent-data alert, unescaped. */
export function absentAlertAnnotations(kpi: CatalogKpi): Record<string, string> {
  return {
    [ANNOTATION_SUMMARY]: `${kpi.name} has no data`,
    [ANNOTATION_DESCRIPTION]: `${kpi.name} (${kpi.id} v${kpi.version}) has had no data for ${kpi.alerting?.absent?.for}: its burn rate and budget cannot be evaluated, and its burn-rate alerts cannot fire.`,
    ...(kpi.links?.runbook ? { [ANNOTATION_RUNBOOK_URL]: kpi.links.runbook } : {}),
  };
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

/** summary, description and (when the KPI has one) runbook_url, unescaped. */
export function alertAnnotations(
  kpi: CatalogKpi,
  rows: readonly BurnRateRule[],
  sloWindowMs: number
): Record<string, string> {
  const annotations: Record<string, string> = {
    [ANNOTATION_SUMMARY]: `${kpi.name} burns its error budget too fast`,
    [ANNOTATION_DESCRIPTION]: describeBurn(kpi, rows, sloWindowMs),
  };
  if (kpi.links?.runbook) {
    annotations[ANNOTATION_RUNBOOK_URL] = kpi.links.runbook;
  }
  return annotations;
}

/**
 * The policy rows in words, e.g. "… over both the last 1h and the last 5m at more than 14.4x the sustainable rate
 * (error ratio above 1.44 %, 2 % of the budget gone in 1h), or …".
 */
function describeBurn(kpi: CatalogKpi, rows: readonly BurnRateRule[], sloWindowMs: number): string {
  const target = kpi.objective.target;
  const sloWindow = formatDuration(sloWindowMs);
  const parts = rows.map((row, i) => {
    const long = formatDuration(row.longMs);
    const rate = i === 0 ? `${textNumber(row.factor)}x the sustainable rate` : `${textNumber(row.factor)}x`;
    const details = [`error ratio above ${percent(row.factor * budgetShare(target))}`];
    if (row.budgetFraction !== undefined) {
      details.push(`${percent(row.budgetFraction)} of the budget gone in ${long}`);
    }
    return `over both the last ${long} and the last ${formatDuration(row.shortMs)} at more than ${rate} (${details.join(', ')})`;
  });
  return (
    `${kpi.name} (${kpi.id} v${kpi.version}, target ${percent(target)} over ${sloWindow}) is burning its error ` +
    `budget faster than the policy allows: ${parts.join(', or ')}. At 1x the budget lasts exactly ${sloWindow}.`
  );
}

// ---- PromQL and text helpers -------------------------------------------------------------------------------------

function kpiLabels(kpi: CatalogKpi): Record<string, string> {
  return { [PROM_LABEL_KPI_ID]: kpi.id, [PROM_LABEL_KPI_VERSION]: String(kpi.version) };
}

function idLabel(kpi: CatalogKpi): Record<string, string> {
  return { [PROM_LABEL_KPI_ID]: kpi.id };
}

/** `metric{a="x",b="y"}` with every label value quoted as a PromQL string. */
export function selector(metric: string, labels: Record<string, string>): string {
  const matchers = Object.entries(labels).map(([name, value]) => `${name}=${promqlString(value)}`);
  return `${metric}{${matchers.join(',')}}`;
}

/** A double-quoted PromQL string literal: backslash, double quote and line breaks escaped. */
export function promqlString(value: string): string {
  const escaped = value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
  return `"${escaped}"`;
}

/** A PromQL number without float noise: 1 - 0.999 is written 0.001, 0.02 × 720 is 14.4. */
export function promNumber(value: number): string {
  if (!Number.isFinite(value)) {
    throw new Error(`${value} is not a finite number`);
  }
  return String(Number(value.toPrecision(12)));
}

/** 1 − target without the noise of the subtraction: in floats 1 − 0.99999 is 0.00000999999999995. */
function budgetShare(target: number): number {
  return Number((1 - target).toFixed(15));
}

function percent(share: number): string {
  return `${textNumber(share * 100)} %`;
}

/** Six significant digits are plenty for people: 99.999, 0.933333. */
function textNumber(value: number): string {
  return String(Number(value.toPrecision(6)));
}

/**
 * Prometheus and Grafana expand alert labels and annotations as Go templates. Go's text/template has no escape
 * for its delimiter; an action printing the literal "{{" is the idiom.
 */
export function escapeGoTemplate(text: string): string {
  return text.split('{{').join('{{ "{{" }}');
}

function mapValues(record: Record<string, string>, fn: (value: string) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, fn(value)]));
}

function copyGroup(group: RuleGroup): RuleGroup {
  return {
    name: group.name,
    ...(group.interval !== undefined ? { interval: group.interval } : {}),
    rules: group.rules.map(copyRule),
  };
}

function copyRule(rule: Rule): Rule {
  if ('record' in rule) {
    return { record: rule.record, expr: rule.expr, labels: { ...rule.labels } };
  }
  return {
    alert: rule.alert,
    expr: rule.expr,
    ...(rule.for !== undefined ? { for: rule.for } : {}),
    labels: { ...rule.labels },
    annotations: { ...rule.annotations },
  };
}
