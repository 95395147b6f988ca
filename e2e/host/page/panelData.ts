/**
 * A scenario's queries run the way Grafana's PanelQueryRunner runs a panel's: interval from the time range, the
 * panel's max data points and the data source's scrape interval; one DataQueryRequest per data source through the
 * data source's own `query()`; the responses merged into one PanelData (state Error when any refId failed) that
 * carries the panel's request, as runRequest's PanelData does: its targets, interval and range, which a panel
 * reads its queried refIds and its step from (a SQL bucket's step is the request's interval).
 */
import { from, lastValueFrom } from 'rxjs';
import {
  CoreApp,
  dateMath,
  dateTime,
  LoadingState,
  rangeUtil,
  type DataQueryError,
  type DataQueryRequest,
  type DataQueryResponse,
  type DateTime,
  type PanelData,
  type TimeRange,
} from '@grafana/data';
import type { DataQuery, DataSourceRef } from '@grafana/schema';
import { getDataSourceInstance } from '@grafana/runtime/unstable';
import type { PanelScenario, ScenarioQuery } from '../scenarios';

let requestCounter = 0;

/** "now-6h" and friends through Grafana's dateMath; epoch milliseconds as they are. */
function parseTime(text: string, roundUp: boolean): DateTime {
  const parsed = /^\d+$/.test(text) ? dateTime(Number(text)) : dateMath.toDateTime(text, { roundUp });
  if (!parsed?.isValid()) {
    throw new Error(`"${text}" is not a Grafana time`);
  }
  return parsed;
}

export function scenarioTimeRange(scenario: PanelScenario): TimeRange {
  const { from: rawFrom, to: rawTo } = scenario.timeRange;
  return { from: parseTime(rawFrom, false), to: parseTime(rawTo, true), raw: { from: rawFrom, to: rawTo } };
}

/** A scenario query as the panel target its data source's editor stores. */
function targetOf(query: ScenarioQuery, datasource: DataSourceRef): DataQuery {
  const { refId, expr, rawSql, format, instant, legendFormat, interval } = query;
  if (rawSql !== undefined) {
    return { refId, datasource, rawSql, format: format ?? 'time_series' } as DataQuery;
  }
  return { refId, datasource, expr, instant, legendFormat, interval } as DataQuery;
}

/**
 * The request of a panel over `range` with `targets`. PanelQueryRunner: the panel's Min interval, else the data
 * source's, is the interval's lower limit.
 */
function panelRequest(
  targets: DataQuery[],
  range: TimeRange,
  maxDataPoints: number,
  minInterval: string | undefined
): DataQueryRequest<DataQuery> {
  const { interval, intervalMs } = rangeUtil.calculateInterval(range, maxDataPoints, minInterval);
  return {
    app: CoreApp.Dashboard,
    requestId: `Q${++requestCounter}`,
    panelId: 1,
    timezone: 'browser',
    range,
    interval,
    intervalMs,
    maxDataPoints,
    startTime: Date.now(),
    // The dashboard's own variables are the template service's (PanelPage sets them); these are the panel's.
    scopedVars: {
      __interval: { text: interval, value: interval },
      __interval_ms: { text: String(intervalMs), value: intervalMs },
    },
    targets,
  };
}

async function queryDataSource(
  uid: string | undefined,
  queries: ScenarioQuery[],
  range: TimeRange,
  maxDataPoints: number,
  panelMinInterval: string | undefined
): Promise<{ response: DataQueryResponse; request: DataQueryRequest<DataQuery> }> {
  const ds = await getDataSourceInstance(uid ?? null);
  const targets = queries.map((query) => targetOf(query, ds.getRef()));
  const request = panelRequest(targets, range, maxDataPoints, panelMinInterval || ds.interval);
  return { request, response: await lastValueFrom(from(ds.query(request))) };
}

export async function runScenarioQueries(scenario: PanelScenario, maxDataPoints: number): Promise<PanelData> {
  const timeRange = scenarioTimeRange(scenario);
  const byDataSource = new Map<string | undefined, ScenarioQuery[]>();
  for (const query of scenario.queries) {
    byDataSource.set(query.datasourceUid, [...(byDataSource.get(query.datasourceUid) ?? []), query]);
  }
  const answers = await Promise.all(
    [...byDataSource].map(([uid, queries]) =>
      queryDataSource(uid, queries, timeRange, maxDataPoints, scenario.interval)
    )
  );
  const responses = answers.map((answer) => answer.response);
  const errors: DataQueryError[] = responses.flatMap((response) => response.errors ?? []);
  return {
    state: errors.length > 0 ? LoadingState.Error : LoadingState.Done,
    series: responses.flatMap((response) => response.data),
    errors,
    timeRange,
    // One data source: its request. Several: Grafana's Mixed data source, which has no min interval of its own.
    request:
      answers.length === 1
        ? answers[0].request
        : panelRequest(
            answers.flatMap((answer) => answer.request.targets),
            timeRange,
            maxDataPoints,
            scenario.interval
          ),
  };
}
