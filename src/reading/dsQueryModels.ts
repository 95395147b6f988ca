/**
 * A KPI's queries as `/api/ds/query` takes them, in the data source's own model: `{ expr, range }` for Prometheus,
 * the stored `{ rawSql, format }` for SQL, the stored object for any other type. The app and `northstar eval
 * --grafana` build their requests here, so both ask the same thing. Pure: no network.
 */
import {
  type DatasourceRef,
  type KpiDefinition,
  type KpiQuery,
  promqlOf,
  queryLanguageOf,
  type QueryLanguage,
} from '../kpi/model';

/** One query of a `/api/ds/query` request: the fields every data source reads, then its own. */
export interface DsQueryModel {
  refId: string;
  datasource: DatasourceRef;
  intervalMs: number;
  maxDataPoints: number;
  [field: string]: unknown;
}

/** The refIds of a KPI's range queries: good and total, or the value. */
export const RANGE_REF_IDS = { ratio: ['good', 'total'], threshold: ['value'] } as const;

/**
 * How a data source's range answer is read. PromQL answers a sample at each step's end, and a ratio's queries are
 * per-second rates. SQL (and any type Northstar does not know) answers one row per time bucket named by the
 * bucket's start (`$__timeGroupAlias`), and a ratio's queries are counts in the bucket.
 */
export interface RangeReading {
  language: QueryLanguage;
  /** Each row is a bucket named by its start: it is placed at its end, as a sample of what came before. */
  bucketStart: boolean;
  /** A ratio's values are per-second rates (× step = events), not counts per bucket. */
  rates: boolean;
}

export function rangeReadingOf(datasource: DatasourceRef): RangeReading {
  const language = queryLanguageOf(datasource.type);
  return language === 'promql'
    ? { language, bucketStart: false, rates: true }
    : { language, bucketStart: true, rates: false };
}

/**
 * One range query at `stepMs`: the data source's model with the step and the point budget. `utcOffsetSec` puts a
 * PromQL query's steps on a zone's midnights, as Grafana's Prometheus backend aligns them (a calendar period's).
 */
export function rangeQueryModel(
  datasource: DatasourceRef,
  refId: string,
  query: KpiQuery,
  stepMs: number,
  maxDataPoints: number,
  utcOffsetSec?: number
): DsQueryModel {
  const base = { refId, datasource, intervalMs: stepMs, maxDataPoints };
  const promql = queryLanguageOf(datasource.type) === 'sql' ? undefined : promqlOf(query);
  if (promql !== undefined) {
    const stored = typeof query === 'string' ? {} : query;
    const aligned = utcOffsetSec === undefined ? {} : { utcOffsetSec };
    // No `interval` (min step): Grafana would read it as the scrape interval of `$__rate_interval`, max(step + it,
    // 4 × it), a 20m rate at a 5m step, which smears each step's count over four. Without it Grafana steps by
    // `intervalMs` and takes the data source's scrape interval, as `eval --prometheus` and the rules do.
    return { ...stored, ...base, expr: promql, instant: false, range: true, format: 'time_series', ...aligned };
  }
  // A SQL or other query object goes as stored: Grafana's backend for the type expands its macros.
  return { ...(typeof query === 'string' ? { expr: query } : query), ...base };
}

/**
 * The KPI's range queries over `spanMs` (the request's range, which may be longer than the KPI's own) at `stepMs`:
 * good and total, or the value, under `refIdPrefix`. The point budget is above span / step: Grafana keeps the step
 * only while range / maxDataPoints is below it, and coarsens it to a round one otherwise.
 */
export function kpiRangeQueryModels(
  kpi: KpiDefinition,
  { stepMs, spanMs, refIdPrefix = '' }: { stepMs: number; spanMs: number; refIdPrefix?: string }
): DsQueryModel[] {
  const indicator = kpi.indicator;
  const queries = indicator.type === 'ratio' ? [indicator.good, indicator.total] : [indicator.query];
  const refIds = indicator.type === 'ratio' ? RANGE_REF_IDS.ratio : RANGE_REF_IDS.threshold;
  const maxDataPoints = Math.ceil(spanMs / stepMs) + 1;
  return queries.map((query, i) =>
    rangeQueryModel(kpi.datasource, `${refIdPrefix}${refIds[i]}`, query, stepMs, maxDataPoints)
  );
}
