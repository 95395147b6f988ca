/**
 * The plugin host: a Node HTTP server that serves the built plugin the way Grafana does, answers the Grafana HTTP
 * API the plugin uses (following e2e/contracts), sends data queries to a real Prometheus, and serves
 * the browser page that loads dist/module.js and dist/panels/kpi/module.js. See README.md beside this file.
 */
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { loadCatalog, loadEarlierVersions } from '../../src/cli/catalogFile';
import { publishedHistory } from '../../src/kpi/catalog';
import {
  alertRulesInFolder,
  emptyAlertRules,
  registerAlertProvisioningRoutes,
  type AlertRuleState,
} from './api/alertProvisioning';
import { registerDashboardRoutes } from './api/dashboards';
import {
  postgresDataSource,
  prometheusDataSource,
  registerDataSourceRoutes,
  type HostDataSource,
} from './api/datasources';
import { registerDsQueryRoutes } from './api/dsQuery';
import { registerFolderRoutes } from './api/folders';
import { frontendSettings, registerFrontendSettingsRoute } from './api/frontendSettings';
import { registerHostScenarioRoutes } from './api/hostScenarios';
import { initialSettings, registerPluginSettingsRoutes, type PluginSettingsState } from './api/pluginSettings';
import { registerSearchRoutes } from './api/search';
import { registerUserRoutes } from './api/user';
import { emptyAnnotations, registerAnnotationRoutes, type AnnotationState } from './api/annotations';
import { ensurePageBundle, type PageBundle } from './build/pageBundle';
import { parseGrafanaInterval } from './prometheus/grafanaInterval';
import { registerPrometheusResourceRoutes } from './prometheus/resources';
import { SCENARIOS } from './scenarios';
import { emptyLibrary, type DashboardLibrary } from './server/dashboardLibrary';
import { registerHostPageRoutes } from './server/hostPages';
import { ApiError, notFound, sendJson } from './server/http';
import { readInstalledPlugins, type InstalledPlugin } from './server/installedPlugins';
import { JsonFileStore } from './server/jsonFileStore';
import { Router } from './server/router';
import { authenticateBearer, type ServiceAccount } from './server/session';
import { registerStaticRoutes, sendText } from './server/staticFiles';
import { PostgresPools } from './sql/postgresClient';

export const REPO_ROOT = join(__dirname, '..', '..');

export interface HostOptions {
  /** 0 picks a free port. */
  port: number;
  /** Interface to listen on; 127.0.0.1 unless given. */
  host?: string;
  /** Base URL of the Prometheus HTTP API behind the host's "Prometheus" data source (uid "prometheus"). */
  prometheusUrl: string;
  /** Where settings, dashboards, folders and alert rules are kept between runs. */
  stateDir: string;
  /** The data source's scrape interval ("1m" by default, as the demo and test data are scraped every minute). */
  scrapeInterval?: string;
  /** A catalog YAML file that becomes the app's `jsonData.catalog` when the state directory has no app settings. */
  catalogFile?: string;
  /** Earlier published versions of the catalog's KPIs (a YAML stream of catalogs), seeded as its history. */
  historyFile?: string;
  /**
   * A PostgreSQL connection URL (`postgresql://user[:password]@host:port/database`): adds the "PostgreSQL" data
   * source (type grafana-postgresql-datasource, uid postgres) whose queries run there.
   */
  postgresUrl?: string;
  /** A service account whose token API clients may send as `Authorization: Bearer <token>`. */
  serviceAccount?: ServiceAccount;
  /** The built plugin; the repository's dist/ by default. */
  distDir?: string;
  /** Build (or reuse) the page bundle before listening; otherwise on the first page request. Default true. */
  buildPage?: boolean;
}

export interface RunningHost {
  url: string;
  stop(): Promise<void>;
}

/** The port is taken; the message says which. */
export class PortInUseError extends Error {}

/** The catalog file given to seed the settings is not a valid catalog; one problem per line. */
export class CatalogSeedError extends Error {}

async function seedCatalog(
  store: JsonFileStore<PluginSettingsState>,
  app: InstalledPlugin,
  file: string,
  historyFile?: string
): Promise<void> {
  if (store.get()[app.json.id]) {
    return;
  }
  const catalog = await loadCatalog(file);
  if (!catalog.ok) {
    throw new CatalogSeedError(catalog.problems.join('\n'));
  }
  const earlier = historyFile ? await loadEarlierVersions(historyFile, catalog.value) : undefined;
  if (earlier && !earlier.ok) {
    throw new CatalogSeedError(earlier.problems.join('\n'));
  }
  const history = earlier ? { history: publishedHistory(catalog.value, earlier.value) } : {};
  const jsonData = { catalog: catalog.value, ...history };
  store.set({ ...store.get(), [app.json.id]: { ...initialSettings(app), jsonData } });
}

