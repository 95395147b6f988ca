/**
 * Once per `npm run e2e`: builds the plugin if dist/ is missing or older than src/, starts a real Prometheus with
 * two days of synthetic checkout traffic, a real PostgreSQL with the demo shop's last 30 days (the example
 * catalog's SQL KPIs read it) and one plugin host on a free port (its page bundle built or reused), and hands the
 * host's URL to the tests. Returns the teardown.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { applyShopSchema } from '../demo/shop/shopDatabase';
import { writeShopHistory } from '../demo/shop/shopHistory';
import { TrafficModel } from '../demo/traffic';
import { findPostgresBinaries, type RunningPostgres, startPostgres } from '../src/testing/postgresServer';
import { HOST_URL_ENV, missingEnvironment, SHOP_POSTGRES_URL_ENV, SKIP_REASON_ENV } from './browserEnvironment';
import { REPO_ROOT, startHost } from './host/startHost';
import { startCheckoutPrometheus } from './host/testPrometheus';

/** The example catalog's SQL windows are 28 days at most. */
const SHOP_HISTORY_DAYS = 30;

/**
 * The demo shop's PostgreSQL behind the example catalog's SQL KPIs, its history ending now. Without PostgreSQL
 * (a developer machine; CI fails instead) the host has no `postgres` data source and those rows show the error.
 */
async function startShopPostgres(): Promise<RunningPostgres | undefined> {
  if (!findPostgresBinaries()) {
    if (process.env.CI) {
      throw new Error('PostgreSQL is not installed (Debian package "postgresql"). CI is set, so it must be.');
    }
    console.warn("e2e: PostgreSQL is not installed: the example catalog's SQL KPIs will show errors");
    return undefined;
  }
  const postgres = await startPostgres();
  const db = new Client({ connectionString: postgres.url });
  try {
    await db.connect();
    await applyShopSchema(db);
    await writeShopHistory(db, new TrafficModel(Math.floor(Date.now() / 1000)), SHOP_HISTORY_DAYS);
  } catch (error) {
    await postgres.stop();
    throw error;
  } finally {
    await db.end().catch(() => undefined);
  }
  return postgres;
}

function newestModification(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) {
    return stat.mtimeMs;
  }
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestModification(join(path, name))));
}

/** The tests load dist/: build it when it would not show the current sources. */
function ensurePluginBuilt(): void {
  const moduleFile = join(REPO_ROOT, 'dist', 'module.js');
  if (existsSync(moduleFile) && statSync(moduleFile).mtimeMs >= newestModification(join(REPO_ROOT, 'src'))) {
    return;
  }
  console.log('e2e: dist/ is missing or older than src/: npm run build');
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (build.status !== 0) {
    throw new Error(`npm run build failed:\n${`${build.stdout}${build.stderr}`.slice(-4000)}`);
  }
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  const missing = missingEnvironment();
  if (missing) {
    if (process.env.CI) {
      throw new Error(`${missing}. CI is set, so the browser tests must not be skipped.`);
    }
    console.warn(`e2e: skipping the browser tests: ${missing}`);
    process.env[SKIP_REASON_ENV] = missing;
    return async () => undefined;
  }
  ensurePluginBuilt();
  // The shop's history first: the test Prometheus's traffic ends when it starts, and the specs read its last
  // minutes, so nothing slow may come between the two.
  const shop = await startShopPostgres();
  let prometheus: Awaited<ReturnType<typeof startCheckoutPrometheus>>;
  try {
    prometheus = await startCheckoutPrometheus();
  } catch (error) {
    await shop?.stop();
    throw error;
  }
  const stateDir = mkdtempSync(join(tmpdir(), 'northstar-e2e-host-'));
  try {
    const host = await startHost({
      port: 0,
      prometheusUrl: prometheus.url,
      postgresUrl: shop?.url,
      stateDir,
      catalogFile: join(REPO_ROOT, 'examples', 'catalog.yaml'),
    });
    process.env[HOST_URL_ENV] = host.url;
    if (shop) {
      process.env[SHOP_POSTGRES_URL_ENV] = shop.url;
    }
    return async () => {
      await host.stop();
      await shop?.stop();
      await prometheus.stop();
      rmSync(stateDir, { recursive: true, force: true });
    };
  } catch (error) {
    await shop?.stop();
    await prometheus.stop();
    rmSync(stateDir, { recursive: true, force: true });
    throw error;
  }
}
