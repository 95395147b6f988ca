/**
 * `POST /api/ds/query`, the one door to data sources: a request carries the queries of one data source and
 * answers per refId. Failures come back as values, never as throws, so one data source's outage marks its own
 * rows or panels and nothing else.
 */
import { lastValueFrom } from 'rxjs';
import type { DataFrameJSON } from '@grafana/data';
import { getBackendSrv, isFetchError } from '@grafana/runtime';
import type { DatasourceRef } from '../kpi/model';
import { datasourceKey, type DsQueryBody, type DsQueryModel, type DsQueryRequest } from '../reading';
import { fetchErrorDetails } from './fetchErrors';

export { datasourceKey, DsQueryBatch, type DsQueryBody, type DsQueryRequest } from '../reading';

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

/** `/api/ds/query`'s answer: one result per refId (HTTP 200, or 207 when some failed). */
export interface DsQueryResponse {
  results: Record<string, { status?: number; frames?: DataFrameJSON[]; error?: string }>;
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
