/**
 * `POST /api/ds/query`, the one door to data sources: a request carries the queries of one data source and
 * answers per refId. Failures come back as values, never as throws, so one data source's outage marks its own
 * rows or panels and nothing else.
 */
import { lastValueFrom } from 'rxjs';
import type { DataFrameJSON } from '@grafana/data';
import { getBackendSrv, isFetchError } from '@grafana/runtime';
import type { DatasourceRef } from '../kpi/model';
import type { DsQueryModel } from '../reading';
import { fetchErrorDetails } from './fetchErrors';

/** A Prometheus query as Grafana's query editor stores it. */
export interface PrometheusQuery extends DsQueryModel {
  refId: string;
  datasource: DatasourceRef;
  expr: string;
  instant: boolean;
  range: boolean;
  format: 'time_series';
  intervalMs: number;
  maxDataPoints: number;
  /** Grafana's minimum step of a range query ("6h"). */
  interval?: string;
  /** Where Grafana's steps fall: multiples of the step, shifted by this offset (a zone's, for its midnights). */
  utcOffsetSec?: number;
}

export interface DsQueryBody {
  /** Epoch milliseconds as strings, as Grafana's frontend sends them; instant queries are evaluated at `to`. */
  from: string;
  to: string;
  queries: DsQueryModel[];
}

/** `/api/ds/query`'s answer: one result per refId (HTTP 200, or 207 when some failed). */
export interface DsQueryResponse {
  results: Record<string, { status?: number; frames?: DataFrameJSON[]; error?: string }>;
}

/** One data source's request. */
export interface DsQueryRequest {
  datasource: DatasourceRef;
  body: DsQueryBody;
}

/** An instant query of one value per series, evaluated at the request's `to` (or where its `@` says). */
export function instantQuery(
  datasource: DatasourceRef,
  refId: string,
  expr: string,
  intervalMs: number
): PrometheusQuery {
  return { refId, datasource, expr, instant: true, range: false, format: 'time_series', intervalMs, maxDataPoints: 1 };
}

/**
 * Queries gathered into one request per data source (in the order the data sources first come), all over one
 * time range: what a page sends for one refresh.
 */
export class DsQueryBatch {
  private readonly byDatasource = new Map<string, DsQueryRequest>();

  constructor(readonly range: { fromMs: number; toMs: number }) {}

  add(query: DsQueryModel): void {
    const key = datasourceKey(query.datasource);
    let request = this.byDatasource.get(key);
    if (!request) {
      request = {
        datasource: query.datasource,
        body: { from: String(this.range.fromMs), to: String(this.range.toMs), queries: [] },
      };
      this.byDatasource.set(key, request);
    }
    request.body.queries.push(query);
  }

  get requests(): DsQueryRequest[] {
    return [...this.byDatasource.values()];
  }
}

/** The key answers are filed under: one request per data source. */
export function datasourceKey(datasource: DatasourceRef): string {
  return `${datasource.type}/${datasource.uid}`;
}

/** Several data sources' requests at once, in parallel: the answers by datasourceKey. */
export async function postDsQueries(
  requests: readonly DsQueryRequest[]
): Promise<Map<string, DsQueryResponse | Error>> {
  const answers = await Promise.all(
    requests.map(async (request): Promise<[string, DsQueryResponse | Error]> => [
      datasourceKey(request.datasource),
      await postDsQuery(request.datasource, request.body),
    ])
  );
  return new Map(answers);
}

export async function postDsQuery(datasource: DatasourceRef, body: DsQueryBody): Promise<DsQueryResponse | Error> {
  try {
    const response = await lastValueFrom(
      getBackendSrv().fetch<DsQueryResponse>({
        url: `/api/ds/query?ds_type=${encodeURIComponent(datasource.type)}`,
        method: 'POST',
        data: body,
        // A 207 still carries every refId's result; failures are read per refId.
        showErrorAlert: false,
      })
    );
    return response.data;
  } catch (error) {
    if (isFetchError<DsQueryResponse>(error) && error.data?.results) {
      return error.data;
    }
    return new Error(fetchErrorDetails(error).message || 'the data source request failed');
  }
}
