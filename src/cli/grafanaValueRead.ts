/**
 * A value KPI through `northstar eval --grafana`, as the app's KPI page reads it: its queries at the step
 * valueQueryStep gives its period (src/reading's planValueRange, the plan the app uses), from the previous period's
 * start to the evaluation instant, in its data source's one request; its frames read by evaluateValueFrames. So
 * the CLI's value, previous value, change and forecast are the page's, for PromQL and SQL alike.
 */
import type { DataFrame } from '@grafana/data';
import { valuePeriodsAt } from '../kpi/evaluate';
import type { ValueKpiDefinition } from '../kpi/model';
import {
  evaluateValueFrames,
  frameFromJson,
  isPlannedValueRange,
  type PlannedValueRange,
  type UnplannedValueRange,
} from '../reading';
import { valueRow, type ValueEvalRow } from './evaluateValueKpi';
import { type DsQueryResultWire, GrafanaError } from './grafana';

// The period's bounds do not depend on the step: any divisor of the day finds them.
const MINUTE_MS = 60_000;

/** The KPI's row from the request's answers: its evaluation, or the query that failed (naming the field). */
export function valueReadRow(
  read: PlannedValueRange | UnplannedValueRange,
  answers: ReadonlyMap<string, DsQueryResultWire | GrafanaError>,
  requestedAtMs: number
): ValueEvalRow {
  if (!isPlannedValueRange(read)) {
    return unreadRow(read.kpi, requestedAtMs, `${read.kpi.id}: ${read.error}`);
  }
  const frames: DataFrame[] = [];
  for (const { refId } of read.queries) {
    const answer = answers.get(refId);
    const field = refId.slice(read.refIdPrefix.length);
    if (answer instanceof GrafanaError) {
      return unreadRow(read.kpi, read.atMs, `${read.kpi.id}: ${answer.message}`);
    }
    if (answer?.error) {
      return unreadRow(read.kpi, read.atMs, `${read.kpi.id}: indicator.${field} (refId ${field}): ${answer.error}`);
    }
    frames.push(...(answer?.frames ?? []).map((frame) => frameFromJson(frame, refId)));
  }
  const { evaluation, periods } = evaluateValueFrames(read.kpi, frames, {
    atMs: read.atMs,
    stepMs: read.stepMs,
    refIdPrefix: read.refIdPrefix,
  });
  return valueRow(
    {
      kpi: read.kpi,
      periodStart: new Date(periods.current.startMs).toISOString(),
      periodEnd: new Date(periods.current.endMs).toISOString(),
      evaluatedAt: new Date(evaluation.evaluatedAtMs).toISOString(),
    },
    evaluation
  );
}

/** A value KPI that could not be read: no data over the period it would have covered, and why. */
function unreadRow(kpi: ValueKpiDefinition, atMs: number, error: string): ValueEvalRow {
  const { current } = valuePeriodsAt(kpi.objective.window, atMs, MINUTE_MS);
  return valueRow(
    {
      kpi,
      periodStart: new Date(current.startMs).toISOString(),
      periodEnd: new Date(current.endMs).toISOString(),
      evaluatedAt: new Date(atMs).toISOString(),
    },
    { status: 'no-data', value: null, previousValue: null, change: null, forecast: null, coverage: 0, error }
  );
}
