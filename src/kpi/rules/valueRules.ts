/**
 * Prometheus rules of a value KPI (a business value against a target), one group per KPI:
 *
 * - base records over 5m, outside maintenance: the numerator and denominator rates of a ratio
 *   (`northstar:kpi_value_numerator:rate5m`, `…_denominator:rate5m`), or the one query (`northstar:kpi_value_query:5m`),
 *   with Grafana's macros set to 5m;
 * - the value over the period (`northstar:kpi_value:7d`) derived from them across versions, as the engine folds it:
 *   Σ numerator / Σ denominator (the ratio of increases), a sum as the mean rate times the period's seconds (the
 *   period's total), a mean as the mean of the samples, min and max of the samples, last as the newest sample of the
 *   current version;
 * - the target (and warning) as metadata, then one alert: off-track (past the warning, or the target without one)
 *   for `alerting.for` (default 1h), a ticket unless `alerting.page: true`, quiet in maintenance.
 *
 * PromQL has no calendar: a calendar window is recorded over the rolling range of its nominal length (week 7d,
 * month 30d, quarter 90d), so "this month" is judged as "the last 30 days" and a monthly total as a whole month's
 * worth at the pace of the last 30 days. The group runs every 5m: each base sample is one 5m rate, so the samples
 * of the period tile it without overlap, and a 90-day period reads 25,920 samples per record.
 */
import { expandGrafanaMacros, formatDuration } from '../time';
import {
  requirePromql,
  DEFAULT_VALUE_ALERT_FOR,
  PROM_LABEL_KPI_ID,
  PROM_LABEL_KPI_VERSION,
  PROM_LABEL_OWNER,
  PROM_LABEL_SEVERITY,
  PROM_MAINTENANCE_RECORD,
  PROM_VALUE_ALERT_NAME,
  PROM_VALUE_DENOMINATOR_RECORD_PREFIX,
  PROM_VALUE_NUMERATOR_RECORD_PREFIX,
  PROM_VALUE_QUERY_RECORD_PREFIX,
  PROM_VALUE_RECORD_PREFIX,
  PROM_VALUE_TARGET_RECORD,
  type Severity,
  type ValueKpiDefinition,
} from '../model';
import {
  idLabel,
  kpiLabels,
  maintenanceCondition,
  offTrackBound,
  promNumber,
  selector,
  valueOffTrackExpr,
  valueRangeMs,
} from '../promql';
import { ANNOTATION_DESCRIPTION, ANNOTATION_RUNBOOK_URL, ANNOTATION_SUMMARY, escapeGoTemplate } from './alerts';
import { maintenanceRecordingRules } from './metadata';
import type { AlertingRule, RecordingRule, RuleGroup } from './ruleGroup';

/** The base window of the records, and the group's evaluation interval: one sample per base window. */
export const VALUE_BASE_WINDOW = '5m';

/** `northstar:kpi_value:30d`: the record of the value over a rolling range. */
export function valueRecordName(rangeMs: number): string {
  return `${PROM_VALUE_RECORD_PREFIX}${formatDuration(rangeMs)}`;
}

/** The base record names of a value KPI: numerator and denominator, or the query. */
export function valueBaseRecordNames(kpi: ValueKpiDefinition): string[] {
  return kpi.indicator.numerator !== undefined
    ? [
        `${PROM_VALUE_NUMERATOR_RECORD_PREFIX}${VALUE_BASE_WINDOW}`,
        `${PROM_VALUE_DENOMINATOR_RECORD_PREFIX}${VALUE_BASE_WINDOW}`,
      ]
    : [`${PROM_VALUE_QUERY_RECORD_PREFIX}${VALUE_BASE_WINDOW}`];
}

/** The severity of a value KPI's alert: a ticket, a page only when the catalog asks for it. */
export function valueAlertSeverity(kpi: ValueKpiDefinition): Severity {
  return kpi.alerting?.page === true ? 'page' : 'ticket';
}

/** How long the value must stay off-track before the alert fires. */
export function valueAlertFor(kpi: ValueKpiDefinition): string {
  return kpi.alerting?.for ?? DEFAULT_VALUE_ALERT_FOR;
}

export function valueRuleGroup(kpi: ValueKpiDefinition, groupName: string, generatedAtMs: number): RuleGroup {
  const maintenance = maintenanceCondition(kpi, generatedAtMs);
  return {
    name: groupName,
    interval: VALUE_BASE_WINDOW,
    rules: [
      ...maintenanceRecordingRules(kpi, maintenance),
      ...valueBaseRecords(kpi, maintenance),
      { record: valueRecordName(valueRangeMs(kpi)), expr: valueOverRecordsExpr(kpi), labels: kpiLabels(kpi) },
      ...valueTargetRecords(kpi),
      valueAlertRule(kpi),
    ],
  };
}

