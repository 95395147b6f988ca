/**
 * The catalog app in the plugin host, as people use it: a Viewer sees no edit controls and cannot save; an Admin
 * creates, publishes and edits a KPI and sees both versions and the diff after a reload; two editors at once get
 * a conflict; catalog text stays text; 50 KPIs cost one /api/ds/query per refresh.
 *
 * These tests change the catalog, so they run against a host of their own (fresh state, the example catalog),
 * which reads the shared Prometheus.
 */
import { join } from 'node:path';
import { selectors } from '@grafana/e2e-selectors';
import { testIds } from '../src/components/testIds';
import type { KpiDefinition } from '../src/kpi/model';
import { expect, test } from './fixtures';
import { PROMETHEUS_EXAMPLE_CATALOG, ownHostForThisFile } from './ownHost';
import {
  catalogPath,
  checkoutCopy,
  createAlertRulesFromPage,
  detailPath,
  editorPath,
  hostHelpers,
  pickPrometheus,
  SCREENSHOTS,
  SETTINGS_PATH,
} from './catalogAppSupport';
import { fillCodeEditor } from './queryEditorSupport';

const host = ownHostForThisFile({ name: 'catalog-app', catalog: PROMETHEUS_EXAMPLE_CATALOG });
const { readSettings, storedAlertRules, withExtraKpis } = hostHelpers(host);

