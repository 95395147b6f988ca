/**
 * The KPI catalog in the app's plugin settings (DESIGN §4): `jsonData.catalog`, `jsonData.history` and
 * `jsonData.revision`, read and written through /api/plugins/northstar-kpi-app/settings.
 *
 * Grafana's settings API has no compare-and-swap, so every save re-reads the settings and refuses when the
 * revision moved since the editor loaded it: a concurrent edit becomes a conflict, not a silent overwrite (a
 * race inside the few milliseconds between that read and the write remains possible). KPIs that fail validation
 * (a hand-edited catalog) are shown as broken and written back untouched, never dropped.
 */
import {
  assertRevision,
  checkPublishedVersions,
  type CatalogState,
  type StoredCatalogFields,
  type VersionHistory,
} from '../kpi/catalog';
import { CATALOG_API_VERSION, CATALOG_KIND, type Catalog, type CatalogKpi } from '../kpi/model';
import {
  compositeMemberProblems,
  formatProblem,
  parseKpi,
  validateCatalog,
  type ValidationProblem,
} from '../kpi/schema';
import { PLUGIN_ID } from '../constants';
import { readPluginSettings, savePluginSettings } from './pluginSettings';

export interface PluginSettingsSnapshot {
  enabled: boolean;
  pinned: boolean;
  jsonData: Record<string, unknown> & StoredCatalogFields;
}

/** What talks to Grafana; tests pass an in-memory one. */
export interface PluginSettingsClient {
  read(): Promise<PluginSettingsSnapshot>;
  write(settings: PluginSettingsSnapshot): Promise<void>;
}

export interface BrokenKpi {
  /** Position in the stored list. */
  index: number;
  id?: string;
  problems: ValidationProblem[];
}

export interface LoadedCatalog extends CatalogState {
  /** Stored entries that fail validation; kept in storage, left out of `catalog`. */
  broken: BrokenKpi[];
  provisioned: boolean;
}

export class ProvisionedCatalogError extends Error {
  constructor() {
    super('This catalog is managed by provisioning: change the provisioning file instead, or export it as YAML.');
  }
}

export class InvalidCatalogError extends Error {
  constructor(readonly problems: ValidationProblem[]) {
    super(`The catalog was not saved: ${problems.map(formatProblem).join('; ')}`);
  }
}

function rawKpisOf(jsonData: StoredCatalogFields): unknown[] {
  const kpis = (jsonData.catalog as { kpis?: unknown } | undefined)?.kpis;
  return Array.isArray(kpis) ? kpis : [];
}

function historyOf(jsonData: StoredCatalogFields): VersionHistory {
  const history = jsonData.history;
  return history && typeof history === 'object' && !Array.isArray(history) ? (history as VersionHistory) : {};
}

/** Splits stored KPIs into valid ones and broken ones, each validated on its own so one typo hides one KPI. */
export function readCatalogSettings(jsonData: StoredCatalogFields): LoadedCatalog {
  const kpis: CatalogKpi[] = [];
  const broken: BrokenKpi[] = [];
  const seen = new Set<string>();
  const rawKpis = rawKpisOf(jsonData);
  rawKpis.forEach((raw, index) => {
    const id = typeof (raw as { id?: unknown } | null)?.id === 'string' ? (raw as { id: string }).id : undefined;
    const parsed = parseKpi(raw);
    const problems = [...(parsed.ok ? [] : parsed.problems), ...compositeMemberProblems(raw, rawKpis)];
    if (id !== undefined && seen.has(id)) {
      problems.push({ path: 'id', message: 'duplicate id' });
    }
    if (!parsed.ok || problems.length > 0) {
      broken.push({ index, id, problems });
      return;
    }
    seen.add(parsed.kpi.id);
    // The parsed form, with the schema's defaults filled in (a timeslice without a slice gets 1m).
    kpis.push(parsed.kpi);
  });
  return {
    catalog: { apiVersion: CATALOG_API_VERSION, kind: CATALOG_KIND, kpis },
    history: historyOf(jsonData),
    revision: typeof jsonData.revision === 'number' ? jsonData.revision : 0,
    broken,
    provisioned: jsonData.provisioned === true,
  };
}

/** The stored KPI list after an edit: valid KPIs replaced or appended by id, broken entries kept in place. */
function mergeIntoStored(raw: unknown[], broken: BrokenKpi[], next: Catalog): unknown[] {
  const brokenIndexes = new Set(broken.map((b) => b.index));
  const nextById = new Map(next.kpis.map((kpi) => [kpi.id, kpi]));
  const written = new Set<string>();
  const merged = raw.flatMap((entry, index) => {
    if (brokenIndexes.has(index)) {
      return [entry];
    }
    const id = (entry as { id: string }).id;
    const replacement = nextById.get(id);
    if (!replacement) {
      return []; // removed by the edit
    }
    written.add(id);
    return [replacement];
  });
  return [...merged, ...next.kpis.filter((kpi) => !written.has(kpi.id))];
}

export class CatalogStore {
  constructor(private readonly client: PluginSettingsClient = grafanaPluginSettings(PLUGIN_ID)) {}

  async load(): Promise<LoadedCatalog> {
    return readCatalogSettings((await this.client.read()).jsonData);
  }

  /**
   * Applies `edit` to the catalog as stored now, provided nobody saved since `basedOn`; the edit's result is
   * validated as a whole (schema, duplicate ids, published versions unchanged) before anything is written.
   */
  async save(basedOn: number, edit: (state: CatalogState) => CatalogState): Promise<LoadedCatalog> {
    const settings = await this.client.read();
    const current = readCatalogSettings(settings.jsonData);
    if (current.provisioned) {
      throw new ProvisionedCatalogError();
    }
    assertRevision(basedOn, current.revision);
    const next = edit(current);
    const checked = validateCatalog(next.catalog);
    if (!checked.ok) {
      throw new InvalidCatalogError(checked.problems);
    }
    const changedPublished = checkPublishedVersions(current.catalog, checked.catalog);
    if (changedPublished.length > 0) {
      throw new InvalidCatalogError(changedPublished);
    }
    const revision = current.revision + 1;
    const jsonData = {
      ...settings.jsonData,
      catalog: {
        apiVersion: CATALOG_API_VERSION,
        kind: CATALOG_KIND,
        kpis: mergeIntoStored(rawKpisOf(settings.jsonData), current.broken, checked.catalog),
      },
      history: next.history,
      revision,
    };
    await this.client.write({ enabled: settings.enabled, pinned: settings.pinned, jsonData });
    return readCatalogSettings(jsonData);
  }
}

/** The real client: Grafana's plugin settings endpoints. */
export function grafanaPluginSettings(pluginId: string): PluginSettingsClient {
  return {
    async read() {
      const {
        enabled = false,
        pinned = false,
        jsonData,
      } = await readPluginSettings<PluginSettingsSnapshot['jsonData']>(pluginId);
      return { enabled, pinned, jsonData: jsonData ?? {} };
    },
    async write(settings) {
      await savePluginSettings(pluginId, settings);
    },
  };
}
