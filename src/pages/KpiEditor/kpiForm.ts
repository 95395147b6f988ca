/**
 * The editor's form state and its way to and from a KpiDefinition. Inputs hold text as typed; validation is the
 * catalog schema's own (parseKpi), so the editor and `northstar validate` say the same thing about the same KPI.
 */
import type { Audience, BurnRateRuleSpec, Comparator, KpiDefinition, KpiLifecycle, Severity } from '../../kpi/model';
import { parseKpi, type ValidationProblem } from '../../kpi/schema';

export type IndicatorKind = 'ratio' | 'threshold' | 'timeslice';

export interface RuleRow {
  severity: Severity;
  long: string;
  short: string;
  /** A burn-rate factor ("14.4") or, when `by` is 'budget', the share of the budget in percent ("2"). */
  amount: string;
  by: 'factor' | 'budget';
}

export interface KpiForm {
  id: string;
  name: string;
  description: string;
  owner: string;
  audience: Audience[];
  decision: string;
  tags: string[];
  datasourceType: string;
  datasourceUid: string;
  indicatorType: IndicatorKind;
  good: string;
  total: string;
  query: string;
  comparator: Comparator;
  threshold: string;
  unit: string;
  slice: string;
  /** In percent, as people write targets: "99.9". */
  targetPercent: string;
  window: string;
  policy: 'default' | 'custom';
  rules: RuleRow[];
  runbook: string;
  dashboard: string;
}

export const NEW_RULE: RuleRow = { severity: 'page', long: '1h', short: '5m', amount: '14.4', by: 'factor' };

export function emptyForm(datasource: { type: string; uid: string } = { type: 'prometheus', uid: '' }): KpiForm {
  return {
    id: '',
    name: '',
    description: '',
    owner: '',
    audience: [],
    decision: '',
    tags: [],
    datasourceType: datasource.type,
    datasourceUid: datasource.uid,
    indicatorType: 'ratio',
    good: '',
    total: '',
    query: '',
    comparator: '<',
    threshold: '',
    unit: '',
    slice: '1m',
    targetPercent: '99.9',
    window: '28d',
    policy: 'default',
    rules: [],
    runbook: '',
    dashboard: '',
  };
}

/** 0.999 -> "99.9": the target as people typed it, without float dust. */
function percentText(ratio: number): string {
  return String(Number((ratio * 100).toPrecision(12)));
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

export function formFromKpi(kpi: KpiDefinition): KpiForm {
  const indicator = kpi.indicator;
  return {
    ...emptyForm(kpi.datasource),
    id: kpi.id,
    name: kpi.name,
    description: kpi.description ?? '',
    owner: kpi.owner,
    audience: kpi.audience ?? [],
    decision: kpi.decision ?? '',
    tags: kpi.tags ?? [],
    indicatorType: indicator.type,
    good: indicator.type === 'ratio' ? indicator.good : '',
    total: indicator.type === 'ratio' ? indicator.total : '',
    query: indicator.type === 'ratio' ? '' : indicator.query,
    comparator: indicator.type === 'ratio' ? '<' : indicator.comparator,
    threshold: indicator.type === 'ratio' ? '' : String(indicator.threshold),
    unit: indicator.type === 'ratio' ? '' : (indicator.unit ?? ''),
    slice: indicator.type === 'timeslice' ? indicator.slice : '1m',
    targetPercent: percentText(kpi.objective.target),
    window: kpi.objective.window,
    policy: kpi.alerting?.policy === 'custom' ? 'custom' : 'default',
    rules: kpi.alerting?.policy === 'custom' ? kpi.alerting.rules.map(ruleRow) : [],
    runbook: kpi.links?.runbook ?? '',
    dashboard: kpi.links?.dashboard ?? '',
  };
}

/** A typed number, or the text itself so the schema names it ("must be a number, got the text …"). */
function numberOrText(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') {
    return undefined;
  }
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : trimmed;
}

const optional = (text: string) => (text.trim() === '' ? undefined : text.trim());

function ruleSpec(row: RuleRow): Record<string, unknown> {
  const amount = numberOrText(row.amount);
  return {
    severity: row.severity,
    long: row.long.trim(),
    ...(optional(row.short) ? { short: row.short.trim() } : {}),
    ...(row.by === 'budget'
      ? { budgetFraction: typeof amount === 'number' ? Number((amount / 100).toPrecision(12)) : amount }
      : { factor: amount }),
  };
}

/** The KPI the form describes, before validation: what parseKpi is given. Empty optional fields are left out. */
export function kpiInputFromForm(form: KpiForm, version: number, status: KpiLifecycle): Record<string, unknown> {
  const indicator =
    form.indicatorType === 'ratio'
      ? { type: 'ratio', good: form.good, total: form.total }
      : {
          type: form.indicatorType,
          query: form.query,
          comparator: form.comparator,
          threshold: numberOrText(form.threshold),
          ...(optional(form.unit) ? { unit: form.unit.trim() } : {}),
          ...(form.indicatorType === 'timeslice' ? { slice: form.slice.trim() } : {}),
        };
  const target = numberOrText(form.targetPercent);
  const links = Object.fromEntries(
    (
      [
        ['runbook', form.runbook],
        ['dashboard', form.dashboard],
      ] as const
    )
      .map(([name, url]) => [name, url.trim()])
      .filter(([, url]) => url !== '')
  );
  const input: Record<string, unknown> = {
    id: form.id.trim(),
    version,
    status,
    name: form.name,
    owner: form.owner,
    datasource: { type: form.datasourceType, uid: form.datasourceUid },
    indicator,
    objective: {
      target: typeof target === 'number' ? Number((target / 100).toPrecision(12)) : target,
      window: form.window.trim(),
    },
    alerting: form.policy === 'custom' ? { policy: 'custom', rules: form.rules.map(ruleSpec) } : { policy: 'default' },
  };
  const optionalFields: Array<[string, unknown]> = [
    ['description', optional(form.description)],
    ['decision', optional(form.decision)],
    ['audience', form.audience.length ? form.audience : undefined],
    ['tags', form.tags.length ? form.tags : undefined],
    ['links', Object.keys(links).length ? links : undefined],
  ];
  for (const [key, value] of optionalFields) {
    if (value !== undefined) {
      input[key] = value;
    }
  }
  return input;
}

export type FormCheck = { ok: true; kpi: KpiDefinition } | { ok: false; problems: ValidationProblem[] };

/** Validates the form as the catalog schema would, with problems by field path (`objective.target`). */
export function checkForm(form: KpiForm, version: number, status: KpiLifecycle): FormCheck {
  const parsed = parseKpi(kpiInputFromForm(form, version, status));
  return parsed.ok ? { ok: true, kpi: parsed.kpi } : { ok: false, problems: parsed.problems };
}

/** The first problem of a field and its sub-fields (`indicator` also covers `indicator.good`). */
export function problemAt(problems: readonly ValidationProblem[], path: string): string | undefined {
  const found = problems.find(
    (problem) => problem.path === path || problem.path.startsWith(`${path}.`) || problem.path.startsWith(`${path}[`)
  );
  return found?.message;
}
