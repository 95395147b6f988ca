/**
 * The KPI model: types only. A KPI is a metric plus a target, a context (owner, audience, decision) and a
 * timeframe. Validation lives in schema.ts, maths in evaluate.ts and policy.ts.
 */
import type { KpiGate, KpiReview } from './decision';
import type { KpiQuery } from './query';

export const CATALOG_API_VERSION = 'northstar.dev/v1';
export const CATALOG_KIND = 'KpiCatalog';

/** The calendar periods an objective's window can be (period.ts works out their instants). */
export const CALENDAR_UNITS = ['week', 'month', 'quarter'] as const;
export type CalendarUnit = (typeof CALENDAR_UNITS)[number];

export type KpiLifecycle = 'draft' | 'published' | 'retired';
export type Audience = 'executive' | 'oncall' | 'engineering' | 'product' | 'business';
export type Comparator = '<' | '<=' | '>' | '>=';
export type Severity = 'page' | 'ticket';

export interface DatasourceRef {
  type: string;
  uid: string;
}

/**
 * Good and total events: in PromQL each query returns a per-second rate (as `sum(rate(...[$__rate_interval]))`);
 * in SQL, counts per time bucket (`count(*)` grouped by `$__timeGroupAlias`).
 */
export interface RatioIndicator {
  type: 'ratio';
  good: KpiQuery;
  total: KpiQuery;
  /**
   * Per-label KPI: one instance per set of values of these labels (1–3), which both queries must keep
   * (`sum by (route) (…)`). The KPI as a whole is the sum of its instances.
   */
  groupBy?: string[];
  /** The cardinality guard of a per-label KPI: at most this many instances are evaluated (DEFAULT_MAX_INSTANCES). */
  maxInstances?: number;
}

/** A value compared with a threshold; its SLI is the share of good timeslices (slice = query step). */
export interface ThresholdIndicator {
  type: 'threshold';
  query: KpiQuery;
  comparator: Comparator;
  threshold: number;
  unit?: string;
}

/** Like ThresholdIndicator with an explicit slice duration (default 1m). */
export interface TimesliceIndicator {
  type: 'timeslice';
  query: KpiQuery;
  comparator: Comparator;
  threshold: number;
  unit?: string;
  slice: string;
}

export type Indicator = RatioIndicator | ThresholdIndicator | TimesliceIndicator;

/** How a value KPI's query folds the period's steps into one number (valueEvaluation.ts). */
export const VALUE_AGGREGATIONS = ['sum', 'mean', 'last', 'min', 'max'] as const;
export type ValueAggregation = (typeof VALUE_AGGREGATIONS)[number];

/**
 * A business value over the period, such as conversion, revenue or cost per request: either Σ numerator /
 * Σ denominator over the period (never a mean of ratios), or one query folded by `aggregation`. Both queries of a
 * ratio, and a `sum` query, return per-second rates, so their sums over the period are totals (as `increase`).
 */
export type ValueIndicator = ValueRatioIndicator | ValueQueryIndicator;

export interface ValueRatioIndicator {
  type: 'value';
  numerator: KpiQuery;
  denominator: KpiQuery;
  /** A Grafana unit id, such as percentunit, currencyUSD or s. */
  unit: string;
  query?: undefined;
  aggregation?: undefined;
}

export interface ValueQueryIndicator {
  type: 'value';
  query: KpiQuery;
  aggregation: ValueAggregation;
  /** A Grafana unit id, such as percentunit, currencyUSD or s. */
  unit: string;
  numerator?: undefined;
  denominator?: undefined;
}

/** Which way a value KPI is better: conversion is better higher, cost per request lower. */
export type ValueDirection = 'higher' | 'lower';

/**
 * A value KPI's objective: the value against `target` over the window, judged by `direction`. Between `warning`
 * and `target` the KPI is at-risk; past `warning` (or past `target` without one) it is off-track.
 */
