/**
 * Live status of many KPIs at once (the catalog list, DESIGN §5 "Query plan"): per KPI and window one instant
 * query of the raw error ratio (the user's queries, no recorded series needed) — batched into ONE
 * `POST /api/ds/query` per data source and refresh, never one request per KPI.
 */
import { lastValueFrom } from 'rxjs';
import { dataFrameFromJSON, type DataFrameJSON } from '@grafana/data';
import { getBackendSrv, isFetchError } from '@grafana/runtime';
import { formatDuration, parseDuration } from '../kpi/duration';
import { evaluateWindowTotals, evaluationWindows, type KpiEvaluation, type WindowTotals } from '../kpi/evaluate';
import { DEFAULT_SCRAPE_INTERVAL_MS } from '../kpi/macros';
import type { DatasourceRef, KpiDefinition } from '../kpi/model';
import { resolvePolicy } from '../kpi/policy';
import { rawErrorRatioExpr } from '../kpi/rules';
import { fetchErrorDetails } from './fetchErrors';

export interface InstantQuery {
  refId: string;
  datasource: DatasourceRef;
  expr: string;
  instant: true;
  range: false;
  format: 'time_series';
  intervalMs: number;
  maxDataPoints: number;
}

export interface DsQueryRequest {
  datasource: DatasourceRef;
  body: { from: string; to: string; queries: InstantQuery[] };
}

interface PlannedKpi {
  kpi: KpiDefinition;
  sloWindowMs: number;
  rules: ReturnType<typeof resolvePolicy>;
  /** refId of each window's error-ratio query. */
  refIds: Map<number, string>;
}

export interface CatalogRefreshPlan {
  atMs: number;
  requests: DsQueryRequest[];
  kpis: PlannedKpi[];
}

/** Plans the instant queries of one refresh, grouped into one request per data source. */
export function planCatalogRefresh(
  kpis: readonly KpiDefinition[],
  atMs: number,
  scrapeIntervalMs = DEFAULT_SCRAPE_INTERVAL_MS
): CatalogRefreshPlan {
  const byDatasource = new Map<string, DsQueryRequest>();
  const planned = kpis.map((kpi, kpiIndex): PlannedKpi => {
    const sloWindowMs = parseDuration(kpi.objective.window);
    const rules = resolvePolicy(kpi.alerting, sloWindowMs);
    const windows = evaluationWindows(rules, sloWindowMs);
    const key = `${kpi.datasource.type}/${kpi.datasource.uid}`;
    let request = byDatasource.get(key);
    if (!request) {
      request = { datasource: kpi.datasource, body: { from: String(atMs), to: String(atMs), queries: [] } };
      byDatasource.set(key, request);
    }
    const refIds = new Map<number, string>();
    windows.forEach((windowMs) => {
      // Short, unique and readable in Grafana's query inspector: k<index>-<window>.
      const refId = `k${kpiIndex}-${formatDuration(windowMs)}`;
      refIds.set(windowMs, refId);
      request!.body.queries.push({
        refId,
        datasource: kpi.datasource,
        expr: rawErrorRatioExpr(kpi, windowMs, scrapeIntervalMs),
        instant: true,
        range: false,
        format: 'time_series',
        intervalMs: scrapeIntervalMs,
        maxDataPoints: 1,
      });
    });
    return { kpi, sloWindowMs, rules, refIds };
  });
  return { atMs, requests: [...byDatasource.values()], kpis: planned };
}

/** `/api/ds/query`'s answer: one result per refId (HTTP 200, or 207 when some failed). */
export interface DsQueryResponse {
  results: Record<string, { status?: number; frames?: DataFrameJSON[]; error?: string }>;
}

export type CatalogRowResult =
  | { kpiId: string; evaluation: KpiEvaluation; error?: undefined }
  | { kpiId: string; evaluation?: undefined; error: string };

/**
 * The error ratio a result holds: null when it has no series (no data); NaN when the ratio was 0/0 (no traffic).
 * Several series are summed, as the KPI's own sum() would.
 */
function errorRatioOf(frames: DataFrameJSON[] | undefined): number | null {
  let ratio: number | null = null;
  for (const json of frames ?? []) {
    const frame = dataFrameFromJSON(json);
    const values = frame.fields.find((field) => field.type === 'number')?.values;
    if (values && values.length > 0) {
      const value = Number(values[values.length - 1]);
      ratio = ratio === null ? value : ratio + value;
    }
  }
  return ratio;
}

/** An error ratio read as window totals: no series is a gap, NaN (0/0) no traffic. */
function totalsFromErrorRatio(ratio: number | null): WindowTotals {
  if (ratio === null) {
    return { good: 0, bad: 0, total: 0, validSteps: 0, expectedSteps: 1 };
  }
  if (Number.isNaN(ratio)) {
    return { good: 0, bad: 0, total: 0, validSteps: 1, expectedSteps: 1 };
  }
  const bad = Math.min(Math.max(ratio, 0), 1);
  return { good: 1 - bad, bad, total: 1, validSteps: 1, expectedSteps: 1 };
}

/** Evaluates every planned KPI from the responses; an error on any of a KPI's queries marks that row only. */
export function readCatalogResults(
  plan: CatalogRefreshPlan,
  responses: ReadonlyMap<string, DsQueryResponse | Error>
): CatalogRowResult[] {
  return plan.kpis.map(({ kpi, sloWindowMs, rules, refIds }) => {
    const response = responses.get(`${kpi.datasource.type}/${kpi.datasource.uid}`);
    if (!response || response instanceof Error) {
      return { kpiId: kpi.id, error: response?.message ?? 'the data source did not answer' };
    }
    const totals = new Map<number, WindowTotals>();
    for (const [windowMs, refId] of refIds) {
      const result = response.results[refId];
      if (result?.error) {
        return { kpiId: kpi.id, error: result.error };
      }
      totals.set(windowMs, totalsFromErrorRatio(errorRatioOf(result?.frames)));
    }
    const evaluation = evaluateWindowTotals({
      totals,
      target: kpi.objective.target,
      sloWindowMs,
      rules,
      atMs: plan.atMs,
    });
    return { kpiId: kpi.id, evaluation };
  });
}

/** Runs a refresh: one POST /api/ds/query per data source, in parallel. */
export async function refreshCatalog(kpis: readonly KpiDefinition[], atMs = Date.now()): Promise<CatalogRowResult[]> {
  const plan = planCatalogRefresh(kpis, atMs);
  const answers = await Promise.all(
    plan.requests.map(async (request): Promise<[string, DsQueryResponse | Error]> => {
      const key = `${request.datasource.type}/${request.datasource.uid}`;
      try {
        const response = await lastValueFrom(
          getBackendSrv().fetch<DsQueryResponse>({
            url: `/api/ds/query?ds_type=${encodeURIComponent(request.datasource.type)}`,
            method: 'POST',
            data: request.body,
            // A 207 still carries every refId's result; failures are read per refId.
            showErrorAlert: false,
          })
        );
        return [key, response.data];
      } catch (error) {
        if (isFetchError<DsQueryResponse>(error) && error.data?.results) {
          return [key, error.data];
        }
        return [key, new Error(fetchErrorDetails(error).message || 'the data source request failed')];
      }
    })
  );
  return readCatalogResults(plan, new Map(answers));
}
