/**
 * What the panel shows, from a KpiSpec and the frames it received: the engine's evaluation at the end of the
 * time range, and for threshold KPIs the latest value, its trend and the delta vs the previous period.
 * Pure: the panel memoises it on the frames and the options.
 */
import type { DataFrame } from '@grafana/data';
import { describeFrameNote, describeFrameProblem } from './frameMessages';
import {
  countsFromFrames,
  instanceCountsFromFrames,
  instanceWindowTotalsFromFrames,
  windowTotalsFromFrames,
  type FrameProblem,
  type FrameTimeRange,
} from './frames';
import {
  budgetBurndown,
  type BudgetBurndown,
  combineMembers,
  comparePeriods,
  deltaDirection,
  type DeltaDirection,
  describeCap,
  evaluateKpi,
  evaluatePerLabel,
  type InstanceNote,
  type KpiEvaluation,
  latestValue,
  meetsThreshold,
  offGridWindows,
  type PeriodComparison,
  type PerLabelEvaluation,
  previousPeriodReading,
  type PreviousPeriodReading,
} from '../kpi/evaluate';
import { type EventCounts, type Grid, gridTimeAt, sloWindowAt, withMaintenance } from '../kpi/time';
import { type Comparator, groupByOf, type KpiDefinition, maxInstancesOf, queryDisplayText } from '../kpi/model';
import type { CompositeReading, KpiSpec } from './kpiSpec';
import { problem, type Checked } from './problems';

export interface PanelInput {
  series: readonly DataFrame[];
  timeRange: FrameTimeRange;
  /** The request's interval, for frames that tell neither their step nor enough timestamps. */
  fallbackStepMs?: number;
  /** refIds of the panel's queries; undefined when unknown. */
  queriedRefIds?: readonly string[];
  queryErrors?: ReadonlyArray<{ refId?: string; message?: string }>;
  /** Only the burndown view pays for the burndown series. */
  withBurndown?: boolean;
}

/** ThresholdReading knows the value side of a threshold KPI: latest value, trend series and period delta. */
export interface ThresholdReading {
  comparator: Comparator;
  threshold: number;
  latest: number | null;
  latestMeets: boolean | null;
  comparison: PeriodComparison;
  direction: DeltaDirection | null;
  values: Float64Array;
  grid: Grid;
}

/** PanelEvaluation knows every number the panel shows. */
export interface PanelEvaluation {
  spec: KpiSpec;
  evaluation: KpiEvaluation;
  counts: EventCounts;
  stepMs: number;
  /** The range the frames were queried for. */
  timeRange: FrameTimeRange;
  /** SLI at or above the target; null without an SLI. */
  sliMeetsTarget: boolean | null;
  /** Readable notes about odd frames (text, duplicates ...), already worded for the panel. */
  notes: string[];
  threshold?: ThresholdReading;
  burndown?: BudgetBurndown | null;
  /** Calendar KPIs whose range reaches back to the start of the previous period: its SLI ("last month"). */
  previousPeriod?: PreviousPeriodReading;
  /** A per-label KPI (`indicator.groupBy`): its instances, worst first; `evaluation` is then the aggregate. */
  perLabel?: PerLabelReading;
}

/** The instances of a per-label KPI, as the instance table shows them. */
export interface PerLabelReading extends Omit<PerLabelEvaluation, 'counts'> {
  groupBy: readonly string[];
  /** The cardinality guard's warning, naming the field and the count, when it held instances back. */
  capWarning?: string;
}

function mappedRefIds(spec: KpiSpec): string[] {
  return spec.queries.type === 'ratio' ? [spec.queries.goodRefId, spec.queries.totalRefId] : [spec.queries.valueRefId];
}

function queryHint(spec: KpiSpec): string {
  const q = spec.queries;
  const refIds =
    q.type === 'ratio'
      ? `"${q.goodRefId}" (good events per second) and "${q.totalRefId}" (all events per second)`
      : `"${q.valueRefId}" (the value compared with the threshold)`;
  const indicator = spec.kpi?.indicator;
  const fromCatalog =
    indicator?.type === 'ratio'
      ? ` The catalog's queries: good = ${queryDisplayText(indicator.good)}; total = ${queryDisplayText(indicator.total)}.`
      : indicator
        ? ` The catalog's query: ${queryDisplayText(indicator.query)}.`
        : '';
  return `Add queries with refIds ${refIds}, or map the KPI to this panel's queries in the panel options.${fromCatalog}`;
}

