/**
 * Grafana-managed rules for KPIs over SQL, where no PromQL can do the maths: the rule's queries are the KPI's own
 * SQL, run once per window with that window as its relative time range, and Grafana's server-side expressions do
 * the rest (serverSideExpressions.ts). For a ratio SLO, per window w:
 *
 *   good_<w>_rows, total_<w>_rows   the KPI's good and total SQL over [now − w, now] (counts per bucket)
 *   good_<w>, total_<w>             Reduce sum: the window's counts
 *   burn_<w>                        Math (1 − $good_<w> / $total_<w>) / (1 − target), as the engine's burn rate
 *
 * then `burning`, a Math that ORs the severity's policy rows, each "long and short window both above the factor",
 * and `firing`, a Threshold > 0 on it, the rule's condition. A value KPI gets its off-track rule the same way: its
 * SQL over the window, reduced as its aggregation folds the steps, then a Threshold past the warning.
 *
 * No traffic is not OK: a window with no events has a burn rate of 0 / 0 = NaN, which no comparison passes, and a
 * window whose SQL returns no rows makes the whole rule NoData (Grafana's expressions pass NoData on). Such a rule
 * keeps its last state (noDataState KeepLast), so an outage that stops the traffic altogether does not resolve the
 * page it started.
 */
import { formatDuration } from '../time';
import {
  type KpiDefinition,
  type KpiQuery,
  type QueryObject,
  type Severity,
  sqlOf,
  type ValueKpiDefinition,
} from '../model';
import { kpiWindows, offTrackBound, promNumber, valueRangeMs } from '../promql';
import type { BurnRateRule } from '../policy';
import { SEVERITY_ORDER } from './alerts';
import { mathExpression, reduceExpression, thresholdExpression } from './serverSideExpressions';
import {
  absentRuleShell,
  burnRateRuleShell,
  type RuleContext,
  type RuleQuery,
  valueRuleShell,
} from './grafanaRuleShells';
import type { GrafanaAlertQuery, GrafanaAlertRule } from './grafanaAlertRules';

/** The refId of each SQL rule's condition. */
export const SQL_CONDITION_REF = 'firing';
const BURNING_REF = 'burning';
/** A rule reads each window in at most about this many buckets: the sums do not depend on it, only the cost. */
const BUCKETS_PER_WINDOW = 1440;
const MIN_INTERVAL_MS = 60_000;

/** The page and ticket rules of a ratio SLO over SQL, and its absent-data rule with `alerting.absent`. */
export function sqlBurnRateRules(kpi: KpiDefinition, context: RuleContext): GrafanaAlertRule[] {
  const { indicator } = kpi;
  if (indicator.type !== 'ratio') {
    throw new Error(
      `its indicator is ${indicator.type} over SQL; Grafana-managed rules over SQL are made for ratio and value ` +
        'KPIs so far (northstar eval --grafana evaluates it)'
    );
  }
  const { sloWindowMs, policy } = kpiWindows(kpi);
  const rules = SEVERITY_ORDER.flatMap((severity) => {
    const rows = policy.filter((row) => row.severity === severity);
    return rows.length === 0 ? [] : [burnRateRule(kpi, severity, rows, sloWindowMs, context)];
  });
  const absent = absentRule(kpi, context);
  return absent ? [...rules, absent] : rules;
}

function burnRateRule(
  kpi: KpiDefinition,
  severity: Severity,
  rows: readonly BurnRateRule[],
  sloWindowMs: number,
  context: RuleContext
): GrafanaAlertRule {
  const indicator = kpi.indicator as Extract<KpiDefinition['indicator'], { type: 'ratio' }>;
  const windowsMs = [...new Set(rows.flatMap((row) => [row.longMs, row.shortMs]))].sort((a, b) => b - a);
  const data = windowsMs.flatMap((windowMs) => {
    const w = formatDuration(windowMs);
    return [
      sqlQuery(kpi, `good_${w}_rows`, indicator.good, windowMs),
      sqlQuery(kpi, `total_${w}_rows`, indicator.total, windowMs),
      reduceExpression(`good_${w}`, `good_${w}_rows`, 'sum'),
      reduceExpression(`total_${w}`, `total_${w}_rows`, 'sum'),
      mathExpression(`burn_${w}`, burnRateFormula(w, kpi.objective.target)),
    ];
  });
  const query: RuleQuery = {
    condition: SQL_CONDITION_REF,
    data: [
      ...data,
      mathExpression(BURNING_REF, burningFormula(kpi, rows)),
      thresholdExpression(SQL_CONDITION_REF, BURNING_REF, 'gt', 0),
    ],
    noDataState: 'KeepLast',
    execErrState: 'KeepLast',
  };
  return burnRateRuleShell(kpi, severity, rows, sloWindowMs, query, context);
}