export interface ValueObjective {
  direction: ValueDirection;
  /** Any number in the indicator's unit: not limited to 0..1. */
  target: number;
  warning?: number;
  window: ObjectiveWindow;
}

/** One member of a composite KPI: another KPI of the same catalog, by id, and its weight. */
export interface CompositeMember {
  kpi: string;
  weight: number;
}

/**
 * A KPI made of weighted member KPIs ("checkout journey" = browse, cart, pay): its SLI over a window is the
 * weighted mean of the members' SLIs (composite.ts). It has no queries of its own; its members carry them.
 */
export interface CompositeIndicator {
  type: 'composite';
  members: CompositeMember[];
}

export interface Objective {
  /** Share of good events or timeslices, strictly between 0 and 1. */
  target: number;
  /** A rolling window as a Prometheus duration ("28d"), or a calendar period in a time zone. */
  window: ObjectiveWindow;
}

export type ObjectiveWindow = string | CalendarWindow;

/** The week (from Monday), month or quarter so far, from local midnight in an IANA time zone (period.ts). */
export interface CalendarWindow {
  calendar: CalendarUnit;
  timeZone: string;
}

/** One row of a burn-rate policy: either a factor or the budget fraction spent within the long window. */
export interface BurnRateRuleSpec {
  severity: Severity;
  long: string;
  /** Defaults to long / 12. */
  short?: string;
  factor?: number;
  budgetFraction?: number;
}

/**
 * The burn-rate rules, and the low-traffic guard: with `minEvents`, a rule whose short window holds fewer events
 * does not fire, and the KPI reads `low-traffic` instead of `ok` (a handful of requests can burn at 100x by chance).
 */
export type AlertPolicySpec = ({ policy: 'default' } | { policy: 'custom'; rules: BurnRateRuleSpec[] }) & {
  minEvents?: number;
  /** Per tier: off, or with its own severity label and `for`. */
  page?: AlertTierSpec;
  ticket?: AlertTierSpec;
  /** An alert when the KPI's data is gone (its total, or its slices, has no series). */
  absent?: AbsentAlertSpec;
};

/** How one burn-rate tier alerts: `enabled: false` drops its rows; `severity` names the alert's severity label. */
export interface AlertTierSpec {
  enabled?: boolean;
  severity?: string;
  for?: string;
}

export interface AbsentAlertSpec {
  /** How long the data must be missing before it alerts. */
  for: string;
  /** The alert's severity label (default "ticket"). */
  severity?: string;
}

/**
 * A period excluded from the budget and from alerting: steps inside it count neither as events nor as missing
 * data, and no burn-rate or absent-data alert fires while it lasts (maintenance.ts).
 */
export type MaintenanceWindow = FixedMaintenanceWindow | RecurringMaintenanceWindow;

/** From `start` to `end` (exclusive), ISO 8601 instants with `Z` or an offset. */
export interface FixedMaintenanceWindow {
  start: string;
  end: string;
  reason: string;
}

/** Every time a 5-field cron fires on the wall clock of `timeZone` (default UTC), for `duration`. */
export interface RecurringMaintenanceWindow {
  cron: string;
  duration: string;
  timeZone?: string;
  reason: string;
}

export interface KpiLinks {
  runbook?: string;
  dashboard?: string;
  [name: string]: string | undefined;
}

/** An SLO that queries a data source itself: ratio, threshold or timeslice. */
export interface KpiDefinition extends KpiCommon {
  datasource: DatasourceRef;
  indicator: Indicator;
}

/** A KPI made of other KPIs of its catalog; it has no data source of its own (its members carry theirs). */
export interface CompositeKpiDefinition extends KpiCommon {
  datasource?: undefined;
  indicator: CompositeIndicator;
}

/**
 * A business KPI: a value against a target over a period, judged by direction (not an SLO: it has no error budget,
 * burn rate or burndown).
 */
