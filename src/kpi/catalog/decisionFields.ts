/**
 * The schema of what ties a KPI to decisions: `drivenBy` (checked across the catalog in kpiTree.ts), `gate` (the
 * check `northstar gate` runs before a deploy) and `review` (the owner's cadence). kpiSchema spreads the fields and
 * runs decisionProblems, which checks what depends on the KPI's indicator and on the clock.
 */
import { z } from 'zod';
import { GATEABLE_VALUE_STATUSES } from '../model';
import { isFutureReviewDate, isReviewCadence, parseReviewDate } from './review';

const gate = z
  .strictObject({
    minBudgetRemaining: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe('SLOs: the gate passes while at least this share of the error budget is left, e.g. 0.25'),
    status: z
      .array(z.enum(GATEABLE_VALUE_STATUSES))
      .min(1)
      .refine((statuses) => new Set(statuses).size === statuses.length, { message: 'lists a status twice' })
      .optional()
      .describe('Value KPIs: the gate fails while the status is one of these, e.g. [off-track]'),
  })
  .optional()
  .describe('What `northstar gate` checks before a deploy: { minBudgetRemaining: 0.25 } or { status: [off-track] }');

const review = z
  .strictObject({
    every: z
      .string()
      .refine(isReviewCadence, { message: 'must be a duration of at least 1d, such as 30d or 90d' })
      .describe('How often the owner reviews the KPI, e.g. 90d (at least 1d)'),
    last: z
      .string()
      .refine((text) => parseReviewDate(text) !== null, { message: 'must be a date such as 2026-10-01 (YYYY-MM-DD)' })
      .optional()
      .describe('The day of the last review, YYYY-MM-DD; not in the future'),
    by: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe('Who marked it reviewed on that day: the Grafana login "Mark reviewed" records'),
  })
  .optional()
  .describe('The review cadence: { every: 90d, last: 2026-10-01 }; the catalog flags reviews past due');

const drivenBy = z
  .array(z.string())
  .refine((ids) => new Set(ids).size === ids.length, { message: 'lists a KPI twice' })
  .optional()
  .describe('The ids of the KPIs and SLOs that drive this one, e.g. [search-latency, checkout-availability]');

/** The fields kpiSchema spreads into its object. */
export const decisionFields = { drivenBy, gate, review };

interface DecisionKpi {
  id: string;
  indicator: { type: string };
  drivenBy?: string[];
  gate?: z.infer<typeof gate>;
  review?: z.infer<typeof review>;
}

type Problem = { path: PropertyKey[]; message: string };

/** What the fields' own schemas cannot see: the KPI's kind, its id and today's date. */
export function decisionProblems(kpi: DecisionKpi, nowMs: number = Date.now()): Problem[] {
  return [...gateProblems(kpi), ...selfDriven(kpi), ...futureReview(kpi, nowMs)];
}

function gateProblems({ indicator, gate }: DecisionKpi): Problem[] {
  if (!gate) {
    return [];
  }
  const isValue = indicator.type === 'value';
  if (isValue && gate.minBudgetRemaining !== undefined) {
    return [
      {
        path: ['gate', 'minBudgetRemaining'],
        message:
          'applies to SLOs only: a value KPI has no error budget; gate it by status, e.g. { status: [off-track] }',
      },
    ];
  }
  if (!isValue && gate.status !== undefined) {
    return [
      {
        path: ['gate', 'status'],
        message: `applies to value KPIs only: a ${indicator.type} KPI is an SLO; gate it by budget, e.g. { minBudgetRemaining: 0.25 }`,
      },
    ];
  }
  if (isValue ? gate.status === undefined : gate.minBudgetRemaining === undefined) {
    return [
      {
        path: ['gate'],
        message: isValue
          ? 'needs status: the value statuses that fail the gate, e.g. { status: [off-track] }'
          : 'needs minBudgetRemaining: the share of the error budget that must be left, e.g. { minBudgetRemaining: 0.25 }',
      },
    ];
  }
  return [];
}

function selfDriven({ id, drivenBy }: DecisionKpi): Problem[] {
  const index = drivenBy?.indexOf(id) ?? -1;
  return index < 0 ? [] : [{ path: ['drivenBy', index], message: 'a KPI cannot drive itself' }];
}

function futureReview({ review }: DecisionKpi, nowMs: number): Problem[] {
  const lastMs = review?.last === undefined ? null : parseReviewDate(review.last);
  return lastMs !== null && isFutureReviewDate(lastMs, nowMs)
    ? [{ path: ['review', 'last'], message: `is in the future: a review is dated the day it took place` }]
    : [];
}
