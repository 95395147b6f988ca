/**
 * The KPI report in the plugin host, on the shared test Prometheus (two days of checkout and login traffic, no
 * search series): this week's attainment per KPI, no data shown as such, and the CSV a spreadsheet gets.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testIds } from '../src/components/testIds';
import { APP_BASE_PATH } from './host/hostContract';
import { expect, test } from './fixtures';

test('the report of this week: attainment per KPI, no data as no data, and a CSV with one line per KPI', async ({
  page,
  openHostPage,
  pageProblems,
}) => {
  await openHostPage(`${APP_BASE_PATH}/report?period=this-week&tz=UTC`, { role: 'Viewer' });

  const row = (id: string) => page.locator(`[data-testid="${testIds.report.row}"][data-kpi-id="${id}"]`);
  // The week so far holds the last hours of checkout's 2 % burn: far more than its 0.1 % budget.
  await expect(row('checkout-availability')).toHaveAttribute('data-state', 'ok');
  await expect(row('checkout-availability')).toContainText('Missed');
  await expect(row('login-success')).toHaveAttribute('data-state', 'ok');
  await expect(row('search-latency')).toHaveAttribute('data-state', 'no-data');
  await expect(row('search-latency')).toContainText('No data');
  // A SQL SLO in the same report, evaluated from the shop's payments: a verdict, never left out.
  await expect(row('payment-success')).toHaveAttribute('data-state', 'ok');
  await expect(row('payment-success')).toContainText(/Met|Missed/);
  await expect(page.getByTestId(testIds.report.period)).toContainText('This week');
  await page.screenshot({ path: join(__dirname, 'screenshots', 'report-this-week.png') });

  const download = page.waitForEvent('download');
  await page.getByTestId(testIds.report.downloadCsv).click();
  const file = await (await download).path();
  const lines = readFileSync(file, 'utf8').trim().split('\r\n');
  expect(lines[0]).toMatch(/^kpi_id,name,owner,period,/);
  expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual([
    'checkout-availability',
    'search-latency',
    'login-success',
    // the example catalog's value KPIs, whose shop metrics this Prometheus lacks: a line each all the same
    'checkout-conversion',
    'monthly-revenue',
    'cost-per-1k-requests',
    'search-index-freshness',
    // and its SQL KPIs, read from the shared host's demo shop in PostgreSQL
    'payment-success',
    'shop-revenue',
    'orders-per-day',
    'incident-mttr',
  ]);
  expect(pageProblems).toEqual([]);
});
