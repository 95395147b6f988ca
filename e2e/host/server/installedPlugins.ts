/**
 * The plugins in the built dist/ folder, found as Grafana finds them: the app's plugin.json plus the nested plugins
 * its `includes` point at (dist/panels/kpi/plugin.json). Read on every call, so a rebuild while the host runs is
 * picked up.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface PluginInclude {
  type: string;
  name: string;
  path?: string;
  role?: string;
  action?: string;
  addToNav?: boolean;
  defaultNav?: boolean;
  icon?: string;
  uid?: string;
  slug?: string;
  component?: string;
}

/** PluginJson knows the plugin.json fields the host reads. */
export interface PluginJson {
  id: string;
  type: 'app' | 'panel' | 'datasource';
  name: string;
  info: {
    description?: string;
    author?: { name?: string; url?: string };
    keywords?: string[];
    logos: { small: string; large: string };
    links?: Array<{ name: string; url: string }>;
    screenshots?: Array<{ name: string; path: string }>;
    version: string;
    updated: string;
  };
  includes?: PluginInclude[];
  dependencies?: { grafanaDependency?: string; plugins?: unknown[] };
  autoEnabled?: boolean;
  preload?: boolean;
}

/** InstalledPlugin knows one plugin of dist/ and the folder Grafana serves as `/public/plugins/<id>/`. */
export interface InstalledPlugin {
  json: PluginJson;
  dir: string;
}

export class PluginsNotBuiltError extends Error {}

function readPluginJson(file: string): PluginJson {
  return JSON.parse(readFileSync(file, 'utf8')) as PluginJson;
}

export function readInstalledPlugins(distDir: string): InstalledPlugin[] {
  const appJsonFile = join(distDir, 'plugin.json');
  if (!existsSync(appJsonFile) || !existsSync(join(distDir, 'module.js'))) {
    throw new PluginsNotBuiltError(`${join(distDir, 'module.js')} not found: build the plugin first (npm run build)`);
  }
  const app: InstalledPlugin = { json: readPluginJson(appJsonFile), dir: distDir };
  const nested = (app.json.includes ?? [])
    .filter((include) => include.path?.endsWith('plugin.json'))
    .map((include) => {
      const file = join(distDir, include.path ?? '');
      return { json: readPluginJson(file), dir: dirname(file) };
    });
  return [app, ...nested];
}

/** The URL prefix Grafana serves a plugin's files under (no leading slash, as Grafana writes it). */
export const pluginBaseUrl = (id: string) => `public/plugins/${id}`;
