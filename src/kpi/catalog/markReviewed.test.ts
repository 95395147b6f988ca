import { checkoutKpi } from '../../testing/checkoutKpi';
import {
  CatalogEditError,
  markReviewed,
  publishedVersionProblems,
  RevisionConflictError,
  type CatalogState,
} from './index';

const reviewed = checkoutKpi({ version: 3, review: { every: '90d', last: '2026-09-01' } });
const state = (kpi = reviewed): CatalogState => ({
  catalog: { apiVersion: 'northstar.dev/v1', kind: 'KpiCatalog', kpis: [kpi] },
  history: { [kpi.id]: [kpi] },
  revision: 'r7',
});

describe('markReviewed', () => {
  test('sets the day and the login on the published version itself: no new version, nothing refused', () => {
    const next = markReviewed(state(), reviewed.id, { day: '2026-12-05', login: 'alice' }, 'r7');
    expect(next.catalog.kpis[0]).toEqual({ ...reviewed, review: { every: '90d', last: '2026-12-05', by: 'alice' } });
    expect(next.catalog.kpis[0].version).toBe(3);
    expect(next.history).toEqual(state().history);
    expect(publishedVersionProblems(state(), next.catalog)).toEqual([]);
  });

  test.each([
    [
      'a KPI without a cadence',
      checkoutKpi({ version: 3 }),
      'kpis (checkout-availability).review: has no review cadence',
    ],
    ['a day that is no date', reviewed, 'kpis (checkout-availability).review.last: 5 Dec is not a date'],
  ])('%s is refused, naming the KPI and the field', (name, kpi, message) => {
    const day = name.includes('no date') ? '5 Dec' : '2026-12-05';
    expect(() => markReviewed(state(kpi), kpi.id, { day, login: 'alice' }, 'r7')).toThrow(CatalogEditError);
    expect(() => markReviewed(state(kpi), kpi.id, { day, login: 'alice' }, 'r7')).toThrow(message);
  });

  test('a stale revision is a conflict', () => {
    expect(() => markReviewed(state(), reviewed.id, { day: '2026-12-05', login: 'alice' }, 'r6')).toThrow(
      RevisionConflictError
    );
  });
});
