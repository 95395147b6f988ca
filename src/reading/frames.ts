/**
 * DataFrame[] -> the engine's inputs (DESIGN §3). The values of each mapped query go on one regular grid (several
 * series of a query are summed, as PromQL's sum() would), then become events per step: ratio queries return
 * per-second rates, multiplied by the step; threshold queries give one slice per step.
 *
 * This file reads the frames; frameGrid.ts places them on the grid, frameMessages.ts words what went wrong and
 * frameTypes.ts holds the types all three share (so frames.ts and frameGrid.ts no longer import each other).
 * Pure and tested with in-memory frames. It imports only types from @grafana/data, so the bench can run it in
 * Node, where that package does not load (it needs a browser `window`).
 */
import type { DataFrame, Field } from '@grafana/data';
import {
  countsFromSlices,
  type InstanceCounts,
  type InstanceNote,
  instanceTotalsFromCounts,
  type InstanceWindowTotals,
  type LabelledCount,
  type LabelledSeries,
  matchInstances,
  totalsFromCounts,
  windowCountRefIds,
  type WindowTotals,
} from '../kpi/evaluate';
import { type EventCounts, type Grid } from '../kpi/time';
import type { Comparator } from '../kpi/model';
import { chooseStep, gridFor, placeOnGrid, positive, sumSeries, type SeriesInput } from './frameGrid';
import type { FrameNote, FrameProblem, GridOptions, StepSource } from './frameTypes';

export interface AlignedFrames {
  grid: Grid;
  stepSource: StepSource;
  /** refId -> values on the grid (events per step with ratesPerStep); NaN marks a gap. */
  values: Record<string, Float64Array>;
  notes: FrameNote[];
}

export type AlignResult = { ok: true; aligned: AlignedFrames } | { ok: false; problem: FrameProblem };

export { MAX_GRID_STEPS } from './frameGrid';
export type { FrameNote, FrameProblem, FrameTimeRange, GridOptions, StepSource } from './frameTypes';

/** Puts the values of every refId on one grid that ends at the range's end and spans at least minSpanMs. */
export function alignFrames(
  series: readonly DataFrame[],
  refIds: readonly string[],
  options: GridOptions
): AlignResult {
  const read = readOntoGrid(series, refIds, options);
  if (!read.ok) {
    return read;
  }
  const { inputs, grid, stepSource, notes } = read;
  const values: Record<string, Float64Array> = {};
  for (const refId of new Set(refIds)) {
    const scale = options.ratesPerStep ? grid.stepMs / 1000 : 1;
    const own = inputs.filter((input) => input.refId === refId);
    // Bucket counts mark their rows' slots as they are placed: one pass over the rows, not a second to find them.
    const rowSlots = options.countsWithoutRowsAreZero ? new Uint8Array(grid.length) : undefined;
    const placed = own.map((input) => placeOnGrid(input, grid, notes, scale, bucketOffsetMs(options, grid), rowSlots));
    values[refId] = sumSeries(placed, grid.length);
    if (rowSlots && series.some((frame) => frame.refId === refId)) {
      zeroWhereNoRow(values[refId], rowSlots, grid, options.timeRange.toMs);
    }
  }
  return { ok: true, aligned: { grid, stepSource, values, notes } };
}

export interface AlignedLabelledFrames extends Omit<AlignedFrames, 'values'> {
  /** refId -> each of its series on the grid with the labels of its value field. */
  series: Record<string, LabelledSeries[]>;
}

/** Like alignFrames, keeping each series apart with its labels: for per-label KPIs (`indicator.groupBy`). */
export function alignLabelledFrames(
  series: readonly DataFrame[],
  refIds: readonly string[],
  options: GridOptions
): { ok: true; aligned: AlignedLabelledFrames } | { ok: false; problem: FrameProblem } {
  const read = readOntoGrid(series, refIds, options);
  if (!read.ok) {
    return read;
  }
  const { inputs, grid, stepSource, notes } = read;
  const scale = options.ratesPerStep ? grid.stepMs / 1000 : 1;
  const bySeries: Record<string, LabelledSeries[]> = {};
  for (const refId of new Set(refIds)) {
    bySeries[refId] = inputs
      .filter((input) => input.refId === refId)
      .map((input) => ({
        labels: input.labels,
        values: placeOnGrid(input, grid, notes, scale, bucketOffsetMs(options, grid)),
      }));
  }
  return { ok: true, aligned: { grid, stepSource, series: bySeries, notes } };
}

/**
 * Bucket counts: a step up to the range's end without a row held no events. A row whose value is unreadable (text)
 * stays a gap: it is a row, and what it counted is unknown.
 */
