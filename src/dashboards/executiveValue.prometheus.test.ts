/**
 * The executive dashboard's business panels against a real Prometheus holding 16 days of a shop's backfilled
 * carts: every query parses and answers, the value stat of a ratio is PromQL's own sum(increase) / sum(increase)
 * over the window, and every cell of the status heatmap is a status code.
 */
import type { Panel, RowPanel } from '@grafana/schema';
import { describeWithPrometheus, startPrometheus, type RunningPrometheus } from '../testing/prometheusServer';
import { counterOpenMetrics, type TrafficHour } from '../testing/syntheticTraffic';
import {
  abandonRateKpi,
  conversionKpi,
  monthlyOrdersKpi,
  SHOP_CARTS,
  SHOP_ORDERS,
  valueKpi,
} from '../testing/valueKpis';
import { statAndChangePanels } from './executiveValue';
import { catalogDashboards } from './generate';
import type { GeneratedDashboard } from './marker';

jest.setTimeout(120_000);

const HOUR_SEC = 3600;
const DAYS = 16;
const END_SEC = Math.floor(Date.now() / 1000 / HOUR_SEC) * HOUR_SEC - 2 * HOUR_SEC;

/** 2 to 6 carts a second, 2.6 % to 3.2 % of them ordered: conversion moves around its 3 % target. */
function shopHours(): TrafficHour[] {
  return Array.from({ length: DAYS * 24 }, (_, i) => ({
    rate: 2 + ((i * 7) % 5),
    errorRatio: (i >= DAYS * 24 - 7 * 24 ? 0.026 : 0.03) + ((i * 5) % 4) * 0.002,
  }));
}

const lastCarts = valueKpi(
  'last-carts',
  { query: `sum(rate(${SHOP_CARTS}[$__rate_interval]))`, aggregation: 'last', unit: 'reqps' },
  { direction: 'higher', target: 3, window: { calendar: 'quarter', timeZone: 'UTC' } }
);
const KPIS = [conversionKpi(), monthlyOrdersKpi(), abandonRateKpi(), lastCarts];

/** What Grafana puts in for the variables and macros: a 1d trend window, a 1h step. */
const GRAFANA_VALUES: Array<[RegExp, string]> = [
  [/\$\{kpi:regex\}/g, 'conversion|orders'],
  [/\$\{?window\}?/g, '1d'],
  [/\$\{?__rate_interval\}?/g, '1h1m'],
  [/\$\{?__interval\}?/g, '1h'],
  [/\$\{?__range\}?/g, '86400s'],
];
const expand = (expr: string) => GRAFANA_VALUES.reduce((text, [token, value]) => text.replace(token, value), expr);

function panelsOf(dashboard: GeneratedDashboard): Panel[] {
  return (dashboard.panels ?? []).flatMap((panel) =>
    panel.type === 'row' ? (panel as RowPanel).panels : [panel as Panel]
  );
}

const exprOf = (panel: Panel, index = 0) => (panel.targets?.[index] as { expr: string }).expr;

describeWithPrometheus('the executive dashboard of value KPIs in a real Prometheus', () => {
  let prometheus: RunningPrometheus;
  const [executive] = catalogDashboards(KPIS);
  // The dashboard's panels, then the stat panels a KPI gets instead of the Northstar panel when no Query options
  // hold all year (statAndChangePanels): their PromQL is checked here too.
  const panels = [
    ...panelsOf(executive.dashboard).filter((panel) => panel.type !== 'alertlist'),
    ...(KPIS.flatMap((kpi) => statAndChangePanels(kpi, { uid: 'prom' }, 15_000)) as Panel[]),
  ];

  const query = async (expr: string, path: string) => {
    const response = await fetch(`${prometheus.url}/api/v1/${path}&query=${encodeURIComponent(expand(expr))}`);
    return response.json();
  };
  const instant = (expr: string) => query(expr, `query?time=${END_SEC}`);

  beforeAll(async () => {
    prometheus = await startPrometheus(
      counterOpenMetrics(
        'shop_checkouts',
        [
          {
            labels: 'job="shop"',
            outcome: { label: 'outcome', good: 'abandoned', bad: 'ordered' },
            hours: shopHours(),
          },
        ],
        END_SEC
      )
    );
  });

  afterAll(async () => {
    await prometheus?.stop();
  });

  test('every business panel has queries to check', () => {
    expect(panels.map((panel) => panel.type)).toEqual([
      'status-history',
      ...KPIS.flatMap(() => ['northstar-kpi-panel', 'timeseries']),
      ...KPIS.flatMap(() => ['stat', 'stat']),
    ]);
  });

  test.each(
    panels.flatMap((panel) => (panel.targets ?? []).map((target) => [panel.title, (target as { expr: string }).expr]))
  )('%s: %s answers over the last day', async (title, expr) => {
    const body = await query(String(expr), `query_range?start=${END_SEC - 86_400}&end=${END_SEC}&step=3600`);
    expect({ status: body.status, error: body.error }).toEqual({ status: 'success', error: undefined });
    // 16 days of history hold two 7d ranges but not the 28d, 30d or 90d range before the current one.
    const before = /^Change vs the (\d+)d before$/.exec(String(title));
    const answers = before && Number(before[1]) * 2 > DAYS ? 0 : 1;
    expect(Math.min(1, body.data.result.length)).toBe(answers);
  });

  test("the conversion stat is PromQL's own sum(increase(orders)) / sum(increase(carts)) over 7 days", async () => {
    const stat = panels.find((panel) => panel.title === 'Shop conversion: last 7d')!;
    const ours = Number((await instant(exprOf(stat))).data.result[0].value[1]);
    const theirs = Number(
      (await instant(`sum(increase(${SHOP_ORDERS}[7d])) / sum(increase(${SHOP_CARTS}[7d]))`)).data.result[0].value[1]
    );
    expect(ours).toBeCloseTo(theirs, 12);
    // The last week converts worse (2.6 % + up to 0.6 %) than the one before (3 % + up to 0.6 %).
    expect(ours).toBeGreaterThan(0.026);
    expect(ours).toBeLessThan(0.03);
  });

  test('the change stat is this week minus the week before, worse here', async () => {
    const change = panels.find((panel) => panel.title === 'Change vs the 7d before')!;
    const ours = Number((await instant(exprOf(change))).data.result[0].value[1]);
    const before = Number(
      (await instant(`sum(increase(${SHOP_ORDERS}[7d] offset 7d)) / sum(increase(${SHOP_CARTS}[7d] offset 7d))`)).data
        .result[0].value[1]
    );
    const now = Number(
      (await instant(`sum(increase(${SHOP_ORDERS}[7d])) / sum(increase(${SHOP_CARTS}[7d]))`)).data.result[0].value[1]
    );
    expect(ours).toBeCloseTo(now - before, 10);
    expect(ours).toBeLessThan(0);
  });

  test('every cell of the status heatmap is off-track (0), at-risk (1) or on-track (2), each KPI its own row', async () => {
    const [status] = panels;
    for (const [index, kpi] of KPIS.entries()) {
      const body = await query(
        exprOf(status, index),
        `query_range?start=${END_SEC - 10 * 86_400}&end=${END_SEC}&step=86400`
      );
      const cells = body.data.result.flatMap((series: { values: Array<[number, string]> }) =>
        series.values.map(([, value]) => Number(value))
      );
      expect({
        kpi: kpi.id,
        cells: cells.length,
        codes: cells.every((code: number) => [0, 1, 2].includes(code)),
      }).toEqual({
        kpi: kpi.id,
        cells: 11,
        codes: true,
      });
    }
  });
});
