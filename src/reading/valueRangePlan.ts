/**
 * A value KPI's range queries through `/api/ds/query`, planned: the user's numerator and denominator (or query) as
 * written, from the previous period's start to the evaluation instant, at the one step valueQueryStep gives the
 * KPI's period, whoever asks. The app's catalog and KPI page (src/data) and `northstar eval --grafana` (src/cli)
 * plan here, so they ask the same thing and read the same value. Pure: no network.
 */
import { valuePeriodsAt } from '../kpi/evaluate';
import type { ValueKpiDefinition } from '../kpi/model';
import { type DsQueryModel, rangeQueryModel } from './dsQueryModels';
import { valueQueryRefs } from './valueFrames';
import { alignedToStep, GRAFANA_MAX_POINTS, valueQueryStep } from './valueStep';

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
  const queries = valueQueryRefs(kpi, refIdPrefix).map(({ refId, query }) =>
    rangeQueryModel(kpi.datasource, refId, query, stepMs, maxDataPoints, utcOffsetSec)
  );
  return { kpi, atMs: alignedToStep(range.toMs, step), ...step, refIdPrefix, queries };
}

export function isPlannedValueRange(plan: PlannedValueRange | UnplannedValueRange): plan is PlannedValueRange {
  return 'queries' in plan;
}
