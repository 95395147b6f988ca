/**
 * A scenario's queries run the way Grafana's PanelQueryRunner runs a panel's: interval from the time range, the
 * panel's max data points and the data source's scrape interval; one DataQueryRequest per data source through the
 * data source's own `query()`; the responses merged into one PanelData (state Error when any refId failed).
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
import { getDataSourceInstance } from '@grafana/runtime/unstable';
import type { PanelScenario, ScenarioQuery } from '../scenarios';
import type { PrometheusQuery } from './dataSources';

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

async function queryDataSource(
  uid: string | undefined,
  queries: ScenarioQuery[],
  range: TimeRange,
  maxDataPoints: number,
  minInterval: string | undefined
) {
  const ds = await getDataSourceInstance(uid ?? null);
  // PanelQueryRunner: the panel's Min interval, else the data source's, is the interval's lower limit.
  const { interval, intervalMs } = rangeUtil.calculateInterval(range, maxDataPoints, minInterval || ds.interval);
  const request: DataQueryRequest<PrometheusQuery> = {
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
    targets: queries.map(({ refId, expr, instant, legendFormat, interval: minStep }) => ({
      refId,
      expr,
      instant,
      legendFormat,
      interval: minStep,
      datasource: ds.getRef(),
    })),
  };
  return lastValueFrom(from(ds.query(request)));
}

export async function runScenarioQueries(scenario: PanelScenario, maxDataPoints: number): Promise<PanelData> {
  const timeRange = scenarioTimeRange(scenario);
  const byDataSource = new Map<string | undefined, ScenarioQuery[]>();
  for (const query of scenario.queries) {
    byDataSource.set(query.datasourceUid, [...(byDataSource.get(query.datasourceUid) ?? []), query]);
  }
  const responses: DataQueryResponse[] = await Promise.all(
    [...byDataSource].map(([uid, queries]) => queryDataSource(uid, queries, timeRange, maxDataPoints, scenario.interval))
  );
  const errors: DataQueryError[] = responses.flatMap((response) => response.errors ?? []);
  return {
    state: errors.length > 0 ? LoadingState.Error : LoadingState.Done,
    series: responses.flatMap((response) => response.data),
    errors,
    timeRange,
  };
}
