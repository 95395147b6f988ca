/**
 * Live status of many KPIs at once (the catalog list, DESIGN §5 "Query plan"): per KPI and window one instant
 * query of the raw error ratio (the user's queries, no recorded series needed), plus one coarse range query for
 * the row's trend sparkline; per value KPI the range queries of its period and the one before
 * (valueRangeQuery.ts) — batched into ONE `POST /api/ds/query` per data source and refresh, never one request per
 * KPI. The request's range reaches back to the earliest value KPI's previous period.
 */
import {
  type CalendarBudget,
  DEFAULT_SCRAPE_INTERVAL_MS,
  formatDuration,
  maintenanceAt,
  nominalSloWindowMs,
  previousPeriodAt,
  sloWindowAt,
} from '../kpi/time';
import {
  combineMembers,
  compositeErrorRatio,
  type CompositeMemberInput,
  evaluateWindowTotals,
  evaluationWindows,
  type KpiEvaluation,
  memberOverCompositeWindows,
  resolveMembers,
  type WindowTotals,
} from '../kpi/evaluate';
import {
  type CatalogKpi,
  type CompositeKpiDefinition,
  groupByOf,
  isCompositeKpi,
  isPromqlKpi,
  isValueKpi,
  notPromqlNote,
  type KpiDefinition,
  type ValueKpiDefinition,
} from '../kpi/model';
import { resolvePolicy } from '../kpi/policy';
import {
  promNumber,
  rawAggregateErrorRatioExpr,
  rawErrorRatioExpr,
  rawErrorRatioOfPeriodExpr,
  rawEventCountExpr,
} from '../kpi/promql';
import {
  datasourceKey,
  DsQueryBatch,
  instantQuery,
  postDsQueries,
  type DsQueryRequest,
  type DsQueryResponse,
} from './dsQuery';
import { type PlannedRangeRow, planRangeRow, rangeRowStartMs, readRangeRow } from './catalogRangeRows';
import {
  CATALOG_WORST_INSTANCES,
  type CatalogInstances,
  type InstanceRefIds,
  instancesOf,
  type KpiTrend,
  outsideUnitRange,
  previousSliOf,
  type PreviousPeriodSli,
  ratioDataProblem,
  totalsFromErrorRatio,
  TREND_SPAN_MS,
  TREND_STEP_MS,
  trendOf,
} from './catalogRowParts';
import { latestSum } from './instantResults';
import {
  isPlannedValueRange,
  planValueRange,
  readValueRange,
  valueRangeStartMs,
  type PlannedValueRange,
  type UnplannedValueRange,
} from './valueRangeQuery';
import type { ValueReading } from '../reading';

export type { DsQueryResponse } from './dsQuery';
export {
  CATALOG_WORST_INSTANCES,
  type CatalogInstances,
  type KpiTrend,
  type PreviousPeriodSli,
  TREND_SPAN_MS,
  TREND_STEP_MS,
} from './catalogRowParts';

interface PlannedKpi {
  kpi: KpiDefinition;
  /** The SLO window at the refresh: for a calendar KPI its period so far (`calendar`). */
  sloWindowMs: number;
  calendar?: CalendarBudget;
  rules: ReturnType<typeof resolvePolicy>;
  /** refId of each window's error-ratio query. */
  refIds: Map<number, string>;
  /** Undefined for a composite's member: the composite's row has no sparkline (its members' rows do). */
  trendRefId: string;
  /** KPIs with a low-traffic guard (`alerting.minEvents`): refId of the event count of each rule's short window. */
  eventRefIds: Map<number, string>;
  /** Calendar KPIs: the query of the whole previous period, "last month". */
  previous?: { refId: string; label: string };
  /** Per-label KPIs: refIds of the worst instances, of how many there are and of how many miss the target. */
  instances?: InstanceRefIds;
}

const MINUTE_MS = 60_000;

/** A composite: its members' queries, planned over its windows in the same batch, and how to combine them. */
interface PlannedComposite {
  kpi: CompositeKpiDefinition;
  members: Array<{ planned: PlannedKpi; weight: number }>;
  /** Why the composite cannot be read (a member not in the catalog). */
  error?: string;
}