function checkInput(spec: KpiSpec, input: PanelInput): Checked<null> {
  const refIds = mappedRefIds(spec);
  const failed = input.queryErrors?.find((error) => error.refId === undefined || refIds.includes(error.refId));
  if (failed) {
    const which = failed.refId ? `Query "${failed.refId}"` : 'A query';
    return problem(
      'query-error',
      `${which} failed`,
      failed.message || 'The data source returned an error without a message.'
    );
  }
  if (input.series.length === 0 && (input.queriedRefIds?.length ?? 0) === 0) {
    return problem('no-queries', "Add the KPI's queries", queryHint(spec), 'info');
  }
  return { ok: true, value: null };
}

function readThreshold(
  spec: KpiSpec,
  values: Float64Array,
  grid: Grid,
  atMs: number,
  sloWindowMs: number
): ThresholdReading | undefined {
  if (spec.queries.type !== 'threshold') {
    return undefined;
  }
  const { comparator, threshold } = spec.queries;
  const latest = latestValue(values, grid, atMs);
  const comparison = comparePeriods(values, grid, sloWindowMs, atMs);
  return {
    comparator,
    threshold,
    latest,
    latestMeets: latest === null ? null : meetsThreshold(latest, comparator, threshold),
    comparison,
    direction: deltaDirection(comparison.delta, comparator),
    values,
    grid,
  };
}

function unreadableFrames(frameProblem: FrameProblem): Checked<never> {
  const title =
    frameProblem.code === 'missing-ref-id'
      ? `Query "${frameProblem.refId}" is missing`
      : "The panel's data can't be read";
  return problem('frames', title, describeFrameProblem(frameProblem));
}

export function evaluatePanel(spec: KpiSpec, input: PanelInput): Checked<PanelEvaluation> {
  if (spec.composite) {
    return evaluateCompositePanel(spec, spec.composite, input);
  }
  const checked = checkInput(spec, input);
  if (!checked.ok) {
    return checked;
  }
  const groupBy = spec.kpi ? groupByOf(spec.kpi) : [];
  if (
    spec.kpi &&
    groupBy.length > 0 &&
    spec.queries.type === 'ratio' &&
    (!spec.recorded || keepsLabels(input.series, groupBy))
  ) {
    return evaluatePerLabelPanel(spec, spec.kpi, spec.queries, input);
  }
  const read = countsFromFrames(input.series, spec.queries, {
    timeRange: input.timeRange,
    minSpanMs: spec.windowMs,
    fallbackStepMs: input.fallbackStepMs,
    queriedRefIds: input.queriedRefIds,
  });
  if (!read.ok) {
    return unreadableFrames(read.problem);
  }
  const { aligned, values } = read.result;
  const grid = read.result.counts.grid;
  const atMs = gridTimeAt(grid, grid.length - 1);
  // Steps in maintenance leave the budget, the burn rates and the burndown alike.
  const { counts, inMaintenance } = withMaintenance(spec.kpi?.maintenance, read.result.counts, atMs);
  // A rolling window as it is; a calendar period from its start up to the last step.
  const slo = sloWindowAt(spec.objectiveWindow, atMs, grid.stepMs);
  const { sloWindowMs } = slo;
  const evaluation = evaluateKpi({
    counts,
    inMaintenance,
    target: spec.target,
    ...slo,
    rules: spec.rules,
    atMs,
    minEvents: spec.minEvents,
    readTotals: windowTotalsFromFrames(input.series, offGridWindows(spec.rules, grid.stepMs), input.queriedRefIds),
  });
  return {
    ok: true,
    value: {
      ...panelFigures(spec, input, evaluation, counts, sloWindowMs),
      notes: aligned.notes.map(describeFrameNote),
      threshold: values ? readThreshold(spec, values, grid, atMs, sloWindowMs) : undefined,
    },
  };
}

/** Some series carries a groupBy label: recorded series read per instance, not summed over the KPI. */
function keepsLabels(series: readonly DataFrame[], groupBy: readonly string[]): boolean {
  return series.some((frame) =>
    frame.fields.some((field) => field.labels !== undefined && groupBy.some((label) => label in field.labels!))
  );
}

/** What every reading of the panel shows the same way, from the evaluation at the grid's last step. */
function panelFigures(
  spec: KpiSpec,
  input: PanelInput,
  evaluation: KpiEvaluation,
  counts: EventCounts,
  sloWindowMs: number
): Omit<PanelEvaluation, 'notes' | 'threshold' | 'perLabel'> {
  const atMs = evaluation.evaluatedAtMs;
  return {
    spec,
    evaluation,
    counts,
    stepMs: counts.grid.stepMs,
    timeRange: input.timeRange,
    sliMeetsTarget: evaluation.sli === null ? null : evaluation.sli >= spec.target,
    burndown: input.withBurndown ? budgetBurndown(counts, spec.target, sloWindowMs, atMs) : undefined,
    previousPeriod: previousPeriodReading(counts, spec.objectiveWindow, atMs),
  };
}

