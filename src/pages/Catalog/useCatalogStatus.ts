import { useEffect, useRef, useState } from 'react';
import { refreshCatalog, type CatalogRowResult } from '../../data/catalogQuery';
import type { CatalogKpi } from '../../kpi/model';
import { memoPerObject } from '../../utils/memoPerObject';

export interface CatalogStatus {
  results: ReadonlyMap<string, CatalogRowResult>;
  loading: boolean;
  /** When the results shown were evaluated; undefined before the first answer. */
  evaluatedAtMs?: number;
}

/** Typing in the search box changes the visible rows on every keystroke; ask once the typing pauses. */
const SETTLE_MS = 250;

/** What one refresh tick has asked for, answered or still in flight. */
interface Asked {
  refreshKey: number;
  /** `id@version` of every KPI asked for in this tick. */
  kpis: Set<string>;
  inFlight: number;
}

/** A KPI's `id@version`, written once per KPI object: every keystroke asks it of all 1,000. */
const versionKey = memoPerObject((kpi: CatalogKpi) => `${kpi.id}@${kpi.version}`);

/**
 * Live status of the visible KPIs: one refresh (one POST /api/ds/query per data source) for the visible KPIs not yet
 * asked for in this `refreshKey` tick, so narrowing the filters asks for nothing and widening them only for the rows
 * that appear; every KPI is asked again when `refreshKey` ticks. Composites read their members from `catalog`.
 * Results of earlier refreshes stay on screen until newer ones arrive, so a refresh never blanks the table; an
 * answer of an earlier tick that arrives after a newer tick began is dropped.
 */
export function useCatalogStatus(
  kpis: readonly CatalogKpi[],
  refreshKey: number,
  catalog: readonly CatalogKpi[] = kpis
): CatalogStatus {
  const [status, setStatus] = useState<CatalogStatus>({ results: new Map(), loading: false });
  const asked = useRef<Asked>({ refreshKey, kpis: new Set(), inFlight: 0 });

  useEffect(() => {
    if (asked.current.refreshKey !== refreshKey) {
      asked.current = { refreshKey, kpis: new Set(), inFlight: 0 };
    }
    const tick = asked.current;
    const missing = kpis.filter((kpi) => !tick.kpis.has(versionKey(kpi)));
    if (missing.length === 0) {
      return;
    }
    const timer = setTimeout(() => {
      missing.forEach((kpi) => tick.kpis.add(versionKey(kpi)));
      tick.inFlight++;
      setStatus((previous) => (previous.loading ? previous : { ...previous, loading: true }));
      const atMs = Date.now();
      refreshCatalog(missing, atMs, catalog).then((rows) => {
        tick.inFlight--;
        if (asked.current !== tick) {
          // A newer tick began: its own answers carry the results; the spinner stops once none is in flight.
          const stillLoading = asked.current.inFlight > 0;
          setStatus((previous) =>
            previous.loading === stillLoading ? previous : { ...previous, loading: stillLoading }
          );
          return;
        }
        setStatus((previous) => {
          const results = new Map(previous.results);
          rows.forEach((row) => results.set(row.kpiId, row));
          return { results, loading: tick.inFlight > 0, evaluatedAtMs: atMs };
        });
      });
    }, SETTLE_MS);
    return () => clearTimeout(timer);
    // A new array of KPIs already asked for (another keystroke) finds none missing and asks nothing.
  }, [kpis, refreshKey, catalog]);

  return status;
}
