/**
 * Catalog versioning: a published version never changes; an edit is published as the next version and the
 * old one stays in the history. Saves carry the revision they were based on, so concurrent edits conflict; the
 * edits here leave the revision as it is, and the store stamps a fresh one on every write.
 */
import type { Catalog, CatalogKpi } from '../model';
import type { ValidationProblem } from './problems';
import { publishedHistory } from './earlierVersions';

/** One field that differs between two versions; path like "objective.target" or "tags". */
export interface FieldChange {
  path: string;
  before: unknown;
  after: unknown;
}

/** Field-by-field differences between two KPI versions, ignoring `version` and `status`. */
export function diffKpis(before: CatalogKpi, after: CatalogKpi): FieldChange[] {
  const changes: FieldChange[] = [];
  diffValues(withoutLifecycle(before), withoutLifecycle(after), '', changes);
  return changes;
}

/**
 * Fields a published version may change without becoming a new version: the day of the last review and who did it
 * ("Mark reviewed" records that the owner looked, not a new definition).
 */
const UNVERSIONED_PATHS = new Set(['review.last', 'review.by']);

/** The changes that make a new version: diffKpis without the fields a review may touch. */
export function versionedChanges(before: CatalogKpi, after: CatalogKpi): FieldChange[] {
  return diffKpis(before, after).filter((change) => !UNVERSIONED_PATHS.has(change.path));
}

function withoutLifecycle(kpi: CatalogKpi): Omit<CatalogKpi, 'version' | 'status'> {
  const { version: _version, status: _status, ...content } = kpi;
  return content;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function diffValues(before: unknown, after: unknown, path: string, out: FieldChange[]): void {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) {
      diffValues(before[key], after[key], path ? `${path}.${key}` : key, out);
    }
    return;
  }
  // Lists (tags, audience, policy rules) are compared whole: a reordered list is a change worth showing.
  if (JSON.stringify(before) !== JSON.stringify(after)) {
    out.push({ path, before, after });
  }
}

/**
 * Compares a catalog with the one it replaces: a published version edited in place, or a version that goes
 * back, is refused with the field that changed.
 */
export function checkPublishedVersions(previous: Catalog, next: Catalog): ValidationProblem[] {
  const before = new Map(previous.kpis.map((kpi) => [kpi.id, kpi]));
  const problems: ValidationProblem[] = [];
  next.kpis.forEach((kpi, index) => {
    const old = before.get(kpi.id);
    if (!old) {
      return;
    }
    const where = `kpis[${index}] (${kpi.id}).version`;
    if (kpi.version < old.version) {
      problems.push({ path: where, message: `went back from ${old.version} to ${kpi.version}` });
      return;
    }
    if (kpi.version === old.version && old.status !== 'draft') {
      const changed = versionedChanges(old, kpi).map((change) => change.path);
      if (changed.length > 0) {
        problems.push({
          path: where,
          message: `published version ${old.version} was changed (${changed.join(', ')}); publish the change as version ${old.version + 1}`,
        });
      }
    }
  });
  return problems;
}

/** Every published version of every KPI, oldest first, keyed by id. */
export type VersionHistory = Record<string, CatalogKpi[]>;

/**
 * The stored catalog: the current definitions, their history and the revision every save is based on. The revision
 * is a random token, not a counter, so a writer that restores an old copy cannot land on a revision an editor holds.
 */
export interface CatalogState {
  catalog: Catalog;
  history: VersionHistory;
  revision: string;
}

export class RevisionConflictError extends Error {
  constructor(
    readonly expectedRevision: string,
    readonly actualRevision: string
  ) {
    super('The catalog was changed by someone else since you loaded it.');
  }
}

export class CatalogEditError extends Error {}

/** Refuses a save based on a revision that is no longer current. */
export function assertRevision(basedOn: string, current: string): void {
  if (basedOn !== current) {
    throw new RevisionConflictError(basedOn, current);
  }
}

function replaceKpi(catalog: Catalog, kpi: CatalogKpi): Catalog {
  const exists = catalog.kpis.some((k) => k.id === kpi.id);
  return { ...catalog, kpis: exists ? catalog.kpis.map((k) => (k.id === kpi.id ? kpi : k)) : [...catalog.kpis, kpi] };
}

/**
 * The version a new draft of `id` gets: one past the newest published version, whether the history holds it or
 * only the catalog does (a catalog provisioned or written by hand may come without history). A draft keeps its
 * own version.
 */
