/**
 * Review cadence and check-ins as people use them: an Admin marks a KPI reviewed (no new version); an Editor who
 * owns the KPI through their team adds a check-in (a Grafana annotation), which shows on the KPI page, as a marker
 * on its burndown and in the report; a Viewer of the owning team and an Editor of another team are told why they
 * cannot. These tests change the catalog, so they run against a host of their own with the example catalog.
 */
import { join } from 'node:path';
import { testIds } from '../src/components/testIds';
import { APP_BASE_PATH, ROLE_HEADER, THEMES } from './host/hostContract';
import { expect, test } from './fixtures';
import { EXAMPLE_CATALOG, ownHostForThisFile } from './ownHost';
import { catalogPath, detailPath, hostHelpers, SCREENSHOTS } from './catalogAppSupport';

const host = ownHostForThisFile({ name: 'review-checkins', catalog: EXAMPLE_CATALOG });
const { readSettings } = hostHelpers(host);
const KPI = 'checkout-availability';
/** Owned by team-search, which the host's Editor is not in. */
const OTHER_TEAMS_KPI = 'search-latency';
const HTML_NOTE = '<img src=x onerror=document.title="owned"> conversion dip: search incident INC-123';

test('an Admin marks a KPI reviewed; an owning Editor adds a check-in: page, chart marker and report, HTML as text', async ({
  page,
  request,
  openHostPage,
}) => {
  await openHostPage(detailPath(KPI), { hostUrl: host.url });
  // The example catalog's KPI has one published version; marking it reviewed adds none.
  const versions = page.getByTestId(testIds.kpiDetail.history).getByRole('listitem');
  await expect(versions).toHaveCount(1);
  await page.getByTestId(testIds.review.markReviewed).click();
  await expect(page.getByTestId(testIds.review.reviewer)).toHaveText('admin');
  const stored = (await readSettings(request)).jsonData.catalog.kpis.find((kpi) => kpi.id === KPI);
  expect(stored?.review).toMatchObject({ every: '90d', by: 'admin' });
  expect(stored?.version).toBe(1);
  await expect(versions).toHaveCount(1);

  // The host's Editor is in team-payments, which owns the KPI; the Editor role cannot write the app's settings.
  await openHostPage(detailPath(KPI), { role: 'Editor', hostUrl: host.url });
  const settingsBefore = JSON.stringify((await readSettings(request)).jsonData);
  // Yesterday: a note sits at noon UTC of its day, which today may not have reached on the burndown's axis.
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  await page.getByTestId(testIds.checkIns.date).fill(yesterday);
  await page.getByTestId(testIds.checkIns.text).fill(HTML_NOTE);
  await page.getByTestId(testIds.checkIns.add).click();
  const item = page.getByTestId(testIds.checkIns.item).first();
  await expect(item).toContainText(HTML_NOTE);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(await page.title()).not.toBe('owned');
  await expect(item).toContainText('editor · written');
  // Stored as a Grafana annotation, not in the app's settings.
  expect(JSON.stringify((await readSettings(request)).jsonData)).toBe(settingsBefore);
  const annotations = await (
    await request.get(new URL('/api/annotations?tags=northstar-check-in', host.url).toString(), {
      headers: { [ROLE_HEADER]: 'Viewer' },
    })
  ).json();
  expect(annotations).toEqual([
    expect.objectContaining({ text: HTML_NOTE, login: 'editor', tags: ['northstar-check-in', `kpi:${KPI}`] }),
  ]);

  const marker = page.getByTestId(testIds.checkIns.marker).first();
  await expect(marker).toBeVisible({ timeout: 30_000 });
  await marker.hover();
  await expect(page.getByRole('tooltip')).toContainText('INC-123');

  const reportPeriod = yesterday.slice(0, 7) === new Date().toISOString().slice(0, 7) ? 'this-month' : 'last-month';
  await page.goto(new URL(`${APP_BASE_PATH}/report?period=${reportPeriod}&tz=UTC`, host.url).toString());
  const reportNotes = page.locator(`[data-kpi-id="${KPI}"]`).getByTestId(testIds.checkIns.reportNotes);
  await expect(reportNotes).toContainText('INC-123', { timeout: 30_000 });

  for (const theme of THEMES) {
    await openHostPage(detailPath(KPI), { hostUrl: host.url, theme });
    await expect(page.getByTestId(testIds.checkIns.item).first()).toContainText('INC-123');
    await page
      .getByRole('region', { name: 'Check-ins' })
      .screenshot({ path: join(SCREENSHOTS, `check-ins-${theme}.png`) });
    await page.getByRole('region', { name: 'Review' }).screenshot({ path: join(SCREENSHOTS, `review-${theme}.png`) });
  }
});

test('a Viewer of the owning team and an Editor of another team are told why they cannot add a check-in', async ({
  page,
  openHostPage,
}) => {
  await openHostPage(detailPath(KPI), { role: 'Viewer', hostUrl: host.url });
  await expect(page.getByTestId(testIds.review.unavailable)).toHaveText('Only Admins can mark a KPI reviewed.');
  await expect(page.getByTestId(testIds.review.markReviewed)).toHaveCount(0);
  await expect(page.getByTestId(testIds.checkIns.add)).toHaveCount(0);
  await expect(page.getByTestId(testIds.checkIns.unavailable)).toHaveText(
    'You own this KPI, but your Viewer role cannot create organization annotations, where check-ins are stored: ask an Admin for the Editor role.'
  );

  await openHostPage(detailPath(OTHER_TEAMS_KPI), { role: 'Editor', hostUrl: host.url });
  await expect(page.getByTestId(testIds.checkIns.add)).toHaveCount(0);
  await expect(page.getByTestId(testIds.checkIns.unavailable)).toContainText(
    "Only an Admin or the KPI's owner (team-search) can add check-ins"
  );
});

test('the catalog filters overdue reviews through the URL', async ({ page, openHostPage }) => {
  await openHostPage(`${catalogPath}?review=overdue`, { hostUrl: host.url });
  await expect(page.getByTestId(testIds.catalog.reviewOverdueFilter)).toBeChecked();
  const rows = page.getByTestId(testIds.catalog.row);
  for (const row of await rows.all()) {
    await expect(row.getByTestId(testIds.catalog.reviewOverdue)).toBeVisible();
  }
});