export interface ValueKpiDefinition extends KpiBase {
  datasource: DatasourceRef;
  indicator: ValueIndicator;
  objective: ValueObjective;
  alerting?: ValueAlertSpec;
}

/**
 * How a value KPI alerts: once it has been off-track (past its warning, or its target without one) for `for`, a
 * ticket, or a page with `page: true`. Without `alerting` it alerts with the defaults.
 */
export interface ValueAlertSpec {
  policy?: undefined;
  /** How long off-track before the alert fires (DEFAULT_VALUE_ALERT_FOR). */
  for?: string;
  /** Page instead of a ticket: a business number rarely needs someone woken. */
  page?: boolean;
}

/** `alerting.for` of a value KPI when the catalog does not say: an hour rides out a noisy dip. */
export const DEFAULT_VALUE_ALERT_FOR = '1h';

/** Any KPI of a catalog. */
export type CatalogKpi = KpiDefinition | CompositeKpiDefinition | ValueKpiDefinition;

/** The SLOs of a catalog: the KPIs with an error budget (ratio, threshold, timeslice and composite). */
export type SloKpi = KpiDefinition | CompositeKpiDefinition;

export function isCompositeKpi(kpi: CatalogKpi): kpi is CompositeKpiDefinition {
  return kpi.indicator.type === 'composite';
}

export function isValueKpi(kpi: CatalogKpi): kpi is ValueKpiDefinition {
  return kpi.indicator.type === 'value';
}

/**
 * The SLOs that read data sources themselves (what query planners, rule and dashboard generators take): neither
 * composites nor value KPIs, which have no good/total events.
 */
export function sourcedKpis(kpis: readonly CatalogKpi[]): KpiDefinition[] {
  return kpis.filter(isSourcedSlo);
}

/** An SLO that reads a data source itself: neither a composite nor a value KPI. */
export function isSourcedSlo(kpi: CatalogKpi): kpi is KpiDefinition {
  return !isCompositeKpi(kpi) && !isValueKpi(kpi);
}

/** The value KPIs of a catalog. */
export function valueKpis(kpis: readonly CatalogKpi[]): ValueKpiDefinition[] {
  return kpis.filter(isValueKpi);
}

/** What every KPI has, whatever its indicator and objective. */
export interface KpiBase {
  id: string;
  version: number;
  status: KpiLifecycle;
  name: string;
  description?: string;
  owner: string;
  audience?: Audience[];
  decision?: string;
  /** The ids of the KPIs and SLOs that drive this one: conversion is driven by search latency. */
  drivenBy?: string[];
  /** What `northstar gate` checks before a deploy. */
  gate?: KpiGate;
  review?: KpiReview;
  tags?: string[];
  maintenance?: MaintenanceWindow[];
  links?: KpiLinks;
}

/** What every SLO has: a KpiBase with a target share of good events or slices, and a burn-rate alert policy. */
export interface KpiCommon extends KpiBase {
  objective: Objective;
  alerting?: AlertPolicySpec;
}

export interface Catalog {
  apiVersion: typeof CATALOG_API_VERSION;
  kind: typeof CATALOG_KIND;
  kpis: CatalogKpi[];
}

/**
 * What a KPI's evaluation says, most severe first; `low-traffic` is within budget with burn-rate rules held back
 * by the low-traffic guard; `maintenance` is the evaluation instant inside a maintenance window, where nothing
 * alerts; `no-traffic` is a neutral state of its own.
 */
export type KpiStatus =
  'no-data' | 'page' | 'ticket' | 'budget-exhausted' | 'at-risk' | 'low-traffic' | 'maintenance' | 'ok' | 'no-traffic';

export const STATUS_SEVERITY_ORDER: readonly KpiStatus[] = [
  'no-data',
  'page',
  'ticket',
  'budget-exhausted',
  'at-risk',
  'low-traffic',
  'maintenance',
  'ok',
  'no-traffic',
];

