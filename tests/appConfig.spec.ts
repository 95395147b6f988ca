import { test, expect } from './fixtures';
import { testIds } from '../src/components/testIds';

test('the app configuration can be saved', async ({ appConfigPage, page }) => {
  await expect(page.getByTestId(testIds.appConfig.defaultDatasource)).toBeVisible();

  // listen for the server response on the saved form
  const saveResponse = appConfigPage.waitForSettingsResponse();

  await page.getByRole('button', { name: /save settings/i }).click();
  await expect(saveResponse).toBeOK();
});
