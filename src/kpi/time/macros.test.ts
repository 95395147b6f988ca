import { DurationError } from './duration';
import { expandGrafanaMacros, grafanaRateInterval, rateIntervalAsVariable, type MacroValues } from './macros';

// Odd, distinct values so a swapped macro shows.
const VALUES: MacroValues = { rateInterval: '11m', interval: '12m', range: '13h' };

describe('expandGrafanaMacros', () => {
  test.each([
    [
      '$__rate_interval becomes the rate interval',
      'sum(rate(http_requests_total{job="checkout"}[$__rate_interval]))',
      'sum(rate(http_requests_total{job="checkout"}[11m]))',
    ],
    [
      'the brace form ${__rate_interval} is expanded too',
      'sum(rate(http_requests_total[${__rate_interval}]))',
      'sum(rate(http_requests_total[11m]))',
    ],
    ['$__interval becomes the interval', 'max_over_time(up[$__interval])', 'max_over_time(up[12m])'],
    ['${__interval} becomes the interval', 'max_over_time(up[${__interval}])', 'max_over_time(up[12m])'],
    ['$__range becomes the range', 'increase(errors_total[$__range])', 'increase(errors_total[13h])'],
    ['${__range} becomes the range', 'increase(errors_total[${__range}])', 'increase(errors_total[13h])'],
    [
      'every occurrence is replaced, each with its own value',
      'avg_over_time(rate(x[$__rate_interval])[$__range:$__interval]) / rate(y[$__rate_interval])',
      'avg_over_time(rate(x[11m])[13h:12m]) / rate(y[11m])',
    ],
    [
      'other macros that share a prefix are left alone',
      'x * $__interval_ms + y * $__range_s + z * $__range_ms + $__rate_interval_ms',
      'x * $__interval_ms + y * $__range_s + z * $__range_ms + $__rate_interval_ms',
    ],
    [
      'dollar signs elsewhere in the query are left alone',
      'sum(rate(http_requests_total{path=~"/api/.*$",job="$job"}[5m]))',
      'sum(rate(http_requests_total{path=~"/api/.*$",job="$job"}[5m]))',
    ],
    ['a query without macros comes back unchanged', 'sum(up{job="a b"})', 'sum(up{job="a b"})'],
  ])('%s', (_name, query, expected) => {
    expect(expandGrafanaMacros(query, VALUES)).toBe(expected);
  });

  test.each([
    ['a rate interval', 'rateInterval', { ...VALUES, rateInterval: '5m]) or vector(1' }],
    ['an interval', 'interval', { ...VALUES, interval: '' }],
    ['a range', 'range', { ...VALUES, range: 'a while' }],
  ])('%s that is not a duration is refused, so nothing but a duration lands in PromQL', (_name, name, values) => {
    expect(() => expandGrafanaMacros('rate(x[$__rate_interval])', values)).toThrow(DurationError);
    expect(() => expandGrafanaMacros('rate(x[$__rate_interval])', values)).toThrow(`macro value ${name}`);
  });
});

describe('grafanaRateInterval', () => {
  test.each([
    ['a 1m step with a 15s scrape gives 1m15s (step + scrape)', 60_000, 15_000, '1m15s'],
    ['a 15s step with a 15s scrape gives 1m (4 × scrape)', 15_000, 15_000, '1m'],
    ['a 5m step with a 30s scrape gives 5m30s', 300_000, 30_000, '5m30s'],
    ['a 10s step with a 1m scrape gives 4m', 10_000, 60_000, '4m'],
  ])('%s', (_name, stepMs, scrapeMs, expected) => {
    expect(grafanaRateInterval(stepMs, scrapeMs)).toBe(expected);
  });
});

describe('rateIntervalAsVariable', () => {
  test.each([
    ['the bare macro becomes the variable', 'rate(x[$__rate_interval])', '$window', 'rate(x[$window])'],
    ['the braced macro too', 'rate(x[${__rate_interval}])', '${window}', 'rate(x[${window}])'],
    ['$__range is a variable Grafana expands', 'rate(x[$__rate_interval])', '$__range', 'rate(x[$__range])'],
    [
      'other macros are left for Grafana',
      'rate(x[$__rate_interval]) * $__interval_ms + $__range',
      '$window',
      'rate(x[$window]) * $__interval_ms + $__range',
    ],
  ])('%s', (_name, query, variable, expected) => {
    expect(rateIntervalAsVariable(query, variable)).toBe(expected);
  });

  test('anything but a variable reference is refused, so no PromQL can be slipped in', () => {
    expect(() => rateIntervalAsVariable('rate(x[$__rate_interval])', '5m]) or vector(1')).toThrow(
      'not a Grafana variable reference'
    );
  });
});
