/**
 * One KPI over its whole SLO window (the KPI detail page and the editor's preview, DESIGN §5 "Query plan"): range
 * queries of good and total (or the value) in one `POST /api/ds/query`, with the user's queries as written —
 * Grafana expands its macros with the data source's own scrape interval — then read by the same frame reader
 * the panel uses. A window too short for the range's step is read as instant counts in the same request.
 */
import type { DataFrame } from '@grafana/data';
import { DEFAULT_SCRAPE_INTERVAL_MS } from '../kpi/time';
import { sloReadSpanMs } from '../kpi/policy';
import { isPromqlKpi, type KpiDefinition } from '../kpi/model';
import { rangeStepMs } from '../kpi/evaluate';
import { offGridCountQueries } from '../kpi/promql';
import {
  frameFromJson,
  type Checked,
  type DsQueryModel,
  evaluatePanel,
  kpiRangeQueryModels,
  type PanelEvaluation,
  RANGE_REF_IDS,
  specForKpi,
} from '../reading';
import { datasourceKey, DsQueryBatch, instantQuery, postDsQueries, postDsQuery, type DsQueryResponse } from './dsQuery';

export { RANGE_REF_IDS };

export interface KpiRange {
  frames: DataFrame[];
  timeRange: { fromMs: number; toMs: number };
  stepMs: number;
  /** refIds of the good and total queries, or of the value. */
  refIds: readonly string[];
  /** Every refId asked for: the range queries and the windows read as instant counts. */
  queriedRefIds: readonly string[];
  /** Per refId, what the data source said when a query failed. */
  errors: Array<{ refId: string; message: string }>;
}

export interface RangePlanOptions {
  /** The step; rangeStepMs(kpi) unless said (a composite's members share one). */
  stepMs?: number;
  /** Keeps several KPIs' queries apart in one request (a composite's members: `m0-good`, …). */
  refIdPrefix?: string;
  scrapeIntervalMs?: number;
  /**
   * Where a shared request's range starts when it reaches back further than this KPI's: the queries then ask for
   * that whole span, at a step that keeps it within the points a range query may hold.
   */
  reachBackToMs?: number;
}

export function planKpiRange(kpi: KpiDefinition, atMs: number, options: RangePlanOptions = {}): RangePlan {
  const fromMs = Math.min(atMs - sloReadSpanMs(kpi), options.reachBackToMs ?? Infinity);
  const {
    stepMs = rangeStepMs(kpi, atMs - fromMs),
    refIdPrefix = '',
    scrapeIntervalMs = DEFAULT_SCRAPE_INTERVAL_MS,
  } = options;
  const queries = kpiRangeQueryModels(kpi, { stepMs, spanMs: atMs - fromMs, refIdPrefix });
  const rangeRefIds = queries.map((query) => query.refId);
  // Windows shorter than the step are read as instant counts, which only PromQL can ask for.
  const offGrid = isPromqlKpi(kpi) ? offGridCountQueries(kpi, stepMs, scrapeIntervalMs, atMs) : [];
  for (const { refId, expr } of offGrid) {
    queries.push(instantQuery(kpi.datasource, `${refIdPrefix}${refId}`, expr, scrapeIntervalMs));
  }
  return { queries, rangeRefIds, stepMs, fromMs };
}

/** A KPI's queries: its range queries (in its data source's own model), then PromQL's instant counts. */
export interface RangePlan {
  queries: DsQueryModel[];
  /** The range queries' refIds: a SQL query model has no `range` flag to tell them by. */
  rangeRefIds: readonly string[];
  stepMs: number;
  fromMs: number;
}

/** Runs the KPI's range queries; a failed request is an Error, a failed query an entry in `errors`. */
export async function fetchKpiRange(kpi: KpiDefinition, atMs = Date.now()): Promise<KpiRange | Error> {
  const plan = planKpiRange(kpi, atMs);
  const response = await postDsQuery(kpi.datasource, {
    from: String(plan.fromMs),
    to: String(atMs),
    queries: plan.queries,
  });
  return response instanceof Error ? response : readKpiRange(response, plan, { fromMs: plan.fromMs, toMs: atMs });
}

/** A KPI's range read as the panel reads it (its own policy, burndown included): the KPI page and the preview. */
export async function fetchKpiEvaluation(
  kpi: KpiDefinition,
  atMs = Date.now()
): Promise<Checked<PanelEvaluation> | Error> {
  const range = await fetchKpiRange(kpi, atMs);
  return range instanceof Error ? range : evaluateRange(kpi, range, true);
}

/** The panel's evaluation of a KPI's range; a query's error is the evaluation's problem, naming its refId. */
export function evaluateRange(kpi: KpiDefinition, range: KpiRange, withBurndown = false): Checked<PanelEvaluation> {
  return evaluatePanel(specForKpi(kpi, range.refIds, true), {
    series: range.frames,
    timeRange: range.timeRange,
    fallbackStepMs: range.stepMs,
    queriedRefIds: range.queriedRefIds,
    queryErrors: range.errors,
    withBurndown,
  });
}

/**
 * Several KPIs over the same range and step (a composite's members, each already over the composite's window):
 * one request per data source, as a catalog refresh does. Each KPI gets its range or its data source's Error.
 */
export async function fetchKpiRanges(
  kpis: readonly KpiDefinition[],
  stepMs: number,
  atMs = Date.now()
): Promise<Array<KpiRange | Error>> {
  const plans = kpis.map((kpi, i) => planKpiRange(kpi, atMs, { stepMs, refIdPrefix: `m${i}-` }));
  const fromMs = Math.min(...plans.map((plan) => plan.fromMs));
  const batch = new DsQueryBatch({ fromMs, toMs: atMs });
  plans.forEach((plan) => plan.queries.forEach((query) => batch.add(query)));
  const responses = await postDsQueries(batch.requests);
  return kpis.map((kpi, i) => {
    const response = responses.get(datasourceKey(kpi.datasource));
    if (!response || response instanceof Error) {
      return response ?? new Error('the data source did not answer');
    }
    return readKpiRange(response, plans[i], { fromMs, toMs: atMs }, `m${i}-`);
  });
}

/** A KPI's range from a response holding its queries (under `refIdPrefix`), read as if asked for alone. */
export function readKpiRange(
  response: DsQueryResponse,
  { queries, rangeRefIds, stepMs }: RangePlan,
  timeRange: KpiRange['timeRange'],
  refIdPrefix = ''
): KpiRange {
  const frames: DataFrame[] = [];
  const errors: KpiRange['errors'] = [];
  for (const { refId } of queries) {
    const result = response.results[refId];
    if (result?.error) {
      errors.push({ refId, message: result.error });
    }
    for (const json of result?.frames ?? []) {
      frames.push(frameFromJson(json, refId));
    }
  }
  // Without the prefix again: each KPI's range reads as if it had been asked for alone.
  const unprefixed = (refId: string) => refId.slice(refIdPrefix.length);
  return {
    frames: frames.map((frame) => ({ ...frame, refId: unprefixed(frame.refId ?? '') })),
    timeRange,
    stepMs,
    refIds: rangeRefIds.map(unprefixed),
    queriedRefIds: queries.map((query) => unprefixed(query.refId)),
    errors: errors.map((error) => ({ ...error, refId: unprefixed(error.refId) })),
  };
}
