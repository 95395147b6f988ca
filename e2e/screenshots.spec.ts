import { join } from 'node:path';
import { testIds } from '../src/components/testIds';
import { APP_BASE_PATH, HOST_PANEL_TEST_ID, PANEL_PAGE_PATH, PLUGIN_CONFIG_PATH, THEMES } from './host/hostContract';
import { expect, test } from './fixtures';

/** Written for review (git ignores the PNGs): what the app and the panel look like in Grafana's two themes. */
const SCREENSHOT_DIR = join(__dirname, 'screenshots');

/** Each page, and what shows once its lazily loaded content has rendered. */
const PAGES = [
  { name: 'app-catalog', path: APP_BASE_PATH, shows: testIds.catalog.container },
  {
    name: 'app-kpi-detail',
    path: `${APP_BASE_PATH}/kpi/checkout-availability`,
    shows: testIds.kpiDetail.live,
    fullPage: true,
  },
  {
    name: 'app-kpi-editor',
    path: `${APP_BASE_PATH}/edit/login-success`,
    shows: testIds.kpiEditor.form,
    fullPage: true,
  },
  { name: 'app-config', path: PLUGIN_CONFIG_PATH, shows: testIds.appConfig.container, fullPage: true },
  { name: 'app-report', path: `${APP_BASE_PATH}/report?period=this-week&tz=UTC`, shows: testIds.report.table },
  {
    name: 'kpi-panel-checkout',
    path: `${PANEL_PAGE_PATH}?scenario=checkout-availability&width=640&height=360`,
    shows: HOST_PANEL_TEST_ID,
  },
];

for (const theme of THEMES) {
  test(`screenshots of the app and the KPI panel in the ${theme} theme`, async ({ page, openHostPage }) => {
    for (const { name, path, shows, fullPage = false } of PAGES) {
      await openHostPage(path, { theme });
      await expect(page.getByTestId(shows)).toBeVisible();
      await page.waitForLoadState('networkidle');
      // @grafana/ui draws an empty <svg> until an icon's file has arrived.
      await page.waitForFunction(() => document.querySelectorAll('svg:empty').length === 0);

      await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${theme}.png`), fullPage });
    }
  });
}
