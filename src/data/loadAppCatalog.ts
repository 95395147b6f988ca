/**
 * Reads the KPI catalog from the app's plugin settings (`jsonData.catalog`, DESIGN §4) for the panel and its
 * editor, through the catalog store's reader so both agree on which KPIs are valid. Read-only and shared by every
 * panel of a dashboard; saving belongs to the catalog store.
 */
import { PLUGIN_ID } from '../constants';
import type { StoredCatalogFields } from '../kpi/catalog';
import type { AppCatalog } from '../reading';
import { readCatalogSettings } from './catalogStore';
import { fetchErrorMessage } from './fetchErrors';
import { readPluginSettings } from './pluginSettings';

export class CatalogLoadError extends Error {}

/** One broken entry hides one KPI, never the whole catalog: the others stay usable and each problem is named. */
export function readCatalog(jsonData: unknown): AppCatalog {
  const fields = (jsonData && typeof jsonData === 'object' ? jsonData : {}) as StoredCatalogFields;
  const loaded = readCatalogSettings(fields);
  const problems = loaded.broken.flatMap(({ index, id, problems: found }) =>
    found.map((problem) => `kpis[${index}]${id ? ` (${id})` : ''}.${problem.path}: ${problem.message}`)
  );
  return { kpis: loaded.catalog.kpis, problems };
}

async function fetchCatalog(): Promise<AppCatalog> {
  try {
    // The panel shows the problem itself (no toast per panel): readPluginSettings keeps Grafana's alerts off.
    const settings = await readPluginSettings(PLUGIN_ID);
    return readCatalog(settings.jsonData);
  } catch (error) {
    throw new CatalogLoadError(`Could not read the KPI catalog: ${fetchErrorMessage(error)}`);
  }
}

/** Panels on one dashboard share one request; a catalog edit shows up within this time. */
export const CATALOG_MAX_AGE_MS = 30_000;

let cached: { promise: Promise<AppCatalog>; atMs: number } | undefined;

/** The catalog, read at most once per CATALOG_MAX_AGE_MS; a failed read is not kept. */
export function loadAppCatalog(nowMs = Date.now()): Promise<AppCatalog> {
  if (cached && nowMs - cached.atMs < CATALOG_MAX_AGE_MS) {
    return cached.promise;
  }
  const promise = fetchCatalog();
  const entry = { promise, atMs: nowMs };
  cached = entry;
  promise.catch(() => {
    if (cached === entry) {
      cached = undefined;
    }
  });
  return promise;
}

/** Tests, and a catalog page that has just saved, start from a fresh read. */
export function forgetAppCatalog(): void {
  cached = undefined;
}
