/**
 * A burn-rate policy as form fields (the KPI editor, and the app's default policy on the config page): rows of
 * text as typed, turned back into the `alerting` input the catalog schema validates.
 */
import type { AlertPolicySpec, BurnRateRuleSpec, Severity } from '../kpi/model';

export interface RuleRow {
  severity: Severity;
  long: string;
  short: string;
  /** A burn-rate factor ("14.4") or, when `by` is 'budget', the share of the budget in percent ("2"). */
  amount: string;
  by: 'factor' | 'budget';
}

export interface PolicyForm {
  policy: 'default' | 'custom';
  rules: RuleRow[];
  /** The low-traffic guard, as typed; empty is off. */
  minEvents: string;
  /** Tier and absent-data settings the form has no fields for: kept as they are, so an edit never drops them. */
  kept: Pick<AlertPolicySpec, 'page' | 'ticket' | 'absent'>;
}

export const NEW_RULE: RuleRow = { severity: 'page', long: '1h', short: '5m', amount: '14.4', by: 'factor' };

/** 0.999 -> "99.9": a share as people type it in percent, without float dust. */
export function percentText(ratio: number): string {
  return String(Number((ratio * 100).toPrecision(12)));
}

/** A typed number, or the text itself so the schema names it ("must be a number, got the text …"). */
export function numberOrText(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') {
    return undefined;
  }
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : trimmed;
}

function ruleRow(rule: BurnRateRuleSpec): RuleRow {
  const byBudget = rule.budgetFraction !== undefined;
  return {
    severity: rule.severity,
    long: rule.long,
    short: rule.short ?? '',
    amount: byBudget ? percentText(rule.budgetFraction!) : String(rule.factor ?? ''),
    by: byBudget ? 'budget' : 'factor',
  };
}

function ruleInput(row: RuleRow): Record<string, unknown> {
  const amount = numberOrText(row.amount);
  return {
    severity: row.severity,
    long: row.long.trim(),
    ...(row.short.trim() ? { short: row.short.trim() } : {}),
    ...(row.by === 'budget'
      ? { budgetFraction: typeof amount === 'number' ? Number((amount / 100).toPrecision(12)) : amount }
      : { factor: amount }),
  };
}

export function policyFormOf(alerting: AlertPolicySpec | undefined): PolicyForm {
  const minEvents = alerting?.minEvents === undefined ? '' : String(alerting.minEvents);
  const kept = Object.fromEntries(
    (['page', 'ticket', 'absent'] as const).flatMap((key) => (alerting?.[key] ? [[key, alerting[key]]] : []))
  );
  return alerting?.policy === 'custom'
    ? { policy: 'custom', rules: alerting.rules.map(ruleRow), minEvents, kept }
    : { policy: 'default', rules: [], minEvents, kept };
}

/** What the schema is given for `alerting`: the default policy, or the custom rows as typed. */
export function alertingInputOf(form: PolicyForm): Record<string, unknown> {
  const minEvents = numberOrText(form.minEvents);
  return {
    ...(form.policy === 'custom' ? { policy: 'custom', rules: form.rules.map(ruleInput) } : { policy: 'default' }),
    ...(minEvents === undefined ? {} : { minEvents }),
    ...form.kept,
  };
}
