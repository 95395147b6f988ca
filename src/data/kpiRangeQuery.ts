/**
 * One KPI over its whole SLO window (the KPI detail page and the editor's preview, DESIGN §5 "Query plan"): range
 * queries of good and total (or the value) in one `POST /api/ds/query`, with the user's queries as written —
 * Grafana expands its macros with the data source's own scrape interval — then read by the same frame reader
 * the panel uses.
 */
import { dataFrameFromJSON, type DataFrame } from '@grafana/data';
import { formatDuration } from '../kpi/duration';
import type { KpiDefinition } from '../kpi/model';
import { chooseStepMs } from '../kpi/plan';
import { policyWindows, resolvePolicy } from '../kpi/policy';
import { coveringRangeMs, nominalSloWindowMs } from '../kpi/sloWindow';
import {
  datasourceKey,
  DsQueryBatch,
  postDsQueries,
  postDsQuery,
  type DsQueryResponse,
  type PrometheusQuery,
} from './dsQuery';

/** Prometheus refuses range queries of more than 11,000 points per series; stay clear of it. */
const MAX_POINTS = 10_000;

export const RANGE_REF_IDS = { ratio: ['good', 'total'], threshold: ['value'] } as const;

export interface KpiRange {
  frames: DataFrame[];
  timeRange: { fromMs: number; toMs: number };
  stepMs: number;
  /** refIds of the good and total queries, or of the value. */
  refIds: readonly string[];
  /** Per refId, what the data source said when a query failed. */
  errors: Array<{ refId: string; message: string }>;
}

/** The step: the one the rules imply (every window a whole number of steps), coarser when the window is long. */
export function rangeStepMs(kpi: KpiDefinition): number {
  const nominalMs = nominalSloWindowMs(kpi);
  const base = chooseStepMs(kpi, [...policyWindows(resolvePolicy(kpi.alerting, nominalMs)), nominalMs]);
  return base * Math.max(1, Math.ceil(coveringRangeMs(kpi) / base / MAX_POINTS));
}

/** `refIdPrefix` keeps several KPIs' queries apart in one request (a composite's members: `m0-good`, …). */
export function planKpiRange(
  kpi: KpiDefinition,
  atMs: number,
  stepMs = rangeStepMs(kpi),
  refIdPrefix = ''
): { queries: PrometheusQuery[]; stepMs: number; fromMs: number } {
  const fromMs = atMs - coveringRangeMs(kpi);
  const indicator = kpi.indicator;
  const exprs = indicator.type === 'ratio' ? [indicator.good, indicator.total] : [indicator.query];
  const refIds = indicator.type === 'ratio' ? RANGE_REF_IDS.ratio : RANGE_REF_IDS.threshold;
  const queries = exprs.map((expr, i) => ({
    refId: `${refIdPrefix}${refIds[i]}`,
    datasource: kpi.datasource,
    expr,
    instant: false,
    range: true,
    format: 'time_series' as const,
    intervalMs: stepMs,
    maxDataPoints: Math.ceil((atMs - fromMs) / stepMs),
    interval: formatDuration(stepMs),
  }));
  return { queries, stepMs, fromMs };
}

/** Runs the KPI's range queries; a failed request is an Error, a failed query an entry in `errors`. */
export async function fetchKpiRange(kpi: KpiDefinition, atMs = Date.now()): Promise<KpiRange | Error> {
  const { queries, stepMs, fromMs } = planKpiRange(kpi, atMs);
  const response = await postDsQuery(kpi.datasource, { from: String(fromMs), to: String(atMs), queries });
  return response instanceof Error ? response : rangeOf(response, queries, { fromMs, toMs: atMs }, stepMs);
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
  const plans = kpis.map((kpi, i) => planKpiRange(kpi, atMs, stepMs, `m${i}-`));
  const fromMs = Math.min(...plans.map((plan) => plan.fromMs));
  const batch = new DsQueryBatch({ fromMs, toMs: atMs });
  plans.forEach((plan) => plan.queries.forEach((query) => batch.add(query)));
  const responses = await postDsQueries(batch.requests);
  return kpis.map((kpi, i) => {
    const response = responses.get(datasourceKey(kpi.datasource));
    if (!response || response instanceof Error) {
      return response ?? new Error('the data source did not answer');
    }
    return rangeOf(response, plans[i].queries, { fromMs, toMs: atMs }, stepMs);
  });
}

function rangeOf(
  response: DsQueryResponse,
  queries: readonly PrometheusQuery[],
  timeRange: KpiRange['timeRange'],
  stepMs: number
): KpiRange {
  const frames: DataFrame[] = [];
  const errors: KpiRange['errors'] = [];
  for (const { refId } of queries) {
    const result = response.results[refId];
    if (result?.error) {
      errors.push({ refId, message: result.error });
    }
    for (const json of result?.frames ?? []) {
      frames.push({ ...dataFrameFromJSON(json), refId });
    }
  }
  return { frames, timeRange, stepMs, refIds: queries.map((q) => q.refId), errors };
}
