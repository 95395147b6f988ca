/**
 * Tooltip texts: each number with its formula in words and the values that went into it (DESIGN §3). The numbers
 * come from the evaluation; these functions only put them into sentences.
 */
import { formatDuration, windowPhrases, type WindowPhrases } from '../kpi/time';
import type { KpiEvaluation, PeriodComparison, PreviousPeriodReading, WindowEvaluation } from '../kpi/evaluate';
import type { CatalogKpi, Comparator } from '../kpi/model';
import { describeRule, type RuleDecision } from '../kpi/policy';
import {
  decimalsForTarget,
  formatSli,
  formatBurnRate,
  formatCount,
  formatFactor,
  formatPercent,
  formatTimeSpan,
  formatValue,
} from './format';

/** What the numbers are about: the KPI's target and window, and whether it counts events or timeslices. */
export interface ExplainContext {
  target: number;
  /** How sentences name the SLO window ("in the 28d window", "this month"). */
  window: WindowPhrases;
  /** `members`: a composite, whose numbers come from its members' SLIs, not from events of its own. */
  kind: 'events' | 'slices' | 'members';
}

/** The context of a catalog KPI's numbers: its objective, and slices for threshold and timeslice KPIs. */
export function explainContextOfKpi(kpi: CatalogKpi): ExplainContext {
  const { type } = kpi.indicator;
  return {
    target: kpi.objective.target,
    window: windowPhrases(kpi.objective.window),
    kind: type === 'ratio' ? 'events' : type === 'composite' ? 'members' : 'slices',
  };
}

const targetText = (c: ExplainContext) => formatPercent(c.target, decimalsForTarget(c.target) - 1);

/** `within`: "in the 5m window" for a policy window, the SLO window's own phrase by default. */
function noNumberBecause(state: WindowEvaluation['state'], c: ExplainContext, within = c.window.within): string {
  if (c.kind === 'members') {
    return state === 'no-traffic'
      ? `No member has traffic ${within}: nothing to measure, which is not the same as 100%.`
      : `A member has no samples ${within}, so the composite has no number (a mean of the rest could read too good).`;
  }
  return state === 'no-traffic'
    ? `No ${c.kind} ${within}: nothing to measure, which is not the same as 100%.`
    : `No samples ${within}, so there is nothing to compute.`;
}

export function explainTarget(c: ExplainContext): string {
  return `Target: at least ${targetText(c)} of ${c.kind} good ${c.window.objective}.`;
}

export function explainSli(e: KpiEvaluation, c: ExplainContext): string {
  if (e.sli === null) {
    return noNumberBecause(e.slo.state, c);
  }
  const sli = formatSli(e.sli, decimalsForTarget(c.target));
  if (c.kind === 'members') {
    return `SLI = weighted mean of the members' SLIs ${c.window.over} (members without traffic drop out) = ${sli}.`;
  }
  return `SLI = good ${c.kind} / all ${c.kind} ${c.window.over} = ${formatCount(e.slo.good)} / ${formatCount(e.slo.total)} = ${sli}.`;
}

export function explainBudget(e: KpiEvaluation, c: ExplainContext): string {
  if (c.kind === 'members') {
    return explainCompositeBudget(e, c);
  }
  if (e.budgetRemaining === null || e.errorBudget === null) {
    return `No error budget: ${noNumberBecause(e.slo.state, c)}`;
  }
  const remaining = formatPercent(e.budgetRemaining, 1);
  const budget = formatCount(e.errorBudget);
  const overspent = e.budgetRemaining < 0 ? ' Below 0%: the budget is overspent.' : '';
  return (
    `Budget remaining = 1 − bad ${c.kind} / error budget = 1 − ${formatCount(e.slo.bad)} / ${budget} = ${remaining}. ` +
    `The error budget is (1 − target) × all ${c.kind} ${c.window.within} = (1 − ${targetText(c)}) × ${formatCount(e.slo.total)} = ${budget}.` +
    overspent
  );
}

/** A composite has no events to count a budget in: its remaining budget comes from its SLI alone. */
function explainCompositeBudget(e: KpiEvaluation, c: ExplainContext): string {
  if (e.budgetRemaining === null || e.sli === null) {
    return `No error budget: ${noNumberBecause(e.slo.state, c)}`;
  }
  const overspent = e.budgetRemaining < 0 ? ' Below 0%: the budget is overspent.' : '';
  return (
    `Budget remaining = 1 − (1 − SLI) / (1 − target) = 1 − ${formatPercent(1 - e.sli, 3)} / ${formatPercent(1 - c.target, 3)} = ${formatPercent(e.budgetRemaining, 1)}. ` +
    'A composite has no error budget in events: its members count different things.' +
    overspent
  );
}

export function explainBurnRate(w: WindowEvaluation, c: ExplainContext): string {
  if (w.burnRate === null || w.sli === null) {
    return `No burn rate over ${w.window}: ${noNumberBecause(w.state, c, `in the ${w.window} window`)}`;
  }
  const errorRatio = formatPercent(1 - w.sli, 3);
  return (
    `Burn rate over ${w.window} = error ratio / (1 − target) = ${errorRatio} / ${formatPercent(1 - c.target, 3)} = ${formatBurnRate(w.burnRate)}. ` +
    `At 1x the budget lasts exactly ${c.window.pace}.`
  );
}

