/**
 * SLI, error budget and burn rate of one KPI over its SLO window and its policy windows (DESIGN §3).
 *
 * Input is events per step on a regular grid (NaN = gap). A step counts only when both good and total are
 * finite and non-negative. Every window ends at the same instant, so one backward pass over the SLO window
 * answers all of them (the running sums are prefix sums taken from the end); PrefixSums answers windows
 * ending anywhere, for charts over time.
 */
import { formatDuration, gridTimeAt, type CalendarBudget, type EventCounts, type Grid } from '../time';
import { AT_RISK_BUDGET_REMAINING, type Comparator, type KpiStatus } from '../model';
import { decide, type BurnRateRule, type RuleDecision } from '../policy';

/** Sums over one window. */
export interface WindowTotals {
  good: number;
  bad: number;
  total: number;
  /** Steps with data. */
  validSteps: number;
  /** Steps the window spans, less those in maintenance. */
  expectedSteps: number;
  /** Steps in maintenance, left out of everything else; absent without maintenance. */
  excludedSteps?: number;
}

export type WindowState = 'ok' | 'no-data' | 'no-traffic';

export interface WindowEvaluation extends WindowTotals {
  excludedSteps: number;
  windowMs: number;
  /** Prometheus duration form, e.g. "5m". */
  window: string;
  state: WindowState;
  /** good / total; null without data or traffic. */
  sli: number | null;
  /** (bad / total) / (1 − target); null without data or traffic. */
  burnRate: number | null;
  /** Share of the window's steps outside maintenance that have data (1 when maintenance covers it all). */
  coverage: number;
}

export interface KpiEvaluation {
  status: KpiStatus;
  evaluatedAtMs: number;
  target: number;
  /** The SLO window. */
  slo: WindowEvaluation;
  sli: number | null;
  /** Allowed bad events in the SLO window: (1 − target) × total. */
  errorBudget: number | null;
  /** 1 − bad / budget; below 0 when overspent; null without data or traffic. */
  budgetRemaining: number | null;
  coverage: number;
  /** Every policy window and the SLO window, shortest first. */
  windows: WindowEvaluation[];
  burnRates: Record<string, number | null>;
  decisions: RuleDecision[];
  /** At the burn rate of the shortest policy window; 0 when already exhausted, null when not burning. */
  timeToExhaustionMs: number | null;
}

/** Turns per-second rates (what `sum(rate(...[$__rate_interval]))` returns) into events per step. */
export function countsFromRates(goodPerSecond: Float64Array, totalPerSecond: Float64Array, grid: Grid): EventCounts {
  const seconds = grid.stepMs / 1000;
  const good = new Float64Array(grid.length);
  const total = new Float64Array(grid.length);
  for (let i = 0; i < grid.length; i++) {
    good[i] = goodPerSecond[i] * seconds;
    total[i] = totalPerSecond[i] * seconds;
  }
  return { grid, good, total };
}

const MEETS: Record<Comparator, (value: number, threshold: number) => boolean> = {
  '<': (v, t) => v < t,
  '<=': (v, t) => v <= t,
  '>': (v, t) => v > t,
  '>=': (v, t) => v >= t,
};

/** Threshold and timeslice KPIs: each step with a value is one slice, good when it meets the threshold. */
export function countsFromSlices(
  values: Float64Array,
  comparator: Comparator,
  threshold: number,
  grid: Grid
): EventCounts {
  const meets = MEETS[comparator];
  const good = new Float64Array(grid.length);
  const total = new Float64Array(grid.length);
  for (let i = 0; i < grid.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) {
      good[i] = meets(v, threshold) ? 1 : 0;
      total[i] = 1;
    } else {
      good[i] = NaN;
      total[i] = NaN;
    }
  }
  return { grid, good, total };
}

/** Number of grid steps a window spans; a window shorter than a step spans none and can't be answered. */
export function stepsIn(windowMs: number, stepMs: number): number {
  return Math.floor(windowMs / stepMs + 1e-9);
}

/**
 * Good events above total (scrape timing of two counters) are clamped over the window, not per step, so such
 * noise cancels out instead of adding up.
 */
function windowTotals(
  sumGood: number,
  sumTotal: number,
  validSteps: number,
  steps: number,
  excludedSteps: number | undefined
): WindowTotals {
  const good = sumGood < sumTotal ? sumGood : sumTotal;
  const expectedSteps = steps - (excludedSteps ?? 0);
  const totals = { good, bad: sumTotal - good, total: sumTotal, validSteps, expectedSteps };
  return excludedSteps === undefined ? totals : { ...totals, excludedSteps };
}

