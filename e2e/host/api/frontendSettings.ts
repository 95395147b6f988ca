/**
 * Grafana's frontend settings (`FrontendSettingsDTO`, pkg/api/dtos/frontend_settings.go): inlined into every page
 * as `grafanaBootData.settings` and served at `GET /api/frontend/settings`. Only the parts plugins read are here:
 * build info, data sources, panels, apps, feature toggles.
 */
import { readFileSync } from 'node:fs';
import type { Router } from '../server/router';
import { sendJson } from '../server/http';
import { pluginBaseUrl, type InstalledPlugin } from '../server/installedPlugins';
import { requireSignedIn } from '../server/session';
import { POSTGRES_LOGO_URL, POSTGRES_TYPE, PROMETHEUS_LOGO_URL, type HostDataSource } from './datasources';
import { noExtensions, pluginDependenciesDto, pluginInfoDto } from './pluginSettings';

/** The Grafana version the host claims: the version of the @grafana packages it runs. */
const GRAFANA_VERSION: string = JSON.parse(readFileSync(require.resolve('@grafana/data/package.json'), 'utf8')).version;

/** The core Prometheus data source plugin's meta, as Grafana describes it to the frontend. */
const prometheusMeta = {
  id: 'prometheus',
  type: 'datasource',
  name: 'Prometheus',
  info: {
    author: { name: 'Grafana Labs', url: 'https://grafana.com' },
    description: 'Open source time series database & alerting',
    links: [],
    logos: { small: PROMETHEUS_LOGO_URL, large: PROMETHEUS_LOGO_URL },
    screenshots: [],
    version: '',
    updated: '',
  },
  module: 'core:plugin/prometheus',
  baseUrl: 'public/app/plugins/datasource/prometheus',
  category: 'tsdb',
  metrics: true,
  alerting: true,
  annotations: true,
  backend: true,
  signature: 'internal',
};

/** The core PostgreSQL data source plugin's meta (public/app/plugins/datasource/grafana-postgresql-datasource). */
const postgresMeta = {
  ...prometheusMeta,
  id: POSTGRES_TYPE,
  name: 'PostgreSQL',
  info: {
    ...prometheusMeta.info,
    description: 'Data source for PostgreSQL and compatible databases',
    logos: { small: POSTGRES_LOGO_URL, large: POSTGRES_LOGO_URL },
  },
  module: `core:plugin/${POSTGRES_TYPE}`,
  baseUrl: `public/app/plugins/datasource/${POSTGRES_TYPE}`,
  category: 'sql',
};

function dataSourceSettings(ds: HostDataSource) {
  return {
    id: ds.id,
    uid: ds.uid,
    type: ds.type,
    name: ds.name,
    meta: ds.type === POSTGRES_TYPE ? postgresMeta : prometheusMeta,
    url: `/api/datasources/proxy/uid/${ds.uid}`,
    jsonData: ds.jsonData,
    isDefault: ds.isDefault,
    access: 'proxy',
    readOnly: false,
  };
}

function panelSettings(plugin: InstalledPlugin) {
  const base = pluginBaseUrl(plugin.json.id);
  return {
    id: plugin.json.id,
    name: plugin.json.name,
    type: 'panel',
    info: pluginInfoDto(plugin),
    module: `${base}/module.js`,
    baseUrl: base,
    sort: 100,
    hideFromList: false,
    skipDataQuery: false,
    state: '',
    signature: 'unsigned',
    angular: { detected: false, hideDeprecation: false },
    loadingStrategy: 'script',
  };
}

function appSettings(plugin: InstalledPlugin) {
  return {
    id: plugin.json.id,
    path: `${pluginBaseUrl(plugin.json.id)}/module.js`,
    version: plugin.json.info.version,
    preload: plugin.json.preload ?? false,
    angular: { detected: false, hideDeprecation: false },
    loadingStrategy: 'script',
    extensions: noExtensions(),
    dependencies: pluginDependenciesDto(plugin),
  };
}

export interface FrontendSettingsSource {
  appUrl: string;
  plugins: InstalledPlugin[];
  dataSources: HostDataSource[];
}

export function frontendSettings({ appUrl, plugins, dataSources }: FrontendSettingsSource): Record<string, unknown> {
  const ofType = (type: string) => plugins.filter((plugin) => plugin.json.type === type);
  return {
    appUrl: `${appUrl}/`,
    appSubUrl: '',
    buildInfo: {
      version: GRAFANA_VERSION,
      commit: 'northstar-plugin-host',
      edition: 'Open Source',
      env: 'development',
      latestVersion: '',
      hasUpdate: false,
      hideVersion: false,
    },
    defaultDatasource: dataSources.find((ds) => ds.isDefault)?.name ?? '',
    datasources: Object.fromEntries(dataSources.map((ds) => [ds.name, dataSourceSettings(ds)])),
    panels: Object.fromEntries(ofType('panel').map((plugin) => [plugin.json.id, panelSettings(plugin)])),
    apps: Object.fromEntries(ofType('app').map((plugin) => [plugin.json.id, appSettings(plugin)])),
    featureToggles: {},
    namespace: 'default',
    unifiedAlertingEnabled: true,
    anonymousEnabled: false,
    minRefreshInterval: '5s',
  };
}

export function registerFrontendSettingsRoute(router: Router, source: () => FrontendSettingsSource): void {
  router.get('/api/frontend/settings', ({ req, res }) => {
    requireSignedIn(req);
    sendJson(res, 200, frontendSettings(source()));
  });
}
