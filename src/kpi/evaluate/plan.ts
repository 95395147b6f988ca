/**
 * How to read a KPI from a data source that answers range queries: the step, the grid and the queries with
 * Grafana's macros expanded (DESIGN §3). Pure: the caller runs the queries and hands back the values.
 */
import {
  type CalendarBudget,
  coveringRangeMs,
  DEFAULT_SCRAPE_INTERVAL_MS,
  expandGrafanaMacros,
  formatDuration,
  grafanaRateInterval,
  type Grid,
  gridEndingAt,
  nominalSloWindowMs,
  parseDuration,
  sloWindowAt,
} from '../time';
import { type KpiDefinition, type KpiQuery, requirePromql } from '../model';
import { policyWindows, resolvePolicy, type BurnRateRule } from '../policy';

const DEFAULT_THRESHOLD_SLICE_MS = 60_000;
/** Prometheus refuses range queries of more than 11,000 points per series; stay clear of it. */
const MAX_RANGE_POINTS = 10_000;

export interface RangePlan {
  kpi: KpiDefinition;
  /** The SLO window ending at the plan's instant: for a calendar period, the period so far. */
  sloWindowMs: number;
  calendar?: CalendarBudget;
  rules: BurnRateRule[];
  grid: Grid;
  /** ratio: good and total per second; threshold and timeslice: the value per slice. */
  queries: { good: string; total: string } | { value: string };
}

export function gcd(a: number, b: number): number {
  while (b) {
    [a, b] = [b, a % b];
  }
  return a;
}

/**
 * Ratio KPIs step by the largest duration that divides every window, so each window is a whole number of
 * steps (5m for the default policy); threshold KPIs step by their slice, as each step is one slice.
 */
export function chooseStepMs(kpi: KpiDefinition, windowsMs: readonly number[]): number {
  if (kpi.indicator.type === 'timeslice') {
    return parseDuration(kpi.indicator.slice);
  }
  if (kpi.indicator.type === 'threshold') {
    return DEFAULT_THRESHOLD_SLICE_MS;
  }
  return windowsMs.reduce(gcd);
}

/**
 * The step of a range query over `spanMs` (the KPI's covering range unless said): the one the rules imply, a whole multiple of it
 * when the range would otherwise hold too many points (then the shortest windows are off the grid, windowCounts.ts).
 */
export function rangeStepMs(kpi: KpiDefinition, spanMs = coveringRangeMs(kpi)): number {
  return stepWithinPointBudget(baseStepMs(kpi), spanMs);
}

/** The least whole multiple of `stepMs` at which a range query over `spanMs` stays within Prometheus's points. */
export function stepWithinPointBudget(stepMs: number, spanMs: number): number {
  return stepMs * Math.max(1, Math.ceil(spanMs / stepMs / MAX_RANGE_POINTS));
}

/** The step every window of the KPI's policy and its SLO window is a whole number of. */
export function baseStepMs(kpi: KpiDefinition): number {
  const nominalMs = nominalSloWindowMs(kpi);
  return chooseStepMs(kpi, [...policyWindows(resolvePolicy(kpi.alerting, nominalMs)), nominalMs]);
}

export interface PlanOptions {
  atMs: number;
  scrapeIntervalMs?: number;
  stepMs?: number;
}

/** Plans the range queries that cover the KPI's SLO window and its policy windows, ending at `atMs`. */
export function planRange(kpi: KpiDefinition, options: PlanOptions): RangePlan {
  const nominalMs = nominalSloWindowMs(kpi);
  const rules = resolvePolicy(kpi.alerting, nominalMs);
  const policy = policyWindows(rules);
  const stepMs = options.stepMs ?? chooseStepMs(kpi, [...policy, nominalMs]);
  const slo = sloWindowAt(kpi.objective.window, options.atMs, stepMs);
  const spanMs = Math.max(slo.sloWindowMs, ...policy);
  const grid = gridEndingAt(options.atMs, stepMs, Math.max(1, Math.floor(spanMs / stepMs)));
  const macros = {
    rateInterval: grafanaRateInterval(stepMs, options.scrapeIntervalMs ?? DEFAULT_SCRAPE_INTERVAL_MS),
    interval: formatDuration(stepMs),
    range: formatDuration(slo.sloWindowMs),
  };
  const indicator = kpi.indicator;
  // Only PromQL is expanded here: the CLI runs it against Prometheus itself, without Grafana to expand the macros.
  const expand = (field: string, query: KpiQuery) => expandGrafanaMacros(requirePromql(query, field, kpi.id), macros);
  const queries =
    indicator.type === 'ratio'
      ? { good: expand('good', indicator.good), total: expand('total', indicator.total) }
      : { value: expand('query', indicator.query) };
  return { kpi, ...slo, rules, grid, queries };
}
