import { PLUGIN_BASE_URL, ROUTES } from '../constants';

// Prefixes the route with the base URL of the plugin
export function prefixRoute(route: string): string {
  return `${PLUGIN_BASE_URL}/${route}`;
}

export function kpiDetailUrl(id: string): string {
  return prefixRoute(`${ROUTES.Kpi}/${encodeURIComponent(id)}`);
}

export function kpiEditorUrl(id?: string): string {
  return prefixRoute(id ? `${ROUTES.Editor}/${encodeURIComponent(id)}` : ROUTES.Editor);
}
