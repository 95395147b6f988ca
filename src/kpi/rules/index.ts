/**
 * Rule generators, which only the CLI (and alert provisioning) use: Prometheus recording, metadata and alerting rule
 * groups, Grafana-managed alert rules and rule cost. Returned as data; YAML is written by src/cli.
 */
export {
  ABSENT_DEFAULT_SEVERITY,
  absentAlertAnnotations,
  absentAlertLabels,
  absentDataAlertRules,
  alertAnnotations,
  alertLabels,
  ANNOTATION_DESCRIPTION,
  ANNOTATION_RUNBOOK_URL,
  ANNOTATION_SUMMARY,
  burnRateAlertRules,
  burnRateCondition,
  escapeGoTemplate,
  SEVERITY_ORDER,
  withInstanceInSummary,
} from './alerts';
export {
  ABSENT_RULE_UID_SUFFIX,
  ANNOTATION_DASHBOARD_URL,
  buildGrafanaAlertRuleGroups,
  catalogScopedUid,
  DEFAULT_GRAFANA_FOLDER,
  DEFAULT_GRAFANA_RULE_GROUP_INTERVAL,
  GRAFANA_ALERT_TIMING,
  GRAFANA_EXPRESSION_DATASOURCE_UID,
  GRAFANA_UID_MAX_LENGTH,
  grafanaAlertingFile,
  type GrafanaAlertingFile,
  type GrafanaAlertQuery,
  type GrafanaAlertRule,
  type GrafanaAlertRuleGroup,
  type GrafanaAlertRuleOptions,
  type GrafanaRelativeTimeRange,
  grafanaRuleUid,
  kpiScopedUid,
  type ProvisionedAlertRule,
  toProvisionedAlertRule,
} from './grafanaAlertRules';
export { VALUE_RULE_UID_SUFFIX } from './grafanaValueAlertRule';
export { maintenanceRecordingRules, objectiveRules } from './metadata';
export { valueAlertFor, valueAlertSeverity, valueRecordName } from './valueRules';
export { compositeErrorRatioExpr } from './recording';
export { sumsWarmUpMs } from './longWindows';
export {
  catalogRuleCost,
  DEFAULT_EVALUATION_INTERVAL_MS,
  describeRecordedSeries,
  type EvaluationCost,
  recordedSeries,
  type RecordedSeries,
  type RuleCost,
  type RuleCostOptions,
  ruleEvaluationCost,
} from './ruleCost';
export {
  type AlertingRule,
  type MimirRuleFile,
  type PrometheusRuleFile,
  type RecordingRule,
  type Rule,
  type RuleGroup,
} from './ruleGroup';
export {
  baseRecordGroups,
  generateRuleGroups,
  type RuleGenerationOptions,
  ruleGroupName,
  ruleGroupsToMimirFile,
  ruleGroupsToPrometheusFile,
  shardOf,
  sumRecordGroups,
} from './rules';