export interface CatalogRefreshPlan {
  atMs: number;
  /** Where every request's range starts. */
  fromMs: number;
  requests: DsQueryRequest[];
  kpis: Array<PlannedKpi | PlannedComposite | PlannedValue | PlannedRangeRow>;
}

/** A value KPI: its range queries, or why it has none. */
type PlannedValue = PlannedValueRange | UnplannedValueRange;

type Planned = CatalogRefreshPlan['kpis'][number];
const isPlannedComposite = (planned: Planned): planned is PlannedComposite => isCompositeKpi(planned.kpi);
const isPlannedValue = (planned: Planned): planned is PlannedValue => isValueKpi(planned.kpi);
const isPlannedRangeRow = (planned: Planned): planned is PlannedRangeRow => 'plan' in planned;

/** An SLO of its own whose queries are not PromQL: read through range queries, as the KPI page reads it. */
const readsRange = (kpi: CatalogKpi): kpi is KpiDefinition =>
  !isValueKpi(kpi) && !isCompositeKpi(kpi) && !isPromqlKpi(kpi);

/**
 * Adds one KPI's instant queries (refIds start with `prefix`) to the batch: a catalog `row` of its own, or a
 * composite's `member`, which needs its windows and its trend but not last period or its worst instances.
 */
function planKpi(
  kpi: KpiDefinition,
  prefix: string,
  batch: DsQueryBatch,
  atMs: number,
  scrapeIntervalMs: number,
  role: 'row' | 'member'
): PlannedKpi {
  const datasource = kpi.datasource;
  const rules = resolvePolicy(kpi.alerting, nominalSloWindowMs(kpi));
  // A calendar KPI's SLO window is its period so far, in whole minutes: one more instant query, whatever its length.
  const slo = sloWindowAt(kpi.objective.window, atMs, MINUTE_MS);
  const windows = evaluationWindows(rules, slo.sloWindowMs);
  // Maintenance in a window leaves its steps out of the raw queries too, as on the KPI page.
  const spanOf = (windowMs: number) => ({ fromMs: atMs - windowMs, toMs: atMs });
  const refIds = new Map<number, string>();
  windows.forEach((windowMs) => {
    // Short, unique and readable in Grafana's query inspector: k<index>-<window>.
    const refId = `${prefix}-${formatDuration(windowMs)}`;
    refIds.set(windowMs, refId);
    // A per-label KPI's windows are its aggregate's: one series, the sum over its instances.
    batch.add(
      instantQuery(
        datasource,
        refId,
        rawAggregateErrorRatioExpr(kpi, windowMs, scrapeIntervalMs, spanOf(windowMs)),
        scrapeIntervalMs
      )
    );
  });
  const trendRefId = `${prefix}-trend`;
  batch.add({
    refId: trendRefId,
    datasource,
    expr: rawAggregateErrorRatioExpr(kpi, TREND_STEP_MS, scrapeIntervalMs, spanOf(TREND_SPAN_MS + TREND_STEP_MS)),
    instant: false,
    range: true,
    format: 'time_series',
    intervalMs: TREND_STEP_MS,
    // The request reaches further back when it holds value KPIs: as many points as keep the step at 6h.
    maxDataPoints: Math.ceil((atMs - batch.range.fromMs) / TREND_STEP_MS),
    interval: formatDuration(TREND_STEP_MS),
  });
  const eventRefIds = new Map<number, string>();
  if (kpi.alerting?.minEvents !== undefined) {
    for (const shortMs of new Set(rules.map((rule) => rule.shortMs))) {
      const refId = `${prefix}-events-${formatDuration(shortMs)}`;
      eventRefIds.set(shortMs, refId);
      batch.add(instantQuery(datasource, refId, rawEventCountExpr(kpi, shortMs, spanOf(shortMs)), scrapeIntervalMs));
    }
  }
  const last = role === 'row' ? previousPeriodAt(kpi.objective.window, atMs) : undefined;
  let previous: PlannedKpi['previous'];
  if (last) {
    previous = { refId: `${prefix}-last`, label: last.label };
    batch.add(
      instantQuery(datasource, previous.refId, rawErrorRatioOfPeriodExpr(kpi, last, scrapeIntervalMs), scrapeIntervalMs)
    );
  }
  let instances: PlannedKpi['instances'];
  // A row of its own names its worst instances; a composite's member is read as a whole.
  if (role === 'row' && groupByOf(kpi).length > 0) {
    // Over the SLO window, per instance: the worst few by error ratio, the count, and the count above budget.
    const perInstance = `(${rawErrorRatioExpr(kpi, slo.sloWindowMs, scrapeIntervalMs, spanOf(slo.sloWindowMs))})`;
    // The engine's tolerance (instances.ts): an instance exactly at target is not below it by float dust.
    const budget = promNumber(Number((1 - kpi.objective.target).toFixed(15)) * (1 + 1e-9));
    instances = { worstRefId: `${prefix}-worst`, countRefId: `${prefix}-instances`, belowRefId: `${prefix}-below` };
    batch.add(
      instantQuery(
        datasource,
        instances.worstRefId,
        `topk(${CATALOG_WORST_INSTANCES}, ${perInstance})`,
        scrapeIntervalMs
      )
    );
    batch.add(instantQuery(datasource, instances.countRefId, `count(${perInstance})`, scrapeIntervalMs));
    batch.add(instantQuery(datasource, instances.belowRefId, `count(${perInstance} > ${budget})`, scrapeIntervalMs));
  }
  return { kpi, ...slo, rules, refIds, trendRefId, eventRefIds, previous, instances };
}