test.describe('the catalog app', () => {
  test('a Viewer sees the catalog without edit controls, and a direct save is refused', async ({
    page,
    openHostPage,
  }) => {
    await openHostPage(catalogPath, { role: 'Viewer', hostUrl: host.url });
    await expect(page.getByTestId(testIds.catalog.row).first()).toBeVisible();
    await expect(page.getByTestId(testIds.catalog.addKpi)).toHaveCount(0);

    await openHostPage(detailPath('checkout-availability'), { role: 'Viewer', hostUrl: host.url });
    await expect(page.getByTestId(testIds.kpiDetail.definition)).toBeVisible();
    await expect(page.getByTestId(testIds.kpiDetail.edit)).toHaveCount(0);
    await expect(page.getByTestId(testIds.createAlertRules.container)).toHaveCount(0);

    await openHostPage(editorPath('checkout-availability'), { role: 'Viewer', hostUrl: host.url });
    await expect(page.getByTestId(testIds.kpiEditor.readOnly)).toBeVisible();
    await expect(page.getByTestId(testIds.kpiEditor.form)).toHaveCount(0);

    // What the UI hides, the API refuses: a save from the Viewer's own session.
    const status = await page.evaluate(async (path) => {
      const response = await fetch(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ enabled: true, pinned: true, jsonData: { catalog: { kpis: [] } } }),
      });
      return response.status;
    }, SETTINGS_PATH);
    expect(status).toBe(403);
    expect((await readSettings(page.request)).jsonData.catalog.kpis.length).toBeGreaterThan(0);
  });

  test('an Admin creates a KPI, publishes it, edits it to version 2, reloads and sees both versions and the diff', async ({
    page,
    openHostPage,
    pageProblems,
  }) => {
    await openHostPage(editorPath(), { hostUrl: host.url });
    await page.locator('#kpi-id').fill('e2e-checkout-success');
    await page.locator('#kpi-name').fill('Checkout success (e2e)');
    await page.locator('#kpi-owner').fill('team-e2e');
    await pickPrometheus(page);
    // The queries are typed into Grafana's PromQL editor, which the host serves for its Prometheus.
    await fillCodeEditor(
      page,
      'kpi-good',
      'sum(rate(http_requests_total{job="checkout",code!~"5.."}[$__rate_interval]))'
    );
    await fillCodeEditor(page, 'kpi-total', 'sum(rate(http_requests_total{job="checkout"}[$__rate_interval]))');
    await page.locator('#kpi-target').fill('99.9');

    await page.getByTestId(testIds.kpiEditor.saveDraft).click();
    await expect(page).toHaveURL(/\/edit\/e2e-checkout-success$/);
    await page.getByTestId(testIds.kpiEditor.publish).click();
    await expect(page).toHaveURL(/\/kpi\/e2e-checkout-success$/);
    await expect(page.getByTestId(testIds.kpiDetail.live)).toHaveAttribute('data-state', 'done');

    await page.getByTestId(testIds.kpiDetail.edit).click();
    await page.locator('#kpi-target').fill('99.5');
    await expect(page.getByTestId(testIds.kpiEditor.publish)).toHaveText(/Publish version 2/);
    await page.getByTestId(testIds.kpiEditor.publish).click();
    await expect(page).toHaveURL(/\/kpi\/e2e-checkout-success$/);

    await openHostPage(detailPath('e2e-checkout-success'), { hostUrl: host.url });
    const history = page.getByTestId(testIds.kpiDetail.history);
    await expect(history.getByRole('listitem')).toHaveText([/^v1\b/, /^v2\b/]);
    const diff = page.getByTestId(testIds.kpiDetail.diff);
    await expect(diff.getByRole('row')).toHaveCount(2);
    await expect(diff.getByRole('row').nth(1)).toHaveText(/objective\.target\s*0\.999\s*0\.995/);
    expect(pageProblems).toEqual([]);
  });

  test('two people editing at once: the second save gets the conflict with both versions, nothing is overwritten', async ({
    browser,
    request,
  }) => {
    await withExtraKpis(request, [checkoutCopy('e2e-conflict', 'Conflict (e2e)')], async () => {
      const first = await browser.newPage();
      const second = await browser.newPage();
      try {
        for (const page of [first, second]) {
          await page.goto(`${host.url}${editorPath('e2e-conflict')}?role=Admin&theme=dark`);
          await expect(page.getByTestId(testIds.kpiEditor.form)).toBeVisible();
        }
        await first.locator('#kpi-name').fill('Renamed by the first editor');
        await first.getByTestId(testIds.kpiEditor.publish).click();
        await expect(first).toHaveURL(/\/kpi\/e2e-conflict$/);

        await second.locator('#kpi-owner').fill('team-second');
        await second.getByTestId(testIds.kpiEditor.publish).click();
        const conflict = second.getByTestId(testIds.kpiEditor.conflict);
        await expect(conflict).toBeVisible();
        await expect(conflict).toContainText('Renamed by the first editor');
        await expect(conflict).toContainText('team-second');

        const stored = (await readSettings(request)).jsonData.catalog.kpis.find((kpi) => kpi.id === 'e2e-conflict');
        expect(stored).toMatchObject({ name: 'Renamed by the first editor', owner: 'team-e2e', version: 2 });
      } finally {
        await first.close();
        await second.close();
      }
    });
  });

  test('a KPI named like markup renders as text', async ({ page, request, openHostPage }) => {
    const name = '<img src=x onerror=alert(1)>';
    await withExtraKpis(request, [checkoutCopy('e2e-markup', name)], async () => {
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      await openHostPage(catalogPath, { hostUrl: host.url });
      const row = page.locator(`[data-kpi-id="e2e-markup"]`);
      await expect(row.getByText(name, { exact: true })).toBeVisible();
      await expect(page.locator('img[src="x"]')).toHaveCount(0);

      await openHostPage(detailPath('e2e-markup'), { hostUrl: host.url });
      await expect(page.getByRole('heading', { name })).toBeVisible();
      await expect(page.locator('img[src="x"]')).toHaveCount(0);
      expect(dialogs).toEqual([]);
    });
  });

  test('50 KPIs are evaluated with one /api/ds/query per refresh, not one per KPI', async ({
    page,
    request,
    openHostPage,
  }) => {
    const stored = (await readSettings(request)).jsonData.catalog.kpis;
    const kpis = Array.from({ length: 50 - stored.length }, (_, i) => checkoutCopy(`e2e-batch-${i}`, `Batch ${i}`));
    // SLOs and value KPIs (four in the example catalog) alike.
    const published = [...stored, ...kpis].filter((kpi) => kpi.status === 'published').length;
    await withExtraKpis(request, kpis, async () => {
      const queries: string[] = [];
      page.on('request', (req) => {
        if (new URL(req.url()).pathname === '/api/ds/query') {
          queries.push(req.postData() ?? '');
        }
      });
      await openHostPage(catalogPath, { hostUrl: host.url });
      const rows = page.getByTestId(testIds.catalog.row);
      await expect(rows).toHaveCount(50);
      await expect(page.locator(`[data-testid="${testIds.catalog.row}"][data-state="pending"]`)).toHaveCount(0);
      expect(queries).toHaveLength(1);
      // Every published KPI of the 50 is in that one request (drafts are not evaluated).
      const refIds = (JSON.parse(queries[0]) as { queries: Array<{ refId: string }> }).queries.map((q) => q.refId);
      expect(published).toBeGreaterThan(40);
      expect(new Set(refIds.map((refId) => refId.split('-')[0])).size).toBe(published);

      await page.getByTestId(selectors.components.RefreshPicker.runButtonV2).click();
      await expect.poll(() => queries.length).toBe(2);
      await page.waitForTimeout(500);
      expect(queries).toHaveLength(2);
    });
  });
});

