import { checkoutKpi } from '../../testing/checkoutKpi';
import { checkPublishedVersions, parseReviewDate, reviewOverdue, reviewState, versionedChanges } from './index';

const NOW = Date.UTC(2026, 11, 5, 20, 0); // 2026-12-05T20:00Z
const withReview = (review: { every: string; last?: string }) => checkoutKpi({ review });

describe('reviewState and reviewOverdue', () => {
  test.each([
    ['reviewed 2026-10-01 every 90d: due 2026-12-30, not overdue', { every: '90d', last: '2026-10-01' }, false, 0],
    ['reviewed 2026-09-05 every 90d: due 2026-12-04, a day overdue', { every: '90d', last: '2026-09-05' }, true, 1],
    ['reviewed 2026-12-05 every 1d: due at midnight, 20 hours ago', { every: '1d', last: '2026-12-04' }, true, 0],
    ['reviewed 2026-06-01 every 30d: 157 days overdue', { every: '30d', last: '2026-06-01' }, true, 157],
    ['a cadence never reviewed is overdue at once', { every: '90d' }, true, 0],
  ])('%s', (_, review, overdue, daysOverdue) => {
    expect(reviewOverdue(withReview(review), NOW)).toBe(overdue);
    expect(reviewState(withReview(review), NOW)).toMatchObject({ overdue, daysOverdue });
  });

  test('the due date is the last review plus the cadence', () => {
    expect(new Date(reviewState(withReview({ every: '90d', last: '2026-10-01' }), NOW)!.dueMs).toISOString()).toBe(
      '2026-12-30T00:00:00.000Z'
    );
  });

  test('a KPI without a cadence is never overdue', () => {
    expect(reviewState(checkoutKpi(), NOW)).toBeNull();
    expect(reviewOverdue(checkoutKpi(), NOW)).toBe(false);
  });

  test.each([
    ['2026-10-01', Date.UTC(2026, 9, 1)],
    ['2028-02-29', Date.UTC(2028, 1, 29)],
    ['2026-02-29', null],
    ['2026-13-01', null],
    ['1 Oct 2026', null],
    ['2026-10-01T00:00:00Z', null],
  ])('parseReviewDate(%s)', (text, expected) => {
    expect(parseReviewDate(text)).toBe(expected);
  });
});

describe('marking a published KPI reviewed is not a new version', () => {
  const catalogOf = (kpi: ReturnType<typeof checkoutKpi>) => ({
    apiVersion: 'northstar.dev/v1' as const,
    kind: 'KpiCatalog' as const,
    kpis: [kpi],
  });
  const before = withReview({ every: '90d', last: '2026-09-01' });

  test.each([
    ['a new review date', withReview({ every: '90d', last: '2026-12-01' }), []],
    ['a first review date', withReview({ every: '90d' }), []],
  ])('%s passes the published-version check', (_, reviewed, expected) => {
    expect(checkPublishedVersions(catalogOf(before), catalogOf(reviewed))).toEqual(expected);
    expect(versionedChanges(before, reviewed)).toEqual([]);
  });

  test.each([
    ['another cadence', { ...before, review: { every: '30d', last: '2026-09-01' } }, 'review.every'],
    ['a gate', { ...before, gate: { minBudgetRemaining: 0.25 } }, 'gate'],
    ['drivers', { ...before, drivenBy: ['search-latency'] }, 'drivenBy'],
  ])('%s is a new version', (_, changed, field) => {
    expect(checkPublishedVersions(catalogOf(before), catalogOf(changed))).toEqual([
      {
        path: 'kpis[0] (checkout-availability).version',
        message: `published version 3 was changed (${field}); publish the change as version 4`,
      },
    ]);
  });
});
