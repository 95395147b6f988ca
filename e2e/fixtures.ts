/**
 * Fixtures of the browser tests: the shared host's URL, a way to open a host page as a role and theme and wait
 * until the plugin rendered, and the problems the page reported on the way (console errors, uncaught errors,
 * failed requests, HTTP errors).
 */
import { test as base, type Page } from '@playwright/test';
import { HOST_URL_ENV, SKIP_REASON_ENV } from './browserEnvironment';
import type { HostPageFlags, OrgRole, ThemeName } from './host/hostContract';

export interface HostPageOptions {
  role?: OrgRole;
  theme?: ThemeName;
  /** Another host than the shared one. */
  hostUrl?: string;
}

interface Fixtures {
  /** Opens a host page (path with or without a query) and resolves once the plugin has rendered. */
  openHostPage: (path: string, options?: HostPageOptions) => Promise<void>;
  /** Moves to another host page within the open one (same user and theme), once it has rendered. */
  navigateInHostPage: (path: string) => Promise<void>;
  /** What went wrong on the page so far, one line each; a clean page has none. */
  pageProblems: string[];
  skipWithoutEnvironment: void;
}

interface WorkerFixtures {
  hostUrl: string;
}

/**
 * The npm packages ship no Inter or Roboto font files that Grafana's global styles ask for; the browser falls back
 * to another font, as the spike notes record. Those 404s are expected.
 */
const isFontUrl = (url: string) => new URL(url).pathname.startsWith('/public/fonts/');

function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !isFontUrl(message.location().url || 'http://host/')) {
      problems.push(`console error: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => {
    // ERR_ABORTED is the page cancelling its own request (an icon whose element unmounted), not a failure.
    const reason = request.failure()?.errorText ?? '';
    if (!reason.includes('ERR_ABORTED') && !isFontUrl(request.url())) {
      problems.push(`request failed: ${request.method()} ${request.url()}: ${reason}`);
    }
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && !isFontUrl(response.url())) {
      problems.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
    }
  });
  return problems;
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  hostUrl: [process.env[HOST_URL_ENV] ?? '', { option: true, scope: 'worker' }],

  skipWithoutEnvironment: [
    async ({ hostUrl }, provide, testInfo) => {
      testInfo.skip(!hostUrl, process.env[SKIP_REASON_ENV] ?? 'the plugin host did not start');
      await provide();
    },
    { auto: true },
  ],

  pageProblems: async ({ page }, provide) => {
    await provide(collectProblems(page));
  },

  openHostPage: async ({ page, hostUrl }, provide) => {
    await provide(async (path, options = {}) => {
      const url = new URL(path, options.hostUrl ?? hostUrl);
      url.searchParams.set('role', options.role ?? 'Admin');
      url.searchParams.set('theme', options.theme ?? 'dark');
      await page.goto(url.href);
      await waitUntilRendered(page, path);
    });
  },

  navigateInHostPage: async ({ page }, provide) => {
    await provide(async (path) => {
      await page.evaluate((target) => (window as Window & HostPageFlags).__northstarHostNavigate?.(target), path);
      await waitUntilRendered(page, path);
    });
  },
});

async function waitUntilRendered(page: Page, path: string): Promise<void> {
  const outcome = await page.waitForFunction(() => {
    const flags = window as Window & HostPageFlags;
    return flags.__northstarHostError ? { error: flags.__northstarHostError } : flags.__northstarHostReady === true;
  });
  const value = (await outcome.jsonValue()) as true | { error: string };
  if (value !== true) {
    throw new Error(`the plugin host could not render ${path}: ${value.error}`);
  }
}

export { expect } from '@playwright/test';
