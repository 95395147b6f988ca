/**
 * Alerting rules: one burn-rate alert per severity whose policy rows are OR-ed, and the absent-data alert; their
 * labels and annotations, escaped for Go templates. Grafana-managed rules (grafanaAlertRules.ts) share the conditions.
 */
import { formatDuration } from '../time';
import {
  type SloKpi,
  groupByOf,
  PROM_ABSENT_ALERT_NAME,
  PROM_ALERT_NAME,
  PROM_LABEL_BURNRATE_TIER,
  PROM_LABEL_KPI_ID,
  PROM_LABEL_KPI_VERSION,
  PROM_LABEL_OWNER,
  PROM_LABEL_SEVERITY,
  PROM_MAINTENANCE_RECORD,
  PROM_SLICE_GOOD_RECORD,
  type Severity,
} from '../model';
import { type BurnRateRule } from '../policy';
import type { AlertingRule } from './ruleGroup';
import {
  budgetShare,
  errorRatioRecordName,
  idLabel,
  kpiLabels,
  promNumber,
  selector,
  totalRateRecordName,
} from '../promql';

export const ANNOTATION_SUMMARY = 'summary';

export const ANNOTATION_DESCRIPTION = 'description';

export const ANNOTATION_RUNBOOK_URL = 'runbook_url';

/**
 * How long a condition must hold before the alert fires. Short on purpose: a row fires only when its short window
 * burns too, which already damps flapping and resets the alert quickly once the burn stops; the `for` only rides
 * out a single noisy evaluation. Tickets can wait longer than pages.
 */
const ALERT_FOR: Readonly<Record<Severity, string>> = { page: '2m', ticket: '15m' };

/** Most urgent first; also the order of the alerting rules in a group. */
export const SEVERITY_ORDER: readonly Severity[] = ['page', 'ticket'];

/** One alerting rule per severity present in the policy; the rows of a severity are OR-ed. */
export function burnRateAlertRules(
  kpi: SloKpi,
  policy: BurnRateRule[],
  sloWindowMs: number,
  baseWindowMs: number
): AlertingRule[] {
  return SEVERITY_ORDER.flatMap((severity) => {
    const rows = policy.filter((row) => row.severity === severity);
    return rows.length === 0 ? [] : [burnRateAlertRule(kpi, severity, rows, sloWindowMs, baseWindowMs)];
  });
}

function burnRateAlertRule(
  kpi: SloKpi,
  severity: Severity,
  rows: BurnRateRule[],
  sloWindowMs: number,
  baseWindowMs: number
): AlertingRule {
  const recorded = (windowMs: number) => selector(errorRatioRecordName(windowMs), kpiLabels(kpi));
  return {
    alert: PROM_ALERT_NAME,
    expr: unlessInMaintenance(
      kpi,
      burnRateCondition(kpi, rows, recorded, (shortMs) => recordedEventCountGuard(kpi, baseWindowMs, shortMs))
    ),
    for: kpi.alerting?.[severity]?.for ?? ALERT_FOR[severity],
    // Alert labels and annotations are Go templates in Prometheus; catalog text must come out verbatim.
    labels: mapValues(alertLabels(kpi, severity), escapeGoTemplate),
    annotations: withInstanceInSummary(kpi, mapValues(alertAnnotations(kpi, rows, sloWindowMs), escapeGoTemplate)),
  };
}

/**
 * A per-label KPI's alerts fire per instance, each with its groupBy labels (they come with the error ratio
 * series), and the summary names the instance: "… too fast for route {{ $labels.route }}". The template is added
 * to the escaped annotations, so it is the only one Prometheus or Grafana expands.
 */
export function withInstanceInSummary(kpi: SloKpi, escaped: Record<string, string>): Record<string, string> {
  const groupBy = groupByOf(kpi);
  if (groupBy.length === 0) {
    return escaped;
  }
  const instance = groupBy.map((label) => `${label} {{ $labels.${label} }}`).join(', ');
  return { ...escaped, [ANNOTATION_SUMMARY]: `${escaped[ANNOTATION_SUMMARY]} for ${instance}` };
}

/**
 * `(long > (14.4 * 0.001) and short > (14.4 * 0.001)) or (…)`: some row of the policy burns faster than its factor
 * over both its windows. `errorRatio` gives the expression of a window's error ratio (a recorded series, or the raw
 * expression for Grafana-managed rules). With `alerting.minEvents`, each row also needs `eventGuard(short)`: the
 * low-traffic guard, so that a handful of failures among a handful of requests does not page.
 */
export function burnRateCondition(
  kpi: SloKpi,
  rows: readonly BurnRateRule[],
  errorRatio: (windowMs: number) => string,
  eventGuard?: (shortMs: number) => string
): string {
  const budget = promNumber(budgetShare(kpi.objective.target));
  // Only a ratio KPI counts events of its own to guard; a composite has none and passes no guard.
  const guarded = kpi.alerting?.minEvents !== undefined && kpi.indicator.type === 'ratio' && eventGuard;
  return rows
    .map((row) => {
      const threshold = `(${promNumber(row.factor)} * ${budget})`;
      const guard = guarded ? ` and ${eventGuard(row.shortMs)}` : '';
      return `(${errorRatio(row.longMs)} > ${threshold} and ${errorRatio(row.shortMs)} > ${threshold}${guard})`;
    })
    .join(' or ');
}

/**
 * The low-traffic guard over the recorded base rate: its mean over the short window times the window's seconds
 * is the window's events (lagging by up to the base window, as every recorded ratio does), over every kpi_version.
 */
