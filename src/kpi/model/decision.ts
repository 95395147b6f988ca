/**
 * What ties a KPI to the decisions it drives: the KPIs that drive it (`drivenBy`), the gate a deploy pipeline checks
 * (`gate`) and how often its owner reviews it (`review`). Types only; the schema checks them in catalog/.
 */

/** The value KPI statuses a gate can refuse (evaluate/valueEvaluation.ts says how a value earns each). */
export const GATEABLE_VALUE_STATUSES = ['off-track', 'at-risk'] as const;
export type GateableValueStatus = (typeof GATEABLE_VALUE_STATUSES)[number];

/** An SLO's gate: it passes while at least this share of the error budget is left (0..1). */
export interface SloGate {
  minBudgetRemaining: number;
  status?: undefined;
}

/** A value KPI's gate: it fails while the KPI's status is one of these. */
export interface ValueGate {
  status: GateableValueStatus[];
  minBudgetRemaining?: undefined;
}

export type KpiGate = SloGate | ValueGate;

/** The owner's review cadence: reviewed last on `last` (YYYY-MM-DD), due again `every` (a duration of 1d or more). */
export interface KpiReview {
  every: string;
  last?: string;
  /** The Grafana login of who marked it reviewed on `last`. */
  by?: string;
}
