/**
 * Issue 4, item 6: the KPI panel in the plugin host against a Prometheus of its own whose data is known by
 * construction: the numbers the panel shows equal `northstar eval --json` for the same KPI, Prometheus and instant;
 * a burn turns it to `page`; a stopped exporter turns it to `no-data`; screenshots in both themes at two sizes.
 *
 * To step like the CLI (`--step 5m --scrape-interval 1m`), each panel's time range is the SLO window (1d) ending
 * at a 5m-aligned instant and its max data points is window / 5m (288): Grafana then computes a 5m interval, the
 * query steps at 5m and `$__rate_interval` is 6m, as in the CLI. (A query "Min step" of 5m would step at 5m too, but
 * Grafana then takes 4 × 5m = 20m as `$__rate_interval`, which the CLI does not.)
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { testIds } from '../src/components/testIds';
import { startPrometheus, type RunningPrometheus } from '../src/testing/prometheusServer';
import { counterOpenMetrics, type TrafficHour } from '../src/testing/syntheticTraffic';
import { HOST_URL_ENV, SKIP_REASON_ENV } from './browserEnvironment';
import { HOST_PANEL_TEST_ID, PANEL_PAGE_PATH, SCENARIOS_API_PATH, THEMES } from './host/hostContract';
import type { PanelScenario } from './host/scenarios';
import { REPO_ROOT } from './host/startHost';
import { expect, test } from './fixtures';
import { startOwnHost, type OwnHost } from './ownHost';

const run = promisify(execFile);

const SCREENSHOT_DIR = join(__dirname, 'screenshots');
const STEP_MS = 5 * 60_000;
const WINDOW = '1d';
const WINDOW_MS = 86_400_000;
const HOURS = 26;

/** What the KPIs are read from: one job per case, all in one Prometheus. */
const JOBS = {
  /** Varying traffic and errors, 3x the budget in the last two hours: burn rates that differ per window. */
  parity: Array.from({ length: HOURS }, (_, i) =>
    i >= HOURS - 2
      ? { rate: 9, errorRatio: 0.003 }
      : { rate: 5 + ((i * 7) % 11), errorRatio: 0.0002 + (i % 4) * 0.0001 }
  ),
  /** A 20x burn (2 % errors against a 0.1 % budget) in the last hour. */
  burn: Array.from({ length: HOURS }, (_, i) => ({ rate: 10, errorRatio: i === HOURS - 1 ? 0.02 : 0.0002 })),
  /** The exporter stopped an hour before the end: no samples after that. */
  stopped: Array.from({ length: HOURS }, (_, i) => ({ rate: 10, errorRatio: 0.0005, gap: i === HOURS - 1 })),
} satisfies Record<string, TrafficHour[]>;
type Job = keyof typeof JOBS;

const kpiId = (job: Job) => `e2e-${job}`;

/** One published ratio KPI per job, 99.9 % over 1d, with a custom policy whose windows are multiples of 5m. */
function catalogYaml(): string {
  const kpi = (job: Job) => `
  - id: ${kpiId(job)}
    version: 1
    status: published
    name: E2E ${job}
    owner: team-e2e
    datasource: { type: prometheus, uid: prometheus }
    indicator:
      type: ratio
      good: sum(rate(http_requests_total{job="${job}",code!~"5.."}[$__rate_interval]))
      total: sum(rate(http_requests_total{job="${job}"}[$__rate_interval]))
    objective: { target: 0.999, window: ${WINDOW} }
    alerting:
      policy: custom
      rules:
        - { severity: page, factor: 14.4, long: 1h, short: 5m }
        - { severity: page, factor: 6, long: 6h, short: 30m }
        - { severity: ticket, factor: 1.5, long: 12h, short: 1h }`;
  return `apiVersion: northstar.dev/v1\nkind: KpiCatalog\nkpis:${(Object.keys(JOBS) as Job[]).map(kpi).join('')}\n`;
}

/** One row of `northstar eval --json`. */
interface EvalRow {
  id: string;
  status: string;
  sli: number | null;
  budgetRemaining: number | null;
  burnRates: Record<string, number | null>;
  coverage: number;
  evaluatedAt: string;
}

/** The KPI's panel: the burn-rate table (every window on screen), the SLO window ending at `atMs`, 5m steps. */
function scenarioOf(job: Job, atMs: number, view: 'burn-rate-table' | 'stat' = 'burn-rate-table'): PanelScenario {
  return {
    name: `e2e-${job}-${view}`,
    description: `${kpiId(job)} as ${view}, evaluated at ${new Date(atMs).toISOString()}`,
    title: `E2E ${job}`,
    timeRange: { from: String(atMs - WINDOW_MS), to: String(atMs) },
    queries: [
      { refId: 'good', expr: `sum(rate(http_requests_total{job="${job}",code!~"5.."}[$__rate_interval]))` },
      { refId: 'total', expr: `sum(rate(http_requests_total{job="${job}"}[$__rate_interval]))` },
    ],
    options: { view, source: 'catalog', kpiId: kpiId(job), policy: 'kpi', goodRefId: 'good', totalRefId: 'total' },
    maxDataPoints: WINDOW_MS / STEP_MS,
  };
}

