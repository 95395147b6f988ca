import { PanelPlugin } from '@grafana/data';
import { KpiPanel } from './KpiPanel';
import { defaultKpiPanelOptions, type KpiPanelOptions } from './types';

export const plugin = new PanelPlugin<KpiPanelOptions>(KpiPanel).setPanelOptions((builder) =>
  builder.addRadio({
    path: 'view',
    name: 'View',
    description: 'How the KPI is shown',
    defaultValue: defaultKpiPanelOptions.view,
    settings: {
      options: [
        { value: 'stat', label: 'Stat' },
        { value: 'burn-rate-table', label: 'Burn rates' },
        { value: 'budget-burndown', label: 'Budget burndown' },
        { value: 'compact-list', label: 'Compact list' },
      ],
    },
  })
);
