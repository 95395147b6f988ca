/**
 * A plugin host for tests of the API alone: the plugin.json files with empty modules stand in for a build. Its
 * Prometheus data source proxies to `prometheusUrl` when one is given, and to a closed port otherwise. Its state and
 * stub build live in a temporary directory that `stop` removes.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, startHost, type HostOptions, type RunningHost } from './startHost';

function stubDist(dir: string): string {
  for (const folder of ['', 'panels/kpi']) {
    mkdirSync(join(dir, folder), { recursive: true });
    copyFileSync(join(REPO_ROOT, 'src', folder, 'plugin.json'), join(dir, folder, 'plugin.json'));
    writeFileSync(join(dir, folder, 'module.js'), '');
  }
  return dir;
}

/** `options` adds to the host's: a PostgreSQL data source, a service account, a real Prometheus, its scrape interval. */
export async function startApiOnlyHost(
  tempPrefix: string,
  options: Partial<Pick<HostOptions, 'postgresUrl' | 'serviceAccount' | 'prometheusUrl' | 'scrapeInterval'>> = {}
): Promise<RunningHost> {
  const dir = mkdtempSync(join(tmpdir(), tempPrefix));
  const host = await startHost({
    prometheusUrl: 'http://127.0.0.1:9',
    ...options,
    port: 0,
    stateDir: join(dir, 'state'),
    distDir: stubDist(join(dir, 'dist')),
    buildPage: false,
  });
  return {
    ...host,
    stop: async () => {
      await host.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
