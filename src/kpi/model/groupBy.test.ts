import fc from 'fast-check';
import { instanceKey, instanceName, labelsNotKept } from './groupBy';

describe('labelsNotKept', () => {
  test.each([
    ['sum by (route) before the argument', 'sum by (route) (rate(http_requests_total{job="checkout"}[5m]))', []],
    ['sum by (route) after the argument', 'sum(rate(http_requests_total[5m])) by (route)', []],
    ['BY in capitals, with spaces and several labels', 'sum BY ( region , route ) (rate(x[5m]))', []],
    ['parentheses around the whole query', '((sum by (route) (rate(x[5m]))))', []],
    ['without a label other than route', 'sum without (instance, pod) (rate(x[5m]))', []],
    ['two aggregations that both keep it', 'sum by (route) (rate(a[5m])) - sum by (route) (rate(b[5m]))', []],
    ['a plain sum', 'sum(rate(http_requests_total[5m]))', ['route']],
    ['no aggregation at all', 'rate(http_requests_total[5m])', ['route']],
    ['by another label', 'sum by (code) (rate(x[5m]))', ['route']],
    ['without route', 'sum without (route) (rate(x[5m]))', ['route']],
    ['by route only inside: the outer sum drops it', 'sum(sum by (route) (rate(x[5m])))', ['route']],
    ['by (route) only in a string literal', 'sum(rate(x{path="by (route)"}[5m]))', ['route']],
    ['one of two aggregations drops it', 'sum by (route) (rate(a[5m])) / sum(rate(b[5m]))', ['route']],
    ['a metric whose name ends in by', 'sum(rate(requests_by (route)[5m]))', ['route']],
  ])('%s', (_name, query, expected) => {
    expect(labelsNotKept(query, ['route'])).toEqual(expected);
  });

  test('names every label the query drops, in groupBy order', () => {
    expect(labelsNotKept('sum by (region) (rate(x[5m]))', ['route', 'region', 'zone'])).toEqual(['route', 'zone']);
  });

  test('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string(), (query) => {
        expect(Array.isArray(labelsNotKept(query, ['route']))).toBe(true);
      })
    );
  });
});

describe('instances', () => {
  test('the key follows groupBy order and reads absent labels as empty', () => {
    expect(instanceKey({ route: '/pay', region: 'eu', pod: 'a' }, ['region', 'route'])).toBe('["eu","/pay"]');
    expect(instanceKey({ route: '/pay' }, ['route', 'region'])).toBe('["/pay",""]');
  });

  test('one label reads as its value, several as name=value', () => {
    expect(instanceName({ route: '/pay' }, ['route'])).toBe('/pay');
    expect(instanceName({ route: '' }, ['route'])).toBe('(empty)');
    expect(instanceName({ route: '/pay', region: 'eu' }, ['route', 'region'])).toBe('route=/pay, region=eu');
  });
});
