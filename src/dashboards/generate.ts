/**
 * Which dashboards exist for what: three per KPI (executive, on-call, debug), or for a catalog the executive
 * overview of its published KPIs plus each published KPI's on-call and debug dashboards. File names and the JSON
 * text are decided here, so `npm run dashboards`, the CLI and the staleness test agree byte for byte.
 */
import type { KpiDefinition } from '../kpi/model';
import type { DashboardBuildOptions } from './dashboardModel';
import { buildDebugDashboard } from './debug';
import { buildExecutiveDashboard, executiveDashboardUid } from './executive';
import type { GeneratedDashboard } from './marker';
import { buildOnCallDashboard } from './oncall';
import type { DashboardKind } from './uid';

export interface DashboardFile {
  /** File name, e.g. `checkout-availability.oncall.json`. */
  file: string;
  kind: DashboardKind;
  kpiId?: string;
  dashboard: GeneratedDashboard;
}

/** The three dashboards of one KPI, each linking to the others. */
export function kpiDashboards(kpi: KpiDefinition, options: DashboardBuildOptions = {}): DashboardFile[] {
  const linked = { ...options, executiveUid: executiveDashboardUid([kpi]) };
  return [
    {
      file: `${kpi.id}.executive.json`,
      kind: 'executive',
      kpiId: kpi.id,
      dashboard: buildExecutiveDashboard([kpi], linked),
    },
    ...perKpiDashboards(kpi, linked),
  ];
}

/** The catalog's executive overview and the on-call and debug dashboards of every published KPI. */
export function catalogDashboards(
  kpis: readonly KpiDefinition[],
  options: DashboardBuildOptions = {}
): DashboardFile[] {
  const published = kpis.filter((kpi) => kpi.status === 'published');
  if (published.length === 0) {
    return [];
  }
  const linked = { ...options, executiveUid: executiveDashboardUid(published) };
  return [
    { file: 'executive.json', kind: 'executive', dashboard: buildExecutiveDashboard(published, linked) },
    ...published.flatMap((kpi) => perKpiDashboards(kpi, linked)),
  ];
}

function perKpiDashboards(kpi: KpiDefinition, options: DashboardBuildOptions): DashboardFile[] {
  return [
    { file: `${kpi.id}.oncall.json`, kind: 'oncall', kpiId: kpi.id, dashboard: buildOnCallDashboard(kpi, options) },
    { file: `${kpi.id}.debug.json`, kind: 'debug', kpiId: kpi.id, dashboard: buildDebugDashboard(kpi, options) },
  ];
}

/** The text of a dashboard file: two-space JSON and a final newline. */
export function dashboardJson(dashboard: GeneratedDashboard): string {
  return `${JSON.stringify(dashboard, null, 2)}\n`;
}