/**
 * A composite's members, each over the composite's windows, with refIds k<index>-m<member>-<window>: they go into
 * the same request per data source as everything else (members may live in different data sources).
 */
function planComposite(
  kpi: CompositeKpiDefinition,
  prefix: string,
  catalog: readonly CatalogKpi[],
  batch: DsQueryBatch,
  atMs: number,
  scrapeIntervalMs: number
): PlannedComposite {
  const resolved = resolveMembers(kpi, catalog);
  if (!resolved.ok) {
    return { kpi, members: [], error: resolved.error };
  }
  // The row combines its members' instant window counts, which only PromQL answers; the KPI page reads them all.
  const notPromql = resolved.members.find(({ kpi: member }) => !isPromqlKpi(member));
  if (notPromql) {
    return {
      kpi,
      members: [],
      error: `member ${notPromql.kpi.id}: ${notPromqlNote(notPromql.kpi, "a composite's catalog row")}; its KPI page reads it`,
    };
  }
  const members = resolved.members.map(({ kpi: member, weight }, index) => ({
    planned: planKpi(
      memberOverCompositeWindows(member, kpi),
      `${prefix}-m${index}`,
      batch,
      atMs,
      scrapeIntervalMs,
      'member'
    ),
    weight,
  }));
  return { kpi, members };
}

/**
 * Plans the instant queries of one refresh, grouped into one request per data source. Composites read their
 * members from `catalog` (the whole catalog: the visible rows may be a filtered part of it). The range reaches back
 * to `reachBackToMs` at least, for a caller that adds its own range queries to the same requests.
 */
export function planCatalogRefresh(
  kpis: readonly CatalogKpi[],
  atMs: number,
  scrapeIntervalMs = DEFAULT_SCRAPE_INTERVAL_MS,
  catalog: readonly CatalogKpi[] = kpis,
  reachBackToMs = atMs
): CatalogRefreshPlan {
  const fromMs = Math.min(
    reachBackToMs,
    atMs - TREND_SPAN_MS,
    ...kpis.filter(isValueKpi).map((kpi) => valueRangeStartMs(kpi, atMs)),
    ...kpis.filter(readsRange).map((kpi) => rangeRowStartMs(kpi, atMs))
  );
  const batch = new DsQueryBatch({ fromMs, toMs: atMs });
  const planned = kpis.map((kpi, kpiIndex) =>
    isValueKpi(kpi)
      ? planValue(kpi, `k${kpiIndex}-`, batch)
      : readsRange(kpi)
        ? planRangeRow(kpi, `k${kpiIndex}-`, batch)
        : isCompositeKpi(kpi)
          ? planComposite(kpi, `k${kpiIndex}`, catalog, batch, atMs, scrapeIntervalMs)
          : planKpi(kpi, `k${kpiIndex}`, batch, atMs, scrapeIntervalMs, 'row')
  );
  return { atMs, fromMs, requests: batch.requests, kpis: planned };
}

