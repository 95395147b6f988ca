/**
 * Per-label KPIs in the plugin host with the real Prometheus: a KPI grouped by route (`indicator.groupBy`) over
 * `http_requests_by_route_total` (e2e/host/testPrometheus.ts: /pay 1 request/s at 5 % errors, /api/v1.2 9 a second
 * at 0.1 %). The KPI detail page and the panel show the aggregate, 1 − (0.05 + 0.009) / 10 = 99.41 %, and list
 * the routes worst first: /pay at 50x the 99.9 % budget, then /api/v1.2 at 1x. The on-call dashboard's burn-rate
 * panel reads the routes its `$route` variable picks: /pay alone 50x, /api/v1.2 1x, All the whole KPI's 5.9x.
 *
 * A host of its own, seeded with a catalog holding only that KPI; it reads the shared Prometheus.
 */
import { stringify } from 'yaml';
import type { Panel } from '@grafana/schema';
import type { Page } from '@playwright/test';
import { testIds } from '../src/components/testIds';
import { buildOnCallDashboard } from '../src/dashboards/oncall';
import { buildCatalogOnCallDashboard } from '../src/dashboards/oncallCatalog';
import { NORTHSTAR_PANEL_TYPE } from '../src/dashboards/panels';
import type { RatioIndicator } from '../src/kpi/model';
import { APP_BASE_PATH, HOST_PANEL_TEST_ID, SCENARIOS_API_PATH } from './host/hostContract';
import { SHOP_ROUTES_KPI } from './host/testPrometheus';
import { ALL_VALUE, pickedVariable } from '../src/testing/templateVariables';
import { expect, test } from './fixtures';
import { ownHostForThisFile } from './ownHost';
import { asScenario, openScenario } from './panelScenarios';

const routesKpi = SHOP_ROUTES_KPI;
const { good, total } = routesKpi.indicator as RatioIndicator;

const host = ownHostForThisFile({
  name: 'per-label',
  catalog: { yaml: stringify({ apiVersion: 'northstar.dev/v1', kind: 'KpiCatalog', kpis: [routesKpi] }) },
});

async function instanceRows(page: Page) {
  const table = page.getByTestId(testIds.instances.table);
  await expect(table).toBeVisible();
  return table.getByTestId(testIds.instances.row);
}

test('the KPI detail page lists the routes worst first under the aggregate', async ({
  page,
  openHostPage,
  pageProblems,
}) => {
  await openHostPage(`${APP_BASE_PATH}/kpi/shop-routes`, { hostUrl: host.url });
  await expect(page.getByTestId(testIds.kpiDetail.live)).toHaveAttribute('data-state', 'done');
  const rows = await instanceRows(page);
  await expect(rows.locator('th')).toHaveText(['/pay', '/api/v1.2']);
  // /pay: 95 % good, 50x; /api/v1.2: 99.9 % good, 1x (rounded down to the target's decimals plus one).
  await expect(rows.nth(0)).toContainText('95.00%');
  await expect(rows.nth(0)).toContainText('50.0x');
  await expect(rows.nth(1)).toContainText(/99\.(89|90)%/);
  await expect(page.getByTestId(testIds.instances.summary)).toHaveText('1 of 2 route values below target, worst first');
  // The burn-rate table above is the aggregate's: 5.9x over the last hour.
  await expect(page.getByLabel(/^Burn rate over 1h: 5\.(8|9)\dx$/).first()).toBeVisible();
  await page.screenshot({ path: 'e2e/screenshots/per-label-detail.png', fullPage: true });
  expect(pageProblems).toEqual([]);
});

test('the catalog row names the worst route and how many miss the target', async ({
  page,
  openHostPage,
  pageProblems,
}) => {
  await openHostPage(`${APP_BASE_PATH}/catalog`, { hostUrl: host.url });
  // /pay: 1 − 0.05 = 95.00 % over the day; /api/v1.2 meets 99.9 %.
  await expect(page.getByTestId(testIds.catalog.worstInstances)).toHaveText(
    'worst: /pay 95.00%, 1 of 2 route values below target'
  );
  expect(pageProblems).toEqual([]);
});

