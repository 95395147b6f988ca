/**
 * A 90d KPI's shortest window, read as the KPI page and the dashboards read it once the range step is too coarse
 * for it: two instant counts from the user's queries, against a real Prometheus. Checkout serves 10 requests a
 * second; 0.1 % fail until the last hour, 5 % in it. So the last 5 minutes hold 10 × 300 = 3,000 requests of
 * which 150 failed: a (150 / 3,000) / 0.001 = 50x burn, as `northstar eval` finds at full resolution.
 */
import { evaluateWithPrometheus } from '../cli/evaluateCatalog';
import { PrometheusClient } from '../cli/prometheus';
import { describeWithPrometheus, startPrometheus, type RunningPrometheus } from '../testing/prometheusServer';
import { counterOpenMetrics, type TrafficHour } from '../testing/syntheticTraffic';
import type { KpiDefinition } from './model';
import { checkoutKpi } from '../testing/checkoutKpi';
import { rangeStepMs } from './plan';
import { resolvePolicy } from './policy';
import { rawWindowCountExprs } from './rules';
import { offGridWindows, totalsFromCounts } from './windowCounts';

const AT_MS = Date.UTC(2026, 11, 1, 9);
const SCRAPE_MS = 60_000;
const FIVE_MINUTES_MS = 300_000;
const HOURS: TrafficHour[] = [
  { rate: 10, errorRatio: 0.001 },
  { rate: 10, errorRatio: 0.001 },
  { rate: 10, errorRatio: 0.05 },
];

const quarterly: KpiDefinition = checkoutKpi({
  id: 'checkout-90d',
  name: 'Checkout over 90 days',
  indicator: {
    good: 'sum(rate(synthetic_requests_total{job="checkout",code!~"5.."}[$__rate_interval]))',
    total: 'sum(rate(synthetic_requests_total{job="checkout"}[$__rate_interval]))',
  },
  objective: { target: 0.999, window: '90d' },
});

describeWithPrometheus("a 90d KPI's 5m window as instant counts, in a real Prometheus", () => {
  let prometheus: RunningPrometheus;
  let client: PrometheusClient;

  beforeAll(async () => {
    prometheus = await startPrometheus(
      counterOpenMetrics('synthetic_requests', [{ labels: 'job="checkout"', hours: HOURS }], AT_MS / 1000)
    );
    client = new PrometheusClient(prometheus.url);
  });

  afterAll(async () => {
    await prometheus?.stop();
  });

  test('3,000 requests, 2,850 good: a 50x burn, the same as the engine finds at 5m steps', async () => {
    const stepMs = rangeStepMs(quarterly);
    expect(offGridWindows(resolvePolicy(undefined, 90 * 86_400_000), stepMs)).toEqual([FIVE_MINUTES_MS]);
    const exprs = rawWindowCountExprs(quarterly, FIVE_MINUTES_MS, SCRAPE_MS);
    const good = await client.instant(exprs.good, AT_MS);
    const total = await client.instant(exprs.total, AT_MS);
    expect(total).toBeCloseTo(3000, 6);
    expect(good).toBeCloseTo(2850, 6);
    const totals = totalsFromCounts(good, total);
    expect(totals.bad / totals.total / 0.001).toBeCloseTo(50, 6);

    const [row] = await evaluateWithPrometheus(client, [quarterly], { atMs: AT_MS, scrapeIntervalMs: SCRAPE_MS });
    expect(row.burnRates['5m']).toBeCloseTo(50, 6);
  });

  test('before the first sample there is no series: no data, never a zero', async () => {
    const exprs = rawWindowCountExprs(quarterly, FIVE_MINUTES_MS, SCRAPE_MS);
    const total = await client.instant(exprs.total, AT_MS - 4 * 3_600_000);
    expect(total).toBeNull();
    expect(totalsFromCounts(null, total).validSteps).toBe(0);
  });
});