/**
 * Sums of windows that all end at `endIndex` (inclusive), in one backward pass as long as the longest.
 * Steps outside the series are gaps.
 */
export function sumWindowsEndingAt(
  counts: EventCounts,
  endIndex: number,
  windowSteps: readonly number[]
): WindowTotals[] {
  const order = windowSteps.map((steps, i) => ({ steps, i })).sort((a, b) => a.steps - b.steps);
  const result: WindowTotals[] = new Array(windowSteps.length);
  const { good, total, excluded } = counts;
  const last = counts.grid.length - 1;
  let sumGood = 0;
  let sumTotal = 0;
  let validSteps = 0;
  let excludedSteps = 0;
  let walked = 0;
  for (const { steps, i: slot } of order) {
    const from = Math.max(endIndex - steps + 1, 0);
    const upTo = Math.min(endIndex - walked, last);
    // Two loops rather than a mask test per step: a KPI without maintenance pays nothing for it.
    if (excluded === undefined) {
      for (let i = from; i <= upTo; i++) {
        const g = good[i];
        const t = total[i];
        // NaN fails every comparison, and a sum with an infinity is not below Infinity: gaps, negatives and
        // infinities are all skipped by this one test.
        if (g >= 0 && t >= 0 && g + t < Infinity) {
          sumGood += g;
          sumTotal += t;
          validSteps++;
        }
      }
    } else {
      for (let i = from; i <= upTo; i++) {
        const g = good[i];
        const t = total[i];
        if (excluded[i] === 1) {
          excludedSteps++;
        } else if (g >= 0 && t >= 0 && g + t < Infinity) {
          sumGood += g;
          sumTotal += t;
          validSteps++;
        }
      }
    }
    walked = Math.max(walked, endIndex - from + 1);
    result[slot] = windowTotals(sumGood, sumTotal, validSteps, steps, excluded && excludedSteps);
  }
  return result;
}

/** Prefix sums over a whole series: O(n) once, then any window ending anywhere in O(1). */
export class PrefixSums {
  private readonly good: Float64Array;
  private readonly total: Float64Array;
  private readonly valid: Int32Array;
  private readonly traffic: Int32Array;
  private readonly excluded: Int32Array | undefined;

  constructor(readonly counts: EventCounts) {
    const n = counts.grid.length;
    const mask = counts.excluded;
    this.good = new Float64Array(n + 1);
    this.total = new Float64Array(n + 1);
    this.valid = new Int32Array(n + 1);
    this.traffic = new Int32Array(n + 1);
    this.excluded = mask && new Int32Array(n + 1);
    let sumGood = 0;
    let sumTotal = 0;
    let valid = 0;
    let traffic = 0;
    let excluded = 0;
    for (let i = 0; i < n; i++) {
      const g = counts.good[i];
      const t = counts.total[i];
      if (mask !== undefined && mask[i] === 1) {
        excluded++;
      } else if (g >= 0 && t >= 0 && g + t < Infinity) {
        sumGood += g;
        sumTotal += t;
        valid++;
        traffic += t > 0 ? 1 : 0;
      }
      this.good[i + 1] = sumGood;
      this.total[i + 1] = sumTotal;
      this.valid[i + 1] = valid;
      this.traffic[i + 1] = traffic;
      if (this.excluded) {
        this.excluded[i + 1] = excluded;
      }
    }
  }

  /** Totals of the `steps` steps ending at `endIndex` (inclusive). */
  window(endIndex: number, steps: number): WindowTotals {
    const n = this.counts.grid.length;
    const hi = Math.min(Math.max(endIndex + 1, 0), n);
    const lo = Math.min(Math.max(endIndex + 1 - steps, 0), hi);
    const excludedSteps = this.excluded && this.excluded[hi] - this.excluded[lo];
    // Differences of large running sums leave float dust where nothing happened; count steps with traffic
    // exactly so an idle window reads exactly zero.
    if (this.traffic[hi] === this.traffic[lo]) {
      return windowTotals(0, 0, this.valid[hi] - this.valid[lo], steps, excludedSteps);
    }
    const total = this.total[hi] - this.total[lo];
    const good = this.good[hi] - this.good[lo];
    return windowTotals(Math.max(good, 0), total, this.valid[hi] - this.valid[lo], steps, excludedSteps);
  }
}

