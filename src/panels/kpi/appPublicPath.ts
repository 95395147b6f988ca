import pluginJson from './plugin.json';
import appPluginJson from '../../plugin.json';

/**
 * Where the panel's lazy chunks are: in the app's folder, beside the app's own chunks, which they share (see
 * webpack.config.ts). Grafana serves the nested panel at public/plugins/<panel id>/, the app at
 * public/plugins/<app id>/; a server that serves the panel from its folder inside the app's (…/<app id>/panels/kpi/)
 * gets that folder's parent. Any other path is kept.
 */
export function appPublicPath(panelPublicPath: string): string {
  const panelFolder = `/${pluginJson.id}/`;
  if (panelPublicPath.endsWith(panelFolder)) {
    return `${panelPublicPath.slice(0, panelPublicPath.length - panelFolder.length + 1)}${appPluginJson.id}/`;
  }
  const nestedFolder = '/panels/kpi/';
  if (panelPublicPath.endsWith(nestedFolder)) {
    return panelPublicPath.slice(0, panelPublicPath.length - nestedFolder.length + 1);
  }
  return panelPublicPath;
}
