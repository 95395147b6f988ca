/**
 * What the browser tests need from the machine: the Debian chromium and Prometheus. Missing on a developer machine,
 * the tests are skipped with the reason; with CI set, a missing piece fails the run instead.
 */
import { existsSync } from 'node:fs';
import { findPrometheusBinaries } from '../src/testing/prometheusServer';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Set by global setup when the tests cannot run here; the fixtures skip every test with it. */
export const SKIP_REASON_ENV = 'NORTHSTAR_E2E_SKIP_REASON';
/** Set by global setup to the shared plugin host's URL. */
export const HOST_URL_ENV = 'NORTHSTAR_E2E_HOST_URL';
/** The shared PostgreSQL holding the demo shop, for hosts of a spec's own that serve the example catalog. */
export const SHOP_POSTGRES_URL_ENV = 'NORTHSTAR_E2E_SHOP_POSTGRES_URL';

/** Why the browser tests cannot run on this machine, or undefined when they can. */
export function missingEnvironment(): string | undefined {
  if (!existsSync(CHROMIUM_PATH)) {
    return `chromium not found at ${CHROMIUM_PATH}: install the Debian package "chromium" or set CHROMIUM_PATH`;
  }
  if (!findPrometheusBinaries()) {
    return 'prometheus or promtool not found: install the Debian package "prometheus"';
  }
  return undefined;
}