/**
 * SLI, burn rate and state of one window. One object literal, every field in one order: the catalog evaluates
 * 4,000 windows per refresh, and spreading the totals twice cost more than the arithmetic.
 */
export function evaluateWindow(totals: WindowTotals, windowMs: number, target: number): WindowEvaluation {
  const excludedSteps = totals.excludedSteps ?? 0;
  const allInMaintenance = totals.expectedSteps <= 0 && excludedSteps > 0;
  const coverage = totals.expectedSteps > 0 ? totals.validSteps / totals.expectedSteps : allInMaintenance ? 1 : 0;
  // Maintenance is not missing data: a window it covers entirely has nothing to measure, like one without traffic.
  // A sum of non-negative counts is exactly 0 only when every step was 0: no float noise to fear here.
  const state: WindowState =
    allInMaintenance || (totals.validSteps > 0 && totals.total <= 0)
      ? 'no-traffic'
      : totals.validSteps === 0
        ? 'no-data'
        : 'ok';
  const errorRatio = state === 'ok' ? totals.bad / totals.total : null;
  return {
    good: totals.good,
    bad: totals.bad,
    total: totals.total,
    validSteps: totals.validSteps,
    expectedSteps: totals.expectedSteps,
    excludedSteps,
    windowMs,
    window: formatDuration(windowMs),
    coverage,
    state,
    sli: errorRatio === null ? null : 1 - errorRatio,
    burnRate: errorRatio === null ? null : errorRatio / (1 - target),
  };
}

export interface EvaluationInput {
  counts: EventCounts;
  target: number;
  sloWindowMs: number;
  rules: readonly BurnRateRule[];
  /** Defaults to the last step of the grid. */
  atMs?: number;
  /** The low-traffic guard (`alerting.minEvents`). */
  minEvents?: number;
  /** A calendar period: `sloWindowMs` is the period so far (see CalendarBudget). */
  calendar?: CalendarBudget;
  /**
   * Totals of windows read elsewhere because the grid can't answer them (windowCounts.ts): they replace the
   * grid's sums for those windows.
   */
  readTotals?: ReadonlyMap<number, WindowTotals>;
  /** The instant is inside a maintenance window (maintenanceAt): nothing fires and the status reads so. */
  inMaintenance?: boolean;
}

/** Every window a KPI is evaluated over: its policy's windows and the SLO window, shortest first. */
export function evaluationWindows(rules: readonly BurnRateRule[], sloWindowMs: number): number[] {
  const windows = [sloWindowMs];
  for (const { longMs, shortMs } of rules) {
    if (!windows.includes(longMs)) {
      windows.push(longMs);
    }
    if (!windows.includes(shortMs)) {
      windows.push(shortMs);
    }
  }
  return windows.sort((x, y) => x - y);
}

/** Evaluates a KPI at one instant: every policy window and the SLO window end there. */
export function evaluateKpi(input: EvaluationInput): KpiEvaluation {
  const { counts, target, sloWindowMs, rules } = input;
  const { grid } = counts;
  const atMs = input.atMs ?? gridTimeAt(grid, grid.length - 1);
  const endIndex = Math.floor((atMs - grid.startMs) / grid.stepMs + 1e-9);
  const windowsMs = evaluationWindows(rules, sloWindowMs);
  const summed = windowsMs.filter((w) => !input.readTotals?.has(w));
  const totals = sumWindowsEndingAt(
    counts,
    endIndex,
    summed.map((w) => stepsIn(w, grid.stepMs))
  );
  return evaluateWindowTotals({
    totals: new Map([...(input.readTotals ?? []), ...summed.map((w, i) => [w, totals[i]] as const)]),
    target,
    sloWindowMs,
    rules,
    atMs,
    minEvents: input.minEvents,
    calendar: input.calendar,
    inMaintenance: input.inMaintenance,
  });
}

export interface WindowTotalsInput {
  /** Totals for every window of evaluationWindows(rules, sloWindowMs). */
  totals: ReadonlyMap<number, WindowTotals>;
  target: number;
  sloWindowMs: number;
  rules: readonly BurnRateRule[];
  atMs: number;
  /** The low-traffic guard (`alerting.minEvents`): every short window's `total` must then be an event count. */
  minEvents?: number;
  calendar?: CalendarBudget;
  inMaintenance?: boolean;
}

