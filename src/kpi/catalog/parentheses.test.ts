import fc from 'fast-check';
import { formatProblem, validateCatalog } from './index';
import { parenthesesProblem } from './parentheses';
import { checkoutKpi } from '../../testing/checkoutKpi';

describe('parenthesesProblem', () => {
  test.each([
    ['sum(rate(http_requests_total[5m]))'],
    ['sum by (route) (rate(x{route=~"/(pay|cart"}[5m]))'],
    ["rate(x{path='a)b'}[5m])"],
    ['rate(x{path=`a(b`}[5m])'],
    ['rate(x{path="a\\")b"}[5m])'],
    ['sum(x) # a comment with an unclosed ('],
    [''],
  ])('%s is balanced', (query) => {
    expect(parenthesesProblem(query)).toBeUndefined();
  });

  test.each([
    ['sum(rate(x[5m])', 'unbalanced parentheses: 1 "(" not closed'],
    ['sum((rate(x[5m])', 'unbalanced parentheses: 2 "(" not closed'],
    ['sum(x))', 'unbalanced parentheses: ")" at character 7 closes nothing'],
    [')(', 'unbalanced parentheses: ")" at character 1 closes nothing'],
    ['sum(x{a=")"}', 'unbalanced parentheses: 1 "(" not closed'],
  ])('%s: %s', (query, message) => {
    expect(parenthesesProblem(query)).toBe(message);
  });

  test('any balanced nesting around any quoted text is balanced', () => {
    const quoted = fc.oneof(
      fc.string({ unit: fc.constantFrom('(', ')', 'a', '\\"', "'", '`') }).map((s) => `"${s}"`),
      fc.string({ unit: fc.constantFrom('(', ')', 'a', '"', '`') }).map((s) => `'${s.replaceAll("'", '')}'`),
      fc.string({ unit: fc.constantFrom('(', ')', 'a', '"', "'") }).map((s) => `\`${s}\``)
    );
    const balanced: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
      expr: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        quoted,
        fc.constantFrom('x', 'rate', ' '),
        fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => a + b),
        tie('expr').map((inner) => `(${inner})`)
      ),
    })).expr;
    fc.assert(fc.property(balanced, (query) => parenthesesProblem(query) === undefined));
    fc.assert(
      fc.property(balanced, (query) => parenthesesProblem(`(${query}`) === 'unbalanced parentheses: 1 "(" not closed')
    );
  });
});

describe('catalog queries with unbalanced parentheses are refused', () => {
  test.each([
    ['good', { type: 'ratio', good: 'sum(rate(ok[5m])', total: 'sum(rate(all[5m]))' }],
    ['total', { type: 'ratio', good: 'sum(rate(ok[5m]))', total: 'sum(rate(all[5m])' }],
    ['query', { type: 'threshold', query: 'max(latency', comparator: '<', threshold: 0.3 }],
  ])('indicator.%s', (field, indicator) => {
    const result = validateCatalog({
      apiVersion: 'northstar.dev/v1',
      kind: 'KpiCatalog',
      kpis: [{ ...checkoutKpi(), id: 'checkout', indicator }],
    });
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
      `kpis[0] (checkout).indicator.${field}: unbalanced parentheses: 1 "(" not closed`,
    ]);
  });
});
