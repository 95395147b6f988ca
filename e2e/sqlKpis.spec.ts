/**
 * SQL KPIs in the app, read from a real PostgreSQL through the host's `/api/ds/query`: a payment-success SLO (a
 * ratio of counts per bucket) and a weekly-orders value KPI (a sum of counts), beside the Prometheus SLOs of the
 * example catalog. Their catalog rows, KPI pages, report rows and panels (the panel's own SQL targets, run as
 * Grafana's PanelQueryRunner runs them) show the numbers worked by hand from the seeded rows, in both themes; then
 * PostgreSQL stops and their rows, pages and panels say so, never OK.
 *
 * The seeded rows sit hours to days back from now, far from the edges of any bucket or window the tests read.
 */
import { join } from 'node:path';
import { testIds } from '../src/components/testIds';
import {
  findPostgresBinaries,
  queryPostgres,
  startPostgres,
  type RunningPostgres,
} from '../src/testing/postgresServer';
import {
  ALL_PAYMENTS_SQL,
  catalogYamlOf,
  PAID_PAYMENTS_SQL,
  paymentSuccessSqlKpi,
  SHOP_TABLES_SQL,
  WEEKLY_ORDERS_SQL,
  weeklyOrdersSqlKpi,
} from '../src/testing/shopSqlKpis';
import { SKIP_REASON_ENV } from './browserEnvironment';
import { expect, test } from './fixtures';
import { examplePrometheusKpis, sharedPrometheusUrl, startOwnHost, type OwnHost } from './ownHost';
import { catalogPath, detailPath, SCREENSHOTS } from './catalogAppSupport';
import type { PanelScenario } from './host/scenarios';
import { asScenario, openScenario } from './panelScenarios';
import type { Panel } from '@grafana/schema';
import { valueKpiDashboards } from '../src/dashboards/generate';
import { NORTHSTAR_PANEL_TYPE } from '../src/dashboards/panels';
import { APP_BASE_PATH, HOST_PANEL_TEST_ID, THEMES } from './host/hostContract';

/**
 * The catalog panel of each SQL KPI with the KPI's SQL as its targets (good A and total B, or the value A, as the
 * generated SQL dashboards hold them), over a range that holds the SLO's 7d window or the value's two weeks.
 */
const sqlTarget = (refId: string, rawSql: string) => ({
  refId,
  rawSql,
  format: 'time_series' as const,
  datasourceUid: 'postgres',
});
const panelScenario = (kpiId: string, days: number, queries: PanelScenario['queries']): PanelScenario => ({
  name: `sql-panel-${kpiId}`,
  title: kpiId,
  description: `the catalog panel of ${kpiId} over PostgreSQL`,
  timeRange: { from: `now-${days}d`, to: 'now' },
  queries,
  options: { source: 'catalog', kpiId, view: 'stat' },
});
// Enough points for a step of 5m, the policy's shortest window, over 7 days (the panel asks for at least 2,017).
const PAYMENTS_PANEL = {
  ...panelScenario('payment-success', 7, [sqlTarget('A', PAID_PAYMENTS_SQL), sqlTarget('B', ALL_PAYMENTS_SQL)]),
  maxDataPoints: 2100,
};
const ORDERS_PANEL = panelScenario('weekly-orders', 15, [sqlTarget('A', WEEKLY_ORDERS_SQL)]);
const PANEL_SIZE = { width: 520, height: 300 };

/**
 * Two days ago 1,000 payments, 995 paid: SLI 99.5 % against 99 %, so 5 of the 10 failures the budget allows are
 * spent, 50 % left. Orders: 400 three days ago and 200 an hour ago (600 this week), 500 ten days ago (the week
 * before): 600, up 20 %, off track of 1,000.
 */
const SEED = `${SHOP_TABLES_SQL}
  INSERT INTO shop.payments (created_at, status)
    SELECT now() - interval '2 days', CASE WHEN i <= 995 THEN 'paid' ELSE 'failed' END FROM generate_series(1, 1000) AS i;
  INSERT INTO shop.orders (created_at) SELECT now() - interval '3 days' FROM generate_series(1, 400);
  INSERT INTO shop.orders (created_at) SELECT now() - interval '1 hour' FROM generate_series(1, 200);
  INSERT INTO shop.orders (created_at) SELECT now() - interval '10 days' FROM generate_series(1, 500);
`;

/**
 * The example catalog's Prometheus KPIs, then the SQL SLO (over 7 days) and the SQL value KPI. The example's own SQL
 * KPIs read the demo shop's tables, which this spec's seed does not have; its payment success is replaced by this
 * spec's, under the same id, so the example's drivenBy links still resolve.
 */
