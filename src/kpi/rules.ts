/**
 * Prometheus recording and alerting rules for published KPIs, returned as plain data (YAML is written by src/cli).
 * One group per KPI: an error-ratio recording rule for every policy window and for the SLO window, the objective as
 * a metadata rule, and one alerting rule per severity, so that an incident fires one page (and at most one ticket)
 * instead of one alert per policy row.
 */
import { formatDuration, parseDuration } from './duration';
import { DEFAULT_SCRAPE_INTERVAL_MS, expandGrafanaMacros, grafanaRateInterval } from './macros';
import {
  PROM_ALERT_NAME,
  PROM_ERROR_RATIO_RECORD_PREFIX,
  PROM_LABEL_KPI_ID,
  PROM_LABEL_KPI_VERSION,
  PROM_LABEL_OWNER,
  PROM_LABEL_SEVERITY,
  PROM_OBJECTIVE_RECORD,
  type KpiDefinition,
  type RatioIndicator,
  type Severity,
  type ThresholdIndicator,
  type TimesliceIndicator,
} from './model';
import { policyWindows, resolvePolicy, type BurnRateRule } from './policy';

// ---- Names and fixed choices -------------------------------------------------------------------------------------

const GROUP_NAME_PREFIX = 'northstar-kpi-';
const ANNOTATION_SUMMARY = 'summary';
const ANNOTATION_DESCRIPTION = 'description';
const ANNOTATION_RUNBOOK_URL = 'runbook_url';
/** Slice of a threshold indicator, which has no slice of its own (DESIGN §2: default 1m). */
const DEFAULT_THRESHOLD_SLICE = '1m';
/**
 * How long a condition must hold before the alert fires. Short on purpose: a row fires only when its short window
 * burns too, which already damps flapping and resets the alert quickly once the burn stops; the `for` only rides
 * out a single noisy evaluation. Tickets can wait longer than pages.
 */
const ALERT_FOR: Readonly<Record<Severity, string>> = { page: '2m', ticket: '15m' };
/** Most urgent first; also the order of the alerting rules in a group. */
const SEVERITY_ORDER: readonly Severity[] = ['page', 'ticket'];

// ---- Types -------------------------------------------------------------------------------------------------------

export interface RecordingRule {
  record: string;
  expr: string;
  labels: Record<string, string>;
}

