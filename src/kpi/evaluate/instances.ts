/**
 * Per-label KPIs (`indicator.groupBy`): good and total series matched by their groupBy label values into
 * instances, each evaluated with the engine (evaluateKpi), and the KPI as a whole from the per-step sums of its
 * instances, so the aggregate needs no query of its own.
 *
 * Matching, decided here and documented in the README:
 * - an instance is one set of groupBy label values; several series with the same values are summed per step;
 * - good is 0 wherever an instance's total has a value and its good has none: every event failed (the rules'
 *   `or (total) * 0` says the same), so a route that only returns 5xx is an outage, not a gap;
 * - good without total has no events to be a share of: ignored, with a note.
 * The cardinality guard (`indicator.maxInstances`): above it the aggregate is still summed over every instance,
 * and all instances are ranked by their SLO-window error ratio (one pass each), but only the worst maxInstances
 * are evaluated in full; the result says how many there were.
 */
import {
  evaluateKpi,
  stepsIn,
  sumWindowsEndingAt,
  type EvaluationInput,
  type KpiEvaluation,
  type WindowTotals,
} from './evaluate';
import { type EventCounts, type Grid, gridTimeAt, maintenanceAt, maintenanceMaskFor } from '../time';
import { instanceKey, instanceLabels, instanceName, type MaintenanceWindow, STATUS_SEVERITY_ORDER } from '../model';
import { totalsFromCounts, type InstanceWindowTotals } from './windowCounts';

/** One series of a grouped query on the grid, with its labels; values are events per step, NaN a gap. */
export interface LabelledSeries {
  labels: Readonly<Record<string, string>> | undefined;
  values: Float64Array;
}

export interface InstanceCounts {
  key: string;
  /** The groupBy labels and their values. */
  labels: Record<string, string>;
  /** `/pay`, or `route=/pay, region=eu` with several labels. */
  name: string;
  counts: EventCounts;
}

export type InstanceNote =
  { code: 'total-without-good'; instance: string } | { code: 'good-without-total'; instance: string };

/** Good and total series of a grouped KPI paired by their groupBy label values, in order of first appearance. */
export function matchInstances(
  good: readonly LabelledSeries[],
  total: readonly LabelledSeries[],
  grid: Grid,
  groupBy: readonly string[]
): { instances: InstanceCounts[]; notes: InstanceNote[] } {
  const goodByKey = sumByInstance(good, grid, groupBy);
  const totalByKey = sumByInstance(total, grid, groupBy);
  const notes: InstanceNote[] = [];
  const instances: InstanceCounts[] = [];
  for (const [key, { labels, values: totals }] of totalByKey) {
    const name = instanceName(labels, groupBy);
    const goods = goodByKey.get(key)?.values;
    if (!goods) {
      notes.push({ code: 'total-without-good', instance: name });
    }
    const filled = new Float64Array(grid.length);
    for (let i = 0; i < grid.length; i++) {
      const g = goods ? goods[i] : NaN;
      filled[i] = g === g ? g : totals[i] === totals[i] ? 0 : NaN;
    }
    instances.push({ key, labels, name, counts: { grid, good: filled, total: totals } });
  }
  for (const [key, { labels }] of goodByKey) {
    if (!totalByKey.has(key)) {
      notes.push({ code: 'good-without-total', instance: instanceName(labels, groupBy) });
    }
  }
  return { instances, notes };
}

function sumByInstance(
  series: readonly LabelledSeries[],
  grid: Grid,
  groupBy: readonly string[]
): Map<string, { labels: Record<string, string>; values: Float64Array }> {
  const byKey = new Map<string, { labels: Record<string, string>; values: Float64Array }>();
  for (const { labels, values } of series) {
    const key = instanceKey(labels, groupBy);
    const existing = byKey.get(key);
    if (!existing) {
      byKey.set(key, { labels: instanceLabels(labels, groupBy), values: values.slice() });
      continue;
    }
    addInto(existing.values, values, grid.length);
  }
  return byKey;
}

/** sum += next per step; a step is a gap only when both are. */
function addInto(sum: Float64Array, next: Float64Array, length: number): void {
  for (let i = 0; i < length; i++) {
    const v = next[i];
    if (v === v) {
      sum[i] = sum[i] === sum[i] ? sum[i] + v : v;
    }
  }
}

/** The per-step sums of every instance: the KPI as a whole. */
export function aggregateCounts(instances: readonly InstanceCounts[], grid: Grid): EventCounts {
  const good = new Float64Array(grid.length).fill(NaN);
  const total = new Float64Array(grid.length).fill(NaN);
  for (const { counts } of instances) {
    addInto(good, counts.good, grid.length);
    addInto(total, counts.total, grid.length);
  }
  return { grid, good, total };
}

export interface InstanceEvaluation {
  key: string;
  labels: Record<string, string>;
  name: string;
  evaluation: KpiEvaluation;
}

/** More instances than `indicator.maxInstances`: only the worst `limit` were evaluated. */
export interface InstanceCap {
  field: 'indicator.maxInstances';
  limit: number;
  count: number;
}

export interface PerLabelEvaluation {
  /** The KPI as a whole: the sums of every instance, the capped ones included. */
  aggregate: KpiEvaluation;
  /** Its events per step, maintenance steps masked: what its burndown reads. */
  counts: EventCounts;
  /** Worst first; at most maxInstances. */
  instances: InstanceEvaluation[];
  /** Every instance there was, evaluated or not. */
  instanceCount: number;
  /** Instances, evaluated or not, whose SLI over the SLO window is below the target. */
  belowTarget: number;
  cap?: InstanceCap;
}

