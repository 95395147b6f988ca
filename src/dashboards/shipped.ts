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

/**
 * plugin.json's text with `includes` in place of its own, the rest untouched: the file is laid out by hand where
 * Prettier keeps what it is given (the screenshots one to a line), so only the list is written anew, an object to
 * a line per field as the file has it. The same text back when the list is unchanged; undefined when the text has
 * no top-level `includes` to replace.
 */
export function pluginJsonWithIncludes(text: string, includes: readonly PluginInclude[]): string | undefined {
  const start = text.indexOf('\n  "includes": [');
  const end = start < 0 ? -1 : text.indexOf('\n  ]', start);
  if (end < 0) {
    return undefined;
  }
  if (JSON.stringify(JSON.parse(text).includes) === JSON.stringify(includes)) {
    return text;
  }
  const list = JSON.stringify(includes, null, 2).replace(/\n/g, '\n  ');
  return `${text.slice(0, start)}\n  "includes": ${list}${text.slice(end + '\n  ]'.length)}`;
}