export interface AlertingRule {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export type Rule = RecordingRule | AlertingRule;

/** A Prometheus rule group; rules run in order, so alerts see the ratios recorded in the same evaluation. */
export interface RuleGroup {
  name: string;
  interval?: string;
  rules: Rule[];
}

export interface RuleGenerationOptions {
  /** Scrape interval of the KPIs' Prometheus, used for `$__rate_interval` inside timeslice queries. */
  scrapeIntervalMs?: number;
}

/** The content of a Prometheus rule file, ready for `yaml.stringify`. */
export interface PrometheusRuleFile {
  groups: RuleGroup[];
}

// ---- Entry points ------------------------------------------------------------------------------------------------

/** One rule group per published KPI; drafts and retired KPIs have no rules. */
export function generateRuleGroups(kpis: KpiDefinition[], options: RuleGenerationOptions = {}): RuleGroup[] {
  const scrapeIntervalMs = options.scrapeIntervalMs ?? DEFAULT_SCRAPE_INTERVAL_MS;
  return kpis.filter((kpi) => kpi.status === 'published').map((kpi) => kpiRuleGroup(kpi, scrapeIntervalMs));
}

/** The plain object of a rule file; optional fields that are unset are left out rather than written as null. */
export function ruleGroupsToPrometheusFile(groups: RuleGroup[]): PrometheusRuleFile {
  return {
    groups: groups.map((group) => ({
      name: group.name,
      ...(group.interval !== undefined ? { interval: group.interval } : {}),
      rules: group.rules.map(copyRule),
    })),
  };
}

function kpiRuleGroup(kpi: KpiDefinition, scrapeIntervalMs: number): RuleGroup {
  try {
    const sloWindowMs = parseDuration(kpi.objective.window);
    const policy = resolvePolicy(kpi.alerting, sloWindowMs);
    const windowsMs = [...new Set([...policyWindows(policy), sloWindowMs])].sort((a, b) => a - b);
    return {
      name: `${GROUP_NAME_PREFIX}${kpi.id}`,
      rules: [
        ...errorRatioRules(kpi, windowsMs, scrapeIntervalMs),
        ...objectiveRules(kpi),
        ...burnRateAlertRules(kpi, policy, sloWindowMs),
      ],
    };
  } catch (error) {
    throw new Error(`rules for KPI ${kpi.id}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

// ---- Recording rules: error ratio per window ---------------------------------------------------------------------

/** One error-ratio recording rule per window, in the given order. */
export function errorRatioRules(kpi: KpiDefinition, windowsMs: number[], scrapeIntervalMs: number): RecordingRule[] {
  return windowsMs.map((windowMs) => ({
    record: errorRatioRecordName(windowMs),
    expr: errorRatioExpr(kpi, windowMs, scrapeIntervalMs),
    labels: kpiLabels(kpi),
  }));
}

/** `northstar:kpi_error_ratio:rate5m` for a 5-minute window. */
export function errorRatioRecordName(windowMs: number): string {
  return `${PROM_ERROR_RATIO_RECORD_PREFIX}${formatDuration(windowMs)}`;
}

function errorRatioExpr(kpi: KpiDefinition, windowMs: number, scrapeIntervalMs: number): string {
  const indicator = kpi.indicator;
  switch (indicator.type) {
    case 'ratio':
      return ratioErrorExpr(indicator, formatDuration(windowMs));
    case 'threshold':
    case 'timeslice':
      return sliceErrorExpr(indicator, formatDuration(windowMs), scrapeIntervalMs);
  }
}

/** Bad share of events: the user's rates evaluated over the window itself. */
function ratioErrorExpr(indicator: RatioIndicator, window: string): string {
  const macros = { rateInterval: window, interval: window, range: window };
  const good = expandGrafanaMacros(indicator.good, macros);
  const total = expandGrafanaMacros(indicator.total, macros);
  return `1 - ((${good}) / (${total}))`;
}

/** Bad share of slices: the comparison is evaluated once per slice across the window and averaged. */
function sliceErrorExpr(
  indicator: ThresholdIndicator | TimesliceIndicator,
  window: string,
  scrapeIntervalMs: number
): string {
  const slice = indicator.type === 'timeslice' ? indicator.slice : DEFAULT_THRESHOLD_SLICE;
  const query = expandGrafanaMacros(indicator.query, {
    rateInterval: grafanaRateInterval(parseDuration(slice), scrapeIntervalMs),
    interval: slice,
    range: window,
  });
  const good = `(${query}) ${indicator.comparator} bool ${promNumber(indicator.threshold)}`;
  return `1 - avg_over_time((${good})[${window}:${slice}])`;
}

// ---- Metadata rules: the objective -------------------------------------------------------------------------------

/** The target as a series, so dashboards and alerts can read it next to the ratios. */
export function objectiveRules(kpi: KpiDefinition): RecordingRule[] {
  return [
    { record: PROM_OBJECTIVE_RECORD, expr: `vector(${promNumber(kpi.objective.target)})`, labels: kpiLabels(kpi) },
  ];
}

// ---- Alerting rules: one per severity ----------------------------------------------------------------------------

/** One alerting rule per severity present in the policy; the rows of a severity are OR-ed. */
export function burnRateAlertRules(kpi: KpiDefinition, policy: BurnRateRule[], sloWindowMs: number): AlertingRule[] {
  return SEVERITY_ORDER.flatMap((severity) => {
    const rows = policy.filter((row) => row.severity === severity);
    return rows.length === 0 ? [] : [burnRateAlertRule(kpi, severity, rows, sloWindowMs)];
  });
}

function burnRateAlertRule(
  kpi: KpiDefinition,
  severity: Severity,
  rows: BurnRateRule[],
  sloWindowMs: number
): AlertingRule {
  const labels = { [PROM_LABEL_SEVERITY]: severity, ...kpiLabels(kpi), [PROM_LABEL_OWNER]: kpi.owner };
  const annotations: Record<string, string> = {
    [ANNOTATION_SUMMARY]: `${kpi.name} burns its error budget too fast`,
    [ANNOTATION_DESCRIPTION]: describeBurn(kpi, rows, sloWindowMs),
  };
  if (kpi.links?.runbook) {
    annotations[ANNOTATION_RUNBOOK_URL] = kpi.links.runbook;
  }
  return {
    alert: PROM_ALERT_NAME,
    expr: rows.map((row) => burnCondition(kpi, row)).join(' or '),
    for: ALERT_FOR[severity],
    // Alert labels and annotations are Go templates in Prometheus; catalog text must come out verbatim.
    labels: mapValues(labels, escapeGoTemplate),
    annotations: mapValues(annotations, escapeGoTemplate),
  };
}

/** `(long > (14.4 * 0.001) and short > (14.4 * 0.001))`: both windows burn faster than the row's factor. */
function burnCondition(kpi: KpiDefinition, row: BurnRateRule): string {
  const threshold = `(${promNumber(row.factor)} * ${promNumber(budgetShare(kpi.objective.target))})`;
  const long = selector(errorRatioRecordName(row.longMs), kpiLabels(kpi));
  const short = selector(errorRatioRecordName(row.shortMs), kpiLabels(kpi));
  return `(${long} > ${threshold} and ${short} > ${threshold})`;
}

/**
 * The policy rows in words, e.g. "… over both the last 1h and the last 5m at more than 14.4x the sustainable rate
 * (error ratio above 1.44 %, 2 % of the budget gone in 1h), or …".
 */
function describeBurn(kpi: KpiDefinition, rows: BurnRateRule[], sloWindowMs: number): string {
  const target = kpi.objective.target;
  const sloWindow = formatDuration(sloWindowMs);
  const parts = rows.map((row, i) => {
    const long = formatDuration(row.longMs);
    const rate = i === 0 ? `${textNumber(row.factor)}x the sustainable rate` : `${textNumber(row.factor)}x`;
    const details = [`error ratio above ${percent(row.factor * budgetShare(target))}`];
    if (row.budgetFraction !== undefined) {
      details.push(`${percent(row.budgetFraction)} of the budget gone in ${long}`);
    }
    return `over both the last ${long} and the last ${formatDuration(row.shortMs)} at more than ${rate} (${details.join(', ')})`;
  });
  return (
    `${kpi.name} (${kpi.id} v${kpi.version}, target ${percent(target)} over ${sloWindow}) is burning its error ` +
    `budget faster than the policy allows: ${parts.join(', or ')}. At 1x the budget lasts exactly ${sloWindow}.`
  );
}

// ---- PromQL and text helpers -------------------------------------------------------------------------------------

function kpiLabels(kpi: KpiDefinition): Record<string, string> {
  return { [PROM_LABEL_KPI_ID]: kpi.id, [PROM_LABEL_KPI_VERSION]: String(kpi.version) };
}

/** `metric{a="x",b="y"}` with every label value quoted as a PromQL string. */
export function selector(metric: string, labels: Record<string, string>): string {
  const matchers = Object.entries(labels).map(([name, value]) => `${name}=${promqlString(value)}`);
  return `${metric}{${matchers.join(',')}}`;
}

/** A double-quoted PromQL string literal: backslash, double quote and line breaks escaped. */
export function promqlString(value: string): string {
  const escaped = value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
  return `"${escaped}"`;
}

/** A PromQL number without float noise: 1 - 0.999 is written 0.001, 0.02 × 720 is 14.4. */
export function promNumber(value: number): string {
  if (!Number.isFinite(value)) {
    throw new Error(`${value} is not a finite number`);
  }
  return String(Number(value.toPrecision(12)));
}

/** 1 − target without the noise of the subtraction: in floats 1 − 0.99999 is 0.00000999999999995. */
function budgetShare(target: number): number {
  return Number((1 - target).toFixed(15));
}

function percent(share: number): string {
  return `${textNumber(share * 100)} %`;
}

/** Six significant digits are plenty for people: 99.999, 0.933333. */
function textNumber(value: number): string {
  return String(Number(value.toPrecision(6)));
}

// Go's text/template has no escape for its delimiter; an action printing the literal "{{" is the idiom.
function escapeGoTemplate(text: string): string {
  return text.split('{{').join('{{ "{{" }}');
}

function mapValues(record: Record<string, string>, fn: (value: string) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, fn(value)]));
}

function copyRule(rule: Rule): Rule {
  if ('record' in rule) {
    return { record: rule.record, expr: rule.expr, labels: { ...rule.labels } };
  }
  return {
    alert: rule.alert,
    expr: rule.expr,
    ...(rule.for !== undefined ? { for: rule.for } : {}),
    labels: { ...rule.labels },
    annotations: { ...rule.annotations },
  };
}
