import {
  alignToStep,
  formatInterval,
  goDurationString,
  interpolateMacros,
  InvalidIntervalError,
  parseGrafanaInterval,
  prometheusStep,
  type StepQuery,
} from './grafanaInterval';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A query over the `rangeMs` before a fixed instant, as a 600 px wide panel sends it. */
const query = (rangeMs: number, changes: Partial<StepQuery> = {}): StepQuery => ({
  fromMs: 1_732_500_000_000 - rangeMs,
  toMs: 1_732_500_000_000,
  intervalMs: 0,
  maxDataPoints: 600,
  scrapeInterval: '1m',
  ...changes,
});

describe('the step Grafana asks Prometheus for', () => {
  test.each([
    // 6h / 600 points = 36 s, below the 1m the frontend sent as intervalMs: 1m.
    ['6h with intervalMs 1m gives 1m', query(6 * HOUR, { intervalMs: MINUTE }), MINUTE],
    // 2d / 600 = 288 s, below the frontend's 5m: 5m.
    ['2d with intervalMs 5m gives 5m', query(2 * DAY, { intervalMs: 5 * MINUTE }), 5 * MINUTE],
    // 30d / 100 = 7.2 h, rounded down to 6h; no intervalMs and the scrape interval (15s) is lower.
    ['30d at 100 points gives 6h', query(30 * DAY, { maxDataPoints: 100, scrapeInterval: '15s' }), 6 * HOUR],
    // A 13m min step is above 6h / 600 = 36 s and is taken as it is.
    ['a 13m min step wins over the resolution', query(6 * HOUR, { intervalMs: MINUTE, interval: '13m' }), 13 * MINUTE],
    // 1y / 600 = 14.6 h → 12h by resolution; 1y / 11000 = 47.8 min → 1h (the safe step): the resolution wins.
    ['1y gives 12h', query(365 * DAY, { intervalMs: MINUTE }), 12 * HOUR],
    ['intervalFactor 2 doubles it', query(6 * HOUR, { intervalMs: MINUTE, intervalFactor: 2 }), 2 * MINUTE],
    // Min step $__rate_interval: max(1m + 1m, 4 × 1m) = 4m.
    [
      'min step $__rate_interval gives the rate interval',
      query(6 * HOUR, { intervalMs: MINUTE, interval: '$__rate_interval' }),
      4 * MINUTE,
    ],
  ])('%s', (_name, input, expected) => {
    expect(prometheusStep(input)).toBe(expected);
  });

  test("a min step that is no duration is refused with Go's words", () => {
    expect(() => prometheusStep(query(HOUR, { interval: '5 minutes' }))).toThrow(InvalidIntervalError);
    expect(() => prometheusStep(query(HOUR, { interval: '5 minutes' }))).toThrow('time: invalid duration "5 minutes"');
  });
});

describe("Grafana's macros, expanded as its Prometheus backend does", () => {
  const sixHours = {
    queryIntervalMs: MINUTE,
    stepMs: MINUTE,
    requestedMinStep: '',
    scrapeInterval: '1m',
    rangeMs: 6 * HOUR,
  };

  test.each([
    // max(intervalMs 1m + scrape 1m, 4 × 1m) = 4m, written as Go writes durations.
    ['rate(x[$__rate_interval])', 'rate(x[4m0s])'],
    ['rate(x[${__rate_interval}])', 'rate(x[4m0s])'],
    ['$__rate_interval_ms', '240000'],
    ['avg_over_time(x[$__interval])', 'avg_over_time(x[1m])'],
    ['$__interval_ms and ${__interval_ms}', '60000 and 60000'],
    ['increase(x[$__range])', 'increase(x[21600s])'],
    ['$__range_s / $__range_ms', '21600 / 21600000'],
    ['$__rate_interval_but_longer stays $other', '4m0s_but_longer stays $other'],
  ])('%s → %s', (expr, expected) => {
    expect(interpolateMacros(expr, sixHours)).toBe(expected);
  });

  test('with a 15s scrape interval and a 2m step the rate interval is step + scrape', () => {
    const context = { ...sixHours, queryIntervalMs: 2 * MINUTE, stepMs: 2 * MINUTE, scrapeInterval: '15s' };

    expect(interpolateMacros('[$__rate_interval]', context)).toBe('[2m15s]');
  });
});

describe('durations as Grafana and Go write them', () => {
  test.each([
    [0, '0s', '1ms'],
    [500, '500ms', '500ms'],
    [1500, '1.5s', '1s'],
    [75_000, '1m15s', '1m'],
    [HOUR, '1h0m0s', '1h'],
    [2 * DAY, '48h0m0s', '2d'],
  ])('%i ms is %s in Go and %s in Grafana', (ms, go, grafana) => {
    expect(goDurationString(ms)).toBe(go);
    expect(formatInterval(ms)).toBe(grafana);
  });

  test.each([
    ['1m30s', 90_000],
    ['>10s', 10_000],
    ['30', 30_000],
    ['2d', 2 * DAY],
    ['1w', 7 * DAY],
    ['5 minutes', undefined],
    ['', undefined],
  ])('"%s" parses to %s ms', (text, expected) => {
    expect(parseGrafanaInterval(text)).toBe(expected);
  });
});

test('range ends align down to the step, shifted by the browser UTC offset', () => {
  const at = Date.UTC(2026, 10, 25, 10, 7, 30);

  expect(alignToStep(at, 5 * MINUTE, 0)).toBe(Date.UTC(2026, 10, 25, 10, 5));
  // A day step in Berlin (UTC+1) starts at local midnight, 23:00 UTC.
  expect(alignToStep(at, DAY, 3600)).toBe(Date.UTC(2026, 10, 24, 23));
});
