import { PanelPlugin } from '@grafana/data';
import { appPublicPath } from './appPublicPath';
import { LazyKpiPanel } from './LazyKpiPanel';
import { addKpiPanelOptions, kpiFieldConfig } from './options';
import type { KpiPanelOptions } from '../../reading';

declare let __webpack_public_path__: string;
// The panel's code loads lazily from chunks it shares with the app, in the app's folder.
__webpack_public_path__ = appPublicPath(__webpack_public_path__);

export const plugin = new PanelPlugin<KpiPanelOptions>(LazyKpiPanel)
  .setPanelOptions(addKpiPanelOptions)
  .useFieldConfig(kpiFieldConfig);
