/**
 * The KPI editor edits each query in its data source's own query editor, which the host serves as Grafana does:
 * Grafana's PromQL editor from @grafana/prometheus (code and builder, fed by the data source's resource calls to the
 * real Prometheus) and Grafana's SQL editor from @grafana/sql over a real PostgreSQL. An Admin edits a query there,
 * the Preview reads the new query, and the published version stores it; a data source the host cannot load keeps
 * the plain text box. Both themes.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { selectors } from '@grafana/e2e-selectors';
import { testIds } from '../src/components/testIds';
import {
  findPostgresBinaries,
  queryPostgres,
  startPostgres,
  type RunningPostgres,
} from '../src/testing/postgresServer';
import { SKIP_REASON_ENV } from './browserEnvironment';
import { THEMES } from './host/hostContract';
import { expect, test } from './fixtures';
import { PROMETHEUS_EXAMPLE_CATALOG, sharedPrometheusUrl, startOwnHost, type OwnHost } from './ownHost';
import { editorPath, hostHelpers, SCREENSHOTS } from './catalogAppSupport';
import { codeEditorText, fillCodeEditor, queryEditorRow } from './queryEditorSupport';

const promEditor = selectors.components.DataSource.Prometheus.queryEditor;
const sqlEditor = selectors.components.SQLQueryEditor;

const paymentsSql = (filter: string) =>
  `SELECT $__timeGroupAlias(created_at, $__interval), count(*)${filter} AS n FROM shop.payments ` +
  'WHERE $__timeFilter(created_at) GROUP BY 1 ORDER BY 1';
const PAID_SQL = paymentsSql(" FILTER (WHERE status = 'paid')");
const ALL_SQL = paymentsSql('');

const EXTRA_KPIS = `
  - id: payment-success
    version: 1
    status: published
    name: Payment success
    owner: team-payments
    datasource: { type: grafana-postgresql-datasource, uid: postgres }
    indicator:
      type: ratio
      good: { rawSql: ${JSON.stringify(PAID_SQL)}, format: time_series }
      total: { rawSql: ${JSON.stringify(ALL_SQL)}, format: time_series }
    objective: { target: 0.99, window: 7d }
  - id: warehouse-orders
    version: 1
    status: published
    name: Warehouse orders
    owner: team-growth
    datasource: { type: mysql, uid: warehouse }
    indicator:
      type: ratio
      good: { rawSql: "SELECT 1", format: time_series }
      total: { rawSql: "SELECT 1", format: time_series }
    objective: { target: 0.99, window: 7d }
`;

/** Two days ago 1,000 payments, 995 paid: SLI 99.5 %; counting every payment as good makes it 100 %. */
const SEED = `
  CREATE SCHEMA shop;
  CREATE TABLE shop.payments (created_at timestamptz NOT NULL, status text NOT NULL);
  INSERT INTO shop.payments SELECT now() - interval '2 days', CASE WHEN i <= 995 THEN 'paid' ELSE 'failed' END
    FROM generate_series(1, 1000) AS i;
`;

let postgres: RunningPostgres | undefined;
let host: OwnHost | undefined;
const { readSettings, writeSettings } = hostHelpers({
  get url() {
    return host!.url;
  },
});

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ request, hostUrl: sharedHostUrl }) => {
  test.skip(!sharedHostUrl, process.env[SKIP_REASON_ENV] ?? 'the plugin host did not start');
  test.skip(!findPostgresBinaries() && !process.env.CI, 'PostgreSQL is not installed (Debian package "postgresql")');
  test.setTimeout(120_000);
  postgres = await startPostgres();
  await queryPostgres(postgres.url, SEED);
  const example = PROMETHEUS_EXAMPLE_CATALOG.yaml;
  host = await startOwnHost({
    name: 'query-editors',
    prometheusUrl: await sharedPrometheusUrl(request, sharedHostUrl),
    postgresUrl: postgres.url,
    catalog: { yaml: `${example.trimEnd()}\n${EXTRA_KPIS}` },
  });
});

test.afterAll(async () => {
  await host?.stop();
  await postgres?.stop();
});

/** Puts the catalog back under a fresh revision, as any save leaves it. */
const restore = (request: Parameters<typeof readSettings>[0], original: Awaited<ReturnType<typeof readSettings>>) =>
  writeSettings(request, { ...original, jsonData: { ...original.jsonData, revision: randomUUID() } });

const storedKpi = async (request: Parameters<typeof readSettings>[0], id: string) =>
  (await readSettings(request)).jsonData.catalog.kpis.find((kpi) => kpi.id === id) as
    { version: number; indicator: Record<string, unknown> } | undefined;

