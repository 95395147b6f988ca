/** How the panel shows a KPI. */
export type KpiPanelView = 'stat' | 'burn-rate-table' | 'budget-burndown' | 'compact-list';

/** KpiPanelOptions knows what a dashboard stores for one Northstar KPI panel. */
export interface KpiPanelOptions {
  view: KpiPanelView;
}

export const defaultKpiPanelOptions: KpiPanelOptions = {
  view: 'stat',
};
