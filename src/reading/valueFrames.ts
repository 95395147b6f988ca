/**
 * A value KPI's range frames -> the series evaluateValue folds, on the grid of valuePeriodsAt, and its evaluation.
 * A query that returns several series where the indicator wants one is no-data naming the labels to sum away:
 * summing them here would hide a query that does not say what it measures (conversion per pod, summed, is no
 * conversion rate). Pure: the frames come from src/data, the pages and the panel render what this returns.
 */
import type { DataFrame } from '@grafana/data';
import {
  denseSeries,
  evaluateValue,
  type SlotPoints,
  type ValueEvaluation,
  type ValuePeriods,
  valuePeriodsAt,
  type ValueSeries,
  type ValueSeriesOrPoints,
} from '../kpi/evaluate';
import { type Grid, gridTimeAt, maintenanceAt, maintenanceMaskFor } from '../kpi/time';
import { type KpiQuery, queryDisplayText, type ValueKpiDefinition } from '../kpi/model';
import { rangeReadingOf } from './dsQueryModels';
import { placeOnGrid, pointsOnGrid, type SeriesInput } from './frameGrid';
import { describeFrameProblem } from './frameMessages';
import { readFrame } from './frames';
import type { FrameNote } from './frameTypes';

/** Which of the indicator's fields a query comes from: its no-data reasons name the field. */
export type ValueField = 'numerator' | 'denominator' | 'query';

/** One of a value KPI's queries: the field it comes from, its refId, the query and its text as written. */
export interface ValueQueryRef {
  field: ValueField;
  refId: string;
  query: KpiQuery;
  expr: string;
}

function refOf(field: ValueField, refId: string, query: KpiQuery): ValueQueryRef {
  return { field, refId, query, expr: queryDisplayText(query) };
}

/** The queries of a value KPI, refIds `<prefix>numerator` and `<prefix>denominator`, or `<prefix>query`. */
export function valueQueryRefs(kpi: ValueKpiDefinition, refIdPrefix = ''): ValueQueryRef[] {
  const { indicator } = kpi;
  if (indicator.numerator !== undefined) {
    return [
      refOf('numerator', `${refIdPrefix}numerator`, indicator.numerator),
      refOf('denominator', `${refIdPrefix}denominator`, indicator.denominator),
    ];
  }
  return [refOf('query', `${refIdPrefix}query`, indicator.query)];
}

/** The labels whose values differ between the series: what a sum() must drop to leave one. */
export function labelsToSumAway(labelSets: ReadonlyArray<Readonly<Record<string, string>> | undefined>): string[] {
  const sets = labelSets.map((labels) => labels ?? {});
  const names = new Set(sets.flatMap((labels) => Object.keys(labels)));
  return [...names].filter((name) => new Set(sets.map((labels) => labels[name])).size > 1).sort();
}

/** "indicator.numerator returns 3 series where one is expected: sum away pod, e.g. sum(…)". */
export function severalSeriesReason(
  field: ValueField,
  expr: string,
  labelSets: ReadonlyArray<Readonly<Record<string, string>> | undefined>
): string {
  const labels = labelsToSumAway(labelSets);
  return (
    `indicator.${field} returns ${labelSets.length} series where one is expected: ` +
    `sum away ${labels.length > 0 ? labels.join(', ') : 'their labels'}, e.g. sum(${expr})`
  );
}

export type ValueSeriesResult = { ok: true; series: ValueSeries; notes: FrameNote[] } | { ok: false; reason: string };

/**
 * How a SQL query's rows (one per bucket, named by its start, only where there were rows) go on the grid: moved
 * to their bucket's end; a count in a bucket as a per-second rate where the fold reads rates (`sum`); a bucket
 * without a row as 0 where the values are counts (`sum` and a ratio's two queries), up to the evaluation instant.
 */
interface BucketReading {
  scale: number;
  zeroUntilMs?: number;
}

function bucketReadingOf(kpi: ValueKpiDefinition, stepMs: number, atMs: number): BucketReading | undefined {
  if (!rangeReadingOf(kpi.datasource).bucketStart) {
    return undefined;
  }
  const { indicator } = kpi;
  const counts = indicator.numerator !== undefined || indicator.aggregation === 'sum';
  return {
    scale: indicator.numerator === undefined && indicator.aggregation === 'sum' ? 1000 / stepMs : 1,
    ...(counts ? { zeroUntilMs: atMs } : {}),
  };
}

/**
 * One query's frames as their points on the grid, or on the whole grid (NaN where there is no sample) for SQL
 * buckets, whose empty slots count; a reason when they cannot be read as one series.
 */