test('the panel of a per-label KPI lists its routes worst first, in the light theme too', async ({
  page,
  request,
  openHostPage,
  pageProblems,
}) => {
  const posted = await request.post(`${host.url}${SCENARIOS_API_PATH}`, {
    data: {
      name: 'shop-routes',
      title: 'Shop availability per route',
      timeRange: { from: 'now-1d', to: 'now' },
      queries: [
        { refId: 'good', expr: good },
        { refId: 'total', expr: total },
      ],
      options: {
        view: 'burn-rate-table',
        source: 'catalog',
        kpiId: 'shop-routes',
        goodRefId: 'good',
        totalRefId: 'total',
      },
    },
  });
  expect(posted.status()).toBe(201);
  const { url } = (await posted.json()) as { url: string };
  for (const theme of ['dark', 'light'] as const) {
    await openHostPage(url, { hostUrl: host.url, theme });
    const panel = page.getByTestId(HOST_PANEL_TEST_ID);
    await expect(panel).toHaveAttribute('data-state', 'Done');
    const rows = await instanceRows(page);
    await expect(rows.locator('th')).toHaveText(['/pay', '/api/v1.2']);
    await expect(rows.nth(0)).toHaveAttribute('data-status', 'page');
    // The table sits below the burn-rate table, in the panel's scroll area.
    await rows.nth(1).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `e2e/screenshots/per-label-panel-${theme}.png` });
  }
  expect(pageProblems).toEqual([]);
});

test.describe("the on-call dashboard's burn-rate panel follows the route variable", () => {
  const dashboard = buildOnCallDashboard(routesKpi);
  const burnRates = (dashboard.panels ?? []).find((panel) => panel.type === NORTHSTAR_PANEL_TYPE) as Panel;
  // `$route` as Grafana fills it for the Prometheus data source: a route with a slash and a dot must read data, not a
  // query error. Over the last hour /pay burns (0.05 / 1) / 0.001 = 50x, /api/v1.2 (0.009 / 9) / 0.001 = 1x, and
  // the whole KPI (0.05 + 0.009) / 10 / 0.001 = 5.9x, whether both are picked or All.
  const cases = [
    { slug: 'pay', route: ['/pay'], burn: /^Burn rate over 1h: 50\.0x$/, rows: ['/pay'] },
    { slug: 'api-v1-2', route: ['/api/v1.2'], burn: /^Burn rate over 1h: (0\.99|1\.00)x$/, rows: ['/api/v1.2'] },
    {
      slug: 'both',
      route: ['/pay', '/api/v1.2'],
      burn: /^Burn rate over 1h: 5\.(8|9)\dx$/,
      rows: ['/pay', '/api/v1.2'],
    },
    { slug: 'all', route: [ALL_VALUE], burn: /^Burn rate over 1h: 5\.(8|9)\dx$/, rows: ['/pay', '/api/v1.2'] },
  ];
  for (const { slug, route, burn, rows } of cases) {
    test(`route=${route.join(',')}`, async ({ page, request, openHostPage, pageProblems }) => {
      const scenario = asScenario(burnRates, `per-label-oncall-${slug}`, 'prometheus', {
        route: pickedVariable(dashboard, 'route', route),
      });
      await openScenario(
        { request, hostUrl: host.url, openHostPage: (path) => openHostPage(path, { hostUrl: host.url }) },
        scenario,
        { width: 900, height: 600 }
      );
      await expect(page.getByTestId(HOST_PANEL_TEST_ID)).toHaveAttribute('data-state', 'Done');
      await expect(page.getByLabel(burn).first()).toBeVisible();
      await expect((await instanceRows(page)).locator('th')).toHaveText(rows);
      if (slug !== 'all') {
        await page.screenshot({ path: `e2e/screenshots/per-label-oncall-${slug}.png` });
      }
      expect(pageProblems).toEqual([]);
    });
  }
});

test('the on-call view of every KPI reads the routes from the records, which keep them', async ({
  page,
  request,
  openHostPage,
  pageProblems,
}) => {
  // The test Prometheus records shop-routes beside the example catalog (testPrometheus.ts), per route.
  const burnRates = (buildCatalogOnCallDashboard([routesKpi]).panels ?? []).find(
    (panel) => panel.type === NORTHSTAR_PANEL_TYPE
  ) as Panel;
  const scenario = asScenario(burnRates, 'per-label-catalog-oncall', 'prometheus', { kpi: routesKpi.id });
  await openScenario(
    { request, hostUrl: host.url, openHostPage: (path) => openHostPage(path, { hostUrl: host.url }) },
    scenario,
    { width: 900, height: 600 }
  );
  await expect(page.getByTestId(HOST_PANEL_TEST_ID)).toHaveAttribute('data-state', 'Done');
  // The whole KPI 5.9x over the last hour, and its routes worst first: /pay 50x, /api/v1.2 1x.
  await expect(page.getByLabel(/^Burn rate over 1h: 5\.(8|9)\dx$/).first()).toBeVisible();
  const rows = await instanceRows(page);
  await expect(rows.locator('th')).toHaveText(['/pay', '/api/v1.2']);
  await expect(rows.nth(0)).toContainText('50.0x');
  await page.screenshot({ path: 'e2e/screenshots/per-label-catalog-oncall.png' });
  expect(pageProblems).toEqual([]);
});
