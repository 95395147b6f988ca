import { vectorSelectors } from './querySelectors';

describe('vectorSelectors', () => {
  test('reads metric, matchers and range of each selector, exactly as written', () => {
    const query =
      'sum(rate(http_requests_total{job="checkout", code!~"5.."}[5m])) / sum(rate(http_requests_total[5m]))';
    expect(vectorSelectors(query)).toEqual([
      {
        metric: 'http_requests_total',
        matchers: [
          { name: 'job', op: '=', literal: '"checkout"' },
          { name: 'code', op: '!~', literal: '"5.."' },
        ],
        text: 'http_requests_total{job="checkout", code!~"5.."}',
        ranged: true,
      },
      { metric: 'http_requests_total', matchers: [], text: 'http_requests_total', ranged: true },
    ]);
  });

  test('function names, grouping labels and durations are not selectors', () => {
    const query = 'histogram_quantile(0.95, sum by (le) (rate(latency_bucket{job="search"}[$__rate_interval])))';
    expect(vectorSelectors(query).map((s) => s.text)).toEqual(['latency_bucket{job="search"}']);
  });

  test('braces and quotes inside label values do not end the selector', () => {
    const query = 'rate(x{path="/a{b}", msg=\'say "hi"\', raw=`c\\d`}[1m])';
    expect(vectorSelectors(query)[0].matchers.map((m) => [m.name, m.literal])).toEqual([
      ['path', '"/a{b}"'],
      ['msg', `'say "hi"'`],
      ['raw', '`c\\d`'],
    ]);
  });

  test('a selector by labels alone has no metric', () => {
    expect(vectorSelectors('count({__name__=~"up|down", job="a"})')[0]).toMatchObject({
      metric: undefined,
      matchers: [
        { name: '__name__', op: '=~' },
        { name: 'job', op: '=' },
      ],
      ranged: false,
    });
  });

  test('text that is not PromQL gives no selectors instead of a guess', () => {
    expect(vectorSelectors('{not a matcher}')).toEqual([]);
    expect(vectorSelectors('')).toEqual([]);
    expect(vectorSelectors('x{job="unterminated')).toEqual([]);
  });
});
