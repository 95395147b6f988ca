import { sourcedKpis } from '../kpi/model';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Panel, RowPanel } from '@grafana/schema';
import { parseCatalog } from '../cli/catalogFile';
import { describeWithPrometheus, startPrometheus, type RunningPrometheus } from '../testing/prometheusServer';
import { catalogDashboards, kpiDashboards } from './generate';
import type { GeneratedDashboard } from './marker';
import { sliPerInstanceExpr } from './promql';
import { perRouteKpi } from '../testing/dashboardKpis';
import { compositeKpi } from '../testing/compositeKpi';
import { prometheusDefaultFormat } from '../testing/prometheusInterpolation';
import { interpolateVariables, type TemplateVariable } from '../testing/templateVariables';

const EXAMPLE = join(__dirname, '../../examples/catalog.yaml');
const END_SEC = 1_767_225_600;

/**
 * The dashboards' variables with values that need escaping (a slash, a dot), and the macros for a 1h range at a
 * 1m step, put in as Grafana's Prometheus data source puts them (the plugin host's interpolation).
 */
const GRAFANA_VARIABLES: readonly TemplateVariable[] = [
  { name: 'kpi', value: 'checkout-availability' },
  { name: 'route', value: ['/pay', '/api/v1.2'], multi: true, includeAll: true, allValue: '.*' },
  { name: 'window', value: '5m' },
  { name: '__rate_interval', value: '1m15s' },
  { name: '__interval', value: '1m' },
  { name: '__range', value: '3600s' },
];

function expand(expr: string): string {
  const lookup = (name: string) => GRAFANA_VARIABLES.find((variable) => variable.name === name);
  return interpolateVariables(expr, lookup, prometheusDefaultFormat);
}

function prometheusQueries(dashboard: GeneratedDashboard): string[] {
  const panels = (dashboard.panels ?? []).flatMap((panel) =>
    panel.type === 'row' ? (panel as RowPanel).panels : [panel as Panel]
  );
  const targets = panels.filter((panel) => panel.type !== 'logs').flatMap((panel) => panel.targets ?? []);
  const annotations = (dashboard.annotations?.list ?? []).map((annotation) => annotation.target ?? {});
  return [...targets, ...annotations]
    .map((target) => (target as { expr?: unknown }).expr)
    .filter((expr): expr is string => typeof expr === 'string');
}

describeWithPrometheus('every PromQL query of the generated dashboards runs in a real Prometheus', () => {
  let prometheus: RunningPrometheus;
  const loaded = parseCatalog(EXAMPLE, readFileSync(EXAMPLE, 'utf8'));
  const kpis = loaded.ok ? sourcedKpis(loaded.value.kpis) : [];
  // The example catalog's KPIs, a per-label one (its route variable and per-route panels) and a composite of two.
  const all = [...kpis, perRouteKpi()];
  const journey = compositeKpi({ 'checkout-availability': 1, 'search-latency': 2 });
  const dashboards = [
    ...catalogDashboards([...all, journey]),
    ...all.flatMap((kpi) => kpiDashboards(kpi, { loki: { uid: 'l' } })),
  ];
  const queries = [...new Set(dashboards.flatMap((file) => prometheusQueries(file.dashboard)))];

  beforeAll(async () => {
    const samples = [0, 60, 120].flatMap((offset, i) => [
      `http_requests_total{job="checkout",code="200"} ${i * 10} ${END_SEC - 120 + offset}`,
      `http_requests_total{job="checkout",code="200",route="/pay"} ${i * 10} ${END_SEC - 120 + offset}`,
    ]);
    prometheus = await startPrometheus(['# TYPE http_requests counter', ...samples, '# EOF', ''].join('\n'));
  });

  afterAll(async () => {
    await prometheus?.stop();
  });

  test('the example catalog gives queries to check', () => {
    expect(loaded.ok).toBe(true);
    expect(queries.length).toBeGreaterThan(20);
    expect(queries.some((query) => query.includes('route=~"${route}"'))).toBe(true);
    expect(queries.some((query) => query.startsWith('2 * (1 - (avg_over_time('))).toBe(true);
  });

  test('the per-route SLI of a per-label KPI answers per route: 1 for /pay, which only succeeds', async () => {
    const perRoute = sliPerInstanceExpr(perRouteKpi(), '$window')!;
    expect(queries).toContain(perRoute);
    const url = `${prometheus.url}/api/v1/query?query=${encodeURIComponent(expand(perRoute))}&time=${END_SEC}`;
    const body = await (await fetch(url)).json();
    expect(
      body.data.result.map((r: { metric: { route: string }; value: [number, string] }) => [r.metric.route, r.value[1]])
    ).toEqual([['/pay', '1']]);
  });

  test.each(queries.map((query) => [query]))('%s', async (query) => {
    const url = `${prometheus.url}/api/v1/query?query=${encodeURIComponent(expand(query))}&time=${END_SEC}`;
    const body = await (await fetch(url)).json();
    expect({ status: body.status, error: body.error }).toEqual({ status: 'success', error: undefined });
  });
});
