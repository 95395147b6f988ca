/**
 * The KPI and helpers the rule generators' tests share (src/kpi/rules, src/kpi/promql): a published ratio KPI with
 * odd numbers, and the groups, rules and selectors generated for it.
 */
import type { KpiDefinition } from '../kpi/model';
import { generateRuleGroups, type AlertingRule, type RecordingRule, type RuleGroup } from '../kpi/rules';
import { checkoutKpi } from './checkoutKpi';

export const GOOD = 'sum(rate(http_requests_total{job="checkout",code!~"5.."}[$__rate_interval]))';
export const TOTAL = 'sum(rate(http_requests_total{job="checkout"}[$__rate_interval]))';
export const LATENCY =
  'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[$__rate_interval])))';

/** A published ratio KPI, 99.9 % over 30d (factors 14.4 / 6 / 3 / 1); version 7 so it cannot pass for a count. */
export function baseKpi(): KpiDefinition {
  return checkoutKpi({
    version: 7,
    indicator: { good: GOOD, total: TOTAL },
    objective: { target: 0.999, window: '30d' },
    links: { runbook: 'https://runbooks.example.com/checkout' },
  });
}

export function withKpi(change: (kpi: KpiDefinition) => void): KpiDefinition {
  const kpi = baseKpi(); // a fresh object each call, so changes never leak between cases
  change(kpi);
  return kpi;
}

export function onlyGroup(kpi: KpiDefinition, scrapeIntervalMs?: number): RuleGroup {
  const groups = generateRuleGroups([kpi], { scrapeIntervalMs });
  expect(groups).toHaveLength(1);
  return groups[0];
}

export function recordingRules(group: RuleGroup): RecordingRule[] {
  return group.rules.filter((rule): rule is RecordingRule => 'record' in rule);
}

export function alertingRules(group: RuleGroup): AlertingRule[] {
  return group.rules.filter((rule): rule is AlertingRule => 'alert' in rule);
}

export function recordExpr(group: RuleGroup, record: string): string | undefined {
  return recordingRules(group).find((rule) => rule.record === record)?.expr;
}

export const LABELS = { kpi_id: 'checkout-availability', kpi_version: '7' };
export const SEL = '{kpi_id="checkout-availability",kpi_version="7"}';
/** Derived windows select the records of every version of the KPI. */
export const ID = '{kpi_id="checkout-availability"}';
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The expression of a window derived from the 5m good and total records. */
export function derived(window: string): string {
  return (
    `1 - (sum without (kpi_version) (sum_over_time(northstar:kpi_good:rate5m${ID}[${window}]))` +
    ` / sum without (kpi_version) (sum_over_time(northstar:kpi_total:rate5m${ID}[${window}])))`
  );
}
