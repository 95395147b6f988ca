import { useEffect, useMemo, useState } from 'react';
import { loadAppCatalog } from '../../data/loadAppCatalog';
import type { AppCatalog, CatalogState } from '../../reading';

type Outcome = { catalog: AppCatalog } | { error: string };

const IDLE: CatalogState = { status: 'idle' };
const LOADING: CatalogState = { status: 'loading' };

/**
 * The app's catalog for the panel and its editor; nothing is read while `enabled` is false (manual KPIs). A new
 * `refreshKey` (the panel's data) asks again, so a catalog edit reaches the panel on the next refresh; the shared
 * cache in loadAppCatalog keeps that to one request per dashboard and cache age. The state keeps its identity
 * while the catalog does, so the evaluation memo holds.
 */
export function useAppCatalog(enabled: boolean, refreshKey?: unknown): CatalogState {
  const [outcome, setOutcome] = useState<Outcome>();

  useEffect(() => {
    if (!enabled) {
      return;
    }
    let current = true;
    loadAppCatalog().then(
      (catalog) => {
        if (current) {
          setOutcome((previous) =>
            previous && 'catalog' in previous && previous.catalog === catalog ? previous : { catalog }
          );
        }
      },
      (error: unknown) => {
        if (current) {
          setOutcome({ error: error instanceof Error ? error.message : String(error) });
        }
      }
    );
    return () => {
      current = false;
    };
  }, [enabled, refreshKey]);

  return useMemo(() => {
    if (!enabled) {
      return IDLE;
    }
    if (!outcome) {
      return LOADING;
    }
    return 'catalog' in outcome
      ? { status: 'loaded', catalog: outcome.catalog }
      : { status: 'error', message: outcome.error };
  }, [enabled, outcome]);
}
