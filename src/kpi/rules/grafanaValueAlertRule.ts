/**
 * The Grafana-managed rule of a value KPI, the same alert as `northstar rules` writes (valueRules.ts) but from the
 * KPI's own queries, so it works without the recording rules: A is the value over the window as an instant PromQL
 * query (rawValueOverExpr; a calendar window as the rolling range of its length), B reduces it to one number per
 * series and drops NaN (a denominator of 0 is no value, not off-track), C is the threshold past the warning (or
 * the target) by direction. Off-track for `alerting.for` (1h) fires a ticket, a page only with `alerting.page`.
 */
import { DEFAULT_SCRAPE_INTERVAL_MS } from '../time';
import type { ValueKpiDefinition } from '../model';
import {
  maintenanceCondition,
  offTrackBound,
  rawValueOverExpr,
  unlessInMaintenanceRaw,
  valueRangeMs,
  valueRangeText,
} from '../promql';
import { ruleGroupName } from './rules';
import { type RuleContext, valueRuleShell } from './grafanaRuleShells';
import type { GrafanaAlertQuery, GrafanaAlertRuleGroup, GrafanaAlertRuleOptions } from './grafanaAlertRules';

/** Grafana's pseudo data source of server-side expressions (the same uid as grafanaAlertRules.ts). */
const EXPRESSIONS = '__expr__';
/** A value over days need not be read every minute: its hour-long `for` is counted in 5m steps. */
export const VALUE_RULE_GROUP_INTERVAL = '5m';
export { VALUE_RULE_UID_SUFFIX } from './grafanaRuleShells';

/** A value KPI's group: one rule, its uid, title and dashboard link from `context` (the SLO rules' helpers). */
export function grafanaValueAlertRuleGroup(
  kpi: ValueKpiDefinition,
  options: GrafanaAlertRuleOptions,
  context: Pick<RuleContext, 'uid' | 'title' | 'dashboardUrl'>,
  folder: string
): GrafanaAlertRuleGroup {
  if (kpi.datasource.type !== 'prometheus') {
    throw new Error(
      `its data source is of type "${kpi.datasource.type}"; the rules are PromQL, so it must be a Prometheus data ` +
        'source (Prometheus, Mimir, Thanos, …)'
    );
  }
  const scrapeIntervalMs = options.scrapeIntervalMs ?? DEFAULT_SCRAPE_INTERVAL_MS;
  const maintenance = maintenanceCondition(kpi, options.generatedAtMs ?? Date.now());
  const value = unlessInMaintenanceRaw(maintenance, rawValueOverExpr(kpi, valueRangeText(kpi), scrapeIntervalMs));
  const rule = valueRuleShell(
    kpi,
    { condition: 'C', data: [valueQuery(kpi, value), reduceLast(), offTrackThreshold(kpi)] },
    context
  );
  return {
    orgId: options.orgId ?? 1,
    name: ruleGroupName(kpi.id),
    folder,
    interval: VALUE_RULE_GROUP_INTERVAL,
    rules: [rule],
  };
}

/** A: the value over the window, an instant query on the KPI's data source; the look-back shown is the window. */
function valueQuery(kpi: ValueKpiDefinition, expr: string): GrafanaAlertQuery {
  const { datasource } = kpi;
  return {
    refId: 'A',
    relativeTimeRange: { from: valueRangeMs(kpi) / 1000, to: 0 },
    datasourceUid: datasource.uid,
    model: {
      refId: 'A',
      datasource: { type: datasource.type, uid: datasource.uid },
      editorMode: 'code',
      expr,
      instant: true,
      range: false,
      intervalMs: 60_000,
      maxDataPoints: 43_200,
    },
  };
}

function expression(refId: string, model: Record<string, unknown>): GrafanaAlertQuery {
  return {
    refId,
    relativeTimeRange: { from: 0, to: 0 },
    datasourceUid: EXPRESSIONS,
    model: { refId, datasource: { type: EXPRESSIONS, uid: EXPRESSIONS }, ...model },
  };
}

/** B: the last value of A per series, NaN dropped, so a value that cannot be computed never crosses C. */
function reduceLast(): GrafanaAlertQuery {
  return expression('B', { type: 'reduce', expression: 'A', reducer: 'last', settings: { mode: 'dropNN' } });
}

/** C: past the warning (or the target) the way the direction calls worse: below for higher, above for lower. */
function offTrackThreshold(kpi: ValueKpiDefinition): GrafanaAlertQuery {
  const bound = offTrackBound(kpi.objective);
  const type = kpi.objective.direction === 'higher' ? 'lt' : 'gt';
  return expression('C', {
    type: 'threshold',
    expression: 'B',
    conditions: [{ evaluator: { type, params: [bound] } }],
  });
}
