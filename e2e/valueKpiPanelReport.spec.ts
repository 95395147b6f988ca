/**
 * Value KPIs in the editor, the panel and the report, in both themes: an Admin creates one with Preview, the panel
 * shows one in a 300×200 dashboard cell, and the report lists one beside the SLOs. The value KPI is checkout's share
 * of successful requests as a business value (Σ good / Σ all over a rolling day), so it reads the shared
 * Prometheus's checkout traffic: its last day holds the 2 % burn, the day before does not.
 *
 * These tests change the catalog, so they run against a host of their own.
 */
import { join } from 'node:path';
import type { ValueKpiDefinition } from '../src/kpi/model';
import { testIds } from '../src/components/testIds';
import { APP_BASE_PATH, SCENARIOS_API_PATH, THEMES } from './host/hostContract';
import { expect, test } from './fixtures';
import { EXAMPLE_CATALOG, ownHostForThisFile } from './ownHost';
import { catalogPath, editorPath, hostHelpers, pickPrometheus, SCREENSHOTS } from './catalogAppSupport';
import { fillCodeEditor } from './queryEditorSupport';
import { valuePanelQueryOptions } from '../src/reading';
import type { Page } from '@playwright/test';
import type { Panel } from '@grafana/schema';
import { buildExecutiveDashboard } from '../src/dashboards/executive';
import { NORTHSTAR_PANEL_TYPE } from '../src/dashboards/panels';
import { asScenario, openScenario } from './panelScenarios';

const host = ownHostForThisFile({ name: 'value-kpi-panel-report', catalog: EXAMPLE_CATALOG });
const { readSettings, withExtraKpis } = hostHelpers(host);

const GOOD = 'sum(rate(http_requests_total{job="checkout",code!~"5.."}[$__rate_interval]))';
const ALL = 'sum(rate(http_requests_total{job="checkout"}[$__rate_interval]))';

const SUCCESS_SHARE: ValueKpiDefinition = {
  id: 'e2e-checkout-success',
  version: 1,
  status: 'published',
  name: 'Checkout success share',
  owner: 'team-e2e',
  datasource: { type: 'prometheus', uid: 'prometheus' },
  indicator: { type: 'value', numerator: GOOD, denominator: ALL, unit: 'percentunit' },
  objective: { direction: 'higher', target: 0.995, warning: 0.99, window: '1d' },
};