/** Budget remaining below this share of the budget makes a KPI `at-risk`. */
export const AT_RISK_BUDGET_REMAINING = 0.25;

/** `indicator.maxInstances` when the catalog does not say: a dashboard table of 50 routes is still readable. */
export const DEFAULT_MAX_INSTANCES = 50;
/** The highest `indicator.maxInstances` a catalog may ask for: beyond it a KPI costs more series than it explains. */
export const MAX_INSTANCES_LIMIT = 10_000;

/** Names shared by the rule generator, the data layer and tests. */
export const PROM_LABEL_KPI_ID = 'kpi_id';
export const PROM_LABEL_KPI_VERSION = 'kpi_version';
export const PROM_LABEL_SEVERITY = 'severity';
/** page or ticket, whatever the severity label says: what Alertmanager inhibition rules match on. */
export const PROM_LABEL_BURNRATE_TIER = 'burnrate_tier';
export const PROM_LABEL_OWNER = 'owner';
export const PROM_ERROR_RATIO_RECORD_PREFIX = 'northstar:kpi_error_ratio:rate';
/** Good and total events per second over the base window, recorded once per ratio KPI (`…:rate5m`). */
export const PROM_GOOD_RATE_RECORD_PREFIX = 'northstar:kpi_good:rate';
export const PROM_TOTAL_RATE_RECORD_PREFIX = 'northstar:kpi_total:rate';
/**
 * The base good and total records' samples added up over an hour or a day (`…:sum1h`, `…:sum1d`), recorded every
 * evaluation so that windows of a day and longer read a few of them instead of every base sample.
 */
export const PROM_GOOD_SUM_RECORD_PREFIX = 'northstar:kpi_good:sum';
export const PROM_TOTAL_SUM_RECORD_PREFIX = 'northstar:kpi_total:sum';
/**
 * Good and total events since the previous evaluation, as exact counter differences (`…:increase1m`), recorded when
 * the KPI's queries are sums of one counter's rate: what the sums add up, so that long windows are exact counts.
 */
export const PROM_GOOD_INCREASE_RECORD_PREFIX = 'northstar:kpi_good:increase';
export const PROM_TOTAL_INCREASE_RECORD_PREFIX = 'northstar:kpi_total:increase';
/** 1 when a threshold or timeslice KPI's slice met its threshold, 0 when not; recorded once per slice. */
export const PROM_SLICE_GOOD_RECORD = 'northstar:kpi_slice_good:bool';
export const PROM_OBJECTIVE_RECORD = 'northstar:kpi_objective:ratio';
/** 1 while the KPI is in a maintenance window, 0 otherwise: burn-rate and absent-data alerts stay quiet on 1. */
export const PROM_MAINTENANCE_RECORD = 'northstar:kpi_maintenance:bool';
export const PROM_ALERT_NAME = 'NorthstarKpiErrorBudgetBurn';
/**
 * A value KPI's base records, over the base window (`…:rate5m`): its numerator and denominator, or its one query,
 * with Grafana's macros set to 5m. Its value over the period is derived from them (`northstar:kpi_value:7d`).
 */
export const PROM_VALUE_NUMERATOR_RECORD_PREFIX = 'northstar:kpi_value_numerator:rate';
export const PROM_VALUE_DENOMINATOR_RECORD_PREFIX = 'northstar:kpi_value_denominator:rate';
export const PROM_VALUE_QUERY_RECORD_PREFIX = 'northstar:kpi_value_query:';
export const PROM_VALUE_RECORD_PREFIX = 'northstar:kpi_value:';
/** The target and warning of a value KPI, for dashboards and alert templates to compare against. */
export const PROM_VALUE_TARGET_RECORD = 'northstar:kpi_value_target';
export const PROM_VALUE_ALERT_NAME = 'NorthstarKpiValueOffTrack';
export const PROM_ABSENT_ALERT_NAME = 'NorthstarKpiDataAbsent';