/** A value KPI's queries over the batch's range, at its period's step: the one its page reads it at. */
function planValue(kpi: ValueKpiDefinition, refIdPrefix: string, batch: DsQueryBatch): PlannedValue {
  const plan = planValueRange(kpi, batch.range, { refIdPrefix });
  if (isPlannedValueRange(plan)) {
    plan.queries.forEach((query) => batch.add(query));
  }
  return plan;
}

export type CatalogRowResult =
  | {
      kpiId: string;
      evaluation: KpiEvaluation;
      trend?: KpiTrend;
      previous?: PreviousPeriodSli;
      instances?: CatalogInstances;
      value?: undefined;
      error?: undefined;
    }
  | {
      kpiId: string;
      /** A value KPI's row: its evaluation, periods and series (for the sparkline). */
      value: ValueReading;
      evaluation?: undefined;
      trend?: undefined;
      previous?: undefined;
      instances?: undefined;
      error?: undefined;
    }
  | {
      kpiId: string;
      evaluation?: undefined;
      trend?: undefined;
      previous?: undefined;
      instances?: undefined;
      value?: undefined;
      error: string;
    };

/** An SLO's row or its error: never a value KPI's reading. */
type SloRowResult = Exclude<CatalogRowResult, { value: ValueReading }>;

type Responses = ReadonlyMap<string, DsQueryResponse | Error>;

/** One KPI's row from the responses; an error on any of its queries marks that row only. */
function readKpi(planned: PlannedKpi, responses: Responses, atMs: number): SloRowResult {
  const { kpi, sloWindowMs, calendar, rules, refIds, trendRefId, eventRefIds, previous, instances } = planned;
  const response = responses.get(datasourceKey(kpi.datasource));
  if (!response || response instanceof Error) {
    return { kpiId: kpi.id, error: response?.message ?? 'the data source did not answer' };
  }
  const failed = [...refIds.values(), ...eventRefIds.values()].find((refId) => response.results[refId]?.error);
  if (failed) {
    return { kpiId: kpi.id, error: response.results[failed].error! };
  }
  // The guard needs real counts in every short window; without them (no series) it is left out, not guessed.
  const events = new Map(
    [...eventRefIds].map(([windowMs, refId]) => [windowMs, latestSum(response.results[refId]?.frames)])
  );
  const countsKnown = eventRefIds.size > 0 && [...events.values()].every((count) => count !== null);
  const totals = new Map<number, WindowTotals>();
  for (const [windowMs, refId] of refIds) {
    const ratio = latestSum(response.results[refId]?.frames);
    if (ratio !== null && outsideUnitRange(ratio)) {
      return { kpiId: kpi.id, error: ratioDataProblem(ratio, windowMs) };
    }
    totals.set(windowMs, totalsFromErrorRatio(ratio, countsKnown ? (events.get(windowMs) ?? 1) : 1));
  }
  const evaluation = evaluateWindowTotals({
    totals,
    target: kpi.objective.target,
    sloWindowMs,
    rules,
    atMs,
    minEvents: countsKnown ? kpi.alerting?.minEvents : undefined,
    calendar,
    // The raw ratios left the steps in maintenance out (spanOf); the instant inside one reads `maintenance`.
    inMaintenance: maintenanceAt(kpi.maintenance, atMs) !== null,
  });
  const trend = once(() => trendOf(response.results[trendRefId], atMs));
  return {
    kpiId: kpi.id,
    evaluation,
    // Read when a row first shows it: the status sort needs all 1,000 rows, the first screen twenty sparklines.
    get trend() {
      return trend();
    },
    ...(previous ? { previous: previousSliOf(previous.label, response.results[previous.refId]) } : {}),
    ...(instances ? { instances: instancesOf(kpi, instances, response) } : {}),
  };
}

/** `read` run on the first call only; later calls return what it returned. */
function once<T>(read: () => T): () => T {
  let result: { value: T } | undefined;
  return () => (result ??= { value: read() }).value;
}