function catalogWithSqlKpis(): string {
  return catalogYamlOf(...examplePrometheusKpis(), paymentSuccessSqlKpi({ window: '7d' }), weeklyOrdersSqlKpi());
}

let postgres: RunningPostgres | undefined;
let host: OwnHost | undefined;
const hostUrl = () => host!.url;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ request, hostUrl: sharedHostUrl }) => {
  test.skip(!sharedHostUrl, process.env[SKIP_REASON_ENV] ?? 'the plugin host did not start');
  test.skip(!findPostgresBinaries() && !process.env.CI, 'PostgreSQL is not installed (Debian package "postgresql")');
  test.setTimeout(120_000);
  postgres = await startPostgres();
  await queryPostgres(postgres.url, SEED);
  host = await startOwnHost({
    name: 'sql-kpis',
    prometheusUrl: await sharedPrometheusUrl(request, sharedHostUrl),
    postgresUrl: postgres.url,
    catalog: { yaml: catalogWithSqlKpis() },
  });
});

test.afterAll(async () => {
  await host?.stop();
  await postgres?.stop();
});

const row = (page: import('@playwright/test').Page, id: string) => page.locator(`[data-kpi-id="${id}"]`);

for (const theme of THEMES) {
  test(`the catalog rows of a SQL SLO and a SQL value KPI show their numbers, in the one request per data source, ${theme}`, async ({
    page,
    openHostPage,
    pageProblems,
  }) => {
    const requests: Array<{ type: string; refIds: string[] }> = [];
    page.on('request', (sent) => {
      const url = new URL(sent.url());
      if (url.pathname === '/api/ds/query') {
        const body = sent.postDataJSON() as { queries: Array<{ refId: string }> };
        requests.push({ type: url.searchParams.get('ds_type') ?? '', refIds: body.queries.map((q) => q.refId) });
      }
    });
    await openHostPage(catalogPath, { hostUrl: hostUrl(), theme });

    const payments = row(page, 'payment-success');
    await expect(payments).toHaveAttribute('data-state', 'ok');
    await expect(payments).toContainText('99.5% / 99%');
    await expect(payments).toContainText('Budget50.0% left');
    const orders = row(page, 'weekly-orders');
    await expect(orders).toHaveAttribute('data-state', 'off-track');
    await expect(orders.getByTestId(testIds.catalog.valueCell)).toHaveText(/^600 \/ ≥ 1 K last 7d$/);
    await expect(orders.getByTestId(testIds.catalog.valueChange)).toContainText('+20.0%');
    // The Prometheus SLOs are read beside them.
    await expect(row(page, 'checkout-availability')).not.toHaveAttribute('data-state', 'pending');

    // One request per data source per refresh: PostgreSQL's holds both SQL KPIs' queries.
    const sql = requests.filter((sent) => sent.type === 'grafana-postgresql-datasource');
    expect(sql.length).toBeGreaterThan(0);
    for (const { refIds } of sql) {
      expect(refIds.filter((refId) => /-(good|total|query)$/.test(refId))).toHaveLength(3);
    }
    const perRefresh = requests.filter((sent) => sent.type === 'prometheus').length;
    expect(perRefresh).toBe(sql.length);
    await page
      .getByTestId(testIds.catalog.table)
      .screenshot({ path: join(SCREENSHOTS, `catalog-sql-rows-${theme}.png`) });
    expect(pageProblems).toEqual([]);
  });

  test(`the KPI pages of the SQL SLO and the SQL value KPI, ${theme}`, async ({ page, openHostPage, pageProblems }) => {
    await openHostPage(detailPath('payment-success'), { hostUrl: hostUrl(), theme });
    const live = page.getByTestId(testIds.kpiDetail.live);
    await expect(live).toHaveAttribute('data-state', 'done');
    await expect(live).toContainText(/99\.50?%/);
    await expect(live.getByRole('alert')).toHaveCount(0);
    await expect(page.getByTestId(testIds.kpiDetail.explore)).toBeVisible();
    await expect(page.getByTestId(testIds.missingFeatures)).toHaveText(
      /^Over SQL \(grafana-postgresql-datasource\) this KPI has no recorded rules .*histogram heatmap or per-label breakdown/
    );
    await page
      .getByTestId(testIds.kpiDetail.container)
      .screenshot({ path: join(SCREENSHOTS, `kpi-sql-slo-${theme}.png`) });

    await openHostPage(detailPath('weekly-orders'), { hostUrl: hostUrl(), theme });
    const headline = page.getByTestId(testIds.kpiDetail.valueHeadline);
    await expect(headline).toContainText('600');
    // 600 against the week before's 500.
    await expect(headline).toContainText('+20.0%vs the 7d before');
    await page
      .getByTestId(testIds.kpiDetail.container)
      .screenshot({ path: join(SCREENSHOTS, `kpi-sql-value-${theme}.png`) });
    expect(pageProblems).toEqual([]);
  });

  test(`the report lists the SQL SLO with its attainment and budget, and the SQL value KPI, ${theme}`, async ({
    page,
    openHostPage,
    pageProblems,
  }) => {
    // The month that holds the payments of two days ago: this one, or in a month's first days the one before.
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    const period = twoDaysAgo.getUTCMonth() === new Date().getUTCMonth() ? 'this-month' : 'last-month';
    await openHostPage(`${APP_BASE_PATH}/report?period=${period}&tz=UTC`, { hostUrl: hostUrl(), theme });
    const payments = page.locator(`[data-testid="${testIds.report.row}"][data-kpi-id="payment-success"]`);
    await expect(payments).toHaveAttribute('data-state', 'ok');
    // 995 of 1,000 against 99 %: met, half the budget spent.
    await expect(payments).toContainText('99.5%');
    await expect(payments).toContainText('Met');
    await expect(payments).toContainText('50%');
    const orders = page.locator(`[data-testid="${testIds.report.row}"][data-kpi-id="weekly-orders"]`);
    await expect(orders).toHaveAttribute('data-kind', 'value');
    await expect(orders).not.toHaveAttribute('data-state', /^(loading|error)$/);
    await page.getByTestId(testIds.report.table).screenshot({ path: join(SCREENSHOTS, `report-sql-${theme}.png`) });
    expect(pageProblems).toEqual([]);
  });

  test(`the panel over PostgreSQL: the SQL SLO's stat and the SQL value KPI's view, from the panel's own targets, ${theme}`, async ({
    page,
    request,
    openHostPage,
    pageProblems,
  }) => {
    const sent: string[] = [];
    page.on('request', (query) => {
      if (new URL(query.url()).searchParams.get('ds_type') === 'grafana-postgresql-datasource') {
        sent.push(...(query.postDataJSON() as { queries: Array<{ rawSql: string }> }).queries.map((q) => q.rawSql));
      }
    });
    const open = (path: string) => openHostPage(path, { hostUrl: hostUrl(), theme });
    await openScenario({ request, hostUrl: hostUrl(), openHostPage: open }, PAYMENTS_PANEL, PANEL_SIZE);
    const slo = page.getByTestId(testIds.kpiPanel.container);
    await expect(page.getByTestId(HOST_PANEL_TEST_ID)).toHaveAttribute('data-state', 'Done');
    await expect(slo).toHaveAttribute('data-status', 'ok');
    await expect(slo).toContainText('99.5');
    await expect(slo.getByTestId(testIds.missingFeatures)).toContainText('Over SQL');
    // The panel's own SQL targets went to PostgreSQL, Grafana's macros left for the backend.
    expect(sent.length).toBeGreaterThan(0);
    for (const rawSql of sent) {
      expect(rawSql).toContain('$__timeGroupAlias(created_at, ');
    }
    await page.getByTestId(HOST_PANEL_TEST_ID).screenshot({ path: join(SCREENSHOTS, `panel-sql-slo-${theme}.png`) });

    await openScenario({ request, hostUrl: hostUrl(), openHostPage: open }, ORDERS_PANEL, PANEL_SIZE);
    const value = page.getByTestId(testIds.kpiPanel.container);
    await expect(value).toHaveAttribute('data-view', 'value');
    await expect(value).toHaveAttribute('data-status', 'off-track');
    await expect(value.getByTestId(testIds.kpiPanel.valueNumber)).toContainText('600');
    await expect(value).toContainText('+20.0%');
    await page.getByTestId(HOST_PANEL_TEST_ID).screenshot({ path: join(SCREENSHOTS, `panel-sql-value-${theme}.png`) });
    expect(pageProblems).toEqual([]);
  });

  test(`the generated SQL executive dashboard's value tile shows the catalog row's value, status and change, ${theme}`, async ({
    page,
    request,
    openHostPage,
    pageProblems,
  }) => {
    await openHostPage(catalogPath, { hostUrl: hostUrl(), theme });
    const rowValue = row(page, 'weekly-orders').getByTestId(testIds.catalog.valueCell);
    await expect(rowValue).toHaveText(/^600 \//);
    const shown = ((await rowValue.textContent()) ?? '').split(' / ')[0];

    const [file] = valueKpiDashboards(weeklyOrdersSqlKpi());
    const tile = (file.dashboard.panels as Panel[]).find((panel) => panel.type === NORTHSTAR_PANEL_TYPE)!;
    // A rolling week: two weeks and a day's margin at 30m, the step the catalog row reads at.
    expect([tile.interval, tile.maxDataPoints, tile.timeFrom]).toEqual(['30m', 720, '15d']);
    const intervals: number[] = [];
    page.on('request', (sent) => {
      if (new URL(sent.url()).searchParams.get('ds_type') === 'grafana-postgresql-datasource') {
        intervals.push(
          ...(sent.postDataJSON() as { queries: Array<{ intervalMs: number }> }).queries.map((q) => q.intervalMs)
        );
      }
    });
    const open = (path: string) => openHostPage(path, { hostUrl: hostUrl(), theme });
    // The tile's cell on the dashboard: 8 of 24 columns, 8 rows.
    const scenario = asScenario(tile, `sql-executive-tile-${theme}`, 'postgres');
    await openScenario({ request, hostUrl: hostUrl(), openHostPage: open }, scenario, { width: 560, height: 280 });
    await expect(page.getByTestId(HOST_PANEL_TEST_ID)).toHaveAttribute('data-state', 'Done');
    const value = page.getByTestId(testIds.kpiPanel.container);
    await expect(value).toHaveAttribute('data-view', 'value');
    await expect(value.getByTestId(testIds.kpiPanel.valueNumber)).toHaveText(shown);
    await expect(value).toHaveAttribute('data-status', 'off-track');
    await expect(value).toContainText('+20.0%');
    await expect(value.getByTestId(testIds.kpiPanel.notes)).toHaveCount(0);
    // Grafana's $__interval, and so the SQL's buckets, followed the tile's Min interval.
    expect(intervals.length).toBeGreaterThan(0);
    expect(new Set(intervals)).toEqual(new Set([30 * 60_000]));
    await page
      .getByTestId(HOST_PANEL_TEST_ID)
      .screenshot({ path: join(SCREENSHOTS, `executive-sql-value-tile-${theme}.png`) });
    expect(pageProblems).toEqual([]);
  });
}

test('with PostgreSQL stopped, the SQL rows, pages and panels show the data source error, never OK', async ({
  page,
  request,
  openHostPage,
}) => {
  // Six pages (the catalog, a KPI page and a panel in each theme), each waiting out its failed queries.
  test.setTimeout(120_000);
  await postgres?.stop();
  postgres = undefined;
  for (const theme of THEMES) {
    await openHostPage(catalogPath, { hostUrl: hostUrl(), theme });
    for (const id of ['payment-success', 'weekly-orders']) {
      const failed = row(page, id);
      await expect(failed.getByTestId(testIds.catalog.rowError)).toBeVisible();
      await expect(failed).not.toHaveAttribute('data-state', /^(ok|on-track|pending)$/);
    }
    await expect(row(page, 'payment-success').getByTestId(testIds.catalog.rowError)).toContainText('Query failed');
    await page
      .getByTestId(testIds.catalog.table)
      .screenshot({ path: join(SCREENSHOTS, `catalog-sql-down-${theme}.png`) });

    await openHostPage(detailPath('payment-success'), { hostUrl: hostUrl(), theme });
    const live = page.getByTestId(testIds.kpiDetail.live);
    await expect(live).toHaveAttribute('data-state', 'done');
    await expect(live).toContainText('Query "good" failed');
    await page
      .getByTestId(testIds.kpiDetail.container)
      .screenshot({ path: join(SCREENSHOTS, `kpi-sql-down-${theme}.png`) });

    const open = (path: string) => openHostPage(path, { hostUrl: hostUrl(), theme });
    await openScenario({ request, hostUrl: hostUrl(), openHostPage: open }, PAYMENTS_PANEL, PANEL_SIZE);
    await expect(page.getByTestId(HOST_PANEL_TEST_ID)).toHaveAttribute('data-state', 'Error');
    await expect(page.getByTestId(testIds.kpiPanel.message)).toBeVisible();
    await expect(page.getByTestId(testIds.kpiPanel.container)).toHaveCount(0);
    await page.getByTestId(HOST_PANEL_TEST_ID).screenshot({ path: join(SCREENSHOTS, `panel-sql-down-${theme}.png`) });
  }
});
