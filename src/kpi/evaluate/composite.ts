/**
 * A composite KPI's numbers from its members' (DESIGN §3, README "Composite KPIs"). Per window w:
 *   SLI(w) = Σ wᵢ·SLIᵢ(w) / Σ wᵢ   over the members with traffic in w
 * A member without traffic in w drops out of the weights; when all do, the composite has no traffic in w. A member
 * without data in w makes the composite `no-data` in w: a weighted mean of what is left would read too good.
 * Burn rate, budget remaining, status, decisions and time to exhaustion then follow the usual rules from these
 * SLIs and the composite's own target and policy; the error budget in events is not defined (members count
 * different things), so it is null.
 */
import {
  evaluateWindowTotals,
  evaluationWindows,
  type KpiEvaluation,
  type WindowEvaluation,
  type WindowState,
  type WindowTotals,
} from './evaluate';
import { type CalendarBudget, isCalendarWindow, maintenanceAt, nominalSloWindowMs } from '../time';
import { isCompositeKpi, isValueKpi, type CatalogKpi, type CompositeKpiDefinition, type KpiDefinition } from '../model';
import { resolvePolicy, type BurnRateRule } from '../policy';

/** One member: its weight, and its evaluation over the composite's windows (evaluationWindows of the composite). */
export interface CompositeMemberInput {
  kpiId: string;
  weight: number;
  evaluation: KpiEvaluation;
}

export interface CompositeInput {
  members: readonly CompositeMemberInput[];
  target: number;
  sloWindowMs: number;
  rules: readonly BurnRateRule[];
  atMs: number;
  calendar?: CalendarBudget;
  /** The composite's own maintenance window is open at `atMs` (its members' windows count in their own reading). */
  inMaintenance?: boolean;
}

/** What one member does to the composite over its SLO window. */
export interface MemberShare {
  kpiId: string;
  weight: number;
  /** The member's SLI over the composite's SLO window; null without data or traffic. */
  sli: number | null;
  state: WindowState;
  /** wᵢ / Σ w over the members with traffic: its part of the weighted mean; 0 when it dropped out. */
  effectiveWeight: number;
  /**
   * Its share of the composite's error ratio, wᵢ·(1 − SLIᵢ) / Σ wⱼ·(1 − SLIⱼ): which member hurts most. Shares sum
   * to 1; null when the composite has no errors (or no number) in the window.
   */
  badShare: number | null;
}

export interface CompositeEvaluation extends KpiEvaluation {
  members: MemberShare[];
}

/** The combined SLI and state of one window, and the coverage: the lowest member coverage. */
interface CombinedWindow {
  state: WindowState;
  sli: number | null;
  coverage: number;
}

function memberWindow(evaluation: KpiEvaluation, windowMs: number): WindowEvaluation | undefined {
  return evaluation.windows.find((window) => window.windowMs === windowMs);
}

function combineWindow(members: readonly CompositeMemberInput[], windowMs: number): CombinedWindow {
  let weighted = 0;
  let weights = 0;
  let coverage = 1;
  let noData = false;
  for (const member of members) {
    const window = memberWindow(member.evaluation, windowMs);
    if (!window || window.state === 'no-data') {
      noData = true;
      coverage = 0;
      continue;
    }
    coverage = Math.min(coverage, window.coverage);
    if (window.state === 'ok' && window.sli !== null) {
      weighted += member.weight * window.sli;
      weights += member.weight;
    }
  }
  if (noData || members.length === 0) {
    return { state: 'no-data', sli: null, coverage };
  }
  if (!(weights > 0)) {
    return { state: 'no-traffic', sli: null, coverage };
  }
  // The mean of numbers in [0, 1] is in [0, 1]; rounding must not push it out and give a negative burn rate.
  return { state: 'ok', sli: Math.min(Math.max(weighted / weights, 0), 1), coverage };
}

/**
 * An SLI as window totals of one notional event, so evaluateWindowTotals gives burn rate (1 − SLI) / (1 − target)
 * and budget remaining 1 − (1 − SLI) / (1 − target) by the usual formulas; coverage rides on the step counts.
 */
const COVERAGE_STEPS = 1_000_000;

function totalsOf(combined: CombinedWindow): WindowTotals {
  const validSteps = Math.round(combined.coverage * COVERAGE_STEPS);
  if (combined.state === 'no-data') {
    return { good: 0, bad: 0, total: 0, validSteps: 0, expectedSteps: COVERAGE_STEPS };
  }
  if (combined.state === 'no-traffic' || combined.sli === null) {
    return { good: 0, bad: 0, total: 0, validSteps: Math.max(validSteps, 1), expectedSteps: COVERAGE_STEPS };
  }
  return { good: combined.sli, bad: 1 - combined.sli, total: 1, validSteps, expectedSteps: COVERAGE_STEPS };
}