/** Decimals a shown number was written with: "99.94%" -> 2. */
const decimalsOf = (text: string) => text.replace(/[%x]$/, '').split('.')[1]?.length ?? 0;

/** The value of the first element whose aria-label starts with `label`: "SLI: 99.94%" -> "99.94%". */
async function shownText(page: Page, label: string): Promise<string> {
  const text = (await page.getByLabel(label, { exact: false }).first().getAttribute('aria-label')) ?? '';
  return text.slice(text.lastIndexOf(':') + 1).trim();
}

/** `expected` written the way `shown` was, rounded to nearest (tolerance half a unit of the last digit). */
function expectRounded(what: string, shownValue: string, expected: number | null, scale: number) {
  if (expected === null) {
    expect(shownValue, what).toBe('—');
    return;
  }
  const number = Number(shownValue.replace(/[%x]$/, ''));
  const unit = 10 ** -decimalsOf(shownValue);
  expect(Math.abs(number - expected * scale), `${what}: shown ${shownValue}, eval ${expected}`).toBeLessThanOrEqual(
    unit / 2 + 1e-9
  );
}

let prometheus: RunningPrometheus | undefined;
let host: OwnHost | undefined;
/** The 5m-aligned instant the data ends at and every panel and eval is evaluated at. */
let atMs = 0;
let evalRows: EvalRow[] = [];

