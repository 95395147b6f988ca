import { differenceQuery, unwrapDifference } from './queryText';

describe('unwrapDifference', () => {
  test.each([
    ['gives back what differenceQuery wrapped', 'sum(rate(t[5m]))', differenceQuery('sum(rate(t[5m]))', 'b'), 'b'],
    ['reads a bad query with parentheses of its own', 't', '(t) - ((a) + (b))', '(a) + (b)'],
    ['is not fooled by a parenthesis inside a label value', 't', '(t) - (x{path="/a)"})', 'x{path="/a)"}'],
    ['refuses a difference of three terms that only looks like one', 't', '(t) - (a) - (b)', undefined],
    ['refuses a difference from another total', 't', '(u) - (b)', undefined],
    ['refuses a query that is no difference at all', 't', 'sum(rate(g[5m]))', undefined],
    ['refuses an unterminated string', 't', '(t) - (x{a="b)', undefined],
  ])('%s', (_name, total, query, expected) => {
    expect(unwrapDifference(query, total)).toBe(expected);
  });
});