/** The engine's burn rate, error ratio over budget: `(1 - $good_1h / $total_1h) / (1 - 0.995)`. */
export function burnRateFormula(window: string, target: number): string {
  return `(1 - $good_${window} / $total_${window}) / (1 - ${promNumber(target)})`;
}

/**
 * `($burn_1h > 14.4 && $burn_5m > 14.4) || (…)`: some row burns faster than its factor over both its windows; with
 * `alerting.minEvents`, its short window must also hold that many events.
 */
function burningFormula(kpi: KpiDefinition, rows: readonly BurnRateRule[]): string {
  const minEvents = kpi.alerting?.minEvents;
  return rows
    .map((row) => {
      const [long, short] = [formatDuration(row.longMs), formatDuration(row.shortMs)];
      const factor = promNumber(row.factor);
      const guard = minEvents === undefined ? '' : ` && $total_${short} >= ${promNumber(minEvents)}`;
      return `($burn_${long} > ${factor} && $burn_${short} > ${factor}${guard})`;
    })
    .join(' || ');
}

/**
 * With `alerting.absent`: fires when the total SQL returns no rows over the policy's shortest window for `for`.
 * The condition itself never holds (a count is never below 0): it is the NoData state, set to Alerting, that fires.
 */
function absentRule(kpi: KpiDefinition, context: RuleContext): GrafanaAlertRule | undefined {
  const indicator = kpi.indicator as Extract<KpiDefinition['indicator'], { type: 'ratio' }>;
  const baseWindowMs = kpiWindows(kpi).windowsMs[0];
  return absentRuleShell(
    kpi,
    {
      condition: SQL_CONDITION_REF,
      data: [
        sqlQuery(kpi, 'total_rows', indicator.total, baseWindowMs),
        reduceExpression('total', 'total_rows', 'count'),
        thresholdExpression(SQL_CONDITION_REF, 'total', 'lt', 0),
      ],
      noDataState: 'Alerting',
      execErrState: 'KeepLast',
    },
    context
  );
}

/**
 * A value KPI's off-track rule over SQL: its queries over the window (a calendar window as the rolling range of its
 * length), folded as the engine folds the steps: Σ numerator / Σ denominator, the sum of a `sum` query, or the
 * query's buckets reduced by mean, last, min or max; then past the warning (or the target) by direction.
 */
export function sqlValueAlertRule(kpi: ValueKpiDefinition, context: RuleContext): GrafanaAlertRule {
  const windowMs = valueRangeMs(kpi);
  const { indicator } = kpi;
  const value: GrafanaAlertQuery[] =
    indicator.numerator !== undefined
      ? [
          sqlQuery(kpi, 'numerator_rows', indicator.numerator, windowMs),
          sqlQuery(kpi, 'denominator_rows', indicator.denominator, windowMs),
          reduceExpression('numerator', 'numerator_rows', 'sum'),
          reduceExpression('denominator', 'denominator_rows', 'sum'),
          mathExpression('value', '$numerator / $denominator'),
        ]
      : [
          sqlQuery(kpi, 'value_rows', indicator.query, windowMs),
          reduceExpression('value', 'value_rows', indicator.aggregation),
        ];
  const threshold = thresholdExpression(
    SQL_CONDITION_REF,
    'value',
    kpi.objective.direction === 'higher' ? 'lt' : 'gt',
    offTrackBound(kpi.objective)
  );
  return valueRuleShell(kpi, { condition: SQL_CONDITION_REF, data: [...value, threshold] }, context);
}

/**
 * One of the KPI's SQL queries over [now − window, now], in the model dashboards store (its own fields kept), at an
 * interval that reads the window in at most BUCKETS_PER_WINDOW buckets.
 */
function sqlQuery(
  kpi: { datasource: KpiDefinition['datasource'] },
  refId: string,
  query: KpiQuery,
  windowMs: number
): GrafanaAlertQuery {
  const stored: QueryObject = typeof query === 'string' ? { rawSql: query } : query;
  const intervalMs = Math.max(
    MIN_INTERVAL_MS,
    Math.ceil(windowMs / BUCKETS_PER_WINDOW / MIN_INTERVAL_MS) * MIN_INTERVAL_MS
  );
  return {
    refId,
    relativeTimeRange: { from: windowMs / 1000, to: 0 },
    datasourceUid: kpi.datasource.uid,
    model: {
      ...stored,
      refId,
      datasource: { type: kpi.datasource.type, uid: kpi.datasource.uid },
      format: sqlOf(query)?.format ?? 'time_series',
      intervalMs,
      maxDataPoints: Math.ceil(windowMs / intervalMs),
    },
  };
}
