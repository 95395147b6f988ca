/**
 * The KPI panel in a new dashboard of a real Grafana (docker compose): it reads checkout's good and total requests
 * from the provisioned Prometheus, which holds the demo history, and evaluates the catalog KPI the app provisions.
 */
import { expect, test, type PanelEditPage } from '@grafana/plugin-e2e';
import { testIds } from '../../src/components/testIds';
import panelJson from '../../src/panels/kpi/plugin.json';

const GOOD = 'sum(rate(http_requests_total{job="checkout",code!~"5.."}[$__rate_interval]))';
const TOTAL = 'sum(rate(http_requests_total{job="checkout"}[$__rate_interval]))';

/** Types PromQL into a query row's code editor (the provisioned data source opens new queries in code mode). */
async function setPromQL(panelEditPage: PanelEditPage, refId: string, expr: string): Promise<void> {
  const field = panelEditPage.getByGrafanaSelector(
    panelEditPage.ctx.selectors.components.DataSource.Prometheus.queryEditor.code.queryField,
    { root: panelEditPage.getQueryEditorRow(refId) }
  );
  await field.click();
  // insertText, not type: Monaco would close every bracket typed one key at a time.
  await panelEditPage.ctx.page.keyboard.insertText(expr);
  // The query is committed when the editor loses focus.
  await field.locator('textarea').blur();
}

test('a Northstar KPI panel shows checkout availability from Prometheus in a new dashboard', async ({
  panelEditPage,
  readProvisionedDataSource,
  components,
  page,
}) => {
  const prometheus = await readProvisionedDataSource({ fileName: 'prometheus.yaml' });
  await panelEditPage.datasource.set(prometheus.name);
  await panelEditPage.setVisualization(panelJson.name);

  // The panel's default refIds for a ratio KPI: A counts good events, B all events.
  await setPromQL(panelEditPage, 'A', GOOD);
  await panelEditPage.getByGrafanaSelector(panelEditPage.ctx.selectors.components.QueryTab.addQuery).click();
  await setPromQL(panelEditPage, 'B', TOTAL);
  await components.select.within(page.getByTestId(testIds.kpiPanel.kpiPicker)).selectOption('Checkout availability');

  const response = await panelEditPage.refreshPanel();
  expect(response.ok()).toBe(true);
  const body = (await response.json()) as { results: Record<string, { frames: unknown[] }> };
  expect(body.results.A.frames.length).toBeGreaterThan(0);
  expect(body.results.B.frames.length).toBeGreaterThan(0);

  const panel = panelEditPage.panel.locator.getByTestId(testIds.kpiPanel.container);
  await expect(panel).toBeVisible();
  // Any evaluated status: the history always has data, so never no-data.
  await expect(panel).toHaveAttribute('data-status', /^(ok|at-risk|ticket|page|budget-exhausted)$/);
});
