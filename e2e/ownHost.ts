/**
 * A plugin host of a spec's own, for tests that change the catalog or stop its Prometheus, which would spoil the
 * shared host for the other specs: fresh state seeded with the spec's catalog, removed again when the host stops.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { parseCatalog } from '../src/data/catalogYaml';
import type { CatalogKpi } from '../src/kpi/model';
import { catalogYamlOf } from '../src/testing/shopSqlKpis';
import { SHOP_POSTGRES_URL_ENV, SKIP_REASON_ENV } from './browserEnvironment';
import { ROLE_HEADER } from './host/hostContract';
import { REPO_ROOT, startHost, type RunningHost } from './host/startHost';
import { test } from './fixtures';

/** The repository's example catalog, the one the shared host serves. */
export const EXAMPLE_CATALOG = { file: join(REPO_ROOT, 'examples', 'catalog.yaml') };

/**
 * The example catalog's Prometheus KPIs: the example's SQL KPIs read the demo shop's PostgreSQL, which adds a request
 * and rows of their own. No Prometheus KPI is driven by a SQL one, so the tree stays whole.
 */
export function examplePrometheusKpis(): CatalogKpi[] {
  const example = parseCatalog(EXAMPLE_CATALOG.file, readFileSync(EXAMPLE_CATALOG.file, 'utf8'));
  if (!example.ok) {
    throw new Error(example.problems.join('\n'));
  }
  return example.value.kpis.filter((kpi) => kpi.datasource?.type === 'prometheus');
}

/** The example catalog's Prometheus KPIs alone, for specs whose figures and request counts are the test Prometheus's. */
export const PROMETHEUS_EXAMPLE_CATALOG = { yaml: catalogYamlOf(...examplePrometheusKpis()) };

export interface OwnHostOptions {
  /** Names the temporary directory, so a leftover one says which spec left it. */
  name: string;
  prometheusUrl: string;
  /** A catalog file, or the YAML text of one. */
  catalog: { file: string } | { yaml: string };
  /** A PostgreSQL the host serves as the data source uid `postgres`. */
  postgresUrl?: string;
}

export interface OwnHost extends RunningHost {
  /** The catalog file the host was seeded from, for a CLI run to read the same KPIs. */
  catalogFile: string;
}

export async function startOwnHost({ name, prometheusUrl, catalog, postgresUrl }: OwnHostOptions): Promise<OwnHost> {
  const dir = mkdtempSync(join(tmpdir(), `northstar-e2e-${name}-`));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  const catalogFile = 'file' in catalog ? catalog.file : join(dir, 'catalog.yaml');
  if ('yaml' in catalog) {
    writeFileSync(catalogFile, catalog.yaml);
  }
  let host: RunningHost;
  try {
    host = await startHost({ port: 0, prometheusUrl, postgresUrl, stateDir: join(dir, 'state'), catalogFile });
  } catch (error) {
    removeDir();
    throw error;
  }
  return {
    url: host.url,
    catalogFile,
    stop: async () => {
      try {
        await host.stop();
      } finally {
        removeDir();
      }
    },
  };
}

/** The Prometheus behind the shared host's data source: an own host that reads it sees the same traffic. */
export async function sharedPrometheusUrl(request: APIRequestContext, hostUrl: string): Promise<string> {
  const datasource = await request.get(`${hostUrl}/api/datasources/uid/prometheus`, {
    headers: { [ROLE_HEADER]: 'Admin' },
  });
  return ((await datasource.json()) as { url: string }).url;
}

/**
 * An own host on the shared Prometheus (and the shared shop's PostgreSQL, which the example catalog's SQL KPIs read)
 * for the tests of the calling file: started before the first of them, stopped after the last. Its `url` is there
 * while they run.
 */
export function ownHostForThisFile(options: Omit<OwnHostOptions, 'prometheusUrl'>): { readonly url: string } {
  let host: OwnHost | undefined;
  test.beforeAll(async ({ request, hostUrl }) => {
    test.skip(!hostUrl, process.env[SKIP_REASON_ENV] ?? 'the plugin host did not start');
    host = await startOwnHost({
      postgresUrl: process.env[SHOP_POSTGRES_URL_ENV],
      ...options,
      prometheusUrl: await sharedPrometheusUrl(request, hostUrl),
    });
  });
  test.afterAll(async () => {
    await host?.stop();
  });
  return {
    get url() {
      if (!host) {
        throw new Error(`the host of its own (${options.name}) has not started`);
      }
      return host.url;
    },
  };
}
