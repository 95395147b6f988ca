/**
 * Grafana's server-side expressions as alert-rule queries, in the model shapes of Grafana's `pkg/expr/query.types.json`
 * (e2e/contracts/server-side-expressions.md): Reduce, Math and Threshold on the pseudo data source `__expr__`. A
 * rule's data source queries fetch rows; these do the maths on Grafana's side.
 */
import type { GrafanaAlertQuery } from './grafanaAlertRules';

/** Grafana's pseudo data source of server-side expressions. */
export const EXPRESSION_DATASOURCE_UID = '__expr__';

export type ExpressionReducer = 'sum' | 'mean' | 'min' | 'max' | 'count' | 'last';
export type ThresholdEvaluator = 'gt' | 'lt';

function expression(refId: string, model: Record<string, unknown>): GrafanaAlertQuery {
  return {
    refId,
    // Expressions read their inputs' ranges: their own is unused, and Grafana stores it as 0-0.
    relativeTimeRange: { from: 0, to: 0 },
    datasourceUid: EXPRESSION_DATASOURCE_UID,
    model: { refId, datasource: { type: EXPRESSION_DATASOURCE_UID, uid: EXPRESSION_DATASOURCE_UID }, ...model },
  };
}

/**
 * One number per series of `input`. `dropNN` leaves out null and NaN cells (a SQL bucket with no row is null in a
 * wide frame), so one missing bucket does not turn a window's sum into NaN.
 */
export function reduceExpression(refId: string, input: string, reducer: ExpressionReducer): GrafanaAlertQuery {
  return expression(refId, { type: 'reduce', expression: input, reducer, settings: { mode: 'dropNN' } });
}

/** Free-form maths over other refIds, written `$refId`; comparisons give 1 or 0, `&&` and `||` combine them. */
export function mathExpression(refId: string, formula: string): GrafanaAlertQuery {
  return expression(refId, { type: 'math', expression: formula });
}

/** Fires for the series of `input` above (`gt`) or below (`lt`) `bound`. */
export function thresholdExpression(
  refId: string,
  input: string,
  type: ThresholdEvaluator,
  bound: number
): GrafanaAlertQuery {
  return expression(refId, {
    type: 'threshold',
    expression: input,
    conditions: [{ evaluator: { type, params: [bound] } }],
  });
}

/** The refIds a Math formula reads: `$name` and `${name}`. */
export function mathReferences(formula: string): string[] {
  return [...formula.matchAll(/\$(?:\{([^}]+)\}|([A-Za-z0-9_]+))/g)].map((match) => match[1] ?? match[2]);
}