/** The success share's value as the catalog row shows it ("99.52%"), read once the row has its answer. */
async function catalogRowValue(
  page: Page,
  openHostPage: (path: string, options: { hostUrl: string }) => Promise<void>
): Promise<string> {
  await openHostPage(catalogPath, { hostUrl: host.url });
  const cell = page.locator(`[data-kpi-id="${SUCCESS_SHARE.id}"]`).getByTestId(testIds.catalog.valueCell);
  await expect(cell).toHaveText(/^\d+\.\d+% \//);
  return ((await cell.textContent()) ?? '').split(' / ')[0];
}

test('an Admin creates a value KPI in the editor: Value, its unit from the unit picker, Preview, Publish', async ({
  page,
  request,
  openHostPage,
  pageProblems,
}) => {
  // A whole form typed field by field, a unit search, a Preview and a Publish: more than the default 30 s here.
  test.setTimeout(120_000);
  await withExtraKpis(request, [], async () => {
    await openHostPage(editorPath(), { hostUrl: host.url });
    await page.locator('#kpi-id').fill('e2e-success-share');
    await page.locator('#kpi-name').fill('Checkout success share');
    await page.locator('#kpi-owner').fill('team-e2e');
    await pickPrometheus(page);
    await page.getByRole('radio', { name: 'Value' }).check({ force: true });
    await expect(page.getByText('Burn-rate policy', { exact: true })).toHaveCount(0);
    await fillCodeEditor(page, 'kpi-numerator', GOOD);
    await fillCodeEditor(page, 'kpi-denominator', ALL);
    await page.locator('#kpi-value-unit').click();
    await page.keyboard.type('Percent (0.0');
    await page.getByText('Misc / Percent (0.0-1.0)').click();
    await page.locator('#kpi-value-target').fill('0.995');
    await expect(page.getByText('shows as 99.5%')).toBeVisible();
    await page.locator('#kpi-window').fill('1d');

    await page.getByTestId(testIds.kpiEditor.preview).click();
    const headline = page.getByTestId(testIds.kpiDetail.valueHeadline);
    await expect(headline).toContainText('target ≥ 99.5%');
    await expect(headline).toContainText(/\d+\.\d+%/);
    await expect(headline.getByRole('status')).toHaveText(/On track|At risk|Off track/);
    await page.screenshot({ path: join(SCREENSHOTS, 'value-editor-preview.png'), fullPage: true });

    await page.getByTestId(testIds.kpiEditor.publish).click();
    await expect(page).toHaveURL(/\/kpi\/e2e-success-share$/);
    const stored = (await readSettings(request)).jsonData.catalog.kpis.find((kpi) => kpi.id === 'e2e-success-share');
    expect(stored).toMatchObject({
      indicator: { type: 'value', numerator: GOOD, denominator: ALL, unit: 'percentunit' },
      objective: { direction: 'higher', target: 0.995, window: '1d' },
    });
    expect(stored && 'alerting' in stored).toBe(false);
  });
  expect(pageProblems).toEqual([]);
});

test('the panel at the Query options the app gives a value KPI shows the catalog row’s value', async ({
  page,
  request,
  openHostPage,
  pageProblems,
}) => {
  await withExtraKpis(request, [SUCCESS_SHARE], async () => {
    const rowValue = await catalogRowValue(page, openHostPage);

    // Min interval 30m, 144 points over 3 days: Grafana then reads at the app's step (valuePanelQueryOptions).
    const options = valuePanelQueryOptions(SUCCESS_SHARE.objective.window, Date.now())!;
    expect(options).toEqual({ minInterval: '30m', maxDataPoints: 144, relativeTime: '3d' });
    const posted = await request.post(`${host.url}${SCENARIOS_API_PATH}`, {
      data: {
        name: 'value-view-shared-step',
        title: 'Checkout success share',
        description: 'A value KPI at the Query options the app gives it',
        timeRange: { from: `now-${options.relativeTime}`, to: 'now' },
        interval: options.minInterval,
        maxDataPoints: options.maxDataPoints,
        queries: [
          { refId: 'A', expr: GOOD },
          { refId: 'B', expr: ALL },
        ],
        options: { source: 'catalog', kpiId: SUCCESS_SHARE.id },
      },
    });
    expect(posted.status()).toBe(201);
    await openHostPage(`${(await posted.json()).url}&width=600&height=300`, { hostUrl: host.url });
    await expect(page.getByTestId(testIds.kpiPanel.valueNumber)).toHaveText(rowValue);
    // At the app's step the panel has nothing to say about its step.
    await expect(page.getByTestId(testIds.kpiPanel.notes)).toHaveCount(0);
  });
  expect(pageProblems).toEqual([]);
});

test('the executive dashboard’s value tile, as generated, shows the catalog row’s value', async ({
  page,
  request,
  openHostPage,
  pageProblems,
}) => {
  await withExtraKpis(request, [SUCCESS_SHARE], async () => {
    const rowValue = await catalogRowValue(page, openHostPage);

    const dashboard = buildExecutiveDashboard([], { valueKpis: [SUCCESS_SHARE] });
    const tile = (dashboard.panels as Panel[]).find((panel) => panel.type === NORTHSTAR_PANEL_TYPE)!;
    // A rolling day: two days and a day's margin at 30m, the step the catalog row reads at.
    expect([tile.interval, tile.maxDataPoints, tile.timeFrom]).toEqual(['30m', 144, '3d']);
    // asScenario carries the panel's Min interval, a panel option, to the scenario's top level, as the host takes it.
    const scenario = asScenario(tile, 'executive-value-tile', 'prometheus');
    expect(scenario.interval).toBe('30m');
    await openScenario(
      { request, hostUrl: host.url, openHostPage: (path) => openHostPage(path, { hostUrl: host.url }) },
      scenario,
      { width: 800, height: 260 }
    );
    await expect(page.getByTestId(testIds.kpiPanel.valueNumber)).toHaveText(rowValue);
    await expect(page.getByTestId(testIds.kpiPanel.notes)).toHaveCount(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'executive-value-tile.png') });
  });
  expect(pageProblems).toEqual([]);
});

