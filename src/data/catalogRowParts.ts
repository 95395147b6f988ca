/**
 * The parts of an SLO's catalog row read from the answer's JSON (catalogQuery.ts plans the queries): each window's
 * totals from its instant error ratio, the 7-day trend, the previous period's SLI and the worst instances.
 */
import type { DsQueryResponse } from './dsQuery';
import { latestSum } from './instantResults';
import { formatDuration, type Grid, gridEndingAt, toGrid } from '../kpi/time';
import { sliOfErrorRatio, type WindowTotals } from '../kpi/evaluate';
import { groupByOf, instanceName, type KpiDefinition } from '../kpi/model';
import { frameFromJson } from '../reading';

/**
 * The trend sparkline of every row: the SLI per 6 hours over the last 7 days, 28 points. One span for all KPIs,
 * because /api/ds/query has one time range per request; the instant queries are evaluated at its end.
 */
export const TREND_SPAN_MS = 7 * 86_400_000;
export const TREND_STEP_MS = 6 * 3_600_000;

/** SLI per trend step, oldest first; NaN where there was no data or no traffic. */
export interface KpiTrend {
  grid: Grid;
  sli: Float64Array;
}

/** Instances a catalog row names: the worst few, so 50,000 routes cost three series in the answer, not 50,000. */
export const CATALOG_WORST_INSTANCES = 3;

/** A calendar KPI's SLI over the whole previous period; null without data or traffic then. */
export interface PreviousPeriodSli {
  label: string;
  sli: number | null;
}

/** A per-label KPI's row: its worst instances over the SLO window and how many miss the target. */
export interface CatalogInstances {
  /** Worst first, at most CATALOG_WORST_INSTANCES. */
  worst: Array<{ name: string; sli: number | null }>;
  count: number;
  belowTarget: number;
  /** Why the instances could not be read: the counts are then unknown, not 0. */
  error?: string;
}

/** Per-label KPIs: refIds of the worst instances, of how many there are and of how many miss the target. */
export interface InstanceRefIds {
  worstRefId: string;
  countRefId: string;
  belowRefId: string;
}

/**
 * An error ratio read as window totals: no series is a gap, NaN (0/0) no traffic. Without an event count the
 * ratio stands for one event, which gives every ratio and burn rate right; with one, the totals are real counts.
 */
export function totalsFromErrorRatio(ratio: number | null, events = 1): WindowTotals {
  if (ratio === null) {
    return { good: 0, bad: 0, total: 0, validSteps: 0, expectedSteps: 1 };
  }
  if (Number.isNaN(ratio) || !(events > 0)) {
    return { good: 0, bad: 0, total: 0, validSteps: 1, expectedSteps: 1 };
  }
  const bad = Math.min(Math.max(ratio, 0), 1) * events;
  return { good: events - bad, bad, total: events, validSteps: 1, expectedSteps: 1 };
}

/** Float dust around 0 and 1 (good equal to total) is not a data problem. */
const RATIO_TOLERANCE = 1e-9;

export function outsideUnitRange(ratio: number): boolean {
  return ratio < -RATIO_TOLERANCE || ratio > 1 + RATIO_TOLERANCE;
}

/** Clamping would read good > total as 100 % good: the row names the data problem instead. */
export function ratioDataProblem(ratio: number, windowMs: number): string {
  return (
    `data problem: the error ratio over ${formatDuration(windowMs)} is ${ratio}, outside 0..1: ` +
    (ratio < 0 ? 'good counts more events than total' : 'good is negative')
  );
}

/**
 * The trend's SLI per step from its range result; several series are summed like sumOfLatest does. Undefined
 * when the query failed or returned nothing: a missing sparkline must not hide the row's status.
 */
export function trendOf(result: DsQueryResponse['results'][string] | undefined, atMs: number): KpiTrend | undefined {
  if (!result || result.error || !result.frames?.length) {
    return undefined;
  }
  // Grafana aligns a range query's steps to multiples of the step, so the last point is at or before `atMs`.
  const endMs = Math.floor(atMs / TREND_STEP_MS) * TREND_STEP_MS;
  const grid = gridEndingAt(endMs, TREND_STEP_MS, TREND_SPAN_MS / TREND_STEP_MS + 1);
  const sli = new Float64Array(grid.length).fill(NaN);
  for (const json of result.frames) {
    const frame = frameFromJson(json, json.schema?.refId ?? '');
    const times = frame.fields.find((field) => field.type === 'time')?.values;
    const values = frame.fields.find((field) => field.type === 'number')?.values;
    if (!times || !values) {
      continue;
    }
    const ratios = toGrid(times, values, grid);
    for (let i = 0; i < grid.length; i++) {
      if (Number.isFinite(ratios[i])) {
        sli[i] = (Number.isFinite(sli[i]) ? sli[i] : 1) - ratios[i];
      }
    }
  }
  return { grid, sli };
}

/** A failed or empty answer, or 0/0, has no SLI: the row shows a dash, not 100 %. */
export function previousSliOf(
  label: string,
  result: DsQueryResponse['results'][string] | undefined
): PreviousPeriodSli {
  return { label, sli: sliOfErrorRatio(result && !result.error ? latestSum(result.frames) : null) };
}

/** The worst instances from a topk answer (one frame per series, labels on the value field) and the counts. */
export function instancesOf(kpi: KpiDefinition, refIds: InstanceRefIds, response: DsQueryResponse): CatalogInstances {
  const groupBy = groupByOf(kpi);
  const worst = (response.results[refIds.worstRefId]?.frames ?? []).map((json) => {
    const frame = frameFromJson(json, refIds.worstRefId);
    const field = frame.fields.find((f) => f.type === 'number');
    const labels = (field?.labels ?? {}) as Record<string, string>;
    const ratio = field && field.values.length > 0 ? Number(field.values[field.values.length - 1]) : null;
    return { name: instanceName(labels, groupBy), sli: sliOfErrorRatio(ratio) };
  });
  worst.sort((a, b) => (a.sli ?? Infinity) - (b.sli ?? Infinity));
  const failed = [refIds.countRefId, refIds.belowRefId, refIds.worstRefId]
    .map((refId) => response.results[refId]?.error)
    .find((error) => error !== undefined);
  if (failed !== undefined) {
    return { worst: [], count: 0, belowTarget: 0, error: failed };
  }
  return {
    worst,
    count: latestSum(response.results[refIds.countRefId]?.frames) ?? 0,
    belowTarget: latestSum(response.results[refIds.belowRefId]?.frames) ?? 0,
  };
}