function valueBaseRecords(kpi: ValueKpiDefinition, maintenance: string | undefined): RecordingRule[] {
  const { indicator } = kpi;
  const macros = { rateInterval: VALUE_BASE_WINDOW, interval: VALUE_BASE_WINDOW, range: VALUE_BASE_WINDOW };
  const queries = indicator.numerator !== undefined ? [indicator.numerator, indicator.denominator] : [indicator.query];
  return valueBaseRecordNames(kpi).map((record, index) => {
    const expr = expandGrafanaMacros(requirePromql(queries[index], record), macros);
    return {
      record,
      expr: maintenance === undefined ? expr : `(${expr}) unless on () (${maintenance})`,
      labels: kpiLabels(kpi),
    };
  });
}

/**
 * The value over the period from the base records of every version of the KPI, so that publishing a version does
 * not start the period again.
 */
export function valueOverRecordsExpr(kpi: ValueKpiDefinition): string {
  const range = formatDuration(valueRangeMs(kpi));
  const [first, second] = valueBaseRecordNames(kpi);
  const overVersions = (fn: string, record: string) =>
    `sum without (${PROM_LABEL_KPI_VERSION}) (${fn}(${selector(record, idLabel(kpi))}[${range}]))`;
  const { indicator } = kpi;
  if (indicator.numerator !== undefined) {
    return `${overVersions('sum_over_time', first)} / ${overVersions('sum_over_time', second)}`;
  }
  const mean = `${overVersions('sum_over_time', first)} / ${overVersions('count_over_time', first)}`;
  switch (indicator.aggregation) {
    case 'sum':
      return `(${mean}) * ${valueRangeMs(kpi) / 1000}`;
    case 'mean':
      return mean;
    case 'min':
    case 'max':
      return `${indicator.aggregation} without (${PROM_LABEL_KPI_VERSION}) (${indicator.aggregation}_over_time(${selector(first, idLabel(kpi))}[${range}]))`;
    case 'last':
      // The newest sample of the version in force: older versions' samples are older by construction.
      return `last_over_time(${selector(first, kpiLabels(kpi))}[${range}])`;
  }
}

function valueTargetRecords(kpi: ValueKpiDefinition): RecordingRule[] {
  const { target, warning } = kpi.objective;
  const bound = (name: string, value: number) => ({
    record: PROM_VALUE_TARGET_RECORD,
    expr: `vector(${promNumber(value)})`,
    labels: { ...kpiLabels(kpi), bound: name },
  });
  return [bound('target', target), ...(warning === undefined ? [] : [bound('warning', warning)])];
}

/** kpi_id, kpi_version, severity (ticket, or page with `alerting.page`), owner. */
export function valueAlertLabels(kpi: ValueKpiDefinition): Record<string, string> {
  return {
    [PROM_LABEL_SEVERITY]: valueAlertSeverity(kpi),
    ...kpiLabels(kpi),
    [PROM_LABEL_OWNER]: kpi.owner,
  };
}

/** Summary, description (the bound, the direction, the range, how long) and the runbook, as plain text. */
export function valueAlertAnnotations(kpi: ValueKpiDefinition): Record<string, string> {
  const { objective, indicator } = kpi;
  const range = formatDuration(valueRangeMs(kpi));
  const past = objective.direction === 'higher' ? 'below' : 'above';
  const bound = objective.warning === undefined ? 'its target' : 'its warning';
  const annotations: Record<string, string> = {
    [ANNOTATION_SUMMARY]: `${kpi.name} is off-track`,
    [ANNOTATION_DESCRIPTION]:
      `${kpi.name} (${kpi.id}) has been off-track for ${valueAlertFor(kpi)}: its value over the last ${range} is ` +
      `${past} ${bound} of ${promNumber(offTrackBound(objective))} ${indicator.unit} (${objective.direction} is ` +
      `better, target ${promNumber(objective.target)}).`,
  };
  if (kpi.links?.runbook) {
    annotations[ANNOTATION_RUNBOOK_URL] = kpi.links.runbook;
  }
  return annotations;
}

function valueAlertRule(kpi: ValueKpiDefinition): AlertingRule {
  const value = selector(valueRecordName(valueRangeMs(kpi)), kpiLabels(kpi));
  const offTrack = valueOffTrackExpr(kpi.objective, value);
  const inMaintenance = `${selector(PROM_MAINTENANCE_RECORD, kpiLabels(kpi))} == 1`;
  return {
    alert: PROM_VALUE_ALERT_NAME,
    expr: kpi.maintenance?.length ? `(${offTrack}) unless on (${PROM_LABEL_KPI_ID}) (${inMaintenance})` : offTrack,
    for: valueAlertFor(kpi),
    labels: mapValues(valueAlertLabels(kpi), escapeGoTemplate),
    annotations: mapValues(valueAlertAnnotations(kpi), escapeGoTemplate),
  };
}

function mapValues(record: Record<string, string>, fn: (value: string) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, fn(value)]));
}
