/**
 * KPI evaluations for component tests, computed by the real engine from small hourly series (test helper, not
 * shipped: only tests import it).
 */
import { evaluateKpi, type KpiEvaluation } from '../kpi/evaluate';
import { type EventCounts, gridEndingAt, windowPhrases } from '../kpi/time';
import type { BurnRateRule } from '../kpi/policy';
import type { ExplainContext } from '../components/explain';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const TEST_END_MS = Date.UTC(2026, 10, 1);

/** Hour multiples, so an hourly grid answers every window: page 6h/1h above 5x, ticket 3d/6h above 1x. */
export const HOURLY_RULES: BurnRateRule[] = [
  { severity: 'page', longMs: 6 * HOUR, shortMs: HOUR, factor: 5 },
  { severity: 'ticket', longMs: 3 * DAY, shortMs: 6 * HOUR, factor: 1 },
];

export const CONTEXT_99_9_28D: ExplainContext = { target: 0.999, window: windowPhrases('28d'), kind: 'events' };

function hourly(total: number, bad = 0, length = 672): EventCounts {
  return {
    grid: gridEndingAt(TEST_END_MS, HOUR, length),
    total: new Float64Array(length).fill(total),
    good: new Float64Array(length).fill(total - bad),
  };
}

export type EvaluationCase =
  'ok' | 'page' | 'no-data' | 'no-traffic' | 'overspent' | 'hand-worked' | 'page-in-maintenance';

/** 99.9 % over 28d in every case; see each branch for its numbers. */
export function evaluationFor(kind: EvaluationCase): KpiEvaluation {
  let counts: EventCounts;
  switch (kind) {
    case 'ok': // 0.02 % errors: burn 0.2x, 80 % of the budget left
      counts = hourly(10_000, 2);
      break;
    case 'page': // 2 % errors in the last 6 hours: burn 20x on 1h and 6h
    case 'page-in-maintenance': // the same, evaluated inside a maintenance window
      counts = hourly(1000);
      for (let i = 666; i < 672; i++) {
        counts.good[i] = 980;
      }
      break;
    case 'no-data':
      counts = hourly(NaN);
      break;
    case 'no-traffic':
      counts = hourly(0);
      break;
    case 'overspent': // 1 % errors all month: remaining 1 − 10 = −900 %
      counts = hourly(1000, 10);
      break;
    case 'hand-worked': // 1,000,000 requests, 600 bad 28 days ago: 40 % left, 28d burn 0.6x
      counts = hourly(1488);
      counts.total[0] = 1552;
      counts.good[0] = 1552 - 600;
      break;
  }
  return evaluateKpi({
    counts,
    target: 0.999,
    sloWindowMs: 28 * DAY,
    rules: HOURLY_RULES,
    inMaintenance: kind === 'page-in-maintenance',
  });
}
