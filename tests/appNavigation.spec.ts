import { test, expect } from './fixtures';
import { ROUTES } from '../src/constants';
import { testIds } from '../src/components/testIds';

test.describe('navigating the app', () => {
  test('the catalog explains how to add KPIs', async ({ gotoPage, page }) => {
    await gotoPage(`/${ROUTES.Catalog}`);
    await expect(page.getByTestId(testIds.catalog.container)).toBeVisible();
    await expect(page.getByText('No KPIs to show yet')).toBeVisible();
  });

  test('the add button opens the editor', async ({ gotoPage, page }) => {
    await gotoPage(`/${ROUTES.Catalog}`);
    await page.getByTestId(testIds.catalog.addKpi).click();
    await expect(page.getByTestId(testIds.kpiEditor.container)).toBeVisible();
  });

  test('the KPI detail page takes the KPI id from the URL', async ({ gotoPage, page }) => {
    await gotoPage(`/${ROUTES.Kpi}/checkout-availability`);
    await expect(page.getByText('KPI "checkout-availability"')).toBeVisible();
    await page.getByTestId(testIds.kpiDetail.backToCatalog).click();
    await expect(page.getByTestId(testIds.catalog.container)).toBeVisible();
  });
});
