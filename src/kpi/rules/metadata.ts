/** Metadata rules: the objective as a series, and the maintenance record that alerts and dashboards read. */
import { type CatalogKpi, PROM_MAINTENANCE_RECORD, PROM_OBJECTIVE_RECORD } from '../model';
import type { RecordingRule } from './ruleGroup';
import { kpiLabels, promNumber } from '../promql';

/** The target as a series, so dashboards and alerts can read it next to the ratios. */
export function objectiveRules(kpi: CatalogKpi): RecordingRule[] {
  return [
    { record: PROM_OBJECTIVE_RECORD, expr: `vector(${promNumber(kpi.objective.target)})`, labels: kpiLabels(kpi) },
  ];
}

/**
 * `northstar:kpi_maintenance:bool`: 1 while a window is open, 0 otherwise, for alerts and dashboard annotations.
 * Computed from time() alone (maintenanceRules.ts), so it backfills like the other base records.
 */
export function maintenanceRecordingRules(kpi: CatalogKpi, condition: string | undefined): RecordingRule[] {
  if (condition === undefined) {
    return [];
  }
  return [
    {
      record: PROM_MAINTENANCE_RECORD,
      expr: `(vector(1) and on () (${condition})) or vector(0)`,
      labels: kpiLabels(kpi),
    },
  ];
}
