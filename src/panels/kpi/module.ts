import { PanelPlugin } from '@grafana/data';
import { KpiPanel } from './KpiPanel';
import { addKpiPanelOptions, kpiFieldConfig } from './options';
import type { KpiPanelOptions } from '../../reading';

export const plugin = new PanelPlugin<KpiPanelOptions>(KpiPanel)
  .setPanelOptions(addKpiPanelOptions)
  .useFieldConfig(kpiFieldConfig);