export function nextVersionOf(state: Pick<CatalogState, 'catalog' | 'history'>, id: string): number {
  const inCatalog = state.catalog.kpis.find((kpi) => kpi.id === id);
  if (inCatalog?.status === 'draft') {
    return inCatalog.version;
  }
  const newestPublished = Math.max(state.history[id]?.at(-1)?.version ?? 0, inCatalog?.version ?? 0);
  return newestPublished + 1;
}

/** Saves a draft; the draft's version is the one it will be published as. */
export function saveDraft(state: CatalogState, draft: CatalogKpi, basedOn: string): CatalogState {
  assertRevision(basedOn, state.revision);
  const kpi: CatalogKpi = { ...draft, status: 'draft', version: nextVersionOf(state, draft.id) };
  return { ...state, catalog: replaceKpi(state.catalog, kpi) };
}

/** Publishes the current draft of a KPI as a new immutable version. */
export function publishDraft(state: CatalogState, id: string, basedOn: string): CatalogState {
  assertRevision(basedOn, state.revision);
  const draft = state.catalog.kpis.find((k) => k.id === id);
  if (!draft || draft.status !== 'draft') {
    throw new CatalogEditError(`KPI ${id} has no draft to publish`);
  }
  const published: CatalogKpi = { ...draft, status: 'published' };
  return {
    catalog: replaceKpi(state.catalog, published),
    history: { ...state.history, [id]: [...(state.history[id] ?? []), published] },
    revision: state.revision,
  };
}

/** Retires a KPI: it stays in the catalog and its history, without live evaluation or alerts. */
export function retireKpi(state: CatalogState, id: string, basedOn: string): CatalogState {
  assertRevision(basedOn, state.revision);
  const current = state.catalog.kpis.find((k) => k.id === id);
  if (!current) {
    throw new CatalogEditError(`KPI ${id} is not in the catalog`);
  }
  return {
    ...state,
    catalog: replaceKpi(state.catalog, { ...current, status: 'retired' }),
  };
}

/** The app's `jsonData` fields that hold the catalog (DESIGN §4); other fields belong to others. */
export interface StoredCatalogFields {
  catalog?: unknown;
  history?: unknown;
  /** A random token since writes check it; a number in catalogs stored before that, read as its text. */
  revision?: string | number;
  /** Set by a provisioning file: the catalog is read-only in the UI and the files stay the source of truth. */
  provisioned?: boolean;
}

/**
 * The fields a provisioning file gives the app: the catalog, its published versions (after the `earlier` ones a
 * history file holds, see earlierVersions.ts) as history, read-only.
 */
export function provisionedCatalogFields(
  catalog: Catalog,
  earlier: readonly CatalogKpi[] = []
): Required<StoredCatalogFields> {
  return { catalog, history: publishedHistory(catalog, earlier), revision: 1, provisioned: true };
}

/** What importing a catalog would change, KPI by KPI. */
export interface CatalogChanges {
  added: string[];
  /** KPIs in both, with the fields that differ (version and status included, as `version` and `status`). */
  changed: Array<{ id: string; fields: string[] }>;
  /** KPIs the current catalog has and the imported one does not. */
  removed: string[];
  unchanged: number;
}

export function diffCatalogs(current: Catalog, next: Catalog): CatalogChanges {
  const before = new Map(current.kpis.map((kpi) => [kpi.id, kpi]));
  const seen = new Set<string>();
  const changes: CatalogChanges = { added: [], changed: [], removed: [], unchanged: 0 };
  for (const kpi of next.kpis) {
    seen.add(kpi.id);
    const old = before.get(kpi.id);
    if (!old) {
      changes.added.push(kpi.id);
      continue;
    }
    const fields = [
      ...(old.version !== kpi.version ? ['version'] : []),
      ...(old.status !== kpi.status ? ['status'] : []),
      ...diffKpis(old, kpi).map((change) => change.path),
    ];
    if (fields.length > 0) {
      changes.changed.push({ id: kpi.id, fields });
    } else {
      changes.unchanged++;
    }
  }
  changes.removed = current.kpis.filter((kpi) => !seen.has(kpi.id)).map((kpi) => kpi.id);
  return changes;
}

/**
 * The catalog after an import: the imported KPIs replace the current ones, and every published version they
 * bring joins its KPI's history (versions already there are kept as they were). Published versions changed in
 * place are left for checkPublishedVersions to refuse.
 */
export function importCatalog(state: CatalogState, imported: Catalog): CatalogState {
  const history: VersionHistory = { ...state.history };
  for (const kpi of imported.kpis) {
    const versions = history[kpi.id] ?? [];
    if (kpi.status === 'published' && !versions.some((v) => v.version === kpi.version)) {
      history[kpi.id] = [...versions, kpi].sort((a, b) => a.version - b.version);
    }
  }
  return { catalog: imported, history, revision: state.revision };
}
