/**
 * The Query options valuePanelQueryOptions gives a panel showing a value KPI, through Grafana's own interval maths
 * (ported in grafanaInterval.ts): the frontend's rangeutil.calculateInterval with the panel's Min interval as the
 * lower limit, then promlib's calculatePrometheusInterval and `$__rate_interval`. The step Grafana asks Prometheus
 * for must be the app's (valueQueryStep), and `$__rate_interval` the app's step + scrape interval.
 */
import { valuePanelQueryOptions, valueQueryStep } from '../../../src/reading';
import type { ObjectiveWindow } from '../../../src/kpi/model';
import {
  goDurationString,
  interpolateMacros,
  parseGrafanaInterval,
  prometheusStep,
  roundInterval,
} from './grafanaInterval';

const AT = Date.UTC(2026, 10, 20, 10, 0);
const SCRAPE_MS = 60_000;

/** rangeutil.calculateInterval: the range over max data points, rounded, but never below the lower limit. */
function frontendIntervalMs(rangeMs: number, maxDataPoints: number, minInterval: string): number {
  return Math.max(roundInterval(rangeMs / maxDataPoints), parseGrafanaInterval(minInterval)!);
}

const windows: Array<[string, ObjectiveWindow]> = [
  ['a Berlin month', { calendar: 'month', timeZone: 'Europe/Berlin' }],
  ['a Kathmandu quarter', { calendar: 'quarter', timeZone: 'Asia/Kathmandu' }],
  ['a UTC week', { calendar: 'week', timeZone: 'UTC' }],
  ['a rolling 28d', '28d'],
  ['a rolling day', '1d'],
];

describe.each(windows)('a panel showing a value KPI over %s, with the Query options the app gives it', (_, window) => {
  const options = valuePanelQueryOptions(window, AT)!;
  const rangeMs = parseGrafanaInterval(options.relativeTime)!;
  const intervalMs = frontendIntervalMs(rangeMs, options.maxDataPoints, options.minInterval);
  const query = {
    fromMs: AT - rangeMs,
    toMs: AT,
    intervalMs,
    maxDataPoints: options.maxDataPoints,
    scrapeInterval: '1m',
  };

  test('is asked at the app’s step', () => {
    expect(prometheusStep(query)).toBe(valueQueryStep(window, AT)!.stepMs);
  });

  test('expands $__rate_interval to the step + the scrape interval, as the app’s own queries do', () => {
    const stepMs = prometheusStep(query);
    const context = { queryIntervalMs: intervalMs, stepMs, requestedMinStep: '', scrapeInterval: '1m', rangeMs };
    expect(interpolateMacros('rate(x[$__rate_interval])', context)).toBe(
      `rate(x[${goDurationString(stepMs + SCRAPE_MS)}])`
    );
  });
});

test('hand-worked: a Berlin month reads 63 days at 1h (1,512 points), a rolling day 3 days at 30m (144)', () => {
  expect(valuePanelQueryOptions({ calendar: 'month', timeZone: 'Europe/Berlin' }, AT)).toEqual({
    minInterval: '1h',
    maxDataPoints: 1512,
    relativeTime: '63d',
  });
  expect(valuePanelQueryOptions('1d', AT)).toEqual({ minInterval: '30m', maxDataPoints: 144, relativeTime: '3d' });
});

test('a per-query min step instead would change $__rate_interval: max(interval + min step, 4 × min step)', () => {
  const context = {
    queryIntervalMs: 3_600_000,
    stepMs: 3_600_000,
    requestedMinStep: '1h',
    scrapeInterval: '1m',
    rangeMs: 0,
  };
  expect(interpolateMacros('rate(x[$__rate_interval])', context)).toBe('rate(x[4h0m0s])');
});
