/**
 * The dashboards shipped with the plugin: those of the demo catalog (examples/catalog.yaml), as JSON files in
 * src/dashboards/json/ that the build copies to dist/dashboards/json/, each listed in plugin.json `includes`.
 * `npm run dashboards` writes them; a test fails when they are stale.
 */
import type { DashboardFile } from './generate';

/** Relative to the repository root. */
export const SHIPPED_CATALOG = 'examples/catalog.yaml';
export const SHIPPED_JSON_DIR = 'src/dashboards/json';

export interface PluginInclude {
  type: string;
  name?: string;
  path?: string;
  [key: string]: unknown;
}

/** The include of a shipped dashboard: its path relative to plugin.json (src/ in the repository, dist/ built). */
export function dashboardInclude(file: DashboardFile): PluginInclude {
  return { type: 'dashboard', name: file.dashboard.title ?? file.file, path: `dashboards/json/${file.file}` };
}

/** plugin.json `includes` with the dashboards replaced by the shipped ones, everything else kept in order. */
export function includesWithDashboards(
  includes: readonly PluginInclude[],
  files: readonly DashboardFile[]
): PluginInclude[] {
  return [...includes.filter((include) => include.type !== 'dashboard'), ...files.map(dashboardInclude)];
}
