import { defineConfig } from '@playwright/test';
import { CHROMIUM_PATH } from './browserEnvironment';

/**
 * Browser tests against the plugin host (e2e/host), in the Debian chromium, with a real Prometheus: `npm run e2e`.
 * Global setup builds the plugin when dist/ is older than src/, starts Prometheus with synthetic traffic and one
 * host that every test shares. The specs against a real Grafana (e2e/grafana) have their own config.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  testIgnore: 'grafana/**',
  globalSetup: './globalSetup.ts',
  outputDir: '../test-results/e2e',
  // One host and one Prometheus serve all tests; two cores gain nothing from parallel browsers.
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list']],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    screenshot: 'only-on-failure',
    launchOptions: {
      // The Debian chromium, never a downloaded browser.
      executablePath: CHROMIUM_PATH,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
