/**
 * What every Grafana-managed rule of a kind shares, whatever it queries: uid, title, `for`, labels and annotations
 * (escaped, as Grafana expands them as Go templates). The burn-rate, absent-data and off-track rules over PromQL
 * (grafanaAlertRules.ts, grafanaValueAlertRule.ts) and over SQL (grafanaSqlAlertRules.ts) differ only in their
 * queries, the refId of their condition and how they count no data.
 */
import type { CatalogKpi, Severity, SloKpi, ValueKpiDefinition } from '../model';
import type { BurnRateRule } from '../policy';
import {
  absentAlertAnnotations,
  absentAlertLabels,
  alertAnnotations,
  alertLabels,
  escapeGoTemplate,
  withInstanceInSummary,
} from './alerts';
import type { GrafanaAlertRule } from './grafanaAlertRules';
import { valueAlertAnnotations, valueAlertFor, valueAlertLabels, valueAlertSeverity } from './valueRules';

/** The uid suffix of the absent-data rule: `nsk-<id>-absent`. */
export const ABSENT_RULE_UID_SUFFIX = 'absent';
/** The uid suffix of a value KPI's rule: `nsk-<id>-offtrack`. */
export const VALUE_RULE_UID_SUFFIX = 'offtrack';

/** What the rules of one KPI take from the rule group around them: uids, titles within Grafana's limits, timing. */
export interface RuleContext {
  uid: (kpiId: string, suffix: string) => string;
  title: (kpi: CatalogKpi, rest: string) => string;
  timing: Readonly<Record<Severity, { for: string; keepFiringFor: string }>>;
  /** The KPI's on-call dashboard, for the `dashboard_url` annotation. */
  dashboardUrl?: string;
}

/** What a rule queries: its queries and expressions, the refId of its condition, and what no data and errors mean. */
export type RuleQuery = Pick<GrafanaAlertRule, 'condition' | 'data' | 'noDataState' | 'execErrState'>;

/** The page or ticket rule of an SLO or composite over the policy `rows` of its severity. */
export function burnRateRuleShell(
  kpi: SloKpi,
  severity: Severity,
  rows: readonly BurnRateRule[],
  sloWindowMs: number,
  query: RuleQuery,
  context: RuleContext
): GrafanaAlertRule {
  return {
    uid: context.uid(kpi.id, severity),
    title: context.title(kpi, ` (${kpi.id}): ${severity} on error budget burn`),
    ...query,
    for: kpi.alerting?.[severity]?.for ?? context.timing[severity].for,
    keepFiringFor: context.timing[severity].keepFiringFor,
    labels: escaped(alertLabels(kpi, severity)),
    annotations: withInstanceInSummary(
      kpi,
      escaped(withDashboardUrl(alertAnnotations(kpi, rows, sloWindowMs), context.dashboardUrl))
    ),
    isPaused: false,
  };
}

/** With `alerting.absent`, the rule that fires when the KPI's queries answer nothing for its `for`. */
export function absentRuleShell(
  kpi: SloKpi,
  query: RuleQuery,
  context: Pick<RuleContext, 'uid' | 'title'>
): GrafanaAlertRule | undefined {
  const absent = kpi.alerting?.absent;
  if (!absent) {
    return undefined;
  }
  return {
    uid: context.uid(kpi.id, ABSENT_RULE_UID_SUFFIX),
    title: context.title(kpi, ` (${kpi.id}): no data`),
    ...query,
    for: absent.for,
    keepFiringFor: '0s',
    labels: escaped(absentAlertLabels(kpi)),
    annotations: escaped(absentAlertAnnotations(kpi)),
    isPaused: false,
  };
}

/** A value KPI's off-track rule; no value (no data, a denominator of 0) is not off-track, the status says no-data. */
export function valueRuleShell(
  kpi: ValueKpiDefinition,
  query: Pick<RuleQuery, 'condition' | 'data'>,
  context: Pick<RuleContext, 'uid' | 'title' | 'dashboardUrl'>
): GrafanaAlertRule {
  return {
    uid: context.uid(kpi.id, VALUE_RULE_UID_SUFFIX),
    title: context.title(kpi, ` (${kpi.id}): ${valueAlertSeverity(kpi)} when off-track`),
    ...query,
    noDataState: 'OK',
    execErrState: 'KeepLast',
    for: valueAlertFor(kpi),
    keepFiringFor: '0s',
    labels: escaped(valueAlertLabels(kpi)),
    annotations: escaped(withDashboardUrl(valueAlertAnnotations(kpi), context.dashboardUrl)),
    isPaused: false,
  };
}

/**
 * Annotation with the link to the KPI's on-call dashboard. Not Grafana's `__dashboardUid__`/`__panelId__` pair,
 * which wants a panel id and ties the rule to one panel; a plain URL works in every notification template.
 */
export const ANNOTATION_DASHBOARD_URL = 'dashboard_url';

function withDashboardUrl(annotations: Record<string, string>, dashboardUrl: string | undefined) {
  return dashboardUrl ? { ...annotations, [ANNOTATION_DASHBOARD_URL]: dashboardUrl } : annotations;
}

function escaped(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, escapeGoTemplate(value)]));
}
