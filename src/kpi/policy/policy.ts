/**
 * Multi-window, multi-burn-rate alert policy (Google SRE workbook, ch. 5), generalised to any SLO window.
 * Each row means "fraction f of the error budget spent within the long window L":
 *   factor = f × W / L   (W = SLO window)
 * and fires only when both the long window and its short window (L / 12 by default) burn above that factor.
 */
import { coveringRangeMs, formatDuration, nominalSloWindowMs, parseDuration } from '../time';
import type { AlertPolicySpec, KpiCommon, Severity, ValueAlertSpec } from '../model';

export interface BurnRateRule {
  severity: Severity;
  longMs: number;
  shortMs: number;
  /** Burn rate both windows must exceed. */
  factor: number;
  /** Share of the budget spent within the long window when the rule starts to fire; undefined for a raw factor. */
  budgetFraction?: number;
}

interface DefaultRow {
  severity: Severity;
  budgetFraction: number;
  long: string;
  short: string;
}

export const DEFAULT_POLICY_ROWS: readonly DefaultRow[] = [
  { severity: 'page', budgetFraction: 0.02, long: '1h', short: '5m' }, // 30d: 14.4x, 2 % of budget in 1h
  { severity: 'page', budgetFraction: 0.05, long: '6h', short: '30m' }, // 30d: 6x, 5 % in 6h
  { severity: 'ticket', budgetFraction: 0.1, long: '1d', short: '2h' }, // 30d: 3x, 10 % in 1d
  { severity: 'ticket', budgetFraction: 0.1, long: '3d', short: '6h' }, // 30d: 1x, 10 % in 3d
];

/** Burn rate at which `budgetFraction` of the budget of an SLO window is spent within `longMs`. */
export function burnRateFactor(budgetFraction: number, sloWindowMs: number, longMs: number): number {
  return (budgetFraction * sloWindowMs) / longMs;
}

/** Whether a tier alerts at all (`alerting.page.enabled: false` turns the page rows off). */
export function tierEnabled(spec: AlertPolicySpec | undefined, severity: Severity): boolean {
  return spec?.[severity]?.enabled !== false;
}

/**
 * Turns a policy spec (default or custom) into concrete rules for an SLO window; disabled tiers have none. A value
 * KPI's alerting, which has no policy, reads as none: callers that hold any KPI get the default rows, as before.
 */
export function resolvePolicy(spec: AlertPolicySpec | ValueAlertSpec | undefined, sloWindowMs: number): BurnRateRule[] {
  const policy = spec?.policy === undefined ? undefined : spec;
  return allPolicyRules(policy, sloWindowMs).filter((rule) => tierEnabled(policy, rule.severity));
}

function allPolicyRules(spec: AlertPolicySpec | undefined, sloWindowMs: number): BurnRateRule[] {
  if (!spec || spec.policy === 'default') {
    return DEFAULT_POLICY_ROWS.map((row) => {
      const longMs = parseDuration(row.long);
      return {
        severity: row.severity,
        longMs,
        shortMs: parseDuration(row.short),
        factor: burnRateFactor(row.budgetFraction, sloWindowMs, longMs),
        budgetFraction: row.budgetFraction,
      };
    });
  }
  return spec.rules.map((rule) => {
    const longMs = parseDuration(rule.long);
    const shortMs = rule.short !== undefined ? parseDuration(rule.short) : Math.round(longMs / 12);
    const factor =
      rule.factor !== undefined ? rule.factor : burnRateFactor(rule.budgetFraction ?? NaN, sloWindowMs, longMs);
    return { severity: rule.severity, longMs, shortMs, factor, budgetFraction: rule.budgetFraction };
  });
}

/** Every distinct window a policy looks at, shortest first. */
export function policyWindows(rules: readonly BurnRateRule[]): number[] {
  const windows = new Set<number>();
  for (const rule of rules) {
    windows.add(rule.longMs);
    windows.add(rule.shortMs);
  }
  return [...windows].sort((a, b) => a - b);
}

/**
 * How far back an SLO must be read to show every window it shows: its SLO window (a calendar period's longest) and
 * each window of its policy, which for a short SLO reaches past it (a 1d SLO's default ticket row reads 3d).
 */
export function sloReadSpanMs(kpi: Pick<KpiCommon, 'objective' | 'alerting'>): number {
  const policy = policyWindows(resolvePolicy(kpi.alerting, nominalSloWindowMs(kpi)));
  return Math.max(coveringRangeMs(kpi), ...policy);
}

export interface RuleDecision {
  rule: BurnRateRule;
  longBurnRate: number | null;
  shortBurnRate: number | null;
  firing: boolean;
  /** Both windows burn above the factor, but the short window holds fewer events than the low-traffic guard asks. */
  heldBackByLowTraffic: boolean;
  /** It would fire, but the evaluation instant is inside a maintenance window. */
  heldBackByMaintenance?: boolean;
}

/** The low-traffic guard: events in a window (null without data or traffic) and the fewest a rule may fire on. */
export interface LowTrafficGuard {
  minEvents: number;
  eventsIn: (windowMs: number) => number | null;
}

/**
 * PolicyEvaluator knows how to decide page/ticket from window burn rates. A window without traffic or data
 * (null) cannot fire: missing data is reported by the KPI status, not by a burn-rate alert.
 */
export function decide(
  rules: readonly BurnRateRule[],
  burnRateOf: (windowMs: number) => number | null,
  guard?: LowTrafficGuard
): RuleDecision[] {
  return rules.map((rule) => {
    const longBurnRate = burnRateOf(rule.longMs);
    const shortBurnRate = burnRateOf(rule.shortMs);
    const burning =
      longBurnRate !== null && shortBurnRate !== null && longBurnRate > rule.factor && shortBurnRate > rule.factor;
    const heldBackByLowTraffic =
      burning && guard !== undefined && (guard.eventsIn(rule.shortMs) ?? 0) < guard.minEvents;
    return { rule, longBurnRate, shortBurnRate, firing: burning && !heldBackByLowTraffic, heldBackByLowTraffic };
  });
}

/** A readable name for a rule: "page 1h/5m > 14.4x". */
export function describeRule(rule: BurnRateRule): string {
  const factor = Number(rule.factor.toPrecision(4));
  return `${rule.severity} ${formatDuration(rule.longMs)}/${formatDuration(rule.shortMs)} > ${factor}x`;
}
