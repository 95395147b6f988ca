/**
 * The report's queries: per published KPI, its error ratio over the period and over the period before, each an
 * instant query read at the period's end (PromQL's @), so a past month reads the same whatever day it is asked.
 * One POST /api/ds/query per data source for the whole report.
 */
import { DEFAULT_SCRAPE_INTERVAL_MS } from '../kpi/macros';
import { isCompositeKpi, sourcedKpis, type CatalogKpi, type KpiDefinition } from '../kpi/model';
import { failedReportRow, reportRowOf, type ReportPeriod, type ReportRow } from '../kpi/report';
import { rawErrorRatioOfPeriodExpr } from '../kpi/rules';
import {
  datasourceKey,
  DsQueryBatch,
  instantQuery,
  postDsQueries,
  type DsQueryRequest,
  type DsQueryResponse,
} from './dsQuery';
import { latestSum } from './instantResults';

interface PlannedRow {
  kpi: KpiDefinition;
  refId: string;
  previousRefId: string;
}

export interface ReportPlan {
  requests: DsQueryRequest[];
  rows: PlannedRow[];
}

/**
 * KPIs a report can show: published ones on a Prometheus data source (the queries are PromQL). Composites are
 * not reported in this version (see reportLeavesOut).
 */
export function reportableKpis(kpis: readonly CatalogKpi[]): KpiDefinition[] {
  return sourcedKpis(kpis).filter((kpi) => kpi.status === 'published' && kpi.datasource.type === 'prometheus');
}

/** The published composites a report leaves out, so the page can say so instead of dropping them silently. */
export function reportLeavesOut(kpis: readonly CatalogKpi[]): CatalogKpi[] {
  return kpis.filter((kpi) => kpi.status === 'published' && isCompositeKpi(kpi));
}

export function planReport(
  kpis: readonly KpiDefinition[],
  period: ReportPeriod,
  scrapeIntervalMs = DEFAULT_SCRAPE_INTERVAL_MS
): ReportPlan {
  // Instant queries at `to`; the @ modifier pins each to its own period, so `to` only needs to be after both.
  const batch = new DsQueryBatch({ fromMs: period.startMs, toMs: period.endMs });
  const rows = kpis.map((kpi, index): PlannedRow => {
    const row = { kpi, refId: `r${index}`, previousRefId: `r${index}-previous` };
    const query = (refId: string, of: { startMs: number; endMs: number }) =>
      instantQuery(kpi.datasource, refId, rawErrorRatioOfPeriodExpr(kpi, of, scrapeIntervalMs), scrapeIntervalMs);
    batch.add(query(row.refId, period));
    batch.add(query(row.previousRefId, period.previous));
    return row;
  });
  return { requests: batch.requests, rows };
}

/** One row per planned KPI; a failed query of the period marks that row, one of the period before only its change. */
export function readReport(plan: ReportPlan, responses: ReadonlyMap<string, DsQueryResponse | Error>): ReportRow[] {
  return plan.rows.map(({ kpi, refId, previousRefId }) => {
    const response = responses.get(datasourceKey(kpi.datasource));
    if (!response || response instanceof Error) {
      return failedReportRow(kpi, response?.message ?? 'the data source did not answer');
    }
    const result = response.results[refId];
    if (result?.error) {
      return failedReportRow(kpi, result.error);
    }
    const previous = response.results[previousRefId];
    return reportRowOf(kpi, latestSum(result?.frames), previous?.error ? null : latestSum(previous?.frames));
  });
}

export async function fetchReport(kpis: readonly KpiDefinition[], period: ReportPeriod): Promise<ReportRow[]> {
  const plan = planReport(kpis, period);
  return readReport(plan, await postDsQueries(plan.requests));
}
