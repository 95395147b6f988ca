import type { CatalogRowResult } from '../data/catalogQuery';
import type { CatalogKpi } from '../kpi/model';
import {
  kpisMatching,
  rowsAmong,
  sortedCatalogRows,
  type CatalogFilters,
  type CatalogRow,
} from '../pages/Catalog/catalogView';

/**
 * The rows the catalog page shows for these filters: its three stages composed as Catalog.tsx composes them (there
 * each is memoised on its own inputs), so the tests check the pieces the page runs and not a composition of their own.
 */
export function shownCatalogRows(
  kpis: readonly CatalogKpi[],
  results: ReadonlyMap<string, CatalogRowResult>,
  filters: CatalogFilters,
  haystacks: ReadonlyMap<string, string>,
  nowMs = 0
): CatalogRow[] {
  const matching = new Set(kpisMatching(kpis, filters, haystacks, nowMs));
  return rowsAmong(sortedCatalogRows(kpis, results, filters.sort, filters.descending), matching, filters);
}
