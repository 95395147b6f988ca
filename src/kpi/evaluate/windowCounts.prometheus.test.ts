/**
 * A 90d KPI's shortest window, read as the KPI page and the dashboards read it once the range step is too coarse
 * for it: two instant counts from the user's queries, against a real Prometheus. Checkout serves 10 requests a
 * second; 0.1 % fail until the last hour, 5 % in it. So the last 5 minutes hold 10 × 300 = 3,000 requests of
 * which 150 failed: a (150 / 3,000) / 0.001 = 50x burn, as `northstar eval` finds at full resolution.
 *
 * Per route (a KPI with `groupBy: [route]`): /pay serves 1 request a second, 5 % failing in the last hour, and
 * /browse 9 a second at 0.1 %. The last 5 minutes: /pay 300 requests, 15 failed, 50x; /browse 2,700 and 2.7, 1x;
 * the KPI as a whole (15 + 2.7) / 3,000 = 0.0059, 5.9x.
 */
import { evaluateWithPrometheus, type SloEvalRow } from '../../cli/evaluateCatalog';
import { PrometheusClient } from '../../cli/prometheus';
import { readPerLabel } from '../../testing/perLabelReading';
import { describeWithPrometheus, startPrometheus, type RunningPrometheus } from '../../testing/prometheusServer';
import { counterOpenMetrics, type TrafficHour } from '../../testing/syntheticTraffic';
import { instanceKey, type KpiDefinition } from '../model';
import { checkoutKpi } from '../../testing/checkoutKpi';
import { planRange, rangeStepMs } from './plan';
import { resolvePolicy } from '../policy';
import { rawWindowCountExprs } from '../promql';
import { instanceTotalsFromCounts, offGridWindows, totalsFromCounts } from './windowCounts';

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

    const [row] = (await evaluateWithPrometheus(client, [quarterly], {
      atMs: AT_MS,
      scrapeIntervalMs: SCRAPE_MS,
    })) as SloEvalRow[];
    expect(row.burnRates['5m']).toBeCloseTo(50, 6);
  });

  test('before the first sample there is no series: no data, never a zero', async () => {
    const exprs = rawWindowCountExprs(quarterly, FIVE_MINUTES_MS, SCRAPE_MS);
    const total = await client.instant(exprs.total, AT_MS - 4 * 3_600_000);
    expect(total).toBeNull();
    expect(totalsFromCounts(null, total).validSteps).toBe(0);
  });
});

const perRoute: KpiDefinition = {
  ...quarterly,
  id: 'checkout-routes-90d',
  indicator: {
    type: 'ratio',
    good: 'sum by (route) (rate(synthetic_route_requests_total{job="checkout",code!~"5.."}[$__rate_interval]))',
    total: 'sum by (route) (rate(synthetic_route_requests_total{job="checkout"}[$__rate_interval]))',
    groupBy: ['route'],
  },
};

describeWithPrometheus("a 90d per-label KPI's 5m window as instant counts per route, in a real Prometheus", () => {
  let prometheus: RunningPrometheus;
  let client: PrometheusClient;
  const steady = (rate: number, errorRatio: number): TrafficHour[] => [0, 1, 2].map(() => ({ rate, errorRatio }));

  beforeAll(async () => {
    prometheus = await startPrometheus(
      counterOpenMetrics(
        'synthetic_route_requests',
        [
          {
            labels: 'job="checkout",route="/pay"',
            hours: [...steady(1, 0.001).slice(1), { rate: 1, errorRatio: 0.05 }],
          },
          { labels: 'job="checkout",route="/browse"', hours: steady(9, 0.001) },
        ],
        AT_MS / 1000
      )
    );
    client = new PrometheusClient(prometheus.url);
  });

  afterAll(async () => {
    await prometheus?.stop();
  });

  /** An instant query's series with their labels: a range of one point. */
  const instantSeries = async (expr: string) =>
    (await client.rangeSeriesOnGrid(expr, AT_MS, SCRAPE_MS, 1)).map(({ labels, values }) => ({
      labels,
      value: values[0],
    }));

  test('the counts keep the route: /pay 300 and 285, /browse 2,700 and 2,697.3, the KPI 3,000 and 2,982.3', async () => {
    const exprs = rawWindowCountExprs(perRoute, FIVE_MINUTES_MS, SCRAPE_MS);
    const read = instanceTotalsFromCounts(await instantSeries(exprs.good), await instantSeries(exprs.total), ['route']);
    const pay = read.byInstance.get(instanceKey({ route: '/pay' }, ['route']))!;
    const browse = read.byInstance.get(instanceKey({ route: '/browse' }, ['route']))!;
    expect(pay.total).toBeCloseTo(300, 6);
    expect(pay.good).toBeCloseTo(285, 6);
    expect(browse.total).toBeCloseTo(2700, 6);
    expect(browse.good).toBeCloseTo(2697.3, 6);
    expect(read.aggregate.bad / read.aggregate.total / 0.001).toBeCloseTo(5.9, 6);
  });

  test('a 15m range with those counts gives every route the 5m burn northstar eval finds at 5m steps', async () => {
    const stepMs = rangeStepMs(perRoute);
    expect(stepMs).toBe(3 * FIVE_MINUTES_MS);
    const plan = planRange(perRoute, { atMs: AT_MS, scrapeIntervalMs: SCRAPE_MS, stepMs });
    const exprs = rawWindowCountExprs(perRoute, FIVE_MINUTES_MS, SCRAPE_MS);
    const counts = instanceTotalsFromCounts(await instantSeries(exprs.good), await instantSeries(exprs.total), [
      'route',
    ]);
    const coarse = await readPerLabel(
      client,
      plan.queries as { good: string; total: string },
      plan,
      new Map([[FIVE_MINUTES_MS, counts]])
    );
    const burn5m = (name: string) =>
      coarse.instances.find((instance) => instance.name === name)?.evaluation.burnRates['5m'];
    expect(burn5m('/pay')).toBeCloseTo(50, 6);
    expect(burn5m('/browse')).toBeCloseTo(1, 6);
    expect(coarse.aggregate.burnRates['5m']).toBeCloseTo(5.9, 6);

    const [row] = (await evaluateWithPrometheus(client, [perRoute], {
      atMs: AT_MS,
      scrapeIntervalMs: SCRAPE_MS,
    })) as SloEvalRow[];
    const fine = Object.fromEntries((row.instances ?? []).map((instance) => [instance.name, instance.burnRates['5m']]));
    expect(fine['/pay']).toBeCloseTo(burn5m('/pay')!, 6);
    expect(fine['/browse']).toBeCloseTo(burn5m('/browse')!, 6);
  });
});
