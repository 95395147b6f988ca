/**
 * The on-call dashboard of a per-label KPI follows its `$route` variable: the queries it generates, with the
 * variable set as Grafana sets it, against a real Prometheus holding two routes. /pay serves 1 request a second at
 * 5 % errors, /browse 9 a second at 0.1 %, for three hours. Against 99.9 %:
 * - /pay burns (0.05 / 1) / 0.001 = 50x, /browse (0.009 / 9) / 0.001 = 1x;
 * - All, the KPI as a whole: (0.05 + 0.009) / 10 = 0.0059 of its requests fail, 5.9x, an SLI of 99.41 %.
 */
import type { Panel, RowPanel } from '@grafana/schema';
import { PrometheusClient } from '../cli/prometheus';
import { expandGrafanaMacros, grafanaRateInterval } from '../kpi/time';
import { planRange } from '../kpi/evaluate';
import { readPerLabel } from '../testing/perLabelReading';
import { describeWithPrometheus, startPrometheus, type RunningPrometheus } from '../testing/prometheusServer';
import { counterOpenMetrics, type TrafficHour } from '../testing/syntheticTraffic';
import { buildOnCallDashboard } from './oncall';
import { NORTHSTAR_PANEL_TYPE } from './panels';
import { perRouteKpi } from '../testing/dashboardKpis';

const AT_MS = Date.UTC(2026, 11, 1, 9);
const SCRAPE_MS = 60_000;
const STEP_MS = 300_000;
const hours = (rate: number, errorRatio: number): TrafficHour[] => [0, 1, 2].map(() => ({ rate, errorRatio }));

/** `${route:regex}` as Grafana writes it: the value picked, several joined as alternatives, `.*` for All. */
const ALL = '.*';

const kpi = perRouteKpi({ objective: { target: 0.999, window: '1d' } });
const dashboard = buildOnCallDashboard(kpi);
const panels = (dashboard.panels ?? []).flatMap((panel) =>
  panel.type === 'row' ? ((panel as RowPanel).panels as Panel[]) : [panel as Panel]
);
const exprsOf = (panel: Panel) => (panel.targets ?? []).map((target) => String((target as { expr: string }).expr));

function withRoute(expr: string, route: string): string {
  return expr.replaceAll('${route:regex}', route);
}

describeWithPrometheus("a per-label KPI's on-call queries follow $route, in a real Prometheus", () => {
  let prometheus: RunningPrometheus;
  let client: PrometheusClient;

  beforeAll(async () => {
    prometheus = await startPrometheus(
      counterOpenMetrics(
        'http_requests',
        [
          { labels: 'job="checkout",route="/pay"', hours: hours(1, 0.05) },
          { labels: 'job="checkout",route="/browse"', hours: hours(9, 0.001) },
        ],
        AT_MS / 1000
      )
    );
    client = new PrometheusClient(prometheus.url);
  });

  afterAll(async () => {
    await prometheus?.stop();
  });

  /** The burn-rate panel's good and total for a route, read and evaluated as the Northstar panel does. */
  async function burnRatePanelReading(route: string) {
    const burnRates = panels.find((panel) => panel.type === NORTHSTAR_PANEL_TYPE)!;
    const plan = planRange(kpi, { atMs: AT_MS, scrapeIntervalMs: SCRAPE_MS, stepMs: STEP_MS });
    const macros = { rateInterval: grafanaRateInterval(STEP_MS, SCRAPE_MS), interval: '5m', range: '1d' };
    const [good, total] = exprsOf(burnRates).map((expr) => withRoute(expandGrafanaMacros(expr, macros), route));
    return readPerLabel(client, { good, total }, plan);
  }

  test.each([
    ['/pay', ['/pay'], 50],
    ['/browse', ['/browse'], 1],
    ['/pay|/browse', ['/pay', '/browse'], 5.9],
    [ALL, ['/pay', '/browse'], 5.9],
  ])('the burn-rate panel with route=%s reads %j and burns %dx over 1h', async (route, names, burn) => {
    const reading = await burnRatePanelReading(route);
    expect(reading.instances.map((instance) => instance.name)).toEqual(names);
    expect(reading.aggregate.burnRates['1h']).toBeCloseTo(burn, 6);
  });

  test.each([
    ['/pay', 0.95],
    ['/browse', 0.999],
    [ALL, 0.9941],
  ])('the SLI panel over 1h with route=%s reads %d', async (route, sli) => {
    const sliPanel = panels.find((panel) => panel.title === 'SLI over $window vs target')!;
    const [expr] = exprsOf(sliPanel);
    expect(await client.instant(withRoute(expr.replaceAll('$window', '1h'), route), AT_MS)).toBeCloseTo(sli, 9);
  });

  test('a route the counter does not have reads no data, never a number', async () => {
    const sliPanel = panels.find((panel) => panel.title === 'SLI over $window vs target')!;
    const [expr] = exprsOf(sliPanel);
    expect(await client.instant(withRoute(expr.replaceAll('$window', '1h'), '/nowhere'), AT_MS)).toBeNull();
    const reading = await burnRatePanelReading('/nowhere');
    expect(reading.instanceCount).toBe(0);
    expect(reading.aggregate.status).toBe('no-data');
  });
});
