/**
 * Business (value) KPIs in the catalog app, read from the test Prometheus through the host's `/api/ds/query`:
 * a conversion rate that dipped in the checkout burn, a monthly revenue total on pace, and a cost per 1,000
 * requests where lower is better. Their catalog rows sit beside the SLOs in the same request per data source,
 * and their KPI page leads with the value, the target and the forecast, in both themes.
 *
 * These tests add KPIs to the catalog, so they run against a host of their own, which reads the shared Prometheus.
 */
import { join } from 'node:path';
import { testIds } from '../src/components/testIds';
import { THEMES } from './host/hostContract';
import { SHOP_VALUE_KPIS } from './host/testPrometheus';
import { expect, test } from './fixtures';
import { PROMETHEUS_EXAMPLE_CATALOG, ownHostForThisFile } from './ownHost';
import { catalogPath, detailPath, hostHelpers, SCREENSHOTS } from './catalogAppSupport';

const host = ownHostForThisFile({ name: 'value-kpis', catalog: PROMETHEUS_EXAMPLE_CATALOG });
const { withExtraKpis } = hostHelpers(host);

test.describe('value KPIs', () => {
  test('their catalog rows show value vs target, direction, change and status, in the one request per data source', async ({
    page,
    request,
    openHostPage,
    pageProblems,
  }) => {
    await withExtraKpis(request, SHOP_VALUE_KPIS, async () => {
      const requests: Array<{ refIds: string[] }> = [];
      page.on('request', (sent) => {
        if (new URL(sent.url()).pathname === '/api/ds/query') {
          const body = sent.postDataJSON() as { queries: Array<{ refId: string }> };
          requests.push({ refIds: body.queries.map((query) => query.refId) });
        }
      });
      for (const theme of THEMES) {
        await openHostPage(catalogPath, { hostUrl: host.url, theme });
        // Conversion: 22 hours at 3.2 % and the 2 hours of the burn at 2.2 %: about 3.1 %, down on yesterday's 3.2 %.
        const conversion = page.locator('[data-kpi-id="shop-conversion"]');
        await expect(conversion).toHaveAttribute('data-state', 'on-track');
        await expect(conversion.getByTestId(testIds.catalog.valueCell)).toHaveText(/^3\.1\d% \/ ≥ 3%/);
        await expect(conversion.getByRole('img', { name: 'Higher is better' })).toBeVisible();
        const change = conversion.getByTestId(testIds.catalog.valueChange);
        await expect(change).toHaveText(/^−\d\.\d%vs the 1d before$/);
        await expect(change).toHaveAttribute('data-better', 'false');
        // A horizontal SVG line has an empty bounding box, which Playwright calls hidden: it is there and drawn.
        await expect(conversion.getByTestId(testIds.catalog.targetLine)).toBeAttached();

        // Cost per 1,000 requests: 0.004 $/s over some 10 requests/s, under the 0.45 $ ceiling; lower is better.
        const cost = page.locator('[data-kpi-id="shop-cost-per-1k"]');
        await expect(cost).toHaveAttribute('data-state', 'on-track');
        await expect(cost.getByTestId(testIds.catalog.valueCell)).toHaveText(/^\$0\.\d+ \/ ≤ \$0\.450/);
        await expect(cost.getByRole('img', { name: 'Lower is better' })).toBeVisible();

        // Revenue: 25 $/s for the hours of this month the test traffic covers, on pace for well over 50 M$.
        const revenue = page.locator('[data-kpi-id="shop-revenue"]');
        await expect(revenue).toHaveAttribute('data-state', 'on-track');
        await expect(revenue.getByTestId(testIds.catalog.valueCell)).toHaveText(/^\$[\d.]+[KM] \/ ≥ \$50M/);

        // The SLOs keep their rows, evaluated from the same request. Not their status: the shared Prometheus's
        // samples end when the run starts, and this spec runs last, when the 5m burn window may hold none.
        const checkout = page.locator('[data-kpi-id="checkout-availability"]');
        await expect(checkout).not.toHaveAttribute('data-state', 'pending');
        await expect(checkout).toContainText(/99\.\d\d% \/ 99\.9%/);
        await page
          .getByTestId(testIds.catalog.table)
          .screenshot({ path: join(SCREENSHOTS, `catalog-value-rows-${theme}.png`) });

        // The rows' tooltips (one for the whole table): the change's words on hover, the budget's on keyboard focus.
        await change.hover();
        await expect(page.getByRole('tooltip')).toHaveText(/^Down \d\.\d+% on the 1d before \(3\.\d+%\): worse\.$/);
        await page.screenshot({ path: join(SCREENSHOTS, `catalog-row-tooltip-${theme}.png`) });
        await page.mouse.move(0, 0);
        await expect(page.getByRole('tooltip')).toHaveCount(0);
        const budget = checkout.getByTestId(testIds.kpiPanel.budget);
        await budget.focus();
        await expect(page.getByRole('tooltip')).toContainText('Budget remaining = 1 − bad events / error budget');
        await expect(budget).toHaveAccessibleDescription(/^Budget remaining = 1 − bad events/);
        await page.keyboard.press('Escape');
        await expect(page.getByRole('tooltip')).toHaveCount(0);
      }
      // Every refresh is one request for the one data source, value KPIs and SLOs together.
      const withValues = requests.filter(({ refIds }) => refIds.some((refId) => refId.endsWith('-numerator')));
      expect(withValues.length).toBeGreaterThan(0);
      for (const { refIds } of withValues) {
        expect(refIds.some((refId) => refId.endsWith('-trend'))).toBe(true);
        expect(refIds.some((refId) => refId.endsWith('-query'))).toBe(true);
      }
      expect(pageProblems).toEqual([]);
    });
  });

  test('the status filter’s "OK or on track" keeps healthy SLOs and value KPIs on track alike', async ({
    page,
    request,
    openHostPage,
  }) => {
    await withExtraKpis(request, SHOP_VALUE_KPIS, async () => {
      await openHostPage(`${catalogPath}?status=ok`, { hostUrl: host.url });
      await expect(page.locator('[data-kpi-id="shop-conversion"]')).toBeVisible();
      const states = await page
        .getByTestId(testIds.catalog.row)
        .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-state')));
      expect(new Set(states)).toEqual(new Set(states.filter((state) => state === 'ok' || state === 'on-track')));
      expect(states).toContain('on-track');
    });
  });

  test('a value KPI’s page leads with value, target, status and forecast, and charts the period against the target', async ({
    page,
    request,
    openHostPage,
    pageProblems,
  }) => {
    await withExtraKpis(request, SHOP_VALUE_KPIS, async () => {
      for (const theme of THEMES) {
        await openHostPage(detailPath('shop-revenue'), { hostUrl: host.url, theme });
        const headline = page.getByTestId(testIds.kpiDetail.valueHeadline);
        await expect(headline).toContainText('target ≥ $50M');
        await expect(headline).toContainText(/On pace for \$[\d.]+M by \w+ \d+|On pace for \$[\d.]+M by \d+ \w+/);
        await expect(headline.getByRole('status')).toHaveAccessibleName(/^KPI status: On track\./);
        const chart = page.getByTestId(testIds.kpiDetail.valueChart);
        // A horizontal SVG line has no height, so Playwright calls it hidden: it is there once.
        await expect(chart.getByTestId(testIds.kpiDetail.valueTarget)).toHaveCount(1);
        // The y-axis labels never overlap: the $50M target's label wins over a top or bottom that would touch it.
        const axis = chart.locator('text').filter({ hasText: /^\$/ });
        await expect(axis.filter({ hasText: /^\$50M$/ })).toHaveCount(1);
        const boxes = (await axis.evaluateAll((texts) => texts.map((text) => text.getBoundingClientRect()))).sort(
          (a, b) => a.top - b.top
        );
        boxes.slice(1).forEach((box, i) => expect(box.top).toBeGreaterThanOrEqual(boxes[i].bottom));
        await expect(page.getByTestId(testIds.kpiDetail.sloOnly)).toContainText('no error budget');
        await expect(page.getByTestId(testIds.kpiPanel.burnRateTable)).toHaveCount(0);
        await page.getByTestId(testIds.kpiDetail.container).screenshot({
          path: join(SCREENSHOTS, `kpi-detail-value-revenue-${theme}.png`),
        });
        // The create buttons side by side on one line, a toolbar's gap apart, the note below; Tab goes left to right.
        const create = page.getByRole('group', { name: 'Create from this KPI' });
        const dashboardsButton = create.getByTestId(testIds.createDashboards.button);
        const rulesButton = create.getByTestId(testIds.createAlertRules.button);
        const [left, right] = [await dashboardsButton.boundingBox(), await rulesButton.boundingBox()];
        expect(right!.x - (left!.x + left!.width)).toBeLessThanOrEqual(16);
        expect(right!.y).toBe(left!.y);
        const note = await page.getByTestId(testIds.createDashboards.valueNote).boundingBox();
        expect(note!.y).toBeGreaterThanOrEqual(left!.y + left!.height);
        await dashboardsButton.focus();
        await page.keyboard.press('Tab');
        await expect(rulesButton).toBeFocused();

        await openHostPage(detailPath('shop-conversion'), { hostUrl: host.url, theme });
        const conversion = page.getByTestId(testIds.kpiDetail.valueHeadline);
        await expect(conversion).toContainText(/3\.1\d% last 1d; target ≥ 3%\./);
        // Yesterday is drawn faintly behind today.
        await expect(page.getByTestId(testIds.kpiDetail.valuePrevious)).toHaveCount(1);
        await page.getByTestId(testIds.kpiDetail.container).screenshot({
          path: join(SCREENSHOTS, `kpi-detail-value-conversion-${theme}.png`),
        });
      }
      expect(pageProblems).toEqual([]);
    });
  });
});
