/**
 * The Northstar panels of the dashboards shipped with the plugin, rendered by the plugin host the way a dashboard
 * holds them (targets, options, SLO-window time range, variables), with data from the real Prometheus.
 * Screenshots for review.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dashboard, Panel } from '@grafana/schema';
import { NORTHSTAR_PANEL_TYPE } from '../src/dashboards/panels';
import { testIds } from '../src/components/testIds';
import { HOST_PANEL_TEST_ID } from './host/hostContract';
import { expect, test } from './fixtures';
import { asScenario, openScenario } from './panelScenarios';

const SCREENSHOT_DIR = join(__dirname, 'screenshots');

const SHIPPED_DIR = join(__dirname, '../src/dashboards/json');
/** The on-call dashboard the plugin ships for the example catalog's checkout KPI, which the host seeds. */
const SHIPPED_ONCALL = join(SHIPPED_DIR, 'checkout-availability.oncall.json');
/** The data source the shipped dashboards' `datasource` variable starts on: the host's Prometheus. */
const DEFAULT_DATASOURCE_UID = 'prometheus';

/** The on-call view of every KPI, which reads the recorded series the test Prometheus holds. */
const SHIPPED_CATALOG_ONCALL = join(SHIPPED_DIR, 'oncall.json');

test.describe('the shipped on-call dashboard of checkout-availability', () => {
  const oncall = JSON.parse(readFileSync(SHIPPED_ONCALL, 'utf8')) as Dashboard;
  const northstarPanels = (oncall.panels ?? []).filter((panel) => panel.type === NORTHSTAR_PANEL_TYPE) as Panel[];

  test('has the burn-rate table and the burndown to render', () => {
    expect(northstarPanels.map((panel) => panel.options?.view)).toEqual(['burn-rate-table', 'budget-burndown']);
  });

  for (const [index, view] of ['burn-rate-table', 'budget-burndown'].entries()) {
    test(`its ${view} panel renders with data from Prometheus`, async ({
      page,
      request,
      hostUrl,
      openHostPage,
      pageProblems,
    }) => {
      const scenario = asScenario(northstarPanels[index], `generated-oncall-${view}`, DEFAULT_DATASOURCE_UID);
      await openScenario({ request, hostUrl, openHostPage }, scenario, { width: 900, height: 420 });

      const host = page.getByTestId(HOST_PANEL_TEST_ID);
      await expect(host).toHaveAttribute('data-state', 'Done');
      await expect(host).toHaveAttribute('data-frames', '2');
      const panel = page.getByTestId(testIds.kpiPanel.container);
      await expect(panel).toHaveAttribute('data-view', view);
      // The test Prometheus holds a checkout burn that pages (e2e/host/testPrometheus.ts: a 2 % error burn in the last two hours).
      await expect(panel).toHaveAttribute('data-status', 'page');
      await page.waitForLoadState('networkidle');
      await page.waitForFunction(() => document.querySelectorAll('svg:empty').length === 0);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `dashboard-oncall-${view}.png`) });
      expect(pageProblems).toEqual([]);
    });
  }
});

