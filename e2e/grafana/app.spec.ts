/**
 * The app in a real Grafana (docker compose): its root page and its config page. The session is the admin's
 * (playwright.config.ts logs in first).
 */
import { expect, test } from '@grafana/plugin-e2e';
import { testIds } from '../../src/components/testIds';
import { PLUGIN_ID } from '../../src/constants';

test('the app root page opens the KPI catalog', async ({ gotoAppPage, page }) => {
  await gotoAppPage({ pluginId: PLUGIN_ID });
  await expect(page.getByTestId(testIds.catalog.container)).toBeVisible();
});

test('an admin reaches the app configuration page', async ({ gotoAppConfigPage, page }) => {
  await gotoAppConfigPage({ pluginId: PLUGIN_ID });
  await expect(page.getByTestId(testIds.appConfig.container)).toBeVisible();
  await expect(page.getByTestId(testIds.appConfig.defaultDatasource)).toBeVisible();
});