function readQuery(
  frames: readonly DataFrame[],
  query: ValueQueryRef,
  grid: Grid,
  notes: FrameNote[],
  buckets?: BucketReading
): SlotPoints | Float64Array | string {
  const inputs: SeriesInput[] = [];
  for (const frame of frames) {
    if (frame.refId !== query.refId) {
      continue;
    }
    const read = readFrame(frame, query.refId, notes);
    if (!Array.isArray(read)) {
      return `indicator.${query.field}: ${describeFrameProblem(read)}`;
    }
    inputs.push(...read);
  }
  if (inputs.length > 1) {
    return severalSeriesReason(
      query.field,
      query.expr,
      inputs.map((input) => input.labels)
    );
  }
  if (!buckets) {
    return inputs.length === 0 ? NO_POINTS : pointsOnGrid(inputs[0], grid, notes);
  }
  if (inputs.length === 0) {
    return new Float64Array(grid.length).fill(NaN);
  }
  const placed = placeOnGrid(inputs[0], grid, notes, buckets.scale, grid.stepMs);
  if (buckets.zeroUntilMs !== undefined) {
    for (let i = 0; i < placed.length && gridTimeAt(grid, i) <= buckets.zeroUntilMs; i++) {
      if (Number.isNaN(placed[i])) {
        placed[i] = 0;
      }
    }
  }
  return placed;
}

const NO_POINTS: SlotPoints = { slots: [], values: [] };

type SeriesOrPointsResult =
  { ok: true; series: ValueSeriesOrPoints; notes: FrameNote[] } | { ok: false; reason: string };

/** The frames of a value KPI's queries as points on `grid`, or on the whole grid for SQL buckets. */
function readSeriesOrPoints(
  frames: readonly DataFrame[],
  kpi: ValueKpiDefinition,
  grid: Grid,
  refIdPrefix: string,
  atMs: number
): SeriesOrPointsResult {
  const notes: FrameNote[] = [];
  const buckets = bucketReadingOf(kpi, grid.stepMs, atMs);
  const read = valueQueryRefs(kpi, refIdPrefix).map((query) => readQuery(frames, query, grid, notes, buckets));
  const failed = read.find((result): result is string => typeof result === 'string');
  if (failed !== undefined) {
    return { ok: false, reason: failed };
  }
  const [first, second] = read as Array<Float64Array | SlotPoints>;
  const { indicator } = kpi;
  // Both of a ratio's queries are points, or both are on the grid: they come from one data source.
  const series =
    indicator.numerator !== undefined
      ? { numerator: first, denominator: second }
      : { query: first, aggregation: indicator.aggregation };
  return { ok: true, series: series as ValueSeriesOrPoints, notes };
}

/**
 * The frames of a value KPI's queries on `grid`: per-second rates stay rates (evaluateValue knows the step); SQL
 * buckets are read as bucketReadingOf says, counted up to `atMs` (the grid's end unless said).
 */
export function valueSeriesFromFrames(
  frames: readonly DataFrame[],
  kpi: ValueKpiDefinition,
  grid: Grid,
  refIdPrefix = '',
  atMs = gridTimeAt(grid, grid.length - 1)
): ValueSeriesResult {
  const read = readSeriesOrPoints(frames, kpi, grid, refIdPrefix, atMs);
  return read.ok ? { ...read, series: denseSeries(read.series, grid.length) } : read;
}

/**
 * A value KPI read from its frames: the evaluation, the periods it covers, and the series when they could be read,
 * as their points (valuePoints.ts) unless they are SQL buckets: the catalog judges 500 value KPIs and draws twenty
 * lines, and valueLine and dailyValues read either.
 */
export interface ValueReading {
  evaluation: ValueEvaluation;
  periods: ValuePeriods;
  series?: ValueSeriesOrPoints;
}

export interface ValueReadingOptions {
  /** The evaluation instant: a multiple of the step, as the data source aligns its answer. */
  atMs: number;
  /** The step the frames were asked at (a divisor of the period's length and of its start). */
  stepMs: number;
  refIdPrefix?: string;
}

/** Evaluates a value KPI from its range frames, which must cover the grid of valuePeriodsAt(window, atMs, stepMs). */
export function evaluateValueFrames(
  kpi: ValueKpiDefinition,
  frames: readonly DataFrame[],
  { atMs, stepMs, refIdPrefix = '' }: ValueReadingOptions
): ValueReading {
  const periods = valuePeriodsAt(kpi.objective.window, atMs, stepMs);
  const read = readSeriesOrPoints(frames, kpi, periods.grid, refIdPrefix, atMs);
  if (!read.ok) {
    return { periods, evaluation: valueWithoutData(periods, read.reason, atMs) };
  }
  const evaluation = evaluateValue({
    objective: kpi.objective,
    periods,
    series: read.series,
    excluded: maintenanceMaskFor(kpi.maintenance, periods.grid),
    inMaintenance: maintenanceAt(kpi.maintenance, atMs) !== null,
    evaluatedAtMs: atMs,
  });
  return { evaluation, periods, series: read.series };
}

/** A value KPI that could not be read: no-data with why, over the periods it would have covered. */
export function valueWithoutData(periods: ValuePeriods, reason: string, atMs: number): ValueEvaluation {
  return {
    status: 'no-data',
    reason,
    value: null,
    previousValue: null,
    forecast: null,
    change: null,
    period: periods.current,
    previousPeriod: periods.previous,
    coverage: 0,
    evaluatedAtMs: atMs,
  };
}
