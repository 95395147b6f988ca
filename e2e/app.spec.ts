import { testIds } from '../src/components/testIds';
import { APP_BASE_PATH, PLUGIN_CONFIG_PATH, type OrgRole } from './host/hostContract';
import { expect, test } from './fixtures';

test.describe('the app in the plugin host', () => {
  for (const role of ['Viewer', 'Admin'] satisfies OrgRole[]) {
    test(`the root page loads as ${role} without console errors, page errors or failed requests`, async ({
      page,
      openHostPage,
      pageProblems,
    }) => {
      await openHostPage(APP_BASE_PATH, { role });

      await expect(page.getByTestId(testIds.catalog.container)).toBeVisible();
      await expect(page.getByText(`(${role})`)).toBeVisible();
      expect(pageProblems).toEqual([]);
    });
  }

  test('the config page shows the app configuration to an Admin', async ({ page, openHostPage, pageProblems }) => {
    await openHostPage(PLUGIN_CONFIG_PATH, { role: 'Admin' });

    await expect(page.getByTestId(testIds.appConfig.container)).toBeVisible();
    expect(pageProblems).toEqual([]);
  });

  test('a link inside the app navigates without reloading the page, as in Grafana', async ({ page, openHostPage }) => {
    await openHostPage(APP_BASE_PATH, { role: 'Admin' });
    await page.evaluate(() => ((window as Window & { loadedOnce?: boolean }).loadedOnce = true));

    await page.getByTestId(testIds.catalog.addKpi).click();

    await expect(page).toHaveURL(/\/a\/northstar-kpi-app\/edit$/);
    await expect(page.getByTestId(testIds.kpiEditor.container)).toBeVisible();
    expect(await page.evaluate(() => (window as Window & { loadedOnce?: boolean }).loadedOnce)).toBe(true);
  });
});
