/**
 * The report's queries: per published KPI, its error ratio over the period and over the period before. A PromQL SLO
 * asks for each as an instant query read at the period's end (PromQL's @), so a past month reads the same whatever
 * day it is asked; an SLO on another data source (SQL, other types) asks for its range queries and sums their counts
 * per period (reportRangeQuery.ts). A composite reads its members' and combines them; a value KPI its range queries
 * over both periods (reportValueQuery.ts). One POST /api/ds/query per data source for the whole report.
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
import {
  isCompositeKpi,
  isPromqlKpi,
  isValueKpi,
  queryLanguageOf,
  type CatalogKpi,
  type KpiDefinition,
} from '../kpi/model';
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
import { type PeriodRatios, planRangeRatios, type PlannedRangeRatios, readRangeRatios } from './reportRangeQuery';
import {
  planValueRow,
  type PlannedValueRow,
  readValueRow,
  reportValueRange,
  reportValueStep,
} from './reportValueQuery';

/** A PromQL SLO's two instant queries. */
interface PlannedInstantRatios {
  kpi: KpiDefinition;
  refId: string;
  previousRefId: string;
}

/** How an SLO's two error ratios are read: Prometheus's instant ratios, or range frames summed per period. */
type PlannedRatios = PlannedInstantRatios | PlannedRangeRatios;

/**
 * A KPI's row: an SLO's ratios (`ratios`); a composite's members' (`members`), or why it cannot be read (`error`);
 * a value KPI's range queries (`value`).
 */
interface PlannedRow {
  kpi: CatalogKpi;
  ratios?: PlannedRatios;
  members?: Array<{ ratios: PlannedRatios; weight: number }>;
  value?: PlannedValueRow;
  error?: string;
}

export interface ReportPlan {
  period: ReportPeriod;
  requests: DsQueryRequest[];
  rows: PlannedRow[];
}

/**
 * KPIs a report shows: the published ones, on any data source. PromQL SLOs are read as instant ratios, the others
 * through range frames; a type that answers none says so in its row.
 */
export function reportableKpis(kpis: readonly CatalogKpi[]): CatalogKpi[] {
  return kpis.filter((kpi) => kpi.status === 'published');
}

/** An SLO Prometheus can answer a period's ratio for in one instant query. */
function readsInstantRatios(kpi: KpiDefinition): boolean {
  return queryLanguageOf(kpi.datasource.type) === 'promql' && isPromqlKpi(kpi);
}

/** `catalog`: where composites find their members (the whole catalog). */
export function planReport(
  kpis: readonly CatalogKpi[],
  period: ReportPeriod,
  scrapeIntervalMs = DEFAULT_SCRAPE_INTERVAL_MS,
  catalog: readonly CatalogKpi[] = kpis
): ReportPlan {
  // Instant queries at `to`; the @ modifier pins each to its own period, so `to` only needs to be after both.
  // Range queries (value KPIs, SLOs not on PromQL) need `from` at the previous period's start.
  const members = kpis.flatMap((kpi) => {
    const resolved = isCompositeKpi(kpi) ? resolveMembers(kpi, catalog) : undefined;
    return resolved?.ok ? resolved.members.map((member) => member.kpi) : [];
  });
  const withRanges = [...kpis, ...members].some(
    (kpi) => isValueKpi(kpi) || (!isCompositeKpi(kpi) && !readsInstantRatios(kpi))
  );
  const batch = new DsQueryBatch(
    withRanges ? reportValueRange(period) : { fromMs: period.startMs, toMs: period.endMs }
  );
  // The step every range query of the report is asked at: the one a value KPI of this period is read at.
  const step = withRanges ? reportValueStep(period) : undefined;
  const plan = (kpi: KpiDefinition, prefix: string): PlannedRatios => {
    if (!readsInstantRatios(kpi)) {
      const planned = planRangeRatios(kpi, period, `${prefix}-`, step);
      ('queries' in planned ? planned.queries : []).forEach((query) => batch.add(query));
      return planned;
    }
    const queries = { kpi, refId: prefix, previousRefId: `${prefix}-previous` };
    const query = (refId: string, of: { startMs: number; endMs: number }) =>
      instantQuery(kpi.datasource, refId, rawErrorRatioOfPeriodExpr(kpi, of, scrapeIntervalMs), scrapeIntervalMs);
    batch.add(query(queries.refId, period));
    batch.add(query(queries.previousRefId, period.previous));
    return queries;
  };
  const rows = kpis.map((kpi, index): PlannedRow => {
    if (isValueKpi(kpi)) {
      const value = planValueRow(kpi, period, `r${index}-`, step);
      ('queries' in value ? value.queries : []).forEach((query) => batch.add(query));
      return { kpi, value };
    }
    if (!isCompositeKpi(kpi)) {
      return { kpi, ratios: plan(kpi, `r${index}`) };
    }
    const resolved = resolveMembers(kpi, catalog);
    if (!resolved.ok) {
      return { kpi, error: `this composite cannot be read: ${resolved.error}` };
    }
    return {
      kpi,
      members: resolved.members.map(({ kpi: member, weight }, m) => ({
        ratios: plan(member, `r${index}-m${m}`),
        weight,
      })),
    };
  });
  return { period, requests: batch.requests, rows };
}

type Responses = ReadonlyMap<string, DsQueryResponse | Error>;

/** An SLO's error ratios over the period and the one before, or why they cannot be read. */
function errorRatiosOf(planned: PlannedRatios, period: ReportPeriod, responses: Responses): PeriodRatios {
  if ('error' in planned) {
    return planned;
  }
  const response = responses.get(datasourceKey(planned.kpi.datasource));
  if (!response || response instanceof Error) {
    return { error: response?.message ?? 'the data source did not answer' };
  }
  if ('queries' in planned) {
    return readRangeRatios(planned, period, response);
  }
  const result = response.results[planned.refId];
  if (result?.error) {
    return { error: result.error };
  }
  const previous = response.results[planned.previousRefId];
  return { ratio: latestSum(result?.frames), previous: previous?.error ? null : latestSum(previous?.frames) };
}

/** A composite's row: its members' error ratios combined as the engine combines SLIs (compositeErrorRatio). */
function compositeRow(row: PlannedRow, period: ReportPeriod, responses: Responses): ReportRow {
  if (row.error !== undefined || !row.members) {
    return failedReportRow(row.kpi, row.error ?? 'no members');
  }
  const read = [];
  for (const member of row.members) {
    const ratios = errorRatiosOf(member.ratios, period, responses);
    if ('error' in ratios) {
      return failedReportRow(row.kpi, `member ${member.ratios.kpi.id}: ${ratios.error}`);
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
    if (isCompositeKpi(row.kpi)) {
      return compositeRow(row, plan.period, responses);
    }
    if (row.error !== undefined || !row.ratios) {
      return failedReportRow(row.kpi, row.error ?? 'no queries');
    }
    const ratios = errorRatiosOf(row.ratios, plan.period, responses);
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
