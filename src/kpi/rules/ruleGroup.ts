/** The shape of Prometheus rules and rule groups as data, as the generators return them and src/cli writes them. */

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

/** A Prometheus rule group; rules run in order, so each rule sees what the rules before it recorded. */
export interface RuleGroup {
  name: string;
  /** Set for threshold and timeslice KPIs: one evaluation per slice. */
  interval?: string;
  rules: Rule[];
}

/** The content of a Prometheus rule file, ready for `yaml.stringify`. */
export interface PrometheusRuleFile {
  groups: RuleGroup[];
}

/** A rule file for `mimirtool rules load|sync` (and cortextool): the groups of one namespace. */
export interface MimirRuleFile {
  namespace: string;
  groups: RuleGroup[];
}

export function copyGroup(group: RuleGroup): RuleGroup {
  return {
    name: group.name,
    ...(group.interval !== undefined ? { interval: group.interval } : {}),
    rules: group.rules.map(copyRule),
  };
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
