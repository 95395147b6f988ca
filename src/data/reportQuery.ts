/**
 * The report's queries: per published KPI, its error ratio over the period and over the period before, each an
 * instant query read at the period's end (PromQL's @), so a past month reads the same whatever day it is asked.
 * A composite reads its members' two queries and combines them; a value KPI its range queries over both periods
 * (reportValueQuery.ts). One POST /api/ds/query per data source for the whole report.
 */
import { DEFAULT_SCRAPE_INTERVAL_MS } from '../kpi/time';
import {
  compositeErrorRatio,
  failedReportRow,
  type ReportPeriod,
  type ReportRow,
  reportRowOf,
  resolveMembers,
} from '../kpi/evaluate';
import { isCompositeKpi, isValueKpi, type CatalogKpi, type KpiDefinition } from '../kpi/model';
import { rawErrorRatioOfPeriodExpr } from '../kpi/promql';
import {
  datasourceKey,
  DsQueryBatch,
  instantQuery,
  postDsQueries,
  type DsQueryRequest,
  type DsQueryResponse,
} from './dsQuery';
import { latestSum } from './instantResults';
import {
  planValueRow,
  type PlannedValueRow,
  readValueRow,
  reportValueRange,
  reportValueStep,
} from './reportValueQuery';

interface PlannedQueries {
  kpi: KpiDefinition;
  refId: string;
  previousRefId: string;
}

/**
 * A KPI's two queries; a composite's row reads its members' instead (`members`), or says why it cannot; a value
 * KPI's row its range queries (`value`).
 */
interface PlannedRow extends Omit<PlannedQueries, 'kpi'> {
  kpi: CatalogKpi;
  members?: Array<PlannedQueries & { weight: number }>;
  value?: PlannedValueRow;
  error?: string;
}

export interface ReportPlan {
  period: ReportPeriod;
  requests: DsQueryRequest[];
  rows: PlannedRow[];
}

/**
 * KPIs a report can show: published ones on a Prometheus data source (the queries are PromQL), and published
 * composites whose members all are.
 */
export function reportableKpis(kpis: readonly CatalogKpi[]): CatalogKpi[] {
  const onPrometheus = (kpi: CatalogKpi) => kpi.datasource?.type === 'prometheus';
  return kpis.filter((kpi) => {
    if (kpi.status !== 'published') {
      return false;
    }
    if (!isCompositeKpi(kpi)) {
      return onPrometheus(kpi);
    }
    const resolved = resolveMembers(kpi, kpis);
    return !resolved.ok || resolved.members.every((member) => onPrometheus(member.kpi));
  });
}

/** `catalog`: where composites find their members (the whole catalog). */
export function planReport(
  kpis: readonly CatalogKpi[],
  period: ReportPeriod,
  scrapeIntervalMs = DEFAULT_SCRAPE_INTERVAL_MS,
  catalog: readonly CatalogKpi[] = kpis
): ReportPlan {
  // Instant queries at `to`; the @ modifier pins each to its own period, so `to` only needs to be after both. Value
  // KPIs' range queries need `from` at the previous period's start.
  const withValues = kpis.some(isValueKpi);
  const batch = new DsQueryBatch(
    withValues ? reportValueRange(period) : { fromMs: period.startMs, toMs: period.endMs }
  );
  const valueStep = withValues ? reportValueStep(period) : undefined;
  const plan = (kpi: KpiDefinition, prefix: string): PlannedQueries => {
    const queries = { kpi, refId: prefix, previousRefId: `${prefix}-previous` };
    const query = (refId: string, of: { startMs: number; endMs: number }) =>
      instantQuery(kpi.datasource, refId, rawErrorRatioOfPeriodExpr(kpi, of, scrapeIntervalMs), scrapeIntervalMs);
    batch.add(query(queries.refId, period));
    batch.add(query(queries.previousRefId, period.previous));
    return queries;
  };
  const rows = kpis.map((kpi, index): PlannedRow => {
    const row = { kpi, refId: `r${index}`, previousRefId: `r${index}-previous` };
    if (isValueKpi(kpi)) {
      const value = planValueRow(kpi, period, `r${index}-`, valueStep);
      ('queries' in value ? value.queries : []).forEach((query) => batch.add(query));
      return { ...row, value };
    }
    if (!isCompositeKpi(kpi)) {
      return plan(kpi, `r${index}`);
    }
    const resolved = resolveMembers(kpi, catalog);
    if (!resolved.ok) {
      return { ...row, error: `this composite cannot be read: ${resolved.error}` };
    }
    const members = resolved.members.map(({ kpi: member, weight }, m) => ({
      ...plan(member, `r${index}-m${m}`),
      weight,
    }));
    return { ...row, members };
  });
  return { period, requests: batch.requests, rows };
}

type Responses = ReadonlyMap<string, DsQueryResponse | Error>;

/** A KPI's error ratios over the period and the one before, or why they cannot be read. */
function errorRatiosOf(
  { kpi, refId, previousRefId }: PlannedQueries,
  responses: Responses
): { ratio: number | null; previous: number | null } | { error: string } {
  const response = responses.get(datasourceKey(kpi.datasource));
  if (!response || response instanceof Error) {
    return { error: response?.message ?? 'the data source did not answer' };
  }
  const result = response.results[refId];
  if (result?.error) {
    return { error: result.error };
  }
  const previous = response.results[previousRefId];
  return { ratio: latestSum(result?.frames), previous: previous?.error ? null : latestSum(previous?.frames) };
}

/** A composite's row: its members' error ratios combined as the engine combines SLIs (compositeErrorRatio). */
function compositeRow(row: PlannedRow, responses: Responses): ReportRow {
  if (row.error !== undefined || !row.members) {
    return failedReportRow(row.kpi, row.error ?? 'no members');
  }
  const read = [];
  for (const member of row.members) {
    const ratios = errorRatiosOf(member, responses);
    if ('error' in ratios) {
      return failedReportRow(row.kpi, `member ${member.kpi.id}: ${ratios.error}`);
    }
    read.push({ weight: member.weight, ...ratios });
  }
  return reportRowOf(
    row.kpi,
    compositeErrorRatio(read.map(({ weight, ratio }) => ({ weight, errorRatio: ratio }))),
    compositeErrorRatio(read.map(({ weight, previous }) => ({ weight, errorRatio: previous })))
  );
}

/** One row per planned KPI; a failed query of the period marks that row, one of the period before only its change. */
export function readReport(plan: ReportPlan, responses: Responses): ReportRow[] {
  return plan.rows.map((row) => {
    if (row.value) {
      return readValueRow(row.value, plan.period, responses);
    }
    if (row.error !== undefined && !isCompositeKpi(row.kpi)) {
      return failedReportRow(row.kpi, row.error);
    }
    if (isCompositeKpi(row.kpi)) {
      return compositeRow(row, responses);
    }
    const ratios = errorRatiosOf(row as PlannedQueries, responses);
    return 'error' in ratios
      ? failedReportRow(row.kpi, ratios.error)
      : reportRowOf(row.kpi, ratios.ratio, ratios.previous);
  });
}

export async function fetchReport(
  kpis: readonly CatalogKpi[],
  period: ReportPeriod,
  catalog: readonly CatalogKpi[] = kpis
): Promise<ReportRow[]> {
  const plan = planReport(kpis, period, DEFAULT_SCRAPE_INTERVAL_MS, catalog);
  return readReport(plan, await postDsQueries(plan.requests));
}
