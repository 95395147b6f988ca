/**
 * The kinds of KPI in the catalog app, as people use them: calendar periods (this month and the last), long SLO
 * windows read at coarser steps, maintenance windows, and composite KPIs built in the editor, with their
 * dashboards and alert rules.
 *
 * These tests change the catalog, so they run against a host of their own (fresh state, the example catalog),
 * which reads the shared Prometheus.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Panel } from '@grafana/schema';
import { isSourcedSlo, type CatalogKpi, type CompositeKpiDefinition, type KpiDefinition } from '../src/kpi/model';
import { testIds } from '../src/components/testIds';
import { buildExecutiveDashboard } from '../src/dashboards/executive';
import { NORTHSTAR_PANEL_TYPE } from '../src/dashboards/panels';
import { APP_BASE_PATH, HOST_PANEL_TEST_ID, ROLE_HEADER, THEMES } from './host/hostContract';
import { expect, test } from './fixtures';
import { PROMETHEUS_EXAMPLE_CATALOG, ownHostForThisFile } from './ownHost';
import { asScenario, openScenario } from './panelScenarios';
import {
  catalogPath,
  checkoutCopy,
  createAlertRulesFromPage,
  detailPath,
  editorPath,
  hostHelpers,
  SCREENSHOTS,
} from './catalogAppSupport';

const host = ownHostForThisFile({ name: 'catalog-kinds', catalog: PROMETHEUS_EXAMPLE_CATALOG });
const { readSettings, writeSettings, openPanel, storedAlertRules, withExtraKpis } = hostHelpers(host);

test.describe('calendar periods', () => {
  test('an Admin makes a KPI monthly in Berlin; the catalog and the KPI page count this month, and show last month', async ({
    page,
    request,
    openHostPage,
    pageProblems,
  }) => {
    await withExtraKpis(request, [checkoutCopy('e2e-monthly', 'Checkout, monthly')], async () => {
      await openHostPage(editorPath('e2e-monthly'), { hostUrl: host.url });
      await page.getByRole('radio', { name: 'Month' }).check({ force: true });
      await page.locator('#kpi-time-zone').fill('Europe/Berlin');
      await expect(page.getByTestId(testIds.kpiEditor.publish)).toHaveText(/Publish version 2/);
      await page.getByTestId(testIds.kpiEditor.publish).click();
      await expect(page).toHaveURL(/\/kpi\/e2e-monthly$/);

      const stored = (await readSettings(request)).jsonData.catalog.kpis.find((kpi) => kpi.id === 'e2e-monthly');
      expect(stored?.objective.window).toEqual({ calendar: 'month', timeZone: 'Europe/Berlin' });
      await expect(page.getByText('good over each calendar month (Europe/Berlin)')).toBeVisible();
      // The checkout burn of the test traffic pages whatever the window; the budget row is this month's.
      await expect(page.getByTestId(testIds.kpiPanel.burnRateTable)).toContainText('this month');

      await openHostPage(catalogPath, { hostUrl: host.url });
      const row = page.locator('[data-kpi-id="e2e-monthly"]');
      await expect(row).toHaveAttribute('data-state', 'page');
      // Whether last month has data depends on today's date (the test traffic spans two days).
      await expect(row.getByTestId(testIds.catalog.previousPeriod)).toHaveText(
        /^this month, last month (\d+(\.\d+)?%|—)$/
      );
      expect(pageProblems).toEqual([]);
    });
  });

  test('the executive view of a monthly KPI reaches back to last month and shows its SLI beside this month', async ({
    page,
    request,
    openHostPage,
    pageProblems,
  }) => {
    const monthly: KpiDefinition = {
      ...checkoutCopy('e2e-monthly-executive', 'Checkout, monthly'),
      objective: { target: 0.999, window: { calendar: 'month', timeZone: 'UTC' } },
    };
    await withExtraKpis(request, [monthly], async () => {
      const dashboard = buildExecutiveDashboard([monthly]);
      const panels = (dashboard.panels ?? []) as Panel[];
      const northstar = panels.find((panel) => panel.type === NORTHSTAR_PANEL_TYPE)!;
      // Two of the longest months (31 days and an hour) reach the start of last month from any day of this one;
      // Grafana reads a range of one unit only, so 62d 2h is read as 63d.
      expect(northstar.timeFrom).toBe('63d');
      expect(panels.filter((panel) => panel.title === 'SLI vs previous period')).toEqual([]);
      await openScenario(
        { request, hostUrl: host.url, openHostPage: (path) => openHostPage(path, { hostUrl: host.url }) },
        asScenario(northstar, 'executive-monthly', 'prometheus'),
        { width: 900, height: 420 }
      );
      await expect(page.getByTestId(HOST_PANEL_TEST_ID)).toHaveAttribute('data-state', 'Done');
      // The test traffic spans the last two days: last month has an SLI unless they all lie in this month.
      await expect(page.getByTestId(testIds.kpiPanel.previousPeriod)).toHaveText(/^Last month(\d+\.\d+%|—)$/);
      expect(pageProblems).toEqual([]);
    });
  });
});

test.describe('long SLO windows', () => {
  test('a 90d KPI is read at 15m steps, and its page still judges the 5m window, from instant counts', async ({
    page,
    request,
    openHostPage,
  }) => {
    // The test traffic ends in two hours of 2 % errors: a 20x burn at 99.9 %. Over 90d the fast page row asks for
    // 0.02 × 90d / 1h = 43.2x, so the rule is quiet; before the instant counts its 5m window read "no data".
    const ninetyDays: KpiDefinition = {
      ...checkoutCopy('e2e-90d', 'Checkout over 90 days'),
      objective: { target: 0.999, window: '90d' },
    };
    await withExtraKpis(request, [ninetyDays], async () => {
      const queries: string[] = [];
      page.on('request', (sent) => {
        if (new URL(sent.url()).pathname === '/api/ds/query') {
          queries.push(...(sent.postDataJSON() as { queries: Array<{ refId: string }> }).queries.map((q) => q.refId));
        }
      });
      await openHostPage(detailPath('e2e-90d'), { hostUrl: host.url });
      const table = page.getByTestId(testIds.kpiPanel.burnRateTable);
      const fastPage = table.locator('tbody tr').first();
      await expect(fastPage).toHaveAttribute('data-state', 'quiet');
      await expect(fastPage.getByText(/^20\.\dx$/)).toHaveCount(2);
      // Not "no data" any more: two days of about 10 requests a second allow some 1,700 bad ones at 99.9 %, and the
      // burn alone failed 2h × 12/s × 2 % = 1,728.
      await expect(page.getByTestId(testIds.kpiPanel.status).first()).toHaveAttribute(
        'data-status',
        'budget-exhausted'
      );
      expect(queries).toEqual(expect.arrayContaining(['good', 'total', 'good@5m', 'total@5m']));
    });
  });
});

test.describe('maintenance windows', () => {
  test('an Admin adds a window around now; the KPI page lists it and reads maintenance where its twin pages', async ({
    page,
    request,
    openHostPage,
    pageProblems,
  }) => {
    const twins = [checkoutCopy('e2e-maintained', 'Checkout, maintained'), checkoutCopy('e2e-unmaintained', 'Twin')];
    await withExtraKpis(request, twins, async () => {
      await openHostPage(editorPath('e2e-maintained'), { hostUrl: host.url });
      await page.getByTestId(testIds.kpiEditor.addMaintenance).click();
      const row = page.getByRole('group', { name: 'Maintenance window 1' });
      await row.getByRole('radio', { name: 'Once' }).check({ force: true });
      const hour = 3_600_000;
      const start = new Date(Date.now() - hour).toISOString().replace(/\.\d+Z$/, 'Z');
      const end = new Date(Date.now() + hour).toISOString().replace(/\.\d+Z$/, 'Z');
      await row.getByLabel('Maintenance window 1 start').fill(start);
      // Live validation, in the schema's words, at the field.
      await row.getByLabel('Maintenance window 1 end').fill(start);
      await expect(row.getByText('must be after start')).toBeVisible();
      await row.getByLabel('Maintenance window 1 end').fill(end);
      await row.getByLabel('Maintenance window 1 reason').fill('database upgrade (e2e)');
      await expect(row.getByText('must be after start')).toHaveCount(0);
      await page.getByTestId(testIds.kpiEditor.publish).click();
      await expect(page).toHaveURL(/\/kpi\/e2e-maintained$/);

      const stored = (await readSettings(request)).jsonData.catalog.kpis.find((kpi) => kpi.id === 'e2e-maintained');
      expect(stored?.maintenance).toEqual([{ start, end, reason: 'database upgrade (e2e)' }]);
      const listed = page.getByTestId(testIds.kpiDetail.maintenance);
      await expect(listed).toContainText('Maintenance until');
      await expect(listed).toContainText('database upgrade (e2e)');
      // The test traffic ends in a burn that pages the twin; inside the window nothing fires.
      await expect(page.getByTestId(testIds.kpiDetail.live)).toHaveAttribute('data-state', 'done');
      await expect(page.locator(`[data-testid="${testIds.kpiPanel.status}"]`).first()).toHaveAttribute(
        'data-status',
        'maintenance'
      );
      await expect(page.getByTestId(testIds.kpiPanel.burnRateTable).locator('tr[data-state="firing"]')).toHaveCount(0);
      // The burndown is flat over the window's hour so far, and says so.
      await expect(page.getByTestId(testIds.kpiPanel.maintenance)).toContainText(
        /^1 maintenance window \(\d+[hm].*\) left out, flat in the burndown; the last .*: database upgrade \(e2e\)$/
      );
      // And the chart shades it: the window runs past now, so its region ends at the axis' right end.
      for (const theme of THEMES) {
        await openHostPage(detailPath('e2e-maintained'), { hostUrl: host.url, theme });
        const burndown = page.getByRole('img', { name: /^Error budget burndown/ });
        const shade = burndown.getByTestId(testIds.kpiPanel.maintenanceShade);
        await expect(shade).toHaveCount(1);
        const [chartBox, shadeBox] = [await burndown.boundingBox(), await shade.boundingBox()];
        expect(shadeBox!.width).toBeGreaterThanOrEqual(2);
        expect(Math.abs(shadeBox!.x + shadeBox!.width - (chartBox!.x + chartBox!.width))).toBeLessThanOrEqual(3);
        await burndown.screenshot({ path: join(SCREENSHOTS, `maintenance-burndown-${theme}.png`) });
      }

      await openHostPage(catalogPath, { hostUrl: host.url });
      await expect(page.locator('[data-kpi-id="e2e-unmaintained"]')).toHaveAttribute('data-state', 'page');
      await expect(page.locator('[data-kpi-id="e2e-maintained"]')).toHaveAttribute('data-state', 'maintenance');
      expect(pageProblems).toEqual([]);
    });
  });
});

test.describe('composite KPIs', () => {
  /**
   * Checkout (weight 1) and login (weight 3) over the last hour, against 99.5 %. The test traffic has checkout
   * failing 2 % of its requests in its last two hours and login 0.1 % throughout, so every window of the hour reads
   * SLI (0.98 + 3 × 0.999) / 4 = 3.977 / 4 = 0.99425 (shown rounded down: 99.42 %), burn rate
   * (1 − 0.99425) / (1 − 0.995) = 1.15, budget remaining 1 − 1.15 = −15 %: exhausted, but below the page factor.
   * Checkout's share of the bad: 1 × 0.02 / (1 × 0.02 + 3 × 0.001) = 0.02 / 0.023 = 87.0 %; login's 13.0 %.
   */
  const journey: CompositeKpiDefinition = {
    id: 'e2e-journey',
    version: 1,
    status: 'published',
    name: 'Sign-in and checkout (e2e)',
    owner: 'team-e2e',
    indicator: {
      type: 'composite',
      members: [
        { kpi: 'checkout-availability', weight: 1 },
        { kpi: 'login-success', weight: 3 },
      ],
    },
    objective: { target: 0.995, window: '1h' },
    // A 10m short window makes the KPI page step by 10m: its range queries then reach back at most 1h + 2 steps, well
    // inside checkout's two burning hours (a 30m step would reach into the hours before them).
    alerting: { policy: 'custom', rules: [{ severity: 'page', long: '1h', short: '10m', factor: 10 }] },
  };

  test('an Admin builds the same composite in the editor, with live validation, and publishes it', async ({
    page,
    request,
    openHostPage,
    pageProblems,
  }) => {
    const original = await readSettings(request);
    try {
      await openHostPage(editorPath(), { hostUrl: host.url });
      await page.locator('#kpi-id').fill('e2e-journey-edited');
      await page.locator('#kpi-name').fill('Journey from the editor (e2e)');
      await page.locator('#kpi-owner').fill('team-e2e');
      await page.getByRole('radio', { name: 'Composite' }).check({ force: true });
      await expect(page.locator('#kpi-datasource')).toHaveCount(0);
      const pickMember = async (index: number, name: string) => {
        await page.locator(`#kpi-member-${index}`).click();
        await page.locator(`#kpi-member-${index}`).fill(name);
        await page.getByRole('option', { name: new RegExp(`^${name}`) }).click();
        await expect(page.locator(`#kpi-member-${index}`)).toHaveValue(name);
      };
      await pickMember(0, 'Checkout availability');
      await page.getByTestId(testIds.kpiEditor.addMember).click();
      await pickMember(1, 'Login success');
      // Live validation names the field: a weight must be a number.
      await page.locator('#kpi-member-1-weight').fill('three');
      await expect(page.getByTestId(testIds.kpiEditor.members)).toContainText('must be a number, got the text "three"');
      await page.locator('#kpi-member-1-weight').fill('3');
      await expect(page.getByTestId(testIds.kpiEditor.members)).not.toContainText('must be a number');
      await page.locator('#kpi-target').fill('99.5');
      await page.locator('#kpi-window').fill('1h');
      await page.getByTestId(testIds.kpiEditor.publish).click();
      await expect(page).toHaveURL(/\/kpi\/e2e-journey-edited$/);

      const stored = (await readSettings(request)).jsonData.catalog.kpis.find((kpi) => kpi.id === 'e2e-journey-edited');
      expect(stored).toMatchObject({
        indicator: {
          type: 'composite',
          members: [
            { kpi: 'checkout-availability', weight: 1 },
            { kpi: 'login-success', weight: 3 },
          ],
        },
        objective: { target: 0.995, window: '1h' },
      });
      expect(stored?.datasource).toBeUndefined();
      // The same members, weights and window as above: (0.98 + 3 × 0.999) / 4 = 99.425 %, shown as 99.42 %.
      await expect(page.getByTestId(testIds.kpiDetail.live)).toHaveAttribute('data-state', 'done');
      await expect(page.getByTestId(testIds.kpiDetail.compositeSli)).toHaveText('99.42%');
      await expect(page.getByTestId(testIds.kpiDetail.member)).toHaveCount(2);
      expect(pageProblems).toEqual([]);
    } finally {
      await writeSettings(request, { ...original, jsonData: { ...original.jsonData, revision: randomUUID() } });
    }
  });

  test('the executive overview shows the composite in a Northstar panel that reads its members, 99.42 %', async ({
    page,
    request,
    openHostPage,
    pageProblems,
  }) => {
    await withExtraKpis(request, [journey], async () => {
      const catalog = (await readSettings(request)).jsonData.catalog.kpis as CatalogKpi[];
      // The overview's SLO panels read the SLOs that query a data source: neither composites nor value KPIs.
      const kpis = catalog.filter((kpi): kpi is KpiDefinition => isSourcedSlo(kpi));
      const dashboard = buildExecutiveDashboard(kpis, { composites: [journey], catalog });
      const panel = ((dashboard.panels ?? []) as Panel[]).find((p) => p.options?.kpiId === journey.id)!;
      expect(panel.targets?.map((target) => target.refId)).toEqual(['m0-good', 'm0-total', 'm1-good', 'm1-total']);
      await openPanel({ page, request, openHostPage }, panel, 'executive-composite');
      await expect(page.getByLabel('SLI: 99.42%')).toBeVisible();
      await expect(page.getByTestId(testIds.kpiPanel.container)).toHaveAttribute('data-status', 'budget-exhausted');
      expect(pageProblems).toEqual([]);
    });
  });

  test("an Admin creates the composite's dashboards and alert rules from its page; its on-call panels read the page's numbers", async ({
    page,
    request,
    openHostPage,
    pageProblems,
  }) => {
    await withExtraKpis(request, [journey], async () => {
      await openHostPage(detailPath(journey.id), { hostUrl: host.url });
      await expect(page.getByTestId(testIds.kpiDetail.live)).toHaveAttribute('data-state', 'done');
      // SLI 99.425 % and (1 − 0.99425) / 0.005 = 1.15x over both windows of its one rule, on the page.
      await expect(page.getByTestId(testIds.kpiDetail.compositeSli)).toHaveText('99.42%');
      await expect(page.getByLabel('Burn rate over 1h: 1.15x')).toBeVisible();
      await expect(page.getByLabel('Burn rate over 10m: 1.15x')).toBeVisible();
      // Its own two dashboards; it shows on the catalog's executive overview and has no records for nsk-oncall.
      const links = page.getByRole('region', { name: 'Dashboards and alerts' }).getByRole('link');
      await expect(links).toHaveText(['On-call', 'Debug']);
      await expect(links.first()).toHaveAttribute('href', /\/d\/nsk-e2e-journey-oncall$/);

      await page.getByTestId(testIds.createDashboards.button).click();
      const results = page.getByTestId(testIds.createDashboards.results);
      // Its on-call and debug, and the on-call view of every KPI.
      await expect(results.getByRole('listitem')).toHaveCount(3);
      await expect(results).toContainText(`On-call: ${journey.name}: on-call`);
      await expect(results).toContainText(`Debug: ${journey.name}: debug`);

      await createAlertRulesFromPage(page);
      const stored = await storedAlertRules(request, journey.id);
      expect(stored.map((rule) => [rule.uid, rule.labels?.severity])).toEqual([['nsk-e2e-journey-page', 'page']]);

      const saved = await request.get(`${host.url}/api/dashboards/uid/nsk-e2e-journey-oncall`, {
        headers: { [ROLE_HEADER]: 'Admin' },
      });
      expect(saved.status()).toBe(200);
      const panels = ((await saved.json()) as { dashboard: { panels: Panel[] } }).dashboard.panels;
      const composite = (view: string) =>
        panels.find(
          (p) => p.type === NORTHSTAR_PANEL_TYPE && p.options?.kpiId === journey.id && p.options?.view === view
        )!;
      await openPanel({ page, request, openHostPage }, composite('stat'), 'oncall-composite-stat');
      await expect(page.getByLabel('SLI: 99.42%')).toBeVisible();
      await openPanel({ page, request, openHostPage }, composite('burn-rate-table'), 'oncall-composite-burn');
      await expect(page.getByLabel('Burn rate over 1h: 1.15x')).toBeVisible();
      await expect(page.getByLabel('Burn rate over 10m: 1.15x')).toBeVisible();
      await page.screenshot({ path: join(__dirname, 'screenshots', 'oncall-composite-burn-rate.png') });
      // The first run asks for each dashboard before creating it: Grafana's 404 is the expected answer there.
      const expected404 = /(HTTP 404: GET .*\/api\/dashboards\/uid\/nsk-(e2e-journey-|oncall)|status of 404)/;
      expect(pageProblems.filter((problem) => !expected404.test(problem))).toEqual([]);
    });
  });

  test('the catalog shows a composite of checkout and login with its hand-computed SLI, in the one request', async ({
    page,
    request,
    openHostPage,
    pageProblems,
  }) => {
    await withExtraKpis(request, [journey], async () => {
      const queries: string[] = [];
      page.on('request', (req) => {
        if (new URL(req.url()).pathname === '/api/ds/query') {
          queries.push(req.postData() ?? '');
        }
      });
      await openHostPage(catalogPath, { hostUrl: host.url });
      const row = page.locator(`[data-testid="${testIds.catalog.row}"][data-kpi-id="e2e-journey"]`);
      await expect(row).toHaveAttribute('data-state', 'budget-exhausted');
      await expect(row.getByTestId(testIds.catalog.composite)).toHaveText(' · composite of 2');
      await expect(row).toContainText('99.42%');
      // The members' queries ride in the catalog's one request, under the composite's refIds.
      expect(queries).toHaveLength(1);
      const refIds = (JSON.parse(queries[0]) as { queries: Array<{ refId: string }> }).queries.map((q) => q.refId);
      expect(refIds.filter((refId) => /^k\d+-m[01]-(10m|1h)$/.test(refId))).toHaveLength(4);

      await row.getByRole('link', { name: journey.name }).click();
      await expect(page).toHaveURL(/\/kpi\/e2e-journey$/);
      const live = page.getByTestId(testIds.kpiDetail.live);
      await expect(live).toHaveAttribute('data-state', 'done');
      await expect(page.getByTestId(testIds.kpiDetail.compositeSli)).toHaveText('99.42%');
      const members = page.getByTestId(testIds.kpiDetail.member);
      await expect(members).toHaveCount(2);
      const checkout = page.locator(`[data-testid="${testIds.kpiDetail.member}"][data-kpi-id="checkout-availability"]`);
      await expect(checkout).toContainText('98.00%');
      await expect(checkout).toContainText('87.0%');
      const login = page.locator(`[data-testid="${testIds.kpiDetail.member}"][data-kpi-id="login-success"]`);
      await expect(login).toContainText('99.90%');
      await expect(login).toContainText('13.0%');
      await expect(page.getByText('weighted mean of the SLIs of 2 member KPIs')).toBeVisible();
      await page.screenshot({ path: join(__dirname, 'screenshots', 'kpi-detail-composite.png'), fullPage: true });

      // Each member links to its own page.
      await login.getByRole('link', { name: 'Login success' }).click();
      await expect(page).toHaveURL(/\/kpi\/login-success$/);

      // The report has a row for the composite, read from its members' queries.
      await openHostPage(`${APP_BASE_PATH}/report?period=this-week&tz=UTC`, { hostUrl: host.url });
      const reportRow = page.locator(`[data-testid="${testIds.report.row}"][data-kpi-id="e2e-journey"]`);
      await expect(reportRow).toHaveAttribute('data-state', 'ok');
      await expect(reportRow).toContainText(journey.name);
      expect(pageProblems).toEqual([]);
    });
  });
});
