/**
 * One KPI over its whole SLO window (the KPI detail page and the editor's preview, DESIGN §5 "Query plan"): range
 * queries of good and total (or the value) in one `POST /api/ds/query`, with the user's queries as written —
 * Grafana expands its macros with the data source's own scrape interval — then read by the same frame reader
 * the panel uses. A window too short for the range's step is read as instant counts in the same request.
 */
import { dataFrameFromJSON, type DataFrame } from '@grafana/data';
import { formatDuration } from '../kpi/duration';
import { DEFAULT_SCRAPE_INTERVAL_MS } from '../kpi/macros';
import type { KpiDefinition } from '../kpi/model';
import { rangeStepMs } from '../kpi/plan';
import { resolvePolicy } from '../kpi/policy';
import { rawWindowCountExprs } from '../kpi/rules';
import { coveringRangeMs, nominalSloWindowMs } from '../kpi/sloWindow';
import { offGridWindows, windowCountRefIds } from '../kpi/windowCounts';
import { instantQuery, postDsQuery, type PrometheusQuery } from './dsQuery';

export const RANGE_REF_IDS = { ratio: ['good', 'total'], threshold: ['value'] } as const;

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

export function planKpiRange(
  kpi: KpiDefinition,
  atMs: number,
  scrapeIntervalMs = DEFAULT_SCRAPE_INTERVAL_MS
): { queries: PrometheusQuery[]; stepMs: number; fromMs: number } {
  const stepMs = rangeStepMs(kpi);
  const fromMs = atMs - coveringRangeMs(kpi);
  const indicator = kpi.indicator;
  const exprs = indicator.type === 'ratio' ? [indicator.good, indicator.total] : [indicator.query];
  const refIds = indicator.type === 'ratio' ? RANGE_REF_IDS.ratio : RANGE_REF_IDS.threshold;
  const queries: PrometheusQuery[] = exprs.map((expr, i) => ({
    refId: refIds[i],
    datasource: kpi.datasource,
    expr,
    instant: false,
    range: true,
    format: 'time_series' as const,
    intervalMs: stepMs,
    maxDataPoints: Math.ceil((atMs - fromMs) / stepMs),
    interval: formatDuration(stepMs),
  }));
  for (const windowMs of offGridWindows(resolvePolicy(kpi.alerting, nominalSloWindowMs(kpi)), stepMs)) {
    const counts = rawWindowCountExprs(kpi, windowMs, scrapeIntervalMs);
    const ids = windowCountRefIds(windowMs);
    queries.push(
      instantQuery(kpi.datasource, ids.good, counts.good, scrapeIntervalMs),
      instantQuery(kpi.datasource, ids.total, counts.total, scrapeIntervalMs)
    );
  }
  return { queries, stepMs, fromMs };
}

/** Runs the KPI's range queries; a failed request is an Error, a failed query an entry in `errors`. */
export async function fetchKpiRange(kpi: KpiDefinition, atMs = Date.now()): Promise<KpiRange | Error> {
  const { queries, stepMs, fromMs } = planKpiRange(kpi, atMs);
  const response = await postDsQuery(kpi.datasource, { from: String(fromMs), to: String(atMs), queries });
  if (response instanceof Error) {
    return response;
  }
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
  return {
    frames,
    timeRange: { fromMs, toMs: atMs },
    stepMs,
    refIds: queries.filter((query) => query.range).map((query) => query.refId),
    queriedRefIds: queries.map((query) => query.refId),
    errors,
  };
}
