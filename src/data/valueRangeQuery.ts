/**
 * A value KPI's range queries through `/api/ds/query`: the user's numerator and denominator (or query) as written,
 * from the previous period's start to now, read by src/reading's evaluateValueFrames. Grafana expands
 * `$__rate_interval` itself; the step is the one src/reading's valueQueryStep gives the KPI's period, whoever asks,, so the answer lands on
 * the grid of valuePeriodsAt. The catalog adds these queries to its one request per data source; the KPI page sends
 * one request of its own (fetchValueReading).
 */
import { dataFrameFromJSON, type DataFrame } from '@grafana/data';
import { valuePeriodsAt } from '../kpi/evaluate';
import { promqlOf, type ValueKpiDefinition } from '../kpi/model';
import {
  alignedToStep,
  type DsQueryModel,
  evaluateValueFrames,
  GRAFANA_MAX_POINTS,
  rangeQueryModel,
  valueQueryRefs,
  valueQueryStep,
  type ValueReading,
} from '../reading';
import { postDsQuery, type DsQueryResponse } from './dsQuery';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** Where a value KPI's range must start for its grid at `atMs`: the previous period's start, a day's margin before. */
export function valueRangeStartMs(kpi: ValueKpiDefinition, atMs: number): number {
  return valuePeriodsAt(kpi.objective.window, atMs, MINUTE_MS).previous.startMs - DAY_MS;
}

/** A value KPI's queries in a request over `range`, and how to read them back. */
export interface PlannedValueRange {
  kpi: ValueKpiDefinition;
  /** The evaluation instant: the request's end, floored to the step as Grafana floors it. */
  atMs: number;
  stepMs: number;
  /** The UTC offset the step is aligned with (the zone's, for a calendar window). */
  utcOffsetSec: number;
  refIdPrefix: string;
  queries: DsQueryModel[];
}

/** Why a value KPI has no queries: no step Grafana keeps divides its periods. */
export interface UnplannedValueRange {
  kpi: ValueKpiDefinition;
  error: string;
}

/**
 * The range queries of one value KPI in a request over `range` (which must start at or before valueRangeStartMs).
 * No `interval` (min step): Grafana then takes `intervalMs` as the step and expands `$__rate_interval` to step +
 * scrape interval, as `northstar eval` does; maxDataPoints above range / step keeps Grafana from coarsening it, and
 * `utcOffsetSec` puts its steps on the zone's midnights.
 */
export function planValueRange(
  kpi: ValueKpiDefinition,
  range: { fromMs: number; toMs: number },
  { refIdPrefix = '' }: { refIdPrefix?: string } = {}
): PlannedValueRange | UnplannedValueRange {
  const rangeMs = range.toMs - range.fromMs;
  const step = valueQueryStep(kpi.objective.window, range.toMs, rangeMs);
  if (step === undefined) {
    return {
      kpi,
      error:
        `objective.window: no step Grafana keeps (at most ${GRAFANA_MAX_POINTS} points over ` +
        `${Math.round(rangeMs / 86_400_000)} days) falls on the boundaries of ${JSON.stringify(kpi.objective.window)}`,
    };
  }
  const { stepMs, utcOffsetSec } = step;
  const maxDataPoints = Math.ceil(rangeMs / stepMs) + 1;
  const queries = valueQueryRefs(kpi, refIdPrefix).map(({ refId, query }): DsQueryModel => {
    const promql = promqlOf(query);
    // SQL and other models go as stored: `$__interval` is the step, one bucket per step.
    return promql === undefined || kpi.datasource.type !== 'prometheus'
      ? rangeQueryModel(kpi.datasource, refId, query, stepMs, maxDataPoints)
      : {
          refId,
          datasource: kpi.datasource,
          expr: promql,
          instant: false,
          range: true,
          format: 'time_series',
          intervalMs: stepMs,
          maxDataPoints,
          utcOffsetSec,
        };
  });
  return { kpi, atMs: alignedToStep(range.toMs, step), ...step, refIdPrefix, queries };
}

export function isPlannedValueRange(plan: PlannedValueRange | UnplannedValueRange): plan is PlannedValueRange {
  return 'queries' in plan;
}

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
      frames.push({ ...dataFrameFromJSON(json), refId });
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
