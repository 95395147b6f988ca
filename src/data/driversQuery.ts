/**
 * A KPI's drivers read for its page: their rows as the catalog's refresh reads them (the numbers the list shows),
 * and each SLO driver's range over its window, from which its days come. All of it is ONE `POST /api/ds/query` per
 * data source: the catalog's own plan, reaching back far enough, with the SLO drivers' range queries added under
 * `d<i>-` refIds (the catalog's are `k<i>`), so the day history costs no request of its own.
 */
import { DEFAULT_SCRAPE_INTERVAL_MS } from '../kpi/time';
import { type CatalogKpi, isSourcedSlo, type KpiDefinition } from '../kpi/model';
import { type CatalogRowResult, planCatalogRefresh, readCatalogResults } from './catalogQuery';
import { datasourceKey, DsQueryBatch, postDsQueries, type DsQueryRequest, type DsQueryResponse } from './dsQuery';
import { type KpiRange, planKpiRange, type RangePlan, readKpiRange } from './kpiRangeQuery';

interface PlannedDriverRange {
  kpi: KpiDefinition;
  prefix: string;
  plan: RangePlan;
}

export interface DriversPlan {
  atMs: number;
  fromMs: number;
  /** One per data source, holding the catalog rows' queries and the SLO drivers' range queries. */
  requests: DsQueryRequest[];
  catalog: ReturnType<typeof planCatalogRefresh>;
  ranges: PlannedDriverRange[];
}

export interface DriversReading {
  /** Each driver's row, as the catalog list reads it. */
  rows: CatalogRowResult[];
  /** Each SLO driver's range over the request's span, or why its data source did not answer. */
  ranges: ReadonlyMap<string, KpiRange | Error>;
}

/** Plans the drivers' one refresh; composites among them read their members from `catalog`. */
export function planDriversRefresh(
  drivers: readonly CatalogKpi[],
  atMs: number,
  catalog: readonly CatalogKpi[] = drivers
): DriversPlan {
  const slos = drivers.filter(isSourcedSlo);
  const windowsFromMs = Math.min(atMs, ...slos.map((kpi) => planKpiRange(kpi, atMs).fromMs));
  const rows = planCatalogRefresh(drivers, atMs, DEFAULT_SCRAPE_INTERVAL_MS, catalog, windowsFromMs);
  // Each range query asks for the request's whole span, which the catalog's value periods may stretch further back.
  const ranges = slos.map((kpi, i) => {
    const prefix = `d${i}-`;
    return { kpi, prefix, plan: planKpiRange(kpi, atMs, { refIdPrefix: prefix, reachBackToMs: rows.fromMs }) };
  });
  const batch = new DsQueryBatch({ fromMs: rows.fromMs, toMs: atMs });
  rows.requests.forEach((request) => request.body.queries.forEach((query) => batch.add(query)));
  ranges.forEach(({ plan }) => plan.queries.forEach((query) => batch.add(query)));
  return { atMs, fromMs: rows.fromMs, requests: batch.requests, catalog: rows, ranges };
}

/** Reads the drivers' rows and ranges from the answers of their requests. */
export function readDrivers(
  plan: DriversPlan,
  responses: ReadonlyMap<string, DsQueryResponse | Error>
): DriversReading {
  const timeRange = { fromMs: plan.fromMs, toMs: plan.atMs };
  const ranges = new Map<string, KpiRange | Error>();
  for (const { kpi, prefix, plan: rangePlan } of plan.ranges) {
    const response = responses.get(datasourceKey(kpi.datasource));
    ranges.set(
      kpi.id,
      !response || response instanceof Error
        ? (response ?? new Error('the data source did not answer'))
        : readKpiRange(response, rangePlan, timeRange, prefix)
    );
  }
  return { rows: readCatalogResults(plan.catalog, responses), ranges };
}

/** Runs the drivers' refresh: one request per data source, in parallel. */
export async function refreshDrivers(
  drivers: readonly CatalogKpi[],
  atMs = Date.now(),
  catalog: readonly CatalogKpi[] = drivers
): Promise<DriversReading> {
  const plan = planDriversRefresh(drivers, atMs, catalog);
  return readDrivers(plan, await postDsQueries(plan.requests));
}