function sharesOf(members: readonly CompositeMemberInput[], sloWindowMs: number): MemberShare[] {
  const windows = members.map((member) => memberWindow(member.evaluation, sloWindowMs));
  const counted = windows.map((window) => window?.state === 'ok' && window.sli !== null);
  const weights = members.reduce((sum, member, i) => sum + (counted[i] ? member.weight : 0), 0);
  const bads = members.map((member, i) => (counted[i] ? member.weight * (1 - windows[i]!.sli!) : 0));
  const allBad = bads.reduce((sum, bad) => sum + bad, 0);
  return members.map((member, i) => ({
    kpiId: member.kpiId,
    weight: member.weight,
    sli: windows[i]?.sli ?? null,
    state: windows[i]?.state ?? 'no-data',
    effectiveWeight: counted[i] && weights > 0 ? member.weight / weights : 0,
    badShare: allBad > 0 ? bads[i] / allBad : null,
  }));
}

/** Evaluates a composite from its members' evaluations over its windows (see the top of this file). */
export function evaluateComposite(input: CompositeInput): CompositeEvaluation {
  const { members, sloWindowMs, rules } = input;
  const windows = evaluationWindows(rules, sloWindowMs);
  const totals = new Map(windows.map((windowMs) => [windowMs, totalsOf(combineWindow(members, windowMs))]));
  const evaluation = evaluateWindowTotals({
    totals,
    target: input.target,
    sloWindowMs,
    rules,
    atMs: input.atMs,
    calendar: input.calendar,
    inMaintenance: input.inMaintenance,
  });
  return { ...evaluation, errorBudget: null, members: sharesOf(members, sloWindowMs) };
}

/**
 * A composite from its members' evaluations, each over the composite's windows and at one instant (the first
 * member's): its own target, its policy (or `rules`, a panel's choice), its calendar caption and maintenance.
 */
export function combineMembers(
  composite: CompositeKpiDefinition,
  members: readonly CompositeMemberInput[],
  rules: readonly BurnRateRule[] = resolvePolicy(composite.alerting, nominalSloWindowMs(composite))
): CompositeEvaluation {
  const first = members[0].evaluation;
  return evaluateComposite({
    members,
    target: composite.objective.target,
    sloWindowMs: first.slo.windowMs,
    rules,
    atMs: first.evaluatedAtMs,
    calendar: isCalendarWindow(composite.objective.window)
      ? { label: first.slo.window, nominalMs: nominalSloWindowMs(composite) }
      : undefined,
    inMaintenance: maintenanceAt(composite.maintenance, first.evaluatedAtMs) !== null,
  });
}

/** A composite's members as KPIs of the catalog, with their weights, in the composite's order. */
export type ResolvedMembers = Array<{ kpi: KpiDefinition; weight: number }>;

/** A composite's members as KPIs, with their weights; an error names the first member not in the catalog. */
export function resolveMembers(
  composite: CompositeKpiDefinition,
  kpis: readonly CatalogKpi[]
): { ok: true; members: ResolvedMembers } | { ok: false; error: string } {
  const members: ResolvedMembers = [];
  for (const { kpi: id, weight } of composite.indicator.members) {
    const kpi = kpis.find((candidate) => candidate.id === id);
    if (!kpi || isCompositeKpi(kpi)) {
      return { ok: false, error: `its member "${id}" is not a valid KPI of this catalog` };
    }
    if (isValueKpi(kpi)) {
      return { ok: false, error: `its member "${id}" is a value KPI: a composite combines the SLIs of SLOs` };
    }
    members.push({ kpi, weight });
  }
  return { ok: true, members };
}

/**
 * A member as the composite reads it: its own indicator, data source and target, over the composite's SLO window
 * and policy windows, so that every member answers exactly the windows the composite combines.
 */
export function memberOverCompositeWindows(member: KpiDefinition, composite: CompositeKpiDefinition): KpiDefinition {
  const { minEvents: _minEvents, ...alerting } = composite.alerting ?? { policy: 'default' as const };
  return {
    ...member,
    objective: { target: member.objective.target, window: composite.objective.window },
    alerting,
  };
}

/**
 * The composite's error ratio from its members' error ratios over one window, by the same rules as
 * evaluateComposite: null (no data) for any member is null; NaN (0/0, no traffic) drops the member and its weight;
 * NaN when every member drops out. For callers that read one error ratio per member (the report).
 */
export function compositeErrorRatio(
  members: ReadonlyArray<{ weight: number; errorRatio: number | null }>
): number | null {
  let weighted = 0;
  let weights = 0;
  for (const { weight, errorRatio } of members) {
    if (errorRatio === null) {
      return null;
    }
    if (!Number.isNaN(errorRatio)) {
      weighted += weight * Math.min(Math.max(errorRatio, 0), 1);
      weights += weight;
    }
  }
  return weights > 0 ? weighted / weights : NaN;
}
