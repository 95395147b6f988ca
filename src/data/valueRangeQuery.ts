/**
 * A value KPI's range queries through `/api/ds/query`: the user's numerator and denominator (or query) as written,
 * from the previous period's start to now, read by src/reading's evaluateValueFrames. Grafana expands
 * `$__rate_interval` itself; the step is one Grafana keeps as asked (see valueQueryStepMs), so the answer lands on
 * the grid of valuePeriodsAt. The catalog adds these queries to its one request per data source; the KPI page sends
 * one request of its own (fetchValueReading).
 */
import { dataFrameFromJSON, type DataFrame } from '@grafana/data';
import { isCalendarWindow, parseDuration } from '../kpi/time';
import { valuePeriodsAt } from '../kpi/evaluate';
import { promqlOf, type ValueKpiDefinition } from '../kpi/model';
import { type DsQueryModel, evaluateValueFrames, rangeQueryModel, valueQueryRefs, type ValueReading } from '../reading';
import { postDsQuery, type DsQueryResponse } from './dsQuery';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/**
 * Steps Grafana keeps as asked: its own round intervals (gtime.RoundInterval), finest first. Grafana raises a step
 * to the round interval of range / 11,000 (promlib's safeResolution); a round step with at most 11,000 points over
 * the range is never below that, so it stays.
 */
const ROUND_STEPS_MS = [
  MINUTE_MS,
  5 * MINUTE_MS,
  10 * MINUTE_MS,
  15 * MINUTE_MS,
  20 * MINUTE_MS,
  30 * MINUTE_MS,
  HOUR_MS,
  2 * HOUR_MS,
  3 * HOUR_MS,
  6 * HOUR_MS,
  12 * HOUR_MS,
  24 * HOUR_MS,
];

/** promlib's safeResolution: Grafana never asks Prometheus for more points per series than this. */
export const GRAFANA_MAX_POINTS = 11_000;
/** The catalog's rows: about an hour's step over two months, so hundreds of value KPIs stay a light answer. */
export const CATALOG_VALUE_POINTS = 1_500;

/** The step is a divisor of the period boundaries, as epoch offsets: Grafana aligns its steps to the epoch. */
function alignsWith(window: ValueKpiDefinition['objective']['window'], atMs: number, stepMs: number): boolean {
  if (!isCalendarWindow(window)) {
    return parseDuration(window) % stepMs === 0;
  }
  const { current, previous } = valuePeriodsAt(window, atMs, stepMs);
  return [previous.startMs, current.startMs, current.endMs].every((ms) => ms % stepMs === 0);
}

/**
 * The finest round step that divides the period boundaries and gives at most `preferredPoints` over `rangeMs`;
 * failing that, the coarsest within Grafana's 11,000 points; undefined when none does (a rolling window that is
 * not whole minutes, a quarter in a zone such as Asia/Kathmandu whose midnights fall on 15 minutes only).
 */
export function valueQueryStepMs(
  window: ValueKpiDefinition['objective']['window'],
  atMs: number,
  rangeMs: number,
  preferredPoints = GRAFANA_MAX_POINTS
): number | undefined {
  const aligned = ROUND_STEPS_MS.filter((stepMs) => alignsWith(window, atMs, stepMs));
  const preferred = aligned.find((stepMs) => rangeMs / stepMs <= preferredPoints);
  if (preferred !== undefined) {
    return preferred;
  }
  const allowed = aligned.filter((stepMs) => rangeMs / stepMs <= GRAFANA_MAX_POINTS);
  return allowed[allowed.length - 1];
}

/** Where a value KPI's range must start for its grid at `atMs`: the previous period's start, a day's margin before. */
export function valueRangeStartMs(kpi: ValueKpiDefinition, atMs: number): number {
  return valuePeriodsAt(kpi.objective.window, atMs, MINUTE_MS).previous.startMs - 24 * HOUR_MS;
}

/** A value KPI's queries in a request over `range`, and how to read them back. */
export interface PlannedValueRange {
  kpi: ValueKpiDefinition;
  /** The evaluation instant: the request's end, floored to the step as Grafana floors it. */
  atMs: number;
  stepMs: number;
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
 * scrape interval, as `northstar eval` does; maxDataPoints above range / step keeps Grafana from coarsening it.
 */
export function planValueRange(
  kpi: ValueKpiDefinition,
  range: { fromMs: number; toMs: number },
  { refIdPrefix = '', preferredPoints = GRAFANA_MAX_POINTS }: { refIdPrefix?: string; preferredPoints?: number } = {}
): PlannedValueRange | UnplannedValueRange {
  const rangeMs = range.toMs - range.fromMs;
  const stepMs = valueQueryStepMs(kpi.objective.window, range.toMs, rangeMs, preferredPoints);
  if (stepMs === undefined) {
    return {
      kpi,
      error:
        `objective.window: no step Grafana keeps (at most ${GRAFANA_MAX_POINTS} points over ` +
        `${Math.round(rangeMs / 86_400_000)} days) falls on the boundaries of ${JSON.stringify(kpi.objective.window)}`,
    };
  }
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
        };
  });
  return { kpi, atMs: Math.floor(range.toMs / stepMs) * stepMs, stepMs, refIdPrefix, queries };
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

/** One value KPI at its finest step Grafana keeps, in one request: the KPI page. */
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
