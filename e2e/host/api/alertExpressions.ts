/**
 * The check Grafana makes of a rule's server-side expressions when the rule is saved: it builds the expression
 * pipeline (pkg/expr/nodes.go `buildCMDNode`, pkg/expr/graph.go `buildGraphEdges`), which fails on an unknown
 * expression type, a model without its required fields, or a reference to a refId the rule does not have. The
 * shapes and texts are in e2e/contracts/server-side-expressions.md. Pure: returns the problem, or undefined.
 */
import { isRecord } from '../server/http';

/** The pseudo data source uid of expressions; `-100` is its legacy spelling, which Grafana still reads. */
const EXPRESSION_UIDS = ['__expr__', '-100'];
const REDUCERS = ['sum', 'mean', 'min', 'max', 'count', 'last', 'median'];
const REDUCE_MODES = ['', 'dropNN', 'replaceNN'];
const THRESHOLD_TYPES = [
  'gt',
  'lt',
  'within_range',
  'outside_range',
  'within_range_included',
  'outside_range_included',
];
const RESAMPLE_FUNCTIONS = ['sum', 'mean', 'min', 'max', 'count', 'last', 'median'];

interface ExpressionNode {
  refId: string;
  model: Record<string, unknown>;
}

/** `$A`, `${A b}` in a Math formula; Grafana's lexer reads letters, digits and `_` after a bare `$`. */
export function mathVariables(formula: string): string[] {
  return [...formula.matchAll(/\$(?:\{([^}]+)\}|([A-Za-z0-9_]+))/g)].map((match) => match[1] ?? match[2]);
}

/** A Reduce, Resample or Threshold input: a refId, written with or without `$`. */
const refOf = (value: unknown) => (typeof value === 'string' ? value.trim().replace(/^\$\{?([^}]*)\}?$/, '$1') : '');

/** The refIds an expression reads, or a problem with its model. */
function inputsOf({ refId, model }: ExpressionNode): string[] | string {
  const parseProblem = (cause: string) => `failed to parse expression '${refId}': ${cause}`;
  switch (model.type) {
    case 'math': {
      const formula = typeof model.expression === 'string' ? model.expression.trim() : '';
      return formula === '' ? parseProblem('no expression') : mathVariables(formula);
    }
    case 'reduce': {
      if (!REDUCERS.includes(String(model.reducer))) {
        return parseProblem(`reducer '${String(model.reducer ?? '')}' is not implemented`);
      }
      const mode = isRecord(model.settings) ? String(model.settings.mode ?? '') : '';
      if (!REDUCE_MODES.includes(mode)) {
        return parseProblem(`reducer mode '${mode}' is not supported`);
      }
      return refOf(model.expression) === ''
        ? parseProblem('no variable specified to reduce')
        : [refOf(model.expression)];
    }
    case 'resample': {
      if (![model.downsampler, model.upsampler].every((fn) => typeof fn === 'string' && fn !== '')) {
        return parseProblem('downsampler and upsampler are required');
      }
      if (!RESAMPLE_FUNCTIONS.includes(String(model.downsampler)) || typeof model.window !== 'string') {
        return parseProblem('a resample needs a downsampler among the reducers and a window');
      }
      return refOf(model.expression) === ''
        ? parseProblem('no variable specified to resample')
        : [refOf(model.expression)];
    }
    case 'threshold': {
      const [condition] = Array.isArray(model.conditions) ? model.conditions : [];
      const evaluator = isRecord(condition) && isRecord(condition.evaluator) ? condition.evaluator : undefined;
      const params = Array.isArray(evaluator?.params) ? evaluator.params : [];
      if (!evaluator || !THRESHOLD_TYPES.includes(String(evaluator.type))) {
        return parseProblem(`threshold type '${String(evaluator?.type ?? '')}' is not supported`);
      }
      const needed = String(evaluator.type).includes('range') ? 2 : 1;
      if (params.length < needed || params.slice(0, needed).some((param) => typeof param !== 'number')) {
        return parseProblem(`the ${String(evaluator.type)} threshold needs ${needed} number(s) in params`);
      }
      return refOf(model.expression) === ''
        ? parseProblem('no variable specified to threshold')
        : [refOf(model.expression)];
    }
    case 'classic_conditions': {
      const conditions = Array.isArray(model.conditions) ? model.conditions : [];
      if (conditions.length === 0) {
        return parseProblem('classic conditions need at least one condition');
      }
      return conditions.map((condition) =>
        isRecord(condition) && isRecord(condition.query) && Array.isArray(condition.query.params)
          ? String(condition.query.params[0] ?? '')
          : ''
      );
    }
    default:
      return `expression command type '${String(model.type ?? '')}' in expression '${refId}' not implemented`;
  }
}

/** The first problem with a rule's expressions, in the order Grafana meets them, or undefined when they build. */
export function expressionProblem(data: readonly unknown[]): string | undefined {
  const nodes = data.filter(isRecord);
  const kinds = new Map(
    nodes.map((query) => [String(query.refId ?? ''), EXPRESSION_UIDS.includes(String(query.datasourceUid))])
  );
  for (const query of nodes) {
    const refId = String(query.refId ?? '');
    if (refId === '') {
      return 'refID is not specified for data query/expression';
    }
    if (!kinds.get(refId)) {
      // A data source query: its uid names a data source, never the expressions' pseudo one under another name.
      const named = isRecord(query.model) && isRecord(query.model.datasource) ? query.model.datasource.uid : undefined;
      if (typeof query.datasourceUid !== 'string' || query.datasourceUid === '' || named === '__expr__') {
        return `failed to build query '${refId}': data source not found`;
      }
      continue;
    }
    const inputs = inputsOf({ refId, model: isRecord(query.model) ? query.model : {} });
    if (typeof inputs === 'string') {
      return inputs;
    }
    for (const input of inputs) {
      if (!kinds.has(input)) {
        return `unable to find dependent node '${input}'`;
      }
      if (input === refId) {
        return `expression '${input}' cannot reference itself. Must be query or another expression`;
      }
      if (isRecord(query.model) && query.model.type === 'classic_conditions' && kinds.get(input)) {
        return `only data source queries may be inputs to a classic condition, ${input} is a expression`;
      }
    }
  }
  return undefined;
}
