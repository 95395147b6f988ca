/**
 * Test support: evaluates a Grafana-managed rule's numbers as e2e/contracts/server-side-expressions.md says Grafana
 * does, for rules whose queries answer one series each (no labels): every data source query through the host's
 * `/api/ds/query` over its own relative time range, then Reduce, Math and Threshold in the rule's order. A query
 * without rows is NoData, and so is every expression that reads it.
 */
import type { DatasourceRef } from '../../../src/kpi/model';
import type { GrafanaAlertRule } from '../../../src/kpi/rules';
import type { DsQueryModel, FrameJson } from '../../../src/reading';
import type { GrafanaClient } from '../../../src/cli/grafana';

/** A refId's result: the series' cells (a query), one number (an expression), or NoData. */
export type Evaluated = number[] | number | 'NoData';

/** The cells of a query's value fields (the time field left out); NoData when the answer has no value field. */
function cellsOf(frames: readonly FrameJson[]): number[] | 'NoData' {
  const cells = frames.flatMap((frame) =>
    (frame.schema?.fields ?? []).flatMap((field, index) =>
      field.type === 'number' ? [(frame.data?.values?.[index] ?? []) as Array<number | null>] : []
    )
  );
  return cells.length === 0 ? 'NoData' : cells.flat().map((cell) => (cell === null ? NaN : cell));
}

function reduce(input: Evaluated, reducer: string): Evaluated {
  if (input === 'NoData' || typeof input === 'number') {
    return input;
  }
  // dropNN: null and NaN cells are left out.
  const cells = input.filter((cell) => !Number.isNaN(cell));
  switch (reducer) {
    case 'sum':
      return cells.reduce((sum, cell) => sum + cell, 0);
    case 'count':
      return cells.length;
    case 'mean':
      return cells.length === 0 ? NaN : cells.reduce((sum, cell) => sum + cell, 0) / cells.length;
    case 'min':
      return cells.length === 0 ? NaN : Math.min(...cells);
    case 'max':
      return cells.length === 0 ? NaN : Math.max(...cells);
    case 'last':
      return cells.length === 0 ? NaN : cells[cells.length - 1];
    default:
      throw new Error(`reducer ${reducer} is not evaluated here`);
  }
}

type Token = { kind: 'number'; value: number } | { kind: 'ref'; name: string } | { kind: 'op'; op: string };

function tokenize(formula: string): Token[] {
  const pattern =
    /\s*(?:(\d+(?:\.\d+)?(?:e[-+]?\d+)?)|\$\{([^}]+)\}|\$([A-Za-z0-9_]+)|(&&|\|\||>=|<=|==|!=|[-+*/()<>]))/gy;
  const tokens: Token[] = [];
  let match: RegExpExecArray | null;
  while (pattern.lastIndex < formula.trimEnd().length && (match = pattern.exec(formula)) !== null) {
    const [, number, braced, bare, op] = match;
    tokens.push(
      number !== undefined
        ? { kind: 'number', value: Number(number) }
        : op !== undefined
          ? { kind: 'op', op }
          : { kind: 'ref', name: braced ?? bare }
    );
  }
  if (pattern.lastIndex < formula.trimEnd().length) {
    throw new Error(`cannot read ${formula} at ${pattern.lastIndex}`);
  }
  return tokens;
}

/** Binding power of each binary operator, Go's order: || < && < comparisons < + - < * /. */
const POWER: Record<string, number> = { '||': 1, '&&': 2, '>': 3, '>=': 3, '<': 3, '<=': 3, '==': 3, '!=': 3 };
Object.assign(POWER, { '+': 4, '-': 4, '*': 5, '/': 5 });

function apply(op: string, a: number, b: number): number {
  const truth = (value: boolean) => (value ? 1 : 0);
  const ops: Record<string, () => number> = {
    '||': () => truth(a !== 0 || b !== 0),
    '&&': () => truth(a !== 0 && b !== 0),
    '>': () => truth(a > b),
    '>=': () => truth(a >= b),
    '<': () => truth(a < b),
    '<=': () => truth(a <= b),
    '==': () => truth(a === b),
    '!=': () => truth(a !== b),
    '+': () => a + b,
    '-': () => a - b,
    '*': () => a * b,
    '/': () => a / b,
  };
  return ops[op]();
}

/** A Math formula over numbers; NoData when any refId it reads is NoData. */
export function evaluateMath(formula: string, values: ReadonlyMap<string, Evaluated>): number | 'NoData' {
  const tokens = tokenize(formula);
  let at = 0;
  let noData = false;
  const operand = (): number => {
    const token = tokens[at++];
    if (token.kind === 'number') {
      return token.value;
    }
    if (token.kind === 'ref') {
      const value = values.get(token.name);
      if (value === 'NoData') {
        noData = true;
        return NaN;
      }
      if (typeof value !== 'number') {
        throw new Error(`$${token.name} is not a number here`);
      }
      return value;
    }
    if (token.op === '(') {
      const inner = expression(0);
      at++;
      return inner;
    }
    if (token.op === '-') {
      return -operand();
    }
    throw new Error(`unexpected ${token.op} in ${formula}`);
  };
  const expression = (minPower: number): number => {
    let left = operand();
    for (;;) {
      const next = tokens[at];
      const power = next?.kind === 'op' ? POWER[next.op] : undefined;
      if (power === undefined || power <= minPower) {
        return left;
      }
      at++;
      left = apply((next as { op: string }).op, left, expression(power));
    }
  };
  const result = expression(0);
  return noData ? 'NoData' : result;
}

/** Every refId of the rule evaluated at `atMs`, in the rule's order (inputs come first, as the app writes them). */
export async function evaluateAlertRule(
  client: GrafanaClient,
  rule: GrafanaAlertRule,
  atMs: number
): Promise<Map<string, Evaluated>> {
  const values = new Map<string, Evaluated>();
  for (const query of rule.data) {
    const { model } = query;
    if (query.datasourceUid !== '__expr__') {
      const datasource = model.datasource as DatasourceRef;
      const range = {
        fromMs: atMs - query.relativeTimeRange.from * 1000,
        toMs: atMs - query.relativeTimeRange.to * 1000,
      };
      const results = await client.dsQuery(datasource, range, [model as unknown as DsQueryModel]);
      const answer = results[query.refId];
      if (answer?.error) {
        throw new Error(`${query.refId}: ${answer.error}`);
      }
      values.set(query.refId, cellsOf(answer?.frames ?? []));
      continue;
    }
    const input = values.get(String(model.expression));
    if (model.type === 'reduce') {
      values.set(query.refId, reduce(input!, String(model.reducer)));
    } else if (model.type === 'math') {
      values.set(query.refId, evaluateMath(String(model.expression), values));
    } else if (model.type === 'threshold') {
      const [{ evaluator }] = model.conditions as Array<{ evaluator: { type: string; params: number[] } }>;
      const fires = (value: number) =>
        evaluator.type === 'gt' ? value > evaluator.params[0] : value < evaluator.params[0];
      values.set(query.refId, typeof input === 'number' ? Number(fires(input)) : 'NoData');
    } else {
      throw new Error(`expression type ${String(model.type)} is not evaluated here`);
    }
  }
  return values;
}
