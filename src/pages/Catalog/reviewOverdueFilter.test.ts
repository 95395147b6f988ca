import { checkoutKpi } from '../../testing/checkoutKpi';
import { shownCatalogRows } from '../../testing/shownCatalogRows';
import { filtersFromUrl, hasFilters, NO_FILTERS, withoutFilters } from './catalogView';

const NOW = Date.UTC(2026, 11, 5, 20, 0); // 2026-12-05T20:00Z
const KPIS = [
  checkoutKpi({ id: 'fresh', name: 'Fresh', review: { every: '90d', last: '2026-10-01' } }),
  checkoutKpi({ id: 'stale', name: 'Stale', review: { every: '90d', last: '2026-09-05' } }),
  checkoutKpi({ id: 'never', name: 'Never', review: { every: '30d' } }),
  checkoutKpi({ id: 'no-cadence', name: 'No cadence' }),
];
const ids = (filters = NO_FILTERS) =>
  shownCatalogRows(KPIS, new Map(), filters, new Map(), NOW)
    .map((row) => row.kpi.id)
    .sort();

describe('the "Review overdue" filter', () => {
  test('keeps KPIs past due (due 2026-12-04) and never reviewed, not those due later or without a cadence', () => {
    expect(ids()).toEqual(['fresh', 'never', 'no-cadence', 'stale']);
    expect(ids({ ...NO_FILTERS, reviewOverdue: true })).toEqual(['never', 'stale']);
  });

  test('lives in the URL as review=overdue and counts as a filter to clear', () => {
    const filters = filtersFromUrl(new URLSearchParams('review=overdue'));
    expect(filters).toEqual({ ...NO_FILTERS, reviewOverdue: true });
    expect(hasFilters(filters)).toBe(true);
    expect(withoutFilters(filters).reviewOverdue).toBe(false);
    expect(filtersFromUrl(new URLSearchParams('review=soon')).reviewOverdue).toBe(false);
  });
});
