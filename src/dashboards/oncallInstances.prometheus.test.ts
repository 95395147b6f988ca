/**
 * The on-call dashboard of a per-label KPI follows its `$route` variable: the queries it generates, with the
 * variable filled in as Grafana's Prometheus data source fills it (the plugin host's interpolation), against a real
 * Prometheus holding two routes. /pay serves 1 request a second at 5 % errors, /api/v1.2 9 a second at 0.1 %, for
 * three hours: a slash and a dot, which a wrongly escaped variable turns into a query error. Against 99.9 %:
 * - /pay burns (0.05 / 1) / 0.001 = 50x, /api/v1.2 (0.009 / 9) / 0.001 = 1x;
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
import { prometheusDefaultFormat } from '../testing/prometheusInterpolation';
import { ALL_VALUE, interpolateVariables, pickedVariable } from '../testing/templateVariables';

const AT_MS = Date.UTC(2026, 11, 1, 9);
const SCRAPE_MS = 60_000;
const STEP_MS = 300_000;
const hours = (rate: number, errorRatio: number): TrafficHour[] => [0, 1, 2].map(() => ({ rate, errorRatio }));

const kpi = perRouteKpi({ objective: { target: 0.999, window: '1d' } });
const dashboard = buildOnCallDashboard(kpi);
const panels = (dashboard.panels ?? []).flatMap((panel) =>
  panel.type === 'row' ? ((panel as RowPanel).panels as Panel[]) : [panel as Panel]
);
const exprsOf = (panel: Panel) => (panel.targets ?? []).map((target) => String((target as { expr: string }).expr));

/** The query with the routes picked (ALL_VALUE for All) put in as Grafana's Prometheus data source puts them. */
function withRoute(expr: string, route: readonly string[]): string {
  const variable = pickedVariable(dashboard, 'route', route);
  return interpolateVariables(expr, (name) => (name === 'route' ? variable : undefined), prometheusDefaultFormat);
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
          { labels: 'job="checkout",route="/api/v1.2"', hours: hours(9, 0.001) },
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
  async function burnRatePanelReading(route: readonly string[]) {
    const burnRates = panels.find((panel) => panel.type === NORTHSTAR_PANEL_TYPE)!;
    const plan = planRange(kpi, { atMs: AT_MS, scrapeIntervalMs: SCRAPE_MS, stepMs: STEP_MS });
    const macros = { rateInterval: grafanaRateInterval(STEP_MS, SCRAPE_MS), interval: '5m', range: '1d' };
    const [good, total] = exprsOf(burnRates).map((expr) => withRoute(expandGrafanaMacros(expr, macros), route));
    return readPerLabel(client, { good, total }, plan);
  }

  test.each([
    [['/pay'], ['/pay'], 50],
    [['/api/v1.2'], ['/api/v1.2'], 1],
    [['/pay', '/api/v1.2'], ['/pay', '/api/v1.2'], 5.9],
    [[ALL_VALUE], ['/pay', '/api/v1.2'], 5.9],
  ])('the burn-rate panel with route=%j reads %j and burns %dx over 1h', async (route, names, burn) => {
    const reading = await burnRatePanelReading(route);
    expect(reading.instances.map((instance) => instance.name)).toEqual(names);
    expect(reading.aggregate.burnRates['1h']).toBeCloseTo(burn, 6);
  });

  test.each([
    [['/pay'], 0.95],
    [['/api/v1.2'], 0.999],
    [[ALL_VALUE], 0.9941],
  ])('the SLI panel over 1h with route=%j reads %d', async (route, sli) => {
    const sliPanel = panels.find((panel) => panel.title === 'SLI over $window vs target')!;
    const [expr] = exprsOf(sliPanel);
    expect(await client.instant(withRoute(expr.replaceAll('$window', '1h'), route), AT_MS)).toBeCloseTo(sli, 9);
  });

  test('a route the counter does not have reads no data, never a number', async () => {
    const sliPanel = panels.find((panel) => panel.title === 'SLI over $window vs target')!;
    const [expr] = exprsOf(sliPanel);
    expect(await client.instant(withRoute(expr.replaceAll('$window', '1h'), ['/nowhere']), AT_MS)).toBeNull();
    const reading = await burnRatePanelReading(['/nowhere']);
    expect(reading.instanceCount).toBe(0);
    expect(reading.aggregate.status).toBe('no-data');
  });
});
