/**
 * The catalog and report pages (rawAggregateErrorRatioExpr, rawErrorRatioOfPeriodExpr) sum good and total before dividing, for every ratio KPI: a good query that returns
 * a series per instance must not give a row per instance (or a sum of per-instance ratios).
 */
import type { KpiDefinition } from '../model';
import { describeWithPrometheus, startPrometheus, type RunningPrometheus } from '../../testing/prometheusServer';
import { rawAggregateErrorRatioExpr, rawErrorRatioOfPeriodExpr } from './index';

const END_SEC = 1_767_225_600;

const perInstanceQueries: KpiDefinition = {
  id: 'checkout',
  version: 1,
  status: 'published',
  name: 'Checkout',
  owner: 'team',
  datasource: { type: 'prometheus', uid: 'prometheus' },
  // No sum(): each query returns one series per instance, as a catalog written in haste does.
  indicator: { type: 'ratio', good: 'rate(ok_total[$__rate_interval])', total: 'rate(all_total[$__rate_interval])' },
  objective: { target: 0.99, window: '30d' },
};

/** Over the last 5 minutes: instance a serves 100 requests, 90 good; instance b 100, 70 good. */
function counters(): string {
  const family = (name: string, perMinute: Record<string, number>) => [
    `# TYPE ${name} counter`,
    ...Array.from({ length: 11 }, (_, minute) =>
      Object.entries(perMinute).map(
        ([instance, rate]) => `${name}_total{instance="${instance}"} ${minute * rate} ${END_SEC - 600 + minute * 60}`
      )
    ).flat(),
  ];
  return [...family('ok', { a: 18, b: 14 }), ...family('all', { a: 20, b: 20 }), '# EOF', ''].join('\n');
}

describeWithPrometheus('ratio KPIs in the catalog list', () => {
  let prometheus: RunningPrometheus;

  beforeAll(async () => {
    prometheus = await startPrometheus(counters());
  }, 120_000);

  afterAll(async () => {
    await prometheus?.stop();
  });

  async function instant(expr: string): Promise<number[]> {
    const url = `${prometheus.url}/api/v1/query?query=${encodeURIComponent(expr)}&time=${END_SEC}`;
    const body = (await (await fetch(url)).json()) as { data: { result: Array<{ value: [number, string] }> } };
    return body.data.result.map((series) => Number(series.value[1]));
  }

  test.each([
    ['the catalog window', () => rawAggregateErrorRatioExpr(perInstanceQueries, 300_000, 15_000)],
    [
      'the report period',
      () =>
        rawErrorRatioOfPeriodExpr(
          perInstanceQueries,
          { startMs: (END_SEC - 300) * 1000, endMs: END_SEC * 1000 },
          15_000
        ),
    ],
  ])('%s: a series per instance gives one error ratio, the aggregate 1 − 160/200 = 0.2', async (_, expr) => {
    const values = await instant(expr());
    expect(values).toHaveLength(1);
    expect(values[0]).toBeCloseTo(0.2, 9);
  });
});