/**
 * A per-label KPI: its series matched into instances, the aggregate from their sums (what the burn-rate table,
 * budget and burndown show), and the instances worst first for the instance table.
 */
function evaluatePerLabelPanel(
  spec: KpiSpec,
  kpi: KpiDefinition,
  queries: { goodRefId: string; totalRefId: string; buckets?: boolean },
  input: PanelInput
): Checked<PanelEvaluation> {
  const groupBy = groupByOf(kpi);
  const read = instanceCountsFromFrames(input.series, queries, groupBy, {
    timeRange: input.timeRange,
    minSpanMs: spec.windowMs,
    fallbackStepMs: input.fallbackStepMs,
    queriedRefIds: input.queriedRefIds,
  });
  if (!read.ok) {
    return unreadableFrames(read.problem);
  }
  const { grid, instances, instanceNotes, aligned } = read.result;
  const atMs = gridTimeAt(grid, grid.length - 1);
  const slo = sloWindowAt(spec.objectiveWindow, atMs, grid.stepMs);
  const { counts, ...perLabel } = evaluatePerLabel({
    instances,
    grid,
    maintenance: kpi.maintenance,
    maxInstances: maxInstancesOf(kpi),
    target: spec.target,
    ...slo,
    rules: spec.rules,
    atMs,
    minEvents: spec.minEvents,
    readTotals: instanceWindowTotalsFromFrames(
      input.series,
      offGridWindows(spec.rules, grid.stepMs),
      groupBy,
      input.queriedRefIds
    ),
  });
  const evaluation = perLabel.aggregate;
  return {
    ok: true,
    value: {
      ...panelFigures(spec, input, evaluation, counts, slo.sloWindowMs),
      notes: [...aligned.notes.map(describeFrameNote), ...instanceNotes.map(describeInstanceNote)],
      perLabel: {
        ...perLabel,
        groupBy,
        ...(perLabel.cap ? { capWarning: describeCap(kpi.id, perLabel.cap) } : {}),
      },
    },
  };
}

/**
 * A composite: each member read from the panel's frames under its refId prefix, as a KPI of its own over the
 * composite's windows, then combined (kpi/composite.ts). A member that cannot be read is the panel's problem,
 * named; the figures are the composite's, the counts (for the data-age line) the first member's.
 */
function evaluateCompositePanel(
  spec: KpiSpec,
  composite: CompositeReading,
  input: PanelInput
): Checked<PanelEvaluation> {
  const read: Array<{ member: CompositeReading['members'][number]; value: PanelEvaluation }> = [];
  for (const member of composite.members) {
    const { refIdPrefix: prefix } = member;
    const own = (refId: string | undefined) => refId !== undefined && refId.startsWith(prefix);
    const result = evaluatePanel(member.spec, {
      ...input,
      series: input.series
        .filter((frame) => own(frame.refId))
        .map((frame) => ({ ...frame, refId: frame.refId!.slice(prefix.length) })),
      queriedRefIds: input.queriedRefIds?.filter(own).map((refId) => refId.slice(prefix.length)),
      queryErrors: input.queryErrors
        ?.filter((error) => own(error.refId))
        .map((error) => ({ ...error, refId: error.refId!.slice(prefix.length) })),
      withBurndown: false,
    });
    if (!result.ok) {
      const { title, detail } = result.problem;
      return {
        ok: false,
        problem: {
          ...result.problem,
          title: `${member.kpi.name}: ${title}`,
          detail: `${detail} In this panel the member's refIds start with "${prefix}".`,
        },
      };
    }
    read.push({ member, value: result.value });
  }
  const evaluation = combineMembers(
    composite.kpi,
    read.map(({ member, value }) => ({ kpiId: member.kpi.id, weight: member.weight, evaluation: value.evaluation })),
    spec.rules
  );
  const first = read[0].value;
  return {
    ok: true,
    value: {
      spec,
      evaluation,
      counts: first.counts,
      stepMs: first.stepMs,
      timeRange: input.timeRange,
      sliMeetsTarget: evaluation.sli === null ? null : evaluation.sli >= spec.target,
      notes: read.flatMap(({ member, value }) => value.notes.map((note) => `${member.kpi.name}: ${note}`)),
    },
  };
}

function describeInstanceNote(note: InstanceNote): string {
  return note.code === 'good-without-total'
    ? `${note.instance} has good events but no total series, so it is left out.`
    : `${note.instance} has no good series: all its events count as failed.`;
}