test.describe('the Northstar panels of the shipped executive overview and debug dashboard', () => {
  const panelsOf = (file: string) =>
    ((JSON.parse(readFileSync(join(SHIPPED_DIR, file), 'utf8')) as Dashboard).panels ?? []).filter(
      (panel) => panel.type === NORTHSTAR_PANEL_TYPE
    ) as Panel[];
  // Checkout pages (its 2 % burn), logins are within budget, and search has no series in the test Prometheus:
  // no data, which must not look OK.
  const expected: Record<string, string> = {
    'checkout-availability': 'page',
    'login-success': 'ok',
    'search-latency': 'no-data',
  };
  const cases = [
    ...panelsOf('executive.json').map((panel) => ({ file: 'executive', panel })),
    ...panelsOf('checkout-availability.debug.json').map((panel) => ({ file: 'debug', panel })),
  ];

  test('the executive overview has one per value KPI (PromQL, then SQL), per driver beside its goal and per published SLO, the debug dashboard one', () => {
    expect(cases.map(({ file, panel }) => [file, panel.options?.kpiId])).toEqual([
      // conversion's value tile, then its drivers, in its row
      ['executive', 'checkout-conversion'],
      ['executive', 'search-latency'],
      ['executive', 'checkout-availability'],
      // the other value KPIs' tiles
      ['executive', 'monthly-revenue'],
      ['executive', 'cost-per-1k-requests'],
      ['executive', 'search-index-freshness'],
      // the SQL value KPIs' tiles, on PostgreSQL, and orders' drivers: the SQL SLO's own stat, then search latency
      ['executive', 'shop-revenue'],
      ['executive', 'orders-per-day'],
      ['executive', 'payment-success'],
      ['executive', 'search-latency'],
      ['executive', 'incident-mttr'],
      // the SLOs' own rows
      ['executive', 'checkout-availability'],
      ['executive', 'search-latency'],
      ['executive', 'login-success'],
      ['executive', 'payment-success'],
      ['debug', 'checkout-availability'],
    ]);
  });

  // A driver's panel is the same panel as its own row's: each KPI renders once per dashboard. The value tiles read
  // series the test Prometheus lacks; a value tile with data is valueKpiPanelReport.spec.ts's.
  const rendered = cases.filter(
    (one, index) =>
      String(one.panel.options?.kpiId) in expected &&
      cases.findIndex((other) => other.file === one.file && other.panel.options?.kpiId === one.panel.options?.kpiId) ===
        index
  );
  for (const { file, panel: dashboardPanel } of rendered) {
    const kpi = String(dashboardPanel.options?.kpiId);
    test(`${file}: ${kpi} renders as ${expected[kpi]}`, async ({
      page,
      request,
      hostUrl,
      openHostPage,
      pageProblems,
    }) => {
      const scenario = asScenario(dashboardPanel, `shipped-${file}-${kpi}`, DEFAULT_DATASOURCE_UID);
      await openScenario({ request, hostUrl, openHostPage }, scenario, { width: 600, height: 300 });
      const panel = page.getByTestId(testIds.kpiPanel.container);
      await expect(panel).toHaveAttribute('data-status', expected[kpi]);
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: join(SCREENSHOT_DIR, `dashboard-${file}-${kpi}.png`) });
      expect(pageProblems).toEqual([]);
    });
  }
});

test.describe('the shipped on-call view of every KPI, on recorded series', () => {
  const oncall = JSON.parse(readFileSync(SHIPPED_CATALOG_ONCALL, 'utf8')) as Dashboard;
  const [burnRates, burndown] = (oncall.panels ?? []).filter((panel) => panel.type === NORTHSTAR_PANEL_TYPE) as Panel[];

  // The test Prometheus runs the example catalog's rules, backfilled over its two days (e2e/host/testPrometheus.ts):
  // checkout burns 2 % of its requests for the last two hours (20x: page), logins fail 0.1 % (0.2x: within budget).
  const cases = [
    { kpi: 'checkout-availability', name: 'Checkout availability', status: 'page' },
    { kpi: 'login-success', name: 'Login success', status: 'ok' },
  ];
  for (const { kpi, name, status } of cases) {
    test(`with kpi=${kpi} its burn-rate panel shows ${name}: ${status}`, async ({
      page,
      request,
      hostUrl,
      openHostPage,
      pageProblems,
    }) => {
      const scenario = asScenario(burnRates, `catalog-oncall-${kpi}`, DEFAULT_DATASOURCE_UID, { kpi });
      await openScenario({ request, hostUrl, openHostPage }, scenario, { width: 900, height: 420 });

      await expect(page.getByTestId(HOST_PANEL_TEST_ID)).toHaveAttribute('data-frames', '2');
      const panel = page.getByTestId(testIds.kpiPanel.container);
      await expect(panel).toHaveAttribute('data-status', status);
      await expect(panel).toContainText(name);
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: join(SCREENSHOT_DIR, `dashboard-catalog-oncall-${kpi}.png`) });
      expect(pageProblems).toEqual([]);
    });
  }

  test('its burndown follows the variable too', async ({ page, request, hostUrl, openHostPage, pageProblems }) => {
    const scenario = asScenario(burndown, 'catalog-oncall-burndown', DEFAULT_DATASOURCE_UID, {
      kpi: 'checkout-availability',
    });
    await openScenario({ request, hostUrl, openHostPage }, scenario, { width: 900, height: 420 });
    const panel = page.getByTestId(testIds.kpiPanel.container);
    await expect(panel).toHaveAttribute('data-view', 'budget-burndown');
    await expect(panel).toHaveAttribute('data-status', 'page');
    expect(pageProblems).toEqual([]);
  });
});
