/**
 * A value KPI's range queries through `/api/ds/query`, sent and read back: the plan (queries, step, evaluation
 * instant) is src/reading's planValueRange, shared with `northstar eval --grafana`; the answer is read by
 * evaluateValueFrames. The catalog adds these queries to its one request per data source; the KPI page sends one
 * request of its own (fetchValueReading).
 */
import type { DataFrame } from '@grafana/data';
import type { ValueKpiDefinition } from '../kpi/model';
import {
  evaluateValueFrames,
  frameFromJson,
  isPlannedValueRange,
  type PlannedValueRange,
  planValueRange,
  type ValueReading,
  valueRangeStartMs,
} from '../reading';
import { postDsQuery, type DsQueryResponse } from './dsQuery';

export {
  isPlannedValueRange,
  type PlannedValueRange,
  planValueRange,
  type UnplannedValueRange,
  valueRangeStartMs,
} from '../reading';

/**
 * The KPI's reading from a response holding its queries; the data source's refusal of one of them is an Error
 * naming the field ("indicator.denominator: parse error …"), so the row says which query to fix.
 */
export function readValueRange(plan: PlannedValueRange, response: DsQueryResponse): ValueReading | Error {
  const frames: DataFrame[] = [];
  for (const { refId } of plan.queries) {
    const result = response.results[refId];
    if (result?.error) {
      return new Error(`indicator.${refId.slice(plan.refIdPrefix.length)}: ${result.error}`);
    }
    for (const json of result?.frames ?? []) {
      frames.push(frameFromJson(json, refId));
    }
  }
  return evaluateValueFrames(plan.kpi, frames, { atMs: plan.atMs, stepMs: plan.stepMs, refIdPrefix: plan.refIdPrefix });
}

/** One value KPI at its period's step, in one request: the KPI page. */
export async function fetchValueReading(kpi: ValueKpiDefinition, atMs = Date.now()): Promise<ValueReading | Error> {
  const range = { fromMs: valueRangeStartMs(kpi, atMs), toMs: atMs };
  const plan = planValueRange(kpi, range);
  if (!isPlannedValueRange(plan)) {
    return new Error(plan.error);
  }
  const response = await postDsQuery(kpi.datasource, {
    from: String(range.fromMs),
    to: String(range.toMs),
    queries: plan.queries,
  });
  return response instanceof Error ? response : readValueRange(plan, response);
}
