import type { KpiDefinition } from '../model';
import { checkoutKpi } from '../../testing/checkoutKpi';
import { catalogRuleCost, describeRecordedSeries, recordedSeries, ruleEvaluationCost } from './ruleCost';

/** 99.9 % over 30d, default policy: windows 5m 30m 1h 2h 6h 1d 3d 30d. */
function ratioKpi(): KpiDefinition {
  return checkoutKpi({ objective: { window: '30d' } });
}

function thresholdKpi(): KpiDefinition {
  return {
    ...ratioKpi(),
    id: 'checkout-latency',
    indicator: { type: 'threshold', query: 'max(latency)', comparator: '<', threshold: 0.3 },
  };
}

describe('ruleEvaluationCost', () => {
  test.each([
    [
      // before: 2 × 100 × 8 series; 2 × 100 × (20 + 120 + 240 + 480 + 1,440 + 5,760 + 17,280 + 172,800) samples
      // after: 2 × 100 + 4 × 100 (counts per minute: each series now and a minute ago) + 2 + 2 (daily sums)
      // + 2 × (4 short windows + 1 + 3 + 30 daily sums) series; 2 × 100 × 20 + 4 × 100 + 2 + 2 × 1,440 (daily
      // sums) + 2 × (30 + 60 + 120 + 360 + 1 + 3 + 30) samples
      'a ratio KPI over 100 series: 1,600 → 680 series, 39.6 million → 8,490 samples',
      ratioKpi(),
      100,
      { before: { series: 1600, samples: 39_628_000 }, after: { series: 680, samples: 8_490 } },
    ],
    [
      // the samples the records read do not grow with N
      'a ratio KPI over 1 series: 16 → 86 series, 396,280 → 4,134 samples',
      ratioKpi(),
      1,
      { before: { series: 16, samples: 396_280 }, after: { series: 86, samples: 4_134 } },
    ],
    [
      // 49,535 one-minute slices in the 8 windows; each evaluation of the query reads 10 series × 1m15s / 15s
      // before: 10 × 49,535 series, 50 × 49,535 samples; after: 10 + 2 × 8 series, 50 + 2 × 49,535 samples
      'a threshold KPI over 10 series: 495,350 → 26 series, 2.48 million → 99,120 samples',
      thresholdKpi(),
      10,
      { before: { series: 495_350, samples: 2_476_750 }, after: { series: 26, samples: 99_120 } },
    ],
  ])('%s', (_name, kpi, rawSeries, expected) => {
    expect(ruleEvaluationCost(kpi, { rawSeries })).toEqual(expected);
  });

  test('a 1m evaluation interval and 30s scrapes halve the raw samples but not the recorded ones', () => {
    const cost = ruleEvaluationCost(ratioKpi(), { rawSeries: 100, scrapeIntervalMs: 30_000 });
    expect(cost.before.samples).toBe(19_814_000);
    expect(cost.after.samples).toBe(2 * 100 * 10 + 4 * 100 + 2 + 2 * 1440 + 2 * 604);
  });
});

describe('catalogRuleCost', () => {
  test('adds up the published KPIs and skips drafts, which have no rules', () => {
    const draft = { ...ratioKpi(), id: 'draft', status: 'draft' as const };
    expect(catalogRuleCost([ratioKpi(), ratioKpi(), draft], { rawSeries: 100 })).toEqual({
      before: { series: 3200, samples: 79_256_000 },
      after: { series: 1360, samples: 16_980 },
    });
  });
});

describe('per-label KPIs: what a KPI costs per instance', () => {
  const byRoute = (maxInstances?: number): KpiDefinition => ({
    ...ratioKpi(),
    id: 'checkout-routes',
    indicator: {
      type: 'ratio',
      good: 'sum by (route) (rate(good[$__rate_interval]))',
      total: 'sum by (route) (rate(all[$__rate_interval]))',
      groupBy: ['route'],
      ...(maxInstances === undefined ? {} : { maxInstances }),
    },
  });

  test('the records are written once per route: 14 series per route, 14 routes, 197 series', () => {
    // good + total + their counts per minute + their daily sums + 8 error ratios (5m 30m 1h 2h 6h 1d 3d 30d) = 14
    // per route; 14 × 14 + the objective = 197
    expect(recordedSeries(byRoute(), 14)).toEqual({ perInstance: 14, instances: 14, total: 197 });
    expect(describeRecordedSeries(byRoute(), 14)).toBe(
      'checkout-routes: 14 recorded series per route × 14 route values + 1 objective = 197 series'
    );
  });

  test('without a count the guard is the bound: 50 by default, or indicator.maxInstances', () => {
    expect(describeRecordedSeries(byRoute())).toBe(
      'checkout-routes: 14 recorded series per route × 50 route values (assuming indicator.maxInstances of them; the rules record every value Prometheus has) + 1 objective = 701 series'
    );
    expect(recordedSeries(byRoute(2000)).total).toBe(28_001);
    expect(describeRecordedSeries(ratioKpi())).toBe('checkout-availability: 15 recorded series');
  });

  test('rule evaluation reads the records once per route; the raw series already hold every route', () => {
    // after, 14 routes over 100 raw series: 2 × 100 + 4 × 100 + 14 × (2 + 2 + 2 × 38) = 1,720 series;
    // 2 × 100 × 20 + 4 × 100 + 14 × (2 + 2 × 1,440 + 2 × 604) = 4,000 + 400 + 57,260 = 61,660 samples
    expect(ruleEvaluationCost(byRoute(), { rawSeries: 100, instances: 14 })).toEqual({
      before: { series: 1600, samples: 39_628_000 },
      after: { series: 1720, samples: 61_660 },
    });
  });
});