async function handle(
  router: Router,
  serviceAccount: ServiceAccount | undefined,
  req: IncomingMessage,
  res: ServerResponse
): Promise<void> {
  try {
    const url = new URL(req.url ?? '/', 'http://plugin-host');
    authenticateBearer(req, serviceAccount);
    const match = router.match(req.method ?? 'GET', url.pathname);
    if (match) {
      await match.handler({ req, res, url, params: match.params });
    } else if (url.pathname.startsWith('/api/')) {
      throw notFound();
    } else {
      sendText(res, 404, 'Not found');
    }
  } catch (error) {
    if (res.headersSent) {
      res.destroy();
    } else if (error instanceof ApiError) {
      sendJson(res, error.status, error.body);
    } else if (error instanceof URIError) {
      sendJson(res, 400, { message: 'bad request: malformed URL' });
    } else {
      console.error(`plugin host: ${req.method} ${req.url}:`, error);
      sendJson(res, 500, { message: 'Internal Server Error' });
    }
  }
}

function listen(server: ReturnType<typeof createServer>, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(`port ${port} is already in use on ${host}`) : error)
    );
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const host = options.host ?? '127.0.0.1';
  const scrapeInterval = options.scrapeInterval ?? '1m';
  if (parseGrafanaInterval(scrapeInterval) === undefined) {
    throw new Error(`scrape interval "${scrapeInterval}" is not a duration (use e.g. 15s, 1m)`);
  }
  const distDir = options.distDir ?? join(REPO_ROOT, 'dist');
  const plugins = () => readInstalledPlugins(distDir);
  const app = plugins()[0];
  mkdirSync(options.stateDir, { recursive: true });
  const settingsStore = new JsonFileStore<PluginSettingsState>(options.stateDir, 'plugin-settings.json', () => ({}));
  const library = new JsonFileStore<DashboardLibrary>(options.stateDir, 'dashboards.json', emptyLibrary);
  const alertRules = new JsonFileStore<AlertRuleState>(options.stateDir, 'alert-rules.json', emptyAlertRules);
  const annotations = new JsonFileStore<AnnotationState>(options.stateDir, 'annotations.json', emptyAnnotations);
  if (options.catalogFile) {
    await seedCatalog(settingsStore, app, options.catalogFile, options.historyFile);
  }
  const dataSources: HostDataSource[] = [prometheusDataSource(options.prometheusUrl, scrapeInterval)];
  if (options.postgresUrl !== undefined) {
    dataSources.push(postgresDataSource(options.postgresUrl, dataSources.length + 1));
  }
  const postgresPools = new PostgresPools();
  let bundle: Promise<PageBundle> | undefined;
  const pageBundle = () => (bundle ??= ensurePageBundle());

  let url = '';
  const settings = () => ({ appUrl: url, plugins: plugins(), dataSources });
  const router = new Router();
  registerPluginSettingsRoutes(router, plugins, settingsStore);
  registerDsQueryRoutes(router, dataSources, postgresPools);
  registerDataSourceRoutes(router, dataSources);
  registerPrometheusResourceRoutes(router, dataSources);
  registerDashboardRoutes(router, library);
  registerFolderRoutes(router, library, alertRulesInFolder(alertRules));
  registerAlertProvisioningRoutes(router, alertRules, library);
  registerSearchRoutes(router, library);
  registerUserRoutes(router);
  registerAnnotationRoutes(router, annotations);
  registerFrontendSettingsRoute(router, settings);
  registerHostScenarioRoutes(router, SCENARIOS);
  registerStaticRoutes(router, plugins, pageBundle);
  registerHostPageRoutes(router, () => frontendSettings(settings()), pageBundle);

  const server = createServer((req, res) => void handle(router, options.serviceAccount, req, res));
  const port = await listen(server, options.port, host);
  url = `http://${host}:${port}`;
  const stop = async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    await postgresPools.closeAll();
  };
  // After listening, so a taken port is reported at once rather than after a build.
  if (options.buildPage !== false) {
    await pageBundle().catch(async (error: unknown) => {
      await stop();
      throw error;
    });
  }
  return { url, stop };
}