for (const theme of THEMES) {
  test(`a Prometheus KPI's queries open in Grafana's PromQL editor, code and builder; an edit previews and publishes, ${theme}`, async ({
    page,
    request,
    openHostPage,
    pageProblems,
  }) => {
    test.setTimeout(120_000);
    const original = await readSettings(request);
    const before = await storedKpi(request, 'checkout-availability');
    const resourcesCalled = page.waitForResponse(
      (response) =>
        /\/api\/datasources\/uid\/prometheus\/resources\/api\/v1\/metadata\b/.test(response.url()) &&
        response.status() === 200
    );
    await openHostPage(editorPath('checkout-availability'), { hostUrl: host!.url, theme });

    const good = queryEditorRow(page, 'kpi-good');
    await expect(good.getByTestId(promEditor.editorToggle)).toBeVisible();
    await expect(good.getByTestId(promEditor.code.queryField)).toBeVisible();
    await expect.poll(() => codeEditorText(page, 'kpi-good')).toBe(String(before?.indicator.good));
    await expect(page.locator('#kpi-good')).toHaveCount(0);
    // The editor asks the data source's resources for the metrics' metadata, answered by the real Prometheus.
    await resourcesCalled;

    // Counting every request as good: the preview's SLI becomes 100 %.
    const total = String(before?.indicator.total);
    await fillCodeEditor(page, 'kpi-good', total);
    await page.getByTestId(testIds.kpiEditor.preview).click();
    const live = page.getByTestId(testIds.kpiDetail.live);
    await expect(live).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    await expect(live).toContainText('100%');
    await page.screenshot({ path: join(SCREENSHOTS, `query-editor-promql-${theme}.png`), fullPage: true });

    // The builder shows the same query as a metric, labels and operations.
    await good.getByTestId(promEditor.editorToggle).getByRole('radio', { name: 'Builder' }).check({ force: true });
    await expect(good.getByTestId(promEditor.builder.metricSelect)).toHaveValue(/http_requests_total/);
    await good.screenshot({ path: join(SCREENSHOTS, `query-editor-promql-builder-${theme}.png`) });

    await page.getByTestId(testIds.kpiEditor.publish).click();
    await expect(page).toHaveURL(/\/kpi\/checkout-availability$/);
    const after = await storedKpi(request, 'checkout-availability');
    expect(after?.version).toBe((before?.version ?? 0) + 1);
    expect(after?.indicator.good).toBe(total);
    expect(after?.indicator.total).toBe(total);
    await restore(request, original);
    expect(pageProblems).toEqual([]);
  });

  test(`a SQL KPI's queries open in Grafana's SQL editor; an edit previews and publishes, ${theme}`, async ({
    page,
    request,
    openHostPage,
    pageProblems,
  }) => {
    test.setTimeout(120_000);
    const original = await readSettings(request);
    await openHostPage(editorPath('payment-success'), { hostUrl: host!.url, theme });

    const good = queryEditorRow(page, 'kpi-good');
    await expect(good.getByRole('radio', { name: 'Code' })).toBeChecked();
    await expect(good.getByRole('radio', { name: 'Builder' })).toBeVisible();
    await expect.poll(() => codeEditorText(page, 'kpi-good')).toContain('FILTER (WHERE status =');

    await page.getByTestId(testIds.kpiEditor.preview).click();
    const live = page.getByTestId(testIds.kpiDetail.live);
    await expect(live).toHaveAttribute('data-state', 'done');
    await expect(live).toContainText(/99\.50?%/);

    await fillCodeEditor(page, 'kpi-good', ALL_SQL);
    await page.getByTestId(testIds.kpiEditor.preview).click();
    await expect(live).toContainText('100%');
    await page.screenshot({ path: join(SCREENSHOTS, `query-editor-sql-${theme}.png`), fullPage: true });

    // The builder lists the database's tables, read through the host's PostgreSQL.
    // The code was edited, so Grafana's SQL editor asks before it switches: the radio stays on Code until then.
    await good.getByRole('radio', { name: 'Builder' }).click({ force: true });
    await page.getByRole('button', { name: 'Discard code and switch' }).click();
    await good.getByTestId(sqlEditor.headerTableSelector).click();
    await expect(
      page.getByTestId(selectors.components.Select.option).getByText('shop.payments', { exact: true })
    ).toBeVisible();
    await good.screenshot({ path: join(SCREENSHOTS, `query-editor-sql-builder-${theme}.png`) });
    await page.keyboard.press('Escape');

    await openHostPage(editorPath('payment-success'), { hostUrl: host!.url, theme });
    await fillCodeEditor(page, 'kpi-good', ALL_SQL);
    await page.getByTestId(testIds.kpiEditor.publish).click();
    await expect(page).toHaveURL(/\/kpi\/payment-success$/);
    const after = await storedKpi(request, 'payment-success');
    expect(after?.version).toBe(2);
    expect(after?.indicator.good).toMatchObject({ rawSql: ALL_SQL, format: 'time_series' });
    await restore(request, original);
    expect(pageProblems).toEqual([]);
  });

  test(`a data source the host cannot load keeps the plain text box and says why, ${theme}`, async ({
    page,
    openHostPage,
  }) => {
    await openHostPage(editorPath('warehouse-orders'), { hostUrl: host!.url, theme });
    await expect(page.locator('#kpi-good')).toBeVisible();
    await expect(page.getByTestId(testIds.kpiEditor.queryFallback).first()).toContainText(
      'Plain text: data source "warehouse" did not load'
    );
    await expect(page.getByTestId(testIds.kpiEditor.queryEditor)).toHaveCount(0);
    await page
      .getByTestId(testIds.kpiEditor.form)
      .screenshot({ path: join(SCREENSHOTS, `query-editor-fallback-${theme}.png`) });
  });
}
