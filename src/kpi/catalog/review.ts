/**
 * The review cadence: when a KPI was last reviewed, when it is due again, and whether that is past. The catalog
 * flags overdue reviews, `validate --lint` warns about them, and quarterly pruning starts from them.
 */
import { tryParseDuration } from '../time';
import type { CatalogKpi } from '../model';

const DAY_MS = 86_400_000;
/** The zone furthest ahead of UTC is UTC+14: its "today" is at most this far past UTC's. */
const FURTHEST_ZONE_AHEAD_MS = 14 * 3_600_000;

/** UTC midnight of a YYYY-MM-DD date, or null when it is no such date (2026-02-30 included). */
export function parseReviewDate(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) {
    return null;
  }
  const [year, month, day] = match.slice(1).map(Number);
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? ms : null;
}

/** A review date somewhere on Earth's today is not in the future, even where the day has begun before UTC's. */
export function isFutureReviewDate(dateMs: number, nowMs: number): boolean {
  return dateMs > nowMs + FURTHEST_ZONE_AHEAD_MS;
}

export function isReviewCadence(every: string): boolean {
  return (tryParseDuration(every) ?? 0) >= DAY_MS;
}

/** Where a KPI's review stands at `nowMs`; null when it has no review cadence. */
export interface ReviewState {
  /** When the next review is due (UTC ms); `now` when the KPI was never reviewed. */
  dueMs: number;
  overdue: boolean;
  /** Whole days past due, 0 when not overdue. */
  daysOverdue: number;
  neverReviewed: boolean;
}

export function reviewState(kpi: Pick<CatalogKpi, 'review'>, nowMs: number): ReviewState | null {
  const { review } = kpi;
  const everyMs = review ? tryParseDuration(review.every) : undefined;
  if (!review || everyMs === undefined) {
    return null;
  }
  const lastMs = review.last === undefined ? null : parseReviewDate(review.last);
  if (lastMs === null) {
    return { dueMs: nowMs, overdue: true, daysOverdue: 0, neverReviewed: true };
  }
  const dueMs = lastMs + everyMs;
  const overdue = nowMs >= dueMs;
  return { dueMs, overdue, daysOverdue: overdue ? Math.floor((nowMs - dueMs) / DAY_MS) : 0, neverReviewed: false };
}

/** Whether the KPI's review is due or past due at `nowMs` (a cadence without a `last` review is overdue). */
export function reviewOverdue(kpi: Pick<CatalogKpi, 'review'>, nowMs: number): boolean {
  return reviewState(kpi, nowMs)?.overdue ?? false;
}
