import type { Comparator } from '../kpi/model';

/** How the panel shows a KPI. */
export type KpiPanelView = 'stat' | 'burn-rate-table' | 'budget-burndown' | 'compact-list';

/** Where the KPI's target, window and policy come from. */
export type KpiSourceKind = 'catalog' | 'manual';

/** Manual KPIs: good/total events, or a value compared with a threshold. */
export type ManualIndicatorType = 'ratio' | 'threshold';

/**
 * What a catalog KPI's panel queries return: the KPI's own queries (good and total per second, or the value), or
 * the series `northstar rules` records for it (good and total per second for every KPI type: a threshold or
 * timeslice KPI records each slice's verdict, 1 or 0, which reads as good slices over all slices). Recorded series
 * carry the KPI in a label, so one dashboard with `kpi_id="$kpi"` serves every KPI.
 */
export type KpiQueriesKind = 'kpi' | 'recorded';

/** The default burn-rate policy, or the catalog KPI's own `alerting`. */
export type PolicyChoice = 'default' | 'kpi';

/** KpiPanelOptions knows what a dashboard stores for one Northstar KPI panel. */
export interface KpiPanelOptions {
  view: KpiPanelView;
  source: KpiSourceKind;
  /** Catalog source: the KPI's id (ids are never reused, DESIGN §2), or a dashboard variable such as `$kpi`. */
  kpiId?: string;
  /** Catalog source: what the queries return. */
  queries: KpiQueriesKind;
  /** refIds of the panel queries that return good and total events per second (ratio KPIs). */
  goodRefId: string;
  totalRefId: string;
  /** refId of the panel query whose value is compared with the threshold (threshold KPIs). */
  valueRefId: string;
  /** Manual source. */
  indicatorType: ManualIndicatorType;
  /** In percent, as people write targets: 99.9 means 0.999. */
  targetPercent: number;
  /** Rolling SLO window, a Prometheus duration such as 28d. */
  window: string;
  comparator: Comparator;
  threshold: number;
  /** Catalog source: which burn-rate policy decides page and ticket. */
  policy: PolicyChoice;
  /** Display thresholds: budget remaining below these percentages shows as warning and critical. */
  budgetWarningPercent: number;
  budgetCriticalPercent: number;
}

export const defaultKpiPanelOptions: KpiPanelOptions = {
  view: 'stat',
  source: 'catalog',
  queries: 'kpi',
  goodRefId: 'A',
  totalRefId: 'B',
  valueRefId: 'A',
  indicatorType: 'ratio',
  targetPercent: 99.9,
  window: '28d',
  comparator: '<',
  threshold: 0,
  policy: 'kpi',
  budgetWarningPercent: 25,
  budgetCriticalPercent: 0,
};
