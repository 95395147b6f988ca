/**
 * "Mark reviewed": the owner looked at the KPI today. It sets `review.last` and `review.by` on the current
 * definition in place; both are fields a published version may change (versionedChanges), so the history gets no
 * new entry.
 */
import { assertRevision, CatalogEditError, type CatalogState } from './catalog';
import { parseReviewDate } from './review';

export function markReviewed(
  state: CatalogState,
  id: string,
  review: { day: string; login: string },
  basedOn: string
): CatalogState {
  assertRevision(basedOn, state.revision);
  const kpi = state.catalog.kpis.find((k) => k.id === id);
  if (!kpi) {
    throw new CatalogEditError(`kpis (${id}): not in the catalog`);
  }
  if (!kpi.review) {
    throw new CatalogEditError(`kpis (${id}).review: has no review cadence to mark; add review.every in the editor`);
  }
  if (parseReviewDate(review.day) === null) {
    throw new CatalogEditError(`kpis (${id}).review.last: ${review.day} is not a date (YYYY-MM-DD)`);
  }
  const reviewed = { ...kpi, review: { ...kpi.review, last: review.day, by: review.login } };
  return {
    ...state,
    catalog: { ...state.catalog, kpis: state.catalog.kpis.map((k) => (k.id === id ? reviewed : k)) },
  };
}
