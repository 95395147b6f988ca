import { useEffect, useRef, useState } from 'react';
import { refreshCatalog, type CatalogRowResult } from '../../data/catalogQuery';
import type { CatalogKpi } from '../../kpi/model';

export interface CatalogStatus {
  results: ReadonlyMap<string, CatalogRowResult>;
  loading: boolean;
  /** When the results shown were evaluated; undefined before the first answer. */
  evaluatedAtMs?: number;
}

/** Typing in the search box changes the visible rows on every keystroke; ask once the typing pauses. */
const SETTLE_MS = 250;

/**
 * Live status of the visible KPIs: one refresh (one POST /api/ds/query per data source) when the set of
 * visible KPIs changes or `refreshKey` ticks; composites read their members from `catalog`. Results of earlier refreshes stay on screen until newer ones
 * arrive, so a refresh never blanks the table; an answer that arrives after a newer refresh began is dropped.
 */
export function useCatalogStatus(
  kpis: readonly CatalogKpi[],
  refreshKey: number,
  catalog: readonly CatalogKpi[] = kpis
): CatalogStatus {
  const [status, setStatus] = useState<CatalogStatus>({ results: new Map(), loading: false });
  const latestRefresh = useRef(0);
  const askedFor = useRef<string | undefined>(undefined);
  // A new array with the same KPIs (another keystroke) is not a reason to ask again.
  const key = `${refreshKey}|${kpis.map((kpi) => `${kpi.id}@${kpi.version}`).join(',')}`;

  useEffect(() => {
    if (askedFor.current === key) {
      return;
    }
    askedFor.current = key;
    const refresh = ++latestRefresh.current;
    const timer = setTimeout(() => {
      if (kpis.length === 0) {
        setStatus((previous) => (previous.loading ? { ...previous, loading: false } : previous));
        return;
      }
      setStatus((previous) => ({ ...previous, loading: true }));
      const atMs = Date.now();
      refreshCatalog(kpis, atMs, catalog).then((rows) => {
        if (refresh !== latestRefresh.current) {
          return;
        }
        setStatus((previous) => {
          const results = new Map(previous.results);
          rows.forEach((row) => results.set(row.kpiId, row));
          return { results, loading: false, evaluatedAtMs: atMs };
        });
      });
    }, SETTLE_MS);
    return () => {
      clearTimeout(timer);
      // The timer did not fire: the next effect must ask, even for the same key (React's strict re-run).
      if (askedFor.current === key) {
        askedFor.current = undefined;
      }
    };
  }, [key, kpis, catalog]);

  return status;
}