function zeroWhereNoRow(values: Float64Array, rowSlots: Uint8Array, grid: Grid, toMs: number): void {
  const last = Math.min(values.length - 1, Math.floor((toMs - grid.startMs) / grid.stepMs));
  for (let i = 0; i <= last; i++) {
    if (rowSlots[i] === 0) {
      values[i] = 0;
    }
  }
}

/** How far a row's time is moved to its place: a bucket named by its start goes to its end. */
function bucketOffsetMs(options: GridOptions, grid: Grid): number {
  return options.bucketStart ? grid.stepMs : 0;
}

/** The series of every refId read from the frames, and the grid they go on. */
function readOntoGrid(
  series: readonly DataFrame[],
  refIds: readonly string[],
  options: GridOptions
):
  | { ok: true; inputs: SeriesInput[]; grid: Grid; stepSource: StepSource; notes: FrameNote[] }
  | { ok: false; problem: FrameProblem } {
  const notes: FrameNote[] = [];
  const inputs: SeriesInput[] = [];
  for (const refId of new Set(refIds)) {
    const frames = series.filter((frame) => frame.refId === refId);
    if (frames.length === 0 && !options.queriedRefIds?.includes(refId)) {
      const availableRefIds = [...new Set(series.map((frame) => frame.refId ?? '(none)'))];
      return { ok: false, problem: { code: 'missing-ref-id', refId, availableRefIds } };
    }
    for (const frame of frames) {
      const read = readFrame(frame, refId, notes);
      if (!Array.isArray(read)) {
        return { ok: false, problem: read };
      }
      inputs.push(...read);
    }
  }
  const step = chooseStep(inputs, options, notes);
  if (step === undefined) {
    return { ok: false, problem: { code: 'unknown-step', refIds: [...new Set(refIds)] } };
  }
  const grid = gridFor(step.stepMs, inputs, options);
  if ('code' in grid) {
    return { ok: false, problem: grid };
  }
  return { ok: true, inputs, grid, stepSource: step.source, notes };
}

/** The series of a frame: its time field with each value field; an empty frame gives none. */
export function readFrame(frame: DataFrame, refId: string, notes: FrameNote[]): SeriesInput[] | FrameProblem {
  const fields = frame.fields;
  if (fields.length === 0 || fields.every((field) => field.values.length === 0)) {
    return [];
  }
  const timeField = fields.find((field) => typeName(field) === 'time') ?? fields.find((f) => /^time$/i.test(f.name));
  if (!timeField) {
    return { code: 'no-time-field', refId };
  }
  const others = fields.filter((field) => field !== timeField);
  const numbers = others.filter((field) => typeName(field) === 'number');
  // Some data sources (CSV, JSON APIs) send numbers as text; read those only when there is no number field.
  const valueFields = numbers.length > 0 ? numbers : others.filter((field) => typeName(field) === 'string');
  if (valueFields.length === 0) {
    return { code: 'no-value-field', refId };
  }
  const times: readonly unknown[] = timeField.values;
  const intervalMs = positive(timeField.config?.interval);
  return valueFields.map((field, index) => {
    if (field.values.length !== times.length) {
      notes.push({ code: 'mismatched-lengths', refId, timeLength: times.length, valueLength: field.values.length });
    }
    return { refId, times, values: field.values, intervalMs, reportsTimes: index === 0, labels: field.labels };
  });
}

/** A field's type as a plain string, so no value import of @grafana/data's FieldType enum is needed. */
function typeName(field: Field): string {
  return field.type;
}

/**
 * Which panel queries feed the KPI. `buckets`: the data source answers one row per time bucket named by its start
 * (SQL), and a ratio's values are counts in the bucket rather than per-second rates (PromQL).
 */
export type IndicatorQueries =
  | { type: 'ratio'; goodRefId: string; totalRefId: string; buckets?: boolean }
  | { type: 'threshold'; valueRefId: string; comparator: Comparator; threshold: number; buckets?: boolean };

/** The grid options a query reading implies: rates scaled to events per step, buckets moved to their end. */
function readingOptions(queries: IndicatorQueries, options: GridOptions): GridOptions {
  return {
    ...options,
    ratesPerStep: queries.type === 'ratio' && !queries.buckets,
    bucketStart: queries.buckets === true,
    countsWithoutRowsAreZero: queries.type === 'ratio' && queries.buckets === true,
  };
}

export interface FrameCounts {
  counts: EventCounts;
  aligned: AlignedFrames;
  /** Threshold KPIs: the value at each step, for the latest value, trend and delta. */
  values?: Float64Array;
}

export type CountsResult = { ok: true; result: FrameCounts } | { ok: false; problem: FrameProblem };