function recordedEventCountGuard(kpi: SloKpi, baseWindowMs: number, shortMs: number): string {
  const rate = `sum without (${PROM_LABEL_KPI_VERSION}) (avg_over_time(${selector(totalRateRecordName(baseWindowMs), idLabel(kpi))}[${formatDuration(shortMs)}]))`;
  const on = [PROM_LABEL_KPI_ID, ...groupByOf(kpi)].join(', ');
  return `on (${on}) (${rate} * ${promNumber(shortMs / 1000)} >= ${promNumber(kpi.alerting!.minEvents!)})`;
}

/**
 * severity (the tier's own name for it, `page` and `ticket` by default), burnrate_tier (always page or ticket, for
 * Alertmanager inhibition: a page silences the ticket of the same kpi_id), kpi_id, kpi_version and owner, unescaped.
 */
export function alertLabels(kpi: SloKpi, severity: Severity): Record<string, string> {
  return {
    [PROM_LABEL_SEVERITY]: kpi.alerting?.[severity]?.severity ?? severity,
    [PROM_LABEL_BURNRATE_TIER]: severity,
    ...kpiLabels(kpi),
    [PROM_LABEL_OWNER]: kpi.owner,
  };
}

/** The default severity label of the absent-data alert: someone should look, nobody needs waking. */
export const ABSENT_DEFAULT_SEVERITY = 'ticket';

/**
 * With `alerting.absent`: an alert when the KPI's base series is gone for `for` (the exporter stopped, a relabel
 * broke the query). Burn-rate rules cannot see that: no data never burns.
 */
export function absentDataAlertRules(kpi: SloKpi, baseWindowMs: number): AlertingRule[] {
  const absent = kpi.alerting?.absent;
  if (!absent) {
    return [];
  }
  // A composite's ratio is gone as soon as one member has no samples: its absence is the composite's no-data.
  const series =
    kpi.indicator.type === 'ratio'
      ? selector(totalRateRecordName(baseWindowMs), kpiLabels(kpi))
      : kpi.indicator.type === 'composite'
        ? selector(errorRatioRecordName(baseWindowMs), kpiLabels(kpi))
        : selector(PROM_SLICE_GOOD_RECORD, kpiLabels(kpi));
  return [
    {
      alert: PROM_ABSENT_ALERT_NAME,
      expr: unlessInMaintenance(kpi, `absent(${series})`),
      for: absent.for,
      labels: mapValues(absentAlertLabels(kpi), escapeGoTemplate),
      annotations: mapValues(absentAlertAnnotations(kpi), escapeGoTemplate),
    },
  ];
}

/** severity (`alerting.absent.severity`, ticket by default), kpi_id, kpi_version and owner, unescaped. */
export function absentAlertLabels(kpi: SloKpi): Record<string, string> {
  return {
    [PROM_LABEL_SEVERITY]: kpi.alerting?.absent?.severity ?? ABSENT_DEFAULT_SEVERITY,
    ...kpiLabels(kpi),
    [PROM_LABEL_OWNER]: kpi.owner,
  };
}

/** Summary, description and runbook of the absent-data alert, unescaped. */
export function absentAlertAnnotations(kpi: SloKpi): Record<string, string> {
  return {
    [ANNOTATION_SUMMARY]: `${kpi.name} has no data`,
    [ANNOTATION_DESCRIPTION]: `${kpi.name} (${kpi.id} v${kpi.version}) has had no data for ${kpi.alerting?.absent?.for}: its burn rate and budget cannot be evaluated, and its burn-rate alerts cannot fire.`,
    ...(kpi.links?.runbook ? { [ANNOTATION_RUNBOOK_URL]: kpi.links.runbook } : {}),
  };
}

/** summary, description and (when the KPI has one) runbook_url, unescaped. */
export function alertAnnotations(
  kpi: SloKpi,
  rows: readonly BurnRateRule[],
  sloWindowMs: number
): Record<string, string> {
  const annotations: Record<string, string> = {
    [ANNOTATION_SUMMARY]: `${kpi.name} burns its error budget too fast`,
    [ANNOTATION_DESCRIPTION]: describeBurn(kpi, rows, sloWindowMs),
  };
  if (kpi.links?.runbook) {
    annotations[ANNOTATION_RUNBOOK_URL] = kpi.links.runbook;
  }
  return annotations;
}

/**
 * The policy rows in words, e.g. "… over both the last 1h and the last 5m at more than 14.4x the sustainable rate
 * (error ratio above 1.44 %, 2 % of the budget gone in 1h), or …".
 */
function describeBurn(kpi: SloKpi, rows: readonly BurnRateRule[], sloWindowMs: number): string {
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

/** An alert condition that holds only while the KPI's maintenance record reads 0 (or is missing). */
function unlessInMaintenance(kpi: SloKpi, condition: string): string {
  if (!kpi.maintenance?.length) {
    return condition;
  }
  const inMaintenance = `${selector(PROM_MAINTENANCE_RECORD, kpiLabels(kpi))} == 1`;
  return `(${condition}) unless on (${PROM_LABEL_KPI_ID}) (${inMaintenance})`;
}

function percent(share: number): string {
  return `${textNumber(share * 100)} %`;
}

/** Six significant digits are plenty for people: 99.999, 0.933333. */
function textNumber(value: number): string {
  return String(Number(value.toPrecision(6)));
}

/**
 * Prometheus and Grafana expand alert labels and annotations as Go templates. Go's text/template has no escape
 * for its delimiter; an action printing the literal "{{" is the idiom.
 */
export function escapeGoTemplate(text: string): string {
  return text.split('{{').join('{{ "{{" }}');
}

function mapValues(record: Record<string, string>, fn: (value: string) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, fn(value)]));
}