test.describe('dashboards and alert rules from the KPI detail page', () => {
  test('an Admin creates the KPI’s dashboards and its alert rules; doing it again updates, never duplicates', async ({
    page,
    request,
    openHostPage,
    pageProblems,
  }) => {
    await openHostPage(detailPath('checkout-availability'), { hostUrl: host.url });

    await page.getByTestId(testIds.createDashboards.button).click();
    const results = page.getByTestId(testIds.createDashboards.results);
    // The KPI's three, and the on-call view of every KPI its on-call dashboard links to.
    await expect(results.getByRole('listitem')).toHaveCount(4);
    await expect(results).toContainText('On-call: Northstar KPI: on-call (created)');

    for (let run = 0; run < 2; run++) {
      await createAlertRulesFromPage(page);
    }
    const stored = await storedAlertRules(request, 'checkout-availability');
    expect(stored.map((rule) => rule.labels?.severity).sort()).toEqual(['page', 'ticket']);

    await page.getByTestId(testIds.createDashboards.button).click();
    await expect(results.getByText(/already up to date/)).toHaveCount(4);
    // The buttons stay side by side above what each created.
    await page
      .getByRole('region', { name: 'Dashboards and alerts' })
      .screenshot({ path: join(SCREENSHOTS, 'kpi-detail-slo-create-actions-dark.png') });
    await openHostPage(detailPath('checkout-availability'), { hostUrl: host.url, theme: 'light' });
    await expect(page.getByRole('group', { name: 'Create from this KPI' }).getByRole('button')).toHaveText([
      'Create dashboards',
      'Create alert rules',
    ]);
    await page
      .getByRole('region', { name: 'Dashboards and alerts' })
      .screenshot({ path: join(SCREENSHOTS, 'kpi-detail-slo-create-actions-light.png') });
    // The first run asks for each dashboard before creating it: Grafana's 404 (and the browser's line about it)
    // is the expected answer there, nothing else is.
    const expected404 = /(HTTP 404: GET .*\/api\/dashboards\/uid\/nsk-(checkout-availability-|oncall)|status of 404)/;
    expect(pageProblems.filter((problem) => !expected404.test(problem))).toEqual([]);
    expect(pageProblems.filter((problem) => problem.startsWith('HTTP 404'))).toHaveLength(4);
  });
});

test.describe('the low-traffic guard', () => {
  test('a KPI whose short windows hold fewer events than it asks for is not paged for, and says why', async ({
    page,
    request,
    openHostPage,
  }) => {
    // The test traffic ends in a 20x burn that pages the example KPI; no window holds a trillion requests.
    const guarded: KpiDefinition = {
      ...checkoutCopy('e2e-low-traffic', 'Checkout, guarded'),
      alerting: { policy: 'default', minEvents: 1_000_000_000_000 },
    };
    await withExtraKpis(request, [guarded, checkoutCopy('e2e-unguarded', 'Checkout, unguarded')], async () => {
      await openHostPage(catalogPath, { hostUrl: host.url });
      await expect(page.locator('[data-kpi-id="e2e-unguarded"]')).toHaveAttribute('data-state', 'page');
      const row = page.locator('[data-kpi-id="e2e-low-traffic"]');
      await expect(row).not.toHaveAttribute('data-state', 'pending');
      await expect(row).not.toHaveAttribute('data-state', 'page');

      await openHostPage(detailPath('e2e-low-traffic'), { hostUrl: host.url });
      const table = page.getByTestId(testIds.kpiPanel.burnRateTable);
      await expect(table.locator('tr[data-state="held-back"]')).not.toHaveCount(0);
      await expect(table.locator('tr[data-state="firing"]')).toHaveCount(0);
      await expect(table.getByText('Low traffic').first()).toBeVisible();
    });
  });
});
