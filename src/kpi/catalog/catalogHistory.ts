/**
 * Immutability against the history, not only the current catalog: a KPI removed from the catalog keeps its id and
 * its published versions, so neither a new KPI nor an import can reuse the id or restart its versions.
 */
import {
  assertRevision,
  CatalogEditError,
  versionedChanges,
  saveDraft,
  type CatalogState,
  checkPublishedVersions,
} from './catalog';
import type { Catalog, CatalogKpi } from '../model';
import type { ValidationProblem } from './problems';

const TAKEN_ID = 'already used by a KPI of the catalog or its history; ids are never reused';

/** The catalog and the history a check compares against; `history` may be empty (a catalog file alone). */
export type PublishedRecord = Pick<CatalogState, 'catalog' | 'history'>;

/** Every published version of `id` known: the history's, and the catalog's own when it is not a draft. */
function publishedVersionsOf(record: PublishedRecord, id: string): CatalogKpi[] {
  const versions = [...(record.history[id] ?? [])];
  const inCatalog = record.catalog.kpis.find((kpi) => kpi.id === id);
  if (inCatalog && inCatalog.status !== 'draft' && !versions.some((v) => v.version === inCatalog.version)) {
    versions.push(inCatalog);
  }
  return versions;
}

/**
 * The problem with giving a new KPI `id`: the catalog or the history has it (`alsoTaken` adds ids such as those
 * of broken stored entries). Undefined when the id is free.
 */
export function takenIdProblem(
  record: PublishedRecord,
  id: string,
  alsoTaken: readonly string[] = []
): ValidationProblem | undefined {
  const taken =
    record.catalog.kpis.some((kpi) => kpi.id === id) || (record.history[id]?.length ?? 0) > 0 || alsoTaken.includes(id);
  return taken ? { path: 'id', message: TAKEN_ID } : undefined;
}

/** Saves a new KPI as a draft at version 1; an id in use is refused rather than replacing its KPI. */
export function saveNewDraft(state: CatalogState, draft: CatalogKpi, basedOn: CatalogState['revision']): CatalogState {
  assertRevision(basedOn, state.revision);
  const problem = takenIdProblem(state, draft.id);
  if (problem) {
    throw new CatalogEditError(`kpis (${draft.id}).${problem.path}: ${problem.message}`);
  }
  return saveDraft(state, { ...draft, version: 1 }, basedOn);
}

/**
 * Compares a catalog about to be stored with every version published before, KPI by KPI: a draft must come after
 * the newest published version, and a published version must be one the history holds unchanged or a new one
 * past the newest. So an import cannot turn a published v3 back into a draft v3, nor restart a removed KPI at v1.
 */
export function checkAgainstHistory(previous: PublishedRecord, next: Catalog): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  next.kpis.forEach((kpi, index) => {
    const published = publishedVersionsOf(previous, kpi.id);
    if (published.length === 0) {
      return;
    }
    const newest = Math.max(...published.map((v) => v.version));
    const problem = versionProblem(kpi, newest, published);
    if (problem) {
      problems.push({ path: `kpis[${index}] (${kpi.id}).version`, message: problem });
    }
  });
  return problems;
}

function versionProblem(kpi: CatalogKpi, newest: number, published: CatalogKpi[]): string | undefined {
  if (kpi.status === 'draft') {
    return kpi.version > newest
      ? undefined
      : `a draft must be at least version ${newest + 1}: version ${newest} is published`;
  }
  if (kpi.version > newest) {
    return undefined;
  }
  const same = published.find((v) => v.version === kpi.version);
  if (!same) {
    return `version ${kpi.version} is older than version ${newest} in the history; publish this as version ${newest + 1}`;
  }
  const changed = versionedChanges(same, kpi).map((change) => change.path);
  return changed.length === 0
    ? undefined
    : `version ${kpi.version} is already published with other content (${changed.join(', ')}); ` +
        `the history holds up to version ${newest}, so publish this as version ${newest + 1}`;
}

/**
 * Everything a catalog may not do to the versions before it: a published version edited in place (said once, in
 * the words of checkPublishedVersions), a draft at or below a published version, a version that goes back. For
 * the store and the import preview (with the history) and `northstar validate --previous` (a file, no history).
 */
export function publishedVersionProblems(previous: PublishedRecord, next: Catalog): ValidationProblem[] {
  const inPlace = checkPublishedVersions(previous.catalog, next);
  const reported = new Set(inPlace.map((problem) => problem.path));
  return [...inPlace, ...checkAgainstHistory(previous, next).filter((problem) => !reported.has(problem.path))];
}
