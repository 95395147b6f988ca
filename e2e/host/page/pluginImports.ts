/**
 * Loading plugins as Grafana's plugin_loader does: `System.import` of the module URL from the plugin's meta (its
 * settings), then `init(meta)` and `meta` for apps (public/app/features/plugins/plugin_loader.ts,
 * importPanelPlugin.ts).
 */
import type { AppPlugin, AppPluginMeta, PanelPlugin, PanelPluginMeta } from '@grafana/data';
import { getBackendSrv } from '@grafana/runtime';

interface PluginModule {
  plugin?: unknown;
}

/** Module paths in plugin meta are relative to Grafana's root ("public/plugins/<id>/module.js"). */
async function importPluginModule(path: string): Promise<PluginModule> {
  const url = /^(https?:)?\//.test(path) ? path : `/${path}`;
  return (await System.import(url)) as PluginModule;
}

export async function importAppPlugin(pluginId: string): Promise<AppPlugin> {
  const meta = await getBackendSrv().get<AppPluginMeta>(`/api/plugins/${encodeURIComponent(pluginId)}/settings`);
  const exports = await importPluginModule(meta.module);
  if (!exports.plugin) {
    throw new Error(`${meta.module} does not export "plugin"`);
  }
  const plugin = exports.plugin as AppPlugin;
  plugin.init(meta);
  plugin.meta = meta;
  return plugin;
}

export async function importPanelPlugin(pluginId: string): Promise<PanelPlugin> {
  const meta = await getBackendSrv().get<PanelPluginMeta>(`/api/plugins/${encodeURIComponent(pluginId)}/settings`);
  const exports = await importPluginModule(meta.module);
  if (!exports.plugin) {
    throw new Error(`${meta.module} does not export "plugin"`);
  }
  const plugin = exports.plugin as PanelPlugin;
  plugin.meta = meta;
  return plugin;
}