/** A composite's row: its members read like any KPI, then combined; a member that failed fails the row. */
function readComposite(planned: PlannedComposite, responses: Responses, atMs: number): CatalogRowResult {
  const { kpi } = planned;
  if (planned.error) {
    return { kpiId: kpi.id, error: planned.error };
  }
  const members: CompositeMemberInput[] = [];
  const trends: Array<{ trend: KpiTrend | undefined; weight: number }> = [];
  for (const { planned: member, weight } of planned.members) {
    const row = readKpi(member, responses, atMs);
    if (row.error !== undefined) {
      return { kpiId: kpi.id, error: `member ${member.kpi.id}: ${row.error}` };
    }
    members.push({ kpiId: member.kpi.id, weight, evaluation: row.evaluation });
    trends.push({ trend: row.trend, weight });
  }
  const evaluation = combineMembers(kpi, members);
  const trend = compositeTrend(trends);
  return { kpiId: kpi.id, evaluation, ...(trend ? { trend } : {}) };
}

/**
 * The composite's SLI per trend step, combined by compositeErrorRatio from its members' (all on one grid). A
 * step where a member has no SLI has none, as a window where a member has no data has none; without a member's
 * trend there is none.
 */
function compositeTrend(members: ReadonlyArray<{ trend: KpiTrend | undefined; weight: number }>): KpiTrend | undefined {
  if (members.length === 0 || members.some(({ trend }) => trend === undefined)) {
    return undefined;
  }
  const { grid } = members[0].trend!;
  const sli = new Float64Array(grid.length);
  for (let i = 0; i < grid.length; i++) {
    const ratio = compositeErrorRatio(
      members.map(({ trend, weight }) => ({
        weight,
        errorRatio: Number.isNaN(trend!.sli[i]) ? null : 1 - trend!.sli[i],
      }))
    );
    sli[i] = ratio === null ? NaN : 1 - ratio;
  }
  return { grid, sli };
}

/** A value KPI's row: its reading, or what the data source or the plan said. */
function readValue(planned: PlannedValue, responses: Responses): CatalogRowResult {
  const kpiId = planned.kpi.id;
  if (!isPlannedValueRange(planned)) {
    return { kpiId, error: planned.error };
  }
  const response = responses.get(datasourceKey(planned.kpi.datasource));
  if (!response || response instanceof Error) {
    return { kpiId, error: response?.message ?? 'the data source did not answer' };
  }
  const value = readValueRange(planned, response);
  return value instanceof Error ? { kpiId, error: value.message } : { kpiId, value };
}

/** A non-PromQL SLO's row from its range queries' answer, over the request's whole range. */
function readRange(planned: PlannedRangeRow, responses: Responses, plan: CatalogRefreshPlan): CatalogRowResult {
  const response = responses.get(datasourceKey(planned.kpi.datasource));
  if (!response || response instanceof Error) {
    return { kpiId: planned.kpi.id, error: response?.message ?? 'the data source did not answer' };
  }
  const range = { fromMs: plan.fromMs, toMs: plan.atMs };
  return readRangeRow(planned, response, range, { spanMs: TREND_SPAN_MS, stepMs: TREND_STEP_MS });
}

/** Evaluates every planned KPI from the responses; an error on any of a KPI's queries marks that row only. */
export function readCatalogResults(plan: CatalogRefreshPlan, responses: Responses): CatalogRowResult[] {
  return plan.kpis.map((planned) =>
    isPlannedValue(planned)
      ? readValue(planned, responses)
      : isPlannedRangeRow(planned)
        ? readRange(planned, responses, plan)
        : isPlannedComposite(planned)
          ? readComposite(planned, responses, plan.atMs)
          : readKpi(planned, responses, plan.atMs)
  );
}

/** Runs a refresh: one POST /api/ds/query per data source, in parallel. */
export async function refreshCatalog(
  kpis: readonly CatalogKpi[],
  atMs = Date.now(),
  catalog: readonly CatalogKpi[] = kpis
): Promise<CatalogRowResult[]> {
  const plan = planCatalogRefresh(kpis, atMs, DEFAULT_SCRAPE_INTERVAL_MS, catalog);
  return readCatalogResults(plan, await postDsQueries(plan.requests));
}