for (const theme of THEMES) {
  test(`the panel's value view in a 300×200 cell, ${theme}: the value, target, change and line, nothing cut`, async ({
    page,
    request,
    openHostPage,
    pageProblems,
  }) => {
    await withExtraKpis(request, [SUCCESS_SHARE], async () => {
      const posted = await request.post(`${host.url}${SCENARIOS_API_PATH}`, {
        data: {
          name: `value-view-${theme}`,
          title: 'Checkout success share',
          description: 'A value KPI from the catalog, read from the panel’s own queries',
          timeRange: { from: 'now-2d', to: 'now' },
          queries: [
            { refId: 'A', expr: GOOD },
            { refId: 'B', expr: ALL },
          ],
          options: { source: 'catalog', kpiId: SUCCESS_SHARE.id },
        },
      });
      expect(posted.status()).toBe(201);
      await openHostPage(`${(await posted.json()).url}&width=300&height=200`, { hostUrl: host.url, theme });

      const view = page.getByTestId(testIds.kpiPanel.valueView);
      await expect(view).toBeVisible();
      await expect(page.getByTestId(testIds.kpiPanel.valueNumber)).toHaveText(/^\d+\.\d+%$/);
      await expect(view).toContainText('target ≥ 99.5%');
      await expect(view.getByTestId(testIds.catalog.valueChange)).toContainText('vs the 1d before');
      await expect(view.getByTestId(testIds.kpiPanel.valueLine)).toBeVisible();
      // Nothing spills out of the panel or is squeezed to nothing.
      const container = page.getByTestId(testIds.kpiPanel.container);
      const sizes = await container.evaluate((element) => ({
        scrollHeight: element.scrollHeight,
        clientHeight: element.clientHeight,
        scrollWidth: element.scrollWidth,
        clientWidth: element.clientWidth,
      }));
      expect(sizes.scrollHeight).toBeLessThanOrEqual(sizes.clientHeight);
      expect(sizes.scrollWidth).toBeLessThanOrEqual(sizes.clientWidth);
      const line = await view.getByTestId(testIds.kpiPanel.valueLine).boundingBox();
      // Grafana's 300×200 includes the panel's title bar: the line gets what is left under the figures.
      expect(line?.height ?? 0).toBeGreaterThanOrEqual(30);
      await container.screenshot({ path: join(SCREENSHOTS, `value-panel-300x200-${theme}.png`) });
    });
    expect(pageProblems).toEqual([]);
  });

  test(`the report lists a value KPI beside the SLOs, ${theme}: value vs target, met or missed, change`, async ({
    page,
    request,
    openHostPage,
    pageProblems,
  }) => {
    await withExtraKpis(request, [SUCCESS_SHARE], async () => {
      await openHostPage(`${APP_BASE_PATH}/report?period=this-week&tz=UTC`, { hostUrl: host.url, theme });
      const row = page.locator(`[data-testid="${testIds.report.row}"][data-kpi-id="${SUCCESS_SHARE.id}"]`);
      await expect(row).toHaveAttribute('data-state', 'ok');
      await expect(row).toHaveAttribute('data-kind', 'value');
      await expect(row).toContainText('≥ 99.5%');
      await expect(row).toContainText(/Met|Missed/);
      await expect(page.locator('[data-kpi-id="checkout-availability"]')).toHaveAttribute('data-state', 'ok');
      await page.screenshot({ path: join(SCREENSHOTS, `value-report-${theme}.png`), fullPage: true });
    });
    expect(pageProblems).toEqual([]);
  });
}