test.describe('the KPI panel against northstar eval, a burn and a stopped exporter', () => {
  test.beforeAll(async () => {
    test.skip(!process.env[HOST_URL_ENV], process.env[SKIP_REASON_ENV] ?? 'the plugin host did not start');
    atMs = Math.floor(Date.now() / STEP_MS) * STEP_MS;
    const series = (Object.keys(JOBS) as Job[]).map((job) => ({ labels: `job="${job}"`, hours: JOBS[job] }));
    prometheus = await startPrometheus(counterOpenMetrics('http_requests', series, atMs / 1000));
    host = await startOwnHost({ name: 'parity', prometheusUrl: prometheus.url, catalog: { yaml: catalogYaml() } });
    // Exit code 2 means "a KPI has no data": the stopped exporter's, as intended.
    const evaluated = await run(
      process.execPath,
      [
        join(REPO_ROOT, 'bin', 'northstar.cjs'),
        'eval',
        host.catalogFile,
        '--prometheus',
        prometheus.url,
        '--at',
        String(atMs / 1000),
        '--scrape-interval',
        '1m',
        '--step',
        '5m',
        '--json',
      ],
      { cwd: REPO_ROOT }
    ).catch((error: { code?: number; stdout?: string; stderr?: string }) => {
      if (error.code !== 2) {
        throw new Error(`northstar eval failed (${error.code}): ${error.stderr}`);
      }
      return { stdout: error.stdout ?? '', stderr: error.stderr ?? '' };
    });
    evalRows = JSON.parse(evaluated.stdout) as EvalRow[];
    for (const job of Object.keys(JOBS) as Job[]) {
      for (const view of ['burn-rate-table', 'stat'] as const) {
        const posted = await fetch(`${host.url}${SCENARIOS_API_PATH}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(scenarioOf(job, atMs, view)),
        });
        expect(posted.status).toBe(201);
      }
    }
  });

  test.afterAll(async () => {
    await host?.stop();
    await prometheus?.stop();
  });

  const panelUrl = (job: Job, view = 'burn-rate-table', size = '&width=900&height=560') =>
    `${PANEL_PAGE_PATH}?scenario=e2e-${job}-${view}${size}`;
  const evalOf = (job: Job) => {
    const row = evalRows.find((candidate) => candidate.id === kpiId(job));
    expect(row, `northstar eval has a row for ${kpiId(job)}`).toBeDefined();
    return row as EvalRow;
  };

  test('SLI, budget, coverage and the burn rate of every window equal northstar eval --json at the same instant', async ({
    page,
    openHostPage,
    pageProblems,
  }) => {
    const expected = evalOf('parity');
    // The case is only worth something when the numbers are not all alike.
    expect(expected.status).toBe('ok');
    expect(expected.coverage).toBe(1);
    expect(Object.keys(expected.burnRates)).toEqual(['5m', '30m', '1h', '6h', '12h', '1d']);

    await openHostPage(panelUrl('parity'), { hostUrl: host?.url });
    const kpiPanel = page.getByTestId(testIds.kpiPanel.container);
    await expect(kpiPanel).toBeVisible();
    await expect(kpiPanel).toHaveAttribute('data-view', 'burn-rate-table');
    await expect(page.getByTestId(testIds.kpiPanel.timeRangeWarning)).toHaveCount(0);
    await expect(page.getByTestId(testIds.kpiPanel.status)).toHaveAttribute('data-status', expected.status);

    // The SLI is rounded down (never shows a target it did not reach), to 2 decimals for a 99.9 % target.
    const sli = await shownText(page, 'SLI:');
    const sliNumber = Number(sli.replace('%', ''));
    const sliUnit = 10 ** -decimalsOf(sli);
    expect(expected.sli).not.toBeNull();
    expect(sliNumber, `SLI shown ${sli}, eval ${expected.sli}`).toBeLessThanOrEqual(
      (expected.sli as number) * 100 + 1e-9
    );
    expect(sliNumber + sliUnit, `SLI shown ${sli}, eval ${expected.sli}`).toBeGreaterThan(
      (expected.sli as number) * 100
    );

    expectRounded('budget remaining', await shownText(page, 'Error budget remaining:'), expected.budgetRemaining, 100);
    expectRounded('coverage', await shownText(page, 'Coverage:'), expected.coverage, 100);
    for (const [window, rate] of Object.entries(expected.burnRates)) {
      const label = window === WINDOW ? `Burn rate over the SLO window ${window}:` : `Burn rate over ${window}:`;
      const cells = page.getByLabel(label, { exact: false });
      expect(await cells.count(), `the table shows the ${window} burn rate`).toBeGreaterThan(0);
      expectRounded(`burn rate ${window}`, await shownText(page, label), rate, 1);
    }
    expect(pageProblems).toEqual([]);
  });

  test('a 20x burn in the last hour turns the panel to page', async ({ page, openHostPage, pageProblems }) => {
    expect(evalOf('burn').status).toBe('page');
    await openHostPage(panelUrl('burn'), { hostUrl: host?.url });

    const status = page.getByTestId(testIds.kpiPanel.status);
    await expect(status).toHaveAttribute('data-status', 'page');
    await expect(status).toHaveText('Page');
    await expect(status).toHaveAccessibleName(/^KPI status: Page\./);
    const pageRule = page.getByTestId(testIds.kpiPanel.burnRateTable).locator('tbody tr').first();
    await expect(pageRule).toHaveAttribute('data-state', 'firing');
    expect(pageProblems).toEqual([]);
  });

  test('an exporter stopped an hour before the end turns the panel to no-data, which does not look OK', async ({
    page,
    openHostPage,
    pageProblems,
  }) => {
    expect(evalOf('stopped').status).toBe('no-data');
    await openHostPage(panelUrl('stopped', 'stat'), { hostUrl: host?.url });

    const status = page.getByTestId(testIds.kpiPanel.status);
    await expect(status).toHaveAttribute('data-status', 'no-data');
    await expect(status).toHaveText('No data');
    await expect(status).not.toHaveText(/OK/);
    await expect(page.getByTestId(testIds.kpiPanel.container)).toContainText(
      'No samples in the last 5m: the exporter or the data source may have stopped'
    );
    expect(pageProblems).toEqual([]);
  });

  for (const theme of THEMES) {
    test(`screenshots of the page and no-data panels in the ${theme} theme, 300x200 and full size`, async ({
      page,
      openHostPage,
    }) => {
      const sizes = [
        { name: '300x200', width: 300, height: 200 },
        { name: 'full', width: 1240, height: 720 },
      ];
      for (const job of ['burn', 'stopped'] as const) {
        for (const size of sizes) {
          await openHostPage(panelUrl(job, 'stat', `&width=${size.width}&height=${size.height}`), {
            theme,
            hostUrl: host?.url,
          });
          await expect(page.getByTestId(testIds.kpiPanel.status)).toBeVisible();
          await page.waitForLoadState('networkidle');
          // @grafana/ui draws an empty <svg> until an icon's file has arrived.
          await page.waitForFunction(() => document.querySelectorAll('svg:empty').length === 0);
          // The panel itself: its wrapper spans the canvas, the panel chrome is width x height from its corner.
          const box = await page.getByTestId(HOST_PANEL_TEST_ID).boundingBox();
          expect(box).not.toBeNull();
          await page.screenshot({
            path: join(SCREENSHOT_DIR, `kpi-panel-${job}-${size.name}-${theme}.png`),
            clip: { x: box?.x ?? 0, y: box?.y ?? 0, width: size.width, height: size.height },
          });
        }
      }
    });
  }
});