/**
 * Status, budget and burn rates from window totals, however they were obtained: summed from range queries
 * (evaluateKpi) or read from one instant query per window (the catalog list).
 */
export function evaluateWindowTotals(input: WindowTotalsInput): KpiEvaluation {
  const { target, sloWindowMs, rules, atMs } = input;
  const windows = evaluationWindows(rules, sloWindowMs).map((w) => {
    const totals = input.totals.get(w) ?? { good: 0, bad: 0, total: 0, validSteps: 0, expectedSteps: 1 };
    const evaluation = evaluateWindow(totals, w, target);
    // A calendar period so far has no duration worth showing: it is "this month".
    return input.calendar && w === sloWindowMs ? { ...evaluation, window: input.calendar.label } : evaluation;
  });
  const byWindow = new Map(windows.map((w) => [w.windowMs, w]));
  const slo = byWindow.get(sloWindowMs)!;
  const guard =
    input.minEvents === undefined
      ? undefined
      : {
          minEvents: input.minEvents,
          eventsIn: (w: number) => (byWindow.get(w)?.state === 'ok' ? byWindow.get(w)!.total : null),
        };
  const decided = decide(rules, (w) => byWindow.get(w)?.burnRate ?? null, guard);
  const decisions = input.inMaintenance
    ? decided.map((d) => ({ ...d, firing: false, heldBackByMaintenance: d.firing }))
    : decided;

  const errorBudget = slo.state === 'ok' ? (1 - target) * slo.total : null;
  const budgetRemaining = errorBudget !== null && errorBudget > 0 ? 1 - slo.bad / errorBudget : null;
  const shortest = windows[0];
  const burnRates: Record<string, number | null> = {};
  for (const w of windows) {
    burnRates[w.window] = w.burnRate;
  }

  return {
    status: input.inMaintenance
      ? 'maintenance'
      : statusOf(slo, shortest, decisions, budgetRemaining, lowTraffic(shortest, decisions, input.minEvents)),
    evaluatedAtMs: atMs,
    target,
    slo,
    sli: slo.sli,
    errorBudget,
    budgetRemaining,
    coverage: slo.coverage,
    windows,
    burnRates,
    decisions,
    timeToExhaustionMs: timeToExhaustion(budgetRemaining, input.calendar?.nominalMs ?? sloWindowMs, shortest.burnRate),
  };
}

/** The guard is on and holds rules back, or the shortest window has fewer events than it asks for. */
function lowTraffic(shortest: WindowEvaluation, decisions: readonly RuleDecision[], minEvents?: number): boolean {
  if (minEvents === undefined) {
    return false;
  }
  return decisions.some((d) => d.heldBackByLowTraffic) || (shortest.state !== 'no-data' && shortest.total < minEvents);
}

/**
 * Most severe first. Without data in the SLO window, or in the shortest window (the exporter stopped), we
 * can't say whether to page: that is `no-data`, never `ok`.
 */
function statusOf(
  slo: WindowEvaluation,
  shortest: WindowEvaluation,
  decisions: readonly RuleDecision[],
  budgetRemaining: number | null,
  isLowTraffic: boolean
): KpiStatus {
  if (slo.state === 'no-data' || shortest.state === 'no-data') {
    return 'no-data';
  }
  if (slo.state === 'no-traffic') {
    return 'no-traffic';
  }
  if (decisions.some((d) => d.firing && d.rule.severity === 'page')) {
    return 'page';
  }
  if (decisions.some((d) => d.firing && d.rule.severity === 'ticket')) {
    return 'ticket';
  }
  if (budgetRemaining === null) {
    return 'no-traffic';
  }
  if (budgetRemaining <= 0) {
    return 'budget-exhausted';
  }
  if (budgetRemaining < AT_RISK_BUDGET_REMAINING) {
    return 'at-risk';
  }
  return isLowTraffic ? 'low-traffic' : 'ok';
}

/** remaining × window / burn rate: at burn rate b the whole budget lasts window / b. */
export function timeToExhaustion(
  remaining: number | null,
  sloWindowMs: number,
  burnRate: number | null
): number | null {
  if (remaining === null || burnRate === null || !(burnRate > 0)) {
    return null;
  }
  return remaining <= 0 ? 0 : (remaining * sloWindowMs) / burnRate;
}
