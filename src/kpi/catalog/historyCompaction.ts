/**
 * The version history as stored: each KPI's first published version whole, every later one as the top-level
 * fields that changed since the version before it. A published version usually changes one or two fields, so this
 * keeps the history a fraction of its full size inside Grafana's jsonData (see src/data/storedSize.ts). Reading
 * takes both forms, so histories stored whole before keep loading.
 */
import type { VersionHistory } from './catalog';
import type { CatalogKpi } from '../model';

/** A later version: the fields it sets (version and status included) and the ones it drops. */
export interface VersionDelta {
  delta: { set: Record<string, unknown>; unset?: string[] };
}

export type StoredVersion = CatalogKpi | VersionDelta;
export type StoredHistory = Record<string, StoredVersion[]>;

const isDelta = (entry: unknown): entry is VersionDelta =>
  typeof entry === 'object' && entry !== null && 'delta' in entry && typeof entry.delta === 'object';

/**
 * Published versions only, one per version number (the first kept), each after the first stored as a delta:
 * a draft or a repeated version that found its way into the history is dropped, as nothing reads it.
 */
export function compactHistory(history: VersionHistory): StoredHistory {
  const stored: StoredHistory = {};
  for (const [id, versions] of Object.entries(history)) {
    const seen = new Set<number>();
    const kept = versions.filter((kpi) => kpi.status !== 'draft' && !seen.has(kpi.version) && seen.add(kpi.version));
    stored[id] = kept.map((kpi, index) => (index === 0 ? kpi : deltaBetween(kept[index - 1], kpi)));
  }
  return stored;
}

function deltaBetween(before: CatalogKpi, after: CatalogKpi): VersionDelta {
  const previous = before as unknown as Record<string, unknown>;
  const next = after as unknown as Record<string, unknown>;
  const set = Object.fromEntries(
    Object.entries(next).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(previous[key]))
  );
  const unset = Object.keys(previous).filter((key) => !(key in next));
  return { delta: unset.length > 0 ? { set, unset } : { set } };
}

/** The full versions back from their stored form; entries neither whole nor a readable delta are skipped. */
export function expandHistory(stored: Record<string, unknown>): VersionHistory {
  const history: VersionHistory = {};
  for (const [id, entries] of Object.entries(stored)) {
    if (!Array.isArray(entries)) {
      continue;
    }
    const versions: CatalogKpi[] = [];
    for (const entry of entries) {
      const previous = versions.at(-1);
      if (!isDelta(entry)) {
        versions.push(entry as CatalogKpi);
      } else if (previous) {
        versions.push(applyDelta(previous, entry));
      }
    }
    history[id] = versions;
  }
  return history;
}

function applyDelta(previous: CatalogKpi, { delta }: VersionDelta): CatalogKpi {
  const next: Record<string, unknown> = { ...previous, ...(delta.set ?? {}) };
  for (const key of delta.unset ?? []) {
    delete next[key];
  }
  return next as unknown as CatalogKpi;
}