/** Frames -> events per step: good and total from per-second rates, or good slices from values. */
export function countsFromFrames(
  series: readonly DataFrame[],
  queries: IndicatorQueries,
  options: GridOptions
): CountsResult {
  if (queries.type === 'ratio') {
    const aligned = alignFrames(series, [queries.goodRefId, queries.totalRefId], readingOptions(queries, options));
    if (!aligned.ok) {
      return aligned;
    }
    const { grid, values } = aligned.aligned;
    const counts = { grid, good: values[queries.goodRefId], total: values[queries.totalRefId] };
    return { ok: true, result: { counts, aligned: aligned.aligned } };
  }
  const aligned = alignFrames(series, [queries.valueRefId], readingOptions(queries, options));
  if (!aligned.ok) {
    return aligned;
  }
  const { grid, values } = aligned.aligned;
  const valueSeries = values[queries.valueRefId];
  const counts = countsFromSlices(valueSeries, queries.comparator, queries.threshold, grid);
  return { ok: true, result: { counts, aligned: aligned.aligned, values: valueSeries } };
}

/**
 * The latest value of an instant result's frames (an error ratio, an event count): null when it has no series (no
 * data); NaN when a ratio was 0/0 (no traffic). Several series are summed, as the KPI's own sum() would.
 */
export function latestSumOfFrames(frames: readonly DataFrame[]): number | null {
  const latest = latestOfFrames(frames);
  return latest.length === 0 ? null : latest.reduce((sum, { value }) => sum + value, 0);
}

/** The latest value of each series of an instant result's frames, with its labels; none without series. */
export function latestOfFrames(frames: readonly DataFrame[]): LabelledCount[] {
  return frames.flatMap((frame) => {
    const field = frame.fields.find((candidate) => typeName(candidate) === 'number');
    return field && field.values.length > 0
      ? [{ labels: field.labels, value: Number(field.values[field.values.length - 1]) }]
      : [];
  });
}

/**
 * Totals of the windows read as instant counts (windowCounts.ts), from their `good@…` and `total@…` frames. A
 * window is read when its counts were queried or came back; one that was not asked for is left to the grid.
 */
export function windowTotalsFromFrames(
  series: readonly DataFrame[],
  windowsMs: readonly number[],
  queriedRefIds: readonly string[] = []
): Map<number, WindowTotals> {
  return readWindowCounts(series, windowsMs, queriedRefIds, (good, total) =>
    totalsFromCounts(latestSumOfFrames(good), latestSumOfFrames(total))
  );
}

/**
 * windowTotalsFromFrames for a per-label KPI: each window's good and total series paired per instance by their
 * groupBy labels (instanceTotalsFromCounts).
 */
export function instanceWindowTotalsFromFrames(
  series: readonly DataFrame[],
  windowsMs: readonly number[],
  groupBy: readonly string[],
  queriedRefIds: readonly string[] = []
): Map<number, InstanceWindowTotals> {
  return readWindowCounts(series, windowsMs, queriedRefIds, (good, total) =>
    instanceTotalsFromCounts(latestOfFrames(good), latestOfFrames(total), groupBy)
  );
}

function readWindowCounts<T>(
  series: readonly DataFrame[],
  windowsMs: readonly number[],
  queriedRefIds: readonly string[],
  read: (good: DataFrame[], total: DataFrame[]) => T
): Map<number, T> {
  const totals = new Map<number, T>();
  for (const windowMs of windowsMs) {
    const ids = windowCountRefIds(windowMs);
    const good = series.filter((frame) => frame.refId === ids.good);
    const total = series.filter((frame) => frame.refId === ids.total);
    if (good.length + total.length > 0 || queriedRefIds.includes(ids.total)) {
      totals.set(windowMs, read(good, total));
    }
  }
  return totals;
}

export interface InstanceFrameCounts {
  grid: Grid;
  instances: InstanceCounts[];
  instanceNotes: InstanceNote[];
  aligned: AlignedLabelledFrames;
}

/** Frames of a per-label ratio KPI -> events per step of each instance, good and total matched by label values. */
export function instanceCountsFromFrames(
  series: readonly DataFrame[],
  queries: { goodRefId: string; totalRefId: string; buckets?: boolean },
  groupBy: readonly string[],
  options: GridOptions
): { ok: true; result: InstanceFrameCounts } | { ok: false; problem: FrameProblem } {
  const aligned = alignLabelledFrames(
    series,
    [queries.goodRefId, queries.totalRefId],
    readingOptions({ type: 'ratio', ...queries }, options)
  );
  if (!aligned.ok) {
    return aligned;
  }
  const { grid, series: bySeries } = aligned.aligned;
  const { instances, notes } = matchInstances(bySeries[queries.goodRefId], bySeries[queries.totalRefId], grid, groupBy);
  return { ok: true, result: { grid, instances, instanceNotes: notes, aligned: aligned.aligned } };
}
