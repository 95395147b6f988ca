/**
 * `GET/POST /api/plugins/:pluginId/settings`, shaped like Grafana's `dtos.PluginSetting` (pkg/api/dtos/plugins.go)
 * and `UpdatePluginSetting` (pkg/api/plugins.go): a POST replaces every field, so omitting `enabled` disables the
 * app; secret values are never returned, only `secureJsonFields`.
 */
import type { Router } from '../server/router';
import { slugify } from '../server/grafanaIds';
import { apiError, isRecord, readJsonObject, sendJson } from '../server/http';
import { pluginBaseUrl, type InstalledPlugin, type PluginInclude } from '../server/installedPlugins';
import type { JsonFileStore } from '../server/jsonFileStore';
import { requireRole, requireSignedIn } from '../server/session';

/** What the host keeps per plugin id, in plugin-settings.json of the state directory. */
export interface StoredPluginSettings {
  enabled: boolean;
  pinned: boolean;
  jsonData: Record<string, unknown> | null;
  secureJsonFields: Record<string, boolean>;
}

export type PluginSettingsState = Record<string, StoredPluginSettings>;

/** Before anything is saved an app is installed and enabled, as provisioning/plugins/app.yaml provisions it. */
export function initialSettings(plugin: InstalledPlugin): StoredPluginSettings {
  const isApp = plugin.json.type === 'app';
  return { enabled: true, pinned: isApp, jsonData: isApp ? {} : null, secureJsonFields: {} };
}

function includeDto(include: PluginInclude) {
  return {
    name: include.name,
    path: include.path ?? '',
    type: include.type,
    component: include.component ?? '',
    role: include.role ?? '',
    action: include.action ?? '',
    addToNav: include.addToNav ?? false,
    defaultNav: include.defaultNav ?? false,
    slug: include.slug ?? slugify(include.name),
    icon: include.icon ?? '',
    uid: include.uid ?? '',
  };
}

/** `info` as Grafana serves it: logo and screenshot paths under the plugin's public URL. */
export function pluginInfoDto({ json }: InstalledPlugin) {
  const base = pluginBaseUrl(json.id);
  return {
    author: { name: json.info.author?.name ?? '', url: json.info.author?.url ?? '' },
    description: json.info.description ?? '',
    links: json.info.links ?? [],
    logos: { small: `${base}/${json.info.logos.small}`, large: `${base}/${json.info.logos.large}` },
    build: {},
    screenshots: (json.info.screenshots ?? []).map((shot) => ({ name: shot.name, path: `${base}/${shot.path}` })),
    version: json.info.version,
    updated: json.info.updated,
    keywords: json.info.keywords ?? null,
  };
}

export const pluginDependenciesDto = ({ json }: InstalledPlugin) => ({
  grafanaDependency: json.dependencies?.grafanaDependency ?? '',
  grafanaVersion: '*',
  plugins: json.dependencies?.plugins ?? [],
  extensions: { exposedComponents: [] },
});

/** The plugins register no extensions; Grafana still sends every list. */
export const noExtensions = () => ({
  addedLinks: [],
  addedComponents: [],
  addedFunctions: [],
  exposedComponents: [],
  extensionPoints: [],
});

/** The plugin settings DTO; also the `meta` an app's root page receives. */
export function pluginSettingDto(plugin: InstalledPlugin, stored: StoredPluginSettings) {
  const { json } = plugin;
  const base = pluginBaseUrl(json.id);
  const defaultPage = json.includes?.find((include) => include.type === 'page' && include.defaultNav);
  return {
    name: json.name,
    type: json.type,
    id: json.id,
    enabled: stored.enabled,
    pinned: stored.pinned,
    autoEnabled: json.autoEnabled ?? false,
    module: `${base}/module.js`,
    baseUrl: base,
    info: pluginInfoDto(plugin),
    includes: (json.includes ?? []).map(includeDto),
    dependencies: pluginDependenciesDto(plugin),
    extensions: noExtensions(),
    jsonData: stored.jsonData,
    secureJsonFields: stored.secureJsonFields,
    defaultNavUrl: defaultPage?.path ?? `/plugins/${json.id}/`,
    latestVersion: '',
    hasUpdate: false,
    state: '',
    signature: 'unsigned',
    signatureType: '',
    signatureOrg: '',
    angularDetected: false,
    loadingStrategy: 'script',
  };
}

/** The body of a settings POST, checked the way Go's JSON binding would refuse it. */
function parseUpdate(body: Record<string, unknown>, previous: StoredPluginSettings): StoredPluginSettings {
  const { enabled, pinned, jsonData, secureJsonData } = body;
  const isOptionalBoolean = (value: unknown) => value === undefined || typeof value === 'boolean';
  const secure = secureJsonData ?? {};
  if (
    !isOptionalBoolean(enabled) ||
    !isOptionalBoolean(pinned) ||
    !(jsonData === undefined || jsonData === null || isRecord(jsonData)) ||
    !isRecord(secure) ||
    Object.values(secure).some((value) => typeof value !== 'string')
  ) {
    throw apiError(400, 'bad request data');
  }
  const secureJsonFields = { ...previous.secureJsonFields };
  Object.keys(secure).forEach((key) => (secureJsonFields[key] = true));
  return { enabled: enabled === true, pinned: pinned === true, jsonData: jsonData ?? null, secureJsonFields };
}

export function registerPluginSettingsRoutes(
  router: Router,
  plugins: () => InstalledPlugin[],
  store: JsonFileStore<PluginSettingsState>
): void {
  const find = (id: string) => plugins().find((plugin) => plugin.json.id === id);

  router.get('/api/plugins/:pluginId/settings', ({ req, res, params }) => {
    requireSignedIn(req);
    const plugin = find(params.pluginId);
    if (!plugin) {
      throw apiError(404, 'Plugin not found, no installed plugin with that id');
    }
    sendJson(res, 200, pluginSettingDto(plugin, store.get()[plugin.json.id] ?? initialSettings(plugin)));
  });

  router.post('/api/plugins/:pluginId/settings', async ({ req, res, params }) => {
    requireRole(requireSignedIn(req), 'Admin');
    const plugin = find(params.pluginId);
    if (!plugin) {
      throw apiError(404, 'Plugin not installed');
    }
    const previous = store.get()[plugin.json.id] ?? initialSettings(plugin);
    const updated = parseUpdate(await readJsonObject(req), previous);
    store.set({ ...store.get(), [plugin.json.id]: updated });
    sendJson(res, 200, { message: 'Plugin settings updated' });
  });
}
