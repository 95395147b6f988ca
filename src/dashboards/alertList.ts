/** Grafana's alert list, limited to the Northstar burn-rate alerts of some KPIs by their `kpi_id` label. */
import type { Panel } from '@grafana/schema';
import type { Unplaced } from './layout';

export function alertListPanel(title: string, labelFilter: string, size: { w: number; h: number }): Unplaced<Panel> {
  return {
    type: 'alertlist',
    title,
    description: 'Firing and pending Northstar burn-rate alerts (label kpi_id), pages first.',
    options: {
      viewMode: 'list',
      groupMode: 'default',
      groupBy: [],
      maxItems: 20,
      sortOrder: 1,
      dashboardAlerts: false,
      alertName: '',
      alertInstanceLabelFilter: `{${labelFilter}}`,
      showInstances: true,
      stateFilter: { firing: true, pending: true, noData: false, normal: false, error: true },
    },
    size,
  };
}
