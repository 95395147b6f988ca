/**
 * A KPI judged per calendar week, against a real Prometheus: the engine (as `northstar eval` runs it) counts from
 * Monday midnight, the catalog's instant query over the week so far agrees, and the whole previous week is read
 * at its end with the @ modifier. Checkout fails 1 % of its requests until Monday 23 November 2026, 00:00 UTC,
 * and 0.1 % from then on; the week is evaluated on Wednesday at 12:00.
 */
import type { KpiDefinition } from '../kpi/model';
import { checkoutKpi } from '../testing/checkoutKpi';
import { rawErrorRatioExpr, rawErrorRatioOfPeriodExpr } from '../kpi/promql';
import { previousPeriodAt, sloWindowAt } from '../kpi/time';
import { describeWithPrometheus, startPrometheus, type RunningPrometheus } from '../testing/prometheusServer';
import { counterOpenMetrics, type TrafficHour } from '../testing/syntheticTraffic';
import { evaluateWithPrometheus, type SloEvalRow } from './evaluateCatalog';
import { PrometheusClient } from './prometheus';

const AT_MS = Date.UTC(2026, 10, 25, 12);
const MONDAY_MS = Date.UTC(2026, 10, 23);
const HOURS = 240;
const SCRAPE_MS = 60_000;

const weekly: KpiDefinition = checkoutKpi({
  id: 'checkout-weekly',
  name: 'Checkout, weekly',
  indicator: {
    good: 'sum(rate(synthetic_requests_total{job="checkout",code!~"5.."}[$__rate_interval]))',
    total: 'sum(rate(synthetic_requests_total{job="checkout"}[$__rate_interval]))',
  },
  objective: { target: 0.99, window: { calendar: 'week', timeZone: 'UTC' } },
});

function hours(): TrafficHour[] {
  const startMs = AT_MS - HOURS * 3_600_000;
  return Array.from({ length: HOURS }, (_, i) => ({
    rate: 10,
    errorRatio: startMs + i * 3_600_000 < MONDAY_MS ? 0.01 : 0.001,
  }));
}

describeWithPrometheus('a calendar week against a real Prometheus', () => {
  let prometheus: RunningPrometheus;
  let client: PrometheusClient;

  beforeAll(async () => {
    prometheus = await startPrometheus(
      counterOpenMetrics('synthetic_requests', [{ labels: 'job="checkout"', hours: hours() }], AT_MS / 1000)
    );
    client = new PrometheusClient(prometheus.url);
  });

  afterAll(async () => {
    await prometheus?.stop();
  });

  test('the engine counts from Monday: 99.9 % this week, a 0.1x burn, 90 % of the budget left', async () => {
    const [row] = (await evaluateWithPrometheus(client, [weekly], {
      atMs: AT_MS,
      scrapeIntervalMs: SCRAPE_MS,
    })) as SloEvalRow[];
    // The first step's $__rate_interval reaches a minute into Sunday's 1 %: off by 2.5e-6 at most.
    expect(row.sli).toBeCloseTo(0.999, 4);
    expect(row.budgetRemaining).toBeCloseTo(0.9, 2);
    expect(row.status).toBe('ok');
  });

  test('the catalog list asks the same over the 2d12h since Monday', async () => {
    const windowMs = sloWindowAt(weekly.objective.window, AT_MS, 60_000).sloWindowMs;
    expect(windowMs).toBe(60 * 3_600_000);
    const ratio = await client.instant(rawErrorRatioExpr(weekly, windowMs, SCRAPE_MS), AT_MS);
    expect(ratio).toBeCloseTo(0.001, 9);
  });

  test('last week, read at its end whenever it is asked: 1 % errors, SLI 99 %', async () => {
    const last = previousPeriodAt(weekly.objective.window, AT_MS)!;
    expect([last.startMs, last.endMs, last.label]).toEqual([MONDAY_MS - 7 * 86_400_000, MONDAY_MS, 'last week']);
    const ratio = await client.instant(rawErrorRatioOfPeriodExpr(weekly, last, SCRAPE_MS), AT_MS);
    expect(ratio).toBeCloseTo(0.01, 9);
  });
});
