/**
 * The app's raw instant queries (catalog list, report, the KPI page's instant counts) leave maintenance out, in a
 * real Prometheus. Checkout serves 10 requests a second for three hours: 0.1 % fail in the first and the last hour,
 * half of them in the middle hour, which is a maintenance window. Over the three hours that is
 * (0.001 + 0.5 + 0.001) / 3 = 16.73 % errors with the window counted in, and 0.1 % with it left out.
 */
import { PrometheusClient } from '../../cli/prometheus';
import { describeWithPrometheus, startPrometheus, type RunningPrometheus } from '../../testing/prometheusServer';
import { counterOpenMetrics } from '../../testing/syntheticTraffic';
import type { KpiDefinition } from '../model';
import { checkoutKpi } from '../../testing/checkoutKpi';
import { rawErrorRatioExpr, rawErrorRatioOfPeriodExpr, rawEventCountExpr } from './rawQueries';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const AT_MS = Date.UTC(2026, 11, 1, 9);
const SCRAPE_MS = 60_000;
const span = { fromMs: AT_MS - 3 * HOUR_MS, toMs: AT_MS };

const maintained: KpiDefinition = checkoutKpi({
  id: 'checkout-maintained',
  name: 'Checkout, maintained',
  indicator: {
    good: 'sum(rate(synthetic_requests_total{job="checkout",code!~"5.."}[$__rate_interval]))',
    total: 'sum(rate(synthetic_requests_total{job="checkout"}[$__rate_interval]))',
  },
  objective: { target: 0.999, window: '28d' },
  maintenance: [
    {
      start: new Date(AT_MS - 2 * HOUR_MS).toISOString(),
      end: new Date(AT_MS - HOUR_MS).toISOString(),
      reason: 'database upgrade',
    },
  ],
});

describeWithPrometheus('raw queries leave maintenance out, in a real Prometheus', () => {
  let prometheus: RunningPrometheus;
  let client: PrometheusClient;

  beforeAll(async () => {
    const hours = [0.001, 0.5, 0.001].map((errorRatio) => ({ rate: 10, errorRatio }));
    prometheus = await startPrometheus(
      counterOpenMetrics('synthetic_requests', [{ labels: 'job="checkout"', hours }], AT_MS / 1000)
    );
    client = new PrometheusClient(prometheus.url);
  });

  afterAll(async () => {
    await prometheus?.stop();
  });

  test('over the three hours: 16.73 % errors counting the window, 0.1 % leaving it out', async () => {
    const counted = await client.instant(rawErrorRatioExpr(maintained, 3 * HOUR_MS, SCRAPE_MS), AT_MS);
    expect(counted).toBeCloseTo(0.502 / 3, 3);
    const left = await client.instant(rawErrorRatioExpr(maintained, 3 * HOUR_MS, SCRAPE_MS, span), AT_MS);
    expect(left).toBeCloseTo(0.001, 6);
  });

  test('the events outside it: two hours of 36,000 requests, 72,000', async () => {
    const events = await client.instant(rawEventCountExpr(maintained, 3 * HOUR_MS, span), AT_MS);
    expect(events).toBeCloseTo(72_000, 0);
  });

  test('a report over the three hours, read later with @, leaves it out too', async () => {
    const ratio = await client.instant(
      rawErrorRatioOfPeriodExpr(maintained, { startMs: span.fromMs, endMs: span.toMs }, SCRAPE_MS),
      AT_MS + HOUR_MS
    );
    expect(ratio).toBeCloseTo(0.001, 6);
  });

  test('a window that holds no maintenance is the plain raw query', () => {
    const lastHour = { fromMs: AT_MS - HOUR_MS + 300_000, toMs: AT_MS };
    expect(rawErrorRatioExpr(maintained, HOUR_MS - 300_000, SCRAPE_MS, lastHour)).toBe(
      rawErrorRatioExpr(maintained, HOUR_MS - 300_000, SCRAPE_MS)
    );
  });

  describe('for ever, as the Grafana-managed rules ask them, the windows from time()', () => {
    const forEver = { forEver: true as const, generatedAtMs: AT_MS };
    // The same middle hour as a daily cron: 07:00 UTC for 1h.
    const daily: KpiDefinition = {
      ...maintained,
      maintenance: [{ cron: '0 7 * * *', duration: '1h', reason: 'nightly batch' }],
    };

    test.each([
      ['a fixed window', maintained],
      ['a daily cron', daily],
    ])('%s: 0.1 % over the three hours', async (_, kpi) => {
      expect(await client.instant(rawErrorRatioExpr(kpi, 3 * HOUR_MS, SCRAPE_MS, forEver), AT_MS)).toBeCloseTo(
        0.001,
        6
      );
    });

    test('what the 3d window costs: the samples of the plain 3d rate, and a look-back of the cron alone', async () => {
      const samples = async (expr: string) => {
        const query = new URLSearchParams({ query: expr, time: String(AT_MS / 1000), stats: 'all' });
        const body = await (await fetch(`${prometheus.url}/api/v1/query?${query}`)).json();
        expect(body.status).toBe('success');
        return body.data.stats.samples.totalQueryableSamples as number;
      };
      const plain = await samples(rawErrorRatioExpr(daily, 3 * DAY_MS, SCRAPE_MS));
      const left = await samples(rawErrorRatioExpr(daily, 3 * DAY_MS, SCRAPE_MS, forEver));
      // The plain query reads each stored sample of the 3d once per series; the 5m-step subquery reads each
      // 5m of them at its 864 steps, the same samples again, plus the condition's points: (3d + 1h + 5m) / 5m =
      // 877 steps of the cron on its 5m grid for each of the two sums (its fires at 07:00 are on the grid).
      console.log(`3d window, raw queried samples: plain ${plain}, leaving maintenance out ${left}`);
      expect(left).toBeLessThan(plain * 3);
    });
  });
});
