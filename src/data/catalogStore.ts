/**
 * The KPI catalog in the app's plugin settings (DESIGN §4): `jsonData.catalog`, `jsonData.history` and
 * `jsonData.revision`, read and written through /api/plugins/northstar-kpi-app/settings.
 *
 * Grafana's settings API has no compare-and-swap, so every save re-reads the settings and refuses when the
 * revision moved since the editor loaded it: a concurrent edit becomes a conflict, not a silent overwrite. Two
 * saves in the same few milliseconds can both pass that check, so each write carries a fresh writer token and
 * reads the settings back after a short pause: a save another write replaced is reported as a conflict, never
 * silent (docs/catalog-storage.md). KPIs that fail validation (a hand-edited catalog) are shown as broken and
 * written back untouched, never dropped.
 */
import {
  assertRevision,
  RevisionConflictError,
  type CatalogState,
  compactHistory,
  compositeMemberProblems,
  expandHistory,
  formatProblem,
  parseKpi,
  publishedVersionProblems,
  type StoredCatalogFields,
  validateCatalog,
  type ValidationProblem,
  type VersionHistory,
} from '../kpi/catalog';
import { CATALOG_API_VERSION, CATALOG_KIND, type Catalog, type CatalogKpi } from '../kpi/model';
import { PLUGIN_ID } from '../constants';
import { readPluginSettings, savePluginSettings } from './pluginSettings';
import { storedSizeOf, type StoredSize } from './storedSize';
import { writeAndReadBack } from './settingsWrite';
import { newWriterToken } from './writerToken';

export interface PluginSettingsSnapshot {
  enabled: boolean;
  pinned: boolean;
  jsonData: Record<string, unknown> & StoredCatalogFields & { writer?: string };
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
  /** How much of Grafana's storage limit the settings take, to warn where saves happen. */
  size: StoredSize;
}

export class ProvisionedCatalogError extends Error {
  constructor() {
    super('This catalog is managed by provisioning: change the provisioning file instead, or export it as YAML.');
  }
}

/** Another write landed in the moment between this save's check and its write, and replaced it. */
export class OvertakenSaveError extends RevisionConflictError {
  constructor(expectedRevision: string, actualRevision: string) {
    super(expectedRevision, actualRevision);
    this.message =
      'Another save landed at the same moment and replaced yours: your changes were not stored. Review theirs, then save again.';
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
  return history && typeof history === 'object' && !Array.isArray(history)
    ? expandHistory(history as Record<string, unknown>)
    : {};
}

/**
 * Splits stored KPIs into valid ones and broken ones, each validated on its own so one typo hides one KPI. A
 * composite is checked against the valid KPIs only: a member that is itself broken makes the composite broken too,
 * instead of a composite that loads and then fails every later save.
 */
export function readCatalogSettings(jsonData: StoredCatalogFields): LoadedCatalog {
  const rawKpis = rawKpisOf(jsonData);
  const entries = rawKpis.map((raw, index) => ({ raw, index, ...parseStoredEntry(raw) }));
  const seen = new Set<string>();
  for (const entry of entries) {
    if (entry.id !== undefined && seen.has(entry.id)) {
      entry.problems.push({ path: 'id', message: 'duplicate id' });
    }
    if (entry.problems.length === 0 && entry.id !== undefined) {
      seen.add(entry.id);
    }
  }
  // Until nothing changes: a composite that breaks can break a composite that has it as a member.
  for (let changed = true; changed;) {
    const valid = entries.filter((entry) => entry.problems.length === 0).map((entry) => entry.raw);
    changed = false;
    for (const entry of entries.filter((e) => e.problems.length === 0)) {
      const problems = compositeMemberProblems(entry.raw, valid);
      if (problems.length > 0) {
        entry.problems.push(...problems);
        changed = true;
      }
    }
  }
  const good = entries.filter((entry) => entry.problems.length === 0);
  return {
    // The parsed form, with the schema's defaults filled in (a timeslice without a slice gets 1m).
    catalog: { apiVersion: CATALOG_API_VERSION, kind: CATALOG_KIND, kpis: good.map((entry) => entry.kpi!) },
    history: historyOf(jsonData),
    revision: jsonData.revision === undefined ? '' : String(jsonData.revision),
    broken: entries
      .filter((entry) => entry.problems.length > 0)
      .map(({ index, id, problems }) => ({ index, id, problems })),
    provisioned: jsonData.provisioned === true,
    size: storedSizeOf(jsonData as Record<string, unknown>),
  };
}

function parseStoredEntry(raw: unknown): { id?: string; kpi?: CatalogKpi; problems: ValidationProblem[] } {
  const id = typeof (raw as { id?: unknown } | null)?.id === 'string' ? (raw as { id: string }).id : undefined;
  const parsed = parseKpi(raw);
  return parsed.ok ? { id, kpi: parsed.kpi, problems: [] } : { id, problems: [...parsed.problems] };
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

/** How long a write waits before reading the settings back; see docs/catalog-storage.md. */
export const DEFAULT_SETTLE_MS = 250;

export class CatalogStore {
  constructor(
    private readonly client: PluginSettingsClient = grafanaPluginSettings(PLUGIN_ID),
    private readonly settleMs = DEFAULT_SETTLE_MS
  ) {}

  async load(): Promise<LoadedCatalog> {
    return readCatalogSettings((await this.client.read()).jsonData);
  }

  /**
   * Applies `edit` to the catalog as stored now, provided nobody saved since `basedOn`; the edit's result is
   * validated as a whole (schema, duplicate ids, published versions unchanged, against the history too) before
   * anything is written.
   */
  async save(basedOn: string, edit: (state: CatalogState) => CatalogState): Promise<LoadedCatalog> {
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
    const changedPublished = publishedVersionProblems(current, checked.catalog);
    if (changedPublished.length > 0) {
      throw new InvalidCatalogError(changedPublished);
    }
    const token = newWriterToken();
    const jsonData = {
      ...settings.jsonData,
      catalog: {
        apiVersion: CATALOG_API_VERSION,
        kind: CATALOG_KIND,
        kpis: mergeIntoStored(rawKpisOf(settings.jsonData), current.broken, checked.catalog),
      },
      history: compactHistory(next.history),
      revision: token,
      writer: token,
    };
    await this.writeAndReadBack(settings, jsonData, basedOn);
    return readCatalogSettings(jsonData);
  }

  /**
   * Sets fields of jsonData that are not the catalog (the config page's defaults) on the settings as stored now,
   * through the same size check and read-back as a catalog save. The revision stays: no editor conflicts with it.
   */
  async updateSettings(patch: Record<string, unknown>): Promise<void> {
    const settings = await this.client.read();
    if (settings.jsonData.provisioned === true) {
      throw new ProvisionedCatalogError();
    }
    const { catalog: _catalog, history: _history, revision: _revision, provisioned: _provisioned, ...own } = patch;
    const jsonData = { ...settings.jsonData, ...own, writer: newWriterToken() };
    const revision = readCatalogSettings(settings.jsonData).revision;
    await this.writeAndReadBack(settings, jsonData, revision);
  }

  private async writeAndReadBack(
    settings: PluginSettingsSnapshot,
    jsonData: PluginSettingsSnapshot['jsonData'],
    basedOn: string
  ): Promise<void> {
    const { overtaken, stored } = await writeAndReadBack(this.client, settings, jsonData, this.settleMs);
    if (overtaken) {
      throw new OvertakenSaveError(basedOn, readCatalogSettings(stored).revision);
    }
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
