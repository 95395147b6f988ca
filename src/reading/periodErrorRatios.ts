/**
 * An SLO's error ratio over whole periods (the report's period and the one before it) from its range frames: the
 * counts per step read as the panel reads them (SQL buckets moved to their end, a bucket without a row 0 events;
 * a threshold's values as slices), maintenance steps left out, then summed per period. The report reads KPIs whose
 * queries are not PromQL this way; a PromQL KPI's row asks Prometheus for the ratio itself.
 */
import type { DataFrame } from '@grafana/data';
import { type EventCounts, gridTimeAt, maintenanceMaskFor } from '../kpi/time';
import { type KpiDefinition, queryLanguageOf } from '../kpi/model';
import { countsFromFrames } from './frames';
import { describeFrameProblem } from './frameMessages';
import { specForKpi } from './kpiSpec';

/** A period as (startMs, endMs]: the steps ending inside it are its own. */
export interface PeriodBounds {
  startMs: number;
  endMs: number;
}

export interface PeriodReadingOptions {
  /** The request's range: from the earliest period's start to the latest period's end. */
  range: { fromMs: number; toMs: number };
  /** The step the queries were asked at, which divides the periods' bounds. */
  stepMs: number;
  /** refIds of good and total, or of the value, as they came back. */
  refIds: readonly string[];
}

/**
 * Per period: bad / all events (or slices); NaN when it held none (no traffic), null when no step of it had data.
 * `reason` instead when the frames cannot be read, in words that name the query.
 */
export type PeriodErrorRatios = { ok: true; ratios: Array<number | null> } | { ok: false; reason: string };

/** The KPI's error ratio over each of `periods`, from its range frames. */
export function periodErrorRatios(
  kpi: KpiDefinition,
  frames: readonly DataFrame[],
  periods: readonly PeriodBounds[],
  { range, stepMs, refIds }: PeriodReadingOptions
): PeriodErrorRatios {
  const unread = unreadableSourceReason(kpi, frames);
  if (unread !== undefined) {
    return { ok: false, reason: unread };
  }
  const read = countsFromFrames(frames, specForKpi(kpi, refIds, false).queries, {
    timeRange: range,
    minSpanMs: range.toMs - range.fromMs,
    fallbackStepMs: stepMs,
    queriedRefIds: refIds,
  });
  if (!read.ok) {
    return { ok: false, reason: describeFrameProblem(read.problem) };
  }
  const { counts } = read.result;
  const excluded = maintenanceMaskFor(kpi.maintenance, counts.grid);
  return { ok: true, ratios: periods.map((period) => errorRatioWithin({ ...counts, excluded }, period)) };
}

function errorRatioWithin({ grid, good, total, excluded }: EventCounts, period: PeriodBounds): number | null {
  let goodSum = 0;
  let totalSum = 0;
  let read = false;
  for (let i = 0; i < grid.length; i++) {
    const endMs = gridTimeAt(grid, i);
    if (endMs <= period.startMs || endMs > period.endMs || excluded?.[i] || !Number.isFinite(total[i])) {
      continue;
    }
    read = true;
    totalSum += total[i];
    goodSum += Number.isFinite(good[i]) ? good[i] : 0;
  }
  if (!read) {
    return null;
  }
  // 0 / 0 stays NaN: a period without events is no traffic, never 100 %.
  return totalSum === 0 ? NaN : (totalSum - goodSum) / totalSum;
}

/**
 * Why a KPI on a data source type Northstar does not know cannot be read: it answered no rows at all, so there is
 * nothing to tell an outage from a query its backend does not run. SQL and PromQL answers without rows are read
 * (no traffic, no data); undefined when the frames can be read.
 */
export function unreadableSourceReason(
  kpi: { datasource: { type: string } },
  frames: readonly DataFrame[]
): string | undefined {
  if (queryLanguageOf(kpi.datasource.type) !== 'opaque') {
    return undefined;
  }
  const anyRow = frames.some((frame) => frame.fields.some((field) => field.values.length > 0));
  return anyRow ? undefined : `not evaluated: ${kpi.datasource.type} returns no frames we can read`;
}
