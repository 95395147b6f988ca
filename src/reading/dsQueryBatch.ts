/**
 * Queries gathered into one `/api/ds/query` request per data source: what the app sends for one refresh and what
 * `northstar eval --grafana` sends for one run. The one batcher both use, so both ask the same thing. Pure: the
 * requests are posted by src/data (the app) or src/cli/grafana.ts.
 */
import type { DatasourceRef } from '../kpi/model';
import type { DsQueryModel } from './dsQueryModels';

export interface DsQueryBody {
  /** Epoch milliseconds as strings, as Grafana's frontend sends them; instant queries are evaluated at `to`. */
  from: string;
  to: string;
  queries: DsQueryModel[];
}

/** One data source's request. */
export interface DsQueryRequest {
  datasource: DatasourceRef;
  body: DsQueryBody;
}

/** The key answers are filed under: one request per data source. */
export function datasourceKey(datasource: DatasourceRef): string {
  return `${datasource.type}/${datasource.uid}`;
}

/**
 * Queries gathered into one request per data source (in the order the data sources first come), all over one
 * time range: `/api/ds/query` has one range per request.
 */
export class DsQueryBatch {
  /** Each data source's request, with the refIds it has taken. */
  private readonly byDatasource = new Map<string, { request: DsQueryRequest; refIds: Set<string> }>();

  constructor(readonly range: { fromMs: number; toMs: number }) {}

  /** Adds a query to its data source's request; a refId already in that request is a mistake of the caller. */
  add(query: DsQueryModel): void {
    const key = datasourceKey(query.datasource);
    let entry = this.byDatasource.get(key);
    if (!entry) {
      entry = {
        request: {
          datasource: query.datasource,
          body: { from: String(this.range.fromMs), to: String(this.range.toMs), queries: [] },
        },
        refIds: new Set(),
      };
      this.byDatasource.set(key, entry);
    }
    if (entry.refIds.has(query.refId)) {
      // Two queries under one refId would share one answer: one of them would be read as the other.
      throw new Error(`refId ${query.refId} is already in the request to ${key}`);
    }
    entry.refIds.add(query.refId);
    entry.request.body.queries.push(query);
  }

  get requests(): DsQueryRequest[] {
    return [...this.byDatasource.values()].map(({ request }) => request);
  }
}
