import type { RatioIndicator } from '../kpi/model';
import {
  breakdownLabels,
  counterSelector,
  dailyBurnRateExpr,
  errorRatioByLabelExpr,
  histogramBucketSelectors,
  sliDeltaExpr,
  sliOverExpr,
} from './promql';
import { latencyKpi, ratioKpi } from '../testing/dashboardKpis';

const SCRAPE_MS = 15_000;

describe('breakdownLabels', () => {
  test.each([
    ['labels matched with !~ or =~ break errors down; the pinned job does not', ratioKpi(), ['code', 'route']],
    [
      'a label only the good query pins (result="success") breaks errors down',
      ratioKpi({
        indicator: {
          type: 'ratio',
          good: 'sum(rate(logins_total{job="login",result="success"}[$__rate_interval]))',
          total: 'sum(rate(logins_total{job="login"}[$__rate_interval]))',
        },
      }),
      ['result'],
    ],
    ['a latency query pinned to one job has nothing to break down by (le is a bucket bound)', latencyKpi(), []],
  ])('%s', (_name, kpi, expected) => {
    expect(breakdownLabels(kpi)).toEqual(expected);
  });
});

describe('errorRatioByLabelExpr', () => {
  test('wraps the counters of good and total in sum by (label), good falling back to 0 × total', () => {
    const indicator = ratioKpi().indicator as RatioIndicator;
    expect(errorRatioByLabelExpr(indicator, 'route', '$window')).toBe(
      '1 - ((sum by (route) (rate(http_requests_total{job="checkout",code!~"5..",route=~"/api/.*"}[$window])) or ' +
        '0 * sum by (route) (rate(http_requests_total{job="checkout",route=~"/api/.*"}[$window]))) / ' +
        'sum by (route) (rate(http_requests_total{job="checkout",route=~"/api/.*"}[$window])))'
    );
  });

  test('a good query made of two counters cannot be rebuilt per label, so there is no breakdown', () => {
    const indicator: RatioIndicator = {
      type: 'ratio',
      good: 'sum(rate(a_total{code="200"}[5m])) + sum(rate(b_total{code="200"}[5m]))',
      total: 'sum(rate(c_total[5m]))',
    };
    expect(counterSelector(indicator.good as string)).toBeUndefined();
    expect(errorRatioByLabelExpr(indicator, 'code', '5m')).toBeUndefined();
  });
});

describe('SLI expressions', () => {
  test('a ratio SLI over $window points the rate windows at the variable and keeps the queries otherwise', () => {
    expect(sliOverExpr(ratioKpi(), '$window', SCRAPE_MS)).toBe(
      '((sum(rate(http_requests_total{job="checkout",code!~"5..",route=~"/api/.*"}[$window]))) or vector(0)) / ' +
        '(sum(rate(http_requests_total{job="checkout",route=~"/api/.*"}[$window])))'
    );
  });

  test('a threshold SLI is the share of good 1m slices over the window', () => {
    expect(sliOverExpr(latencyKpi(), '$window', SCRAPE_MS)).toBe(
      'avg_over_time(((histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job="search"}' +
        '[1m15s])))) < bool 0.3)[$window:1m])'
    );
  });

  test('the delta compares the range with the range before it through an offset subquery', () => {
    const current = sliOverExpr(ratioKpi(), '$__range', SCRAPE_MS);
    expect(sliDeltaExpr(ratioKpi(), SCRAPE_MS)).toBe(
      `(${current}) - last_over_time((${current})[5m:1m] offset $__range)`
    );
  });

  test('the daily burn rate divides the day’s error ratio by 1 − target (0.001 for 99.9 %)', () => {
    expect(dailyBurnRateExpr(ratioKpi(), SCRAPE_MS)).toMatch(/\[1d\].*\) \/ 0\.001$/);
  });
});

describe('histogramBucketSelectors', () => {
  test('finds the bucket selector of a latency KPI once, and none in a request counter KPI', () => {
    expect(histogramBucketSelectors(latencyKpi()).map((s) => s.text)).toEqual([
      'http_request_duration_seconds_bucket{job="search"}',
    ]);
    expect(histogramBucketSelectors(ratioKpi())).toEqual([]);
  });
});