export function explainRule(d: RuleDecision, c: ExplainContext): string {
  const { rule } = d;
  const long = formatDuration(rule.longMs);
  const short = formatDuration(rule.shortMs);
  const why =
    rule.budgetFraction !== undefined
      ? ` It means ${formatPercent(rule.budgetFraction, 0)} of the ${c.window.length} budget spent within ${long}: factor = ${formatPercent(rule.budgetFraction, 0)} × ${c.window.length} / ${long} = ${formatFactor(rule.factor)}.`
      : '';
  const heldBack = d.heldBackByMaintenance
    ? ' Both burn above it now, but a maintenance window is open, so it does not fire.'
    : d.heldBackByLowTraffic
      ? ` Both burn above it now, but the ${short} window holds fewer events than the low-traffic guard (alerting.minEvents) asks for, so it does not fire.`
      : '';
  return `${describeRule(rule)}: fires when both the ${long} and the ${short} burn rates are above ${formatFactor(rule.factor)}.${why}${heldBack}`;
}

export function explainTimeToExhaustion(e: KpiEvaluation, c: ExplainContext): string {
  const shortest = e.windows[0];
  if (e.budgetRemaining === null) {
    return `No budget to run out of: ${noNumberBecause(e.slo.state, c)}`;
  }
  if (e.timeToExhaustionMs === null) {
    return `Not burning over the last ${shortest.window} (burn rate ${formatBurnRate(shortest.burnRate)}): at this rate the budget does not run out.`;
  }
  if (e.timeToExhaustionMs === 0) {
    return 'The budget is already spent.';
  }
  return (
    `Time to exhaustion = budget remaining × SLO window / burn rate over the last ${shortest.window} = ` +
    `${formatPercent(e.budgetRemaining, 1)} × ${c.window.length} / ${formatBurnRate(shortest.burnRate)} = ${formatTimeSpan(e.timeToExhaustionMs)}.`
  );
}

export function explainCoverage(e: KpiEvaluation, c: ExplainContext): string {
  if (c.kind === 'members') {
    return `Coverage = the lowest coverage of the members ${c.window.within} = ${formatPercent(e.coverage, 1)}.`;
  }
  return (
    `Coverage = steps with data / steps ${c.window.within} = ${formatCount(e.slo.validSteps)} / ${formatCount(e.slo.expectedSteps)} = ${formatPercent(e.coverage, 1)}. ` +
    'Missing samples are gaps: they count as neither good nor bad.'
  );
}

/** "Last month": its SLI, and how this period so far compares, in percentage points. */
export function explainPreviousPeriod(previous: PreviousPeriodReading, e: KpiEvaluation, c: ExplainContext): string {
  if (previous.sli === null) {
    return previous.coverage === 0
      ? `No samples ${previous.label}, so there is nothing to compare with.`
      : `No ${c.kind} ${previous.label}: nothing to measure, which is not the same as 100%.`;
  }
  const decimals = decimalsForTarget(c.target);
  const coverage = previous.coverage < 1 ? ` Data covers ${formatPercent(previous.coverage, 1)} of it.` : '';
  const then = `SLI ${previous.label} = ${formatSli(previous.sli, decimals)}, ${c.window.over} ${e.sli === null ? 'no SLI yet' : formatSli(e.sli, decimals)}`;
  if (e.sli === null) {
    return `${then}.${coverage}`;
  }
  const points = (e.sli - previous.sli) * 100;
  const change = `${points >= 0 ? '+' : '−'}${Math.abs(points).toFixed(Math.max(decimals - 1, 1))} percentage points`;
  return `${then}: ${change}.${coverage}`;
}

const COMPARATOR_WORDS: Record<Comparator, string> = { '<': 'below', '<=': 'at most', '>': 'above', '>=': 'at least' };

export function comparatorWords(comparator: Comparator): string {
  return COMPARATOR_WORDS[comparator];
}

export function explainLatestValue(
  latest: number | null,
  comparator: Comparator,
  threshold: number,
  unit?: string
): string {
  const rule = `A step is good when the value is ${comparatorWords(comparator)} ${formatValue(threshold, unit)}.`;
  return latest === null
    ? `No value at the latest step (a gap). ${rule}`
    : `Latest value: ${formatValue(latest, unit)}. ${rule}`;
}

export function explainDelta(comparison: PeriodComparison, unit?: string): string {
  const period = formatDuration(comparison.periodMs);
  if (comparison.delta === null || comparison.current === null || comparison.previous === null) {
    return `Needs ${formatDuration(2 * comparison.periodMs)} of data to compare the last ${period} with the ${period} before it; the earlier period has no values in this time range.`;
  }
  const relative =
    comparison.relativeDelta === null
      ? ''
      : ` (${comparison.relativeDelta > 0 ? '+' : ''}${formatPercent(comparison.relativeDelta, 1)})`;
  return (
    `Change = mean over the last ${period} − mean over the ${period} before = ` +
    `${formatValue(comparison.current, unit)} − ${formatValue(comparison.previous, unit)} = ${formatValue(comparison.delta, unit)}${relative}.`
  );
}