export interface PerLabelInput extends Omit<EvaluationInput, 'counts' | 'inMaintenance' | 'readTotals'> {
  instances: readonly InstanceCounts[];
  grid: Grid;
  maxInstances: number;
  /** The KPI's maintenance windows: the same steps leave the whole KPI and each instance. */
  maintenance?: readonly MaintenanceWindow[];
  /**
   * Windows the grid can't answer, read as instant counts per instance (windowCounts.ts): they replace the grid's
   * sums of the whole KPI and of each instance; an instance without a count there has no data in that window.
   */
  readTotals?: ReadonlyMap<number, InstanceWindowTotals>;
}

/** Evaluates the aggregate and the worst maxInstances instances at one instant. */
export function evaluatePerLabel(input: PerLabelInput): PerLabelEvaluation {
  const { instances: read, grid, maxInstances, maintenance, readTotals, ...fields } = input;
  const engine = {
    ...fields,
    inMaintenance: maintenanceAt(maintenance, fields.atMs ?? gridTimeAt(grid, grid.length - 1)) !== null,
  };
  const excluded = maintenanceMaskFor(maintenance, grid);
  const instances = excluded
    ? read.map((instance) => ({ ...instance, counts: { ...instance.counts, excluded } }))
    : read;
  const counts = { ...aggregateCounts(instances, grid), excluded };
  const aggregate = evaluateKpi({ ...engine, counts, readTotals: totalsOf(readTotals, (read) => read.aggregate) });
  const atMs = aggregate.evaluatedAtMs;
  const endIndex = Math.floor((atMs - grid.startMs) / grid.stepMs + 1e-9);
  const sloSteps = stepsIn(engine.sloWindowMs, grid.stepMs);
  const ranked = instances.map((instance) => {
    const [slo] = sumWindowsEndingAt(instance.counts, endIndex, [sloSteps]);
    return { instance, errorRatio: slo.total > 0 ? slo.bad / slo.total : -1 };
  });
  // A relative tolerance, so an instance exactly at target (0.9 bad of 900 at 99.9 %) is not below it by float dust.
  const allowed = (1 - engine.target) * (1 + 1e-9);
  const belowTarget = ranked.filter(({ errorRatio }) => errorRatio > allowed).length;
  const capped = instances.length > maxInstances;
  // Budget remaining falls as the SLO-window error ratio rises, so this keeps the ones with the least budget left.
  const kept = capped ? [...ranked].sort((a, b) => b.errorRatio - a.errorRatio).slice(0, maxInstances) : ranked;
  const evaluated = kept.map(({ instance }) => ({
    key: instance.key,
    labels: instance.labels,
    name: instance.name,
    evaluation: evaluateKpi({
      ...engine,
      atMs,
      counts: instance.counts,
      readTotals: totalsOf(readTotals, (read) => read.byInstance.get(instance.key) ?? NOT_COUNTED),
    }),
  }));
  return {
    aggregate,
    counts,
    instances: evaluated.sort(worstFirst),
    instanceCount: instances.length,
    belowTarget,
    ...(capped ? { cap: { field: 'indicator.maxInstances', limit: maxInstances, count: instances.length } } : {}),
  };
}

/** An instance missing from a window's counts: no total series there, so no data in that window. */
const NOT_COUNTED = totalsFromCounts(null, null);

function totalsOf(
  readTotals: ReadonlyMap<number, InstanceWindowTotals> | undefined,
  pick: (read: InstanceWindowTotals) => WindowTotals
): Map<number, WindowTotals> | undefined {
  return readTotals && new Map([...readTotals].map(([windowMs, read]) => [windowMs, pick(read)]));
}

/** Most severe status first, then least budget remaining, then fastest burn over the shortest window, then name. */
export function worstFirst(a: InstanceEvaluation, b: InstanceEvaluation): number {
  const bySeverity =
    STATUS_SEVERITY_ORDER.indexOf(a.evaluation.status) - STATUS_SEVERITY_ORDER.indexOf(b.evaluation.status);
  if (bySeverity !== 0) {
    return bySeverity;
  }
  const byBudget = orderNullLast(a.evaluation.budgetRemaining, b.evaluation.budgetRemaining);
  if (byBudget !== 0) {
    return byBudget;
  }
  const byBurn = orderNullLast(
    a.evaluation.windows[0]?.burnRate ?? null,
    b.evaluation.windows[0]?.burnRate ?? null,
    -1
  );
  return byBurn !== 0 ? byBurn : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** Ascending (direction 1) or descending (−1), nulls last either way. */
function orderNullLast(a: number | null, b: number | null, direction: 1 | -1 = 1): number {
  if (a === null || b === null) {
    return a === b ? 0 : a === null ? 1 : -1;
  }
  return (a - b) * direction;
}

/**
 * The guard's warning, naming the KPI, the field and the count: "checkout: 14,000 instances, more than
 * indicator.maxInstances (50); the aggregate counts them all, the 50 with the least budget left are listed".
 */
export function describeCap(kpiId: string, cap: InstanceCap): string {
  const count = cap.count.toLocaleString('en-US');
  return (
    `${kpiId}: ${count} instances, more than ${cap.field} (${cap.limit}); ` +
    `the aggregate counts them all, the ${cap.limit} with the least budget left are listed`
  );
}
