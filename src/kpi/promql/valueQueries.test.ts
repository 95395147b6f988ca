import { conversionKpi, monthlyOrdersKpi, abandonRateKpi, valueKpi } from '../../testing/valueKpis';
import { rawValueOverExpr, valueOffTrackExpr, valueRangeText, valueStatusExpr } from './valueQueries';

describe('rawValueOverExpr', () => {
  test('a ratio reads Σ numerator / Σ denominator as the ratio of the two rates over the range', () => {
    expect(rawValueOverExpr(conversionKpi(), '7d', 15_000)).toBe(
      '(sum(rate(shop_checkouts_total{job="shop",outcome="ordered"}[7d]))) / ' +
        '(sum(rate(shop_checkouts_total{job="shop"}[7d])))'
    );
  });

  test('a dashboard range stays a Grafana variable, which Grafana expands', () => {
    expect(rawValueOverExpr(conversionKpi(), '$window', 15_000)).toContain('[$window]');
  });

  test('a sum is the rate over the range times the period in seconds: a month counts as 30 days (2,592,000 s)', () => {
    expect(rawValueOverExpr(monthlyOrdersKpi(), '1d', 15_000)).toBe(
      '(sum(rate(shop_checkouts_total{job="shop",outcome="ordered"}[1d]))) * 2592000'
    );
  });

  test.each([
    ['mean', 'avg_over_time'],
    ['last', 'last_over_time'],
    ['min', 'min_over_time'],
    ['max', 'max_over_time'],
  ] as const)('%s samples the query every 5m over the range with %s', (aggregation, fn) => {
    const kpi = valueKpi(
      'q',
      { query: 'sum(rate(x[$__rate_interval]))', aggregation, unit: 'short' },
      { direction: 'higher', target: 3, window: '7d' }
    );
    // $__rate_interval of a 5m step at a 30s scrape interval: max(5m + 30s, 4 × 30s).
    expect(rawValueOverExpr(kpi, '1d', 30_000)).toBe(`${fn}((sum(rate(x[5m30s])))[1d:5m])`);
  });
});

describe('valueStatusExpr', () => {
  test('with a warning: the two bounds reached add up to 2 on-track, 1 at-risk, 0 off-track; NaN gives nothing', () => {
    expect(valueStatusExpr(conversionKpi().objective, 'v')).toBe(
      '(((v) >= bool 0.03) + ((v) >= bool 0.028)) unless ((v) != (v))'
    );
  });

  test('lower is better: the bounds are reached from below', () => {
    expect(valueStatusExpr(abandonRateKpi().objective, 'v')).toBe(
      '(((v) <= bool 5) + ((v) <= bool 6)) unless ((v) != (v))'
    );
  });

  test('without a warning there is no at-risk: 2 or 0', () => {
    expect(valueStatusExpr(monthlyOrdersKpi().objective, 'v')).toBe('(2 * ((v) >= bool 100000)) unless ((v) != (v))');
  });
});

describe('valueOffTrackExpr', () => {
  test.each([
    ['higher is better: below the warning', conversionKpi(), '(v) < 0.028'],
    ['lower is better: above the warning', abandonRateKpi(), '(v) > 6'],
    ['without a warning: past the target', monthlyOrdersKpi(), '(v) < 100000'],
  ])('%s', (_name, kpi, expected) => {
    expect(valueOffTrackExpr(kpi.objective, 'v')).toBe(expected);
  });
});

test('a calendar month is read as the rolling 30 days, a rolling window as itself', () => {
  expect([valueRangeText(monthlyOrdersKpi()), valueRangeText(abandonRateKpi())]).toEqual(['30d', '28d']);
});
