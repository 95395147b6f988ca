/**
 * Everything Grafana's app sets on @grafana/runtime at boot before it renders a plugin, done the host's way:
 * backend and data source services over the host server, the template service, the current user, app events and
 * echo (so reportInteraction and appEvents work), PluginPage, PanelDataErrorView and the options registries.
 */
import { EventBusSrv, type CurrentUser } from '@grafana/data';
import {
  config,
  setAppEvents,
  setBackendSrv,
  setCurrentUser,
  setDataSourceSrv,
  setEchoSrv,
  setTemplateSrv,
} from '@grafana/runtime';
import {
  initDataSourceInstanceSettings,
  setDataSourcePluginImporter,
  setPanelDataErrorView,
  setPluginPage,
} from '@grafana/runtime/internal';
import { createBackendSrv } from './backendSrv';
import { importDataSourcePlugin } from './dataSourcePlugins';
import { HostDataSourceSrv, instanceSettingsFromConfig } from './dataSources';
import { HostPanelDataErrorView } from './HostPanelDataErrorView';
import { HostPluginPage } from './HostPluginPage';
import { installOptionsRegistries } from './optionsRegistries';
import { hostTemplateSrv } from './templateSrv';

export function installRuntimeServices(): void {
  setBackendSrv(createBackendSrv());
  setDataSourceSrv(new HostDataSourceSrv(instanceSettingsFromConfig()));
  initDataSourceInstanceSettings(config.datasources, config.defaultDatasource);
  setDataSourcePluginImporter(importDataSourcePlugin);
  setTemplateSrv(hostTemplateSrv);
  setCurrentUser(config.bootData.user as unknown as CurrentUser);
  setAppEvents(new EventBusSrv());
  // Interaction reports go nowhere: the host has no analytics backend.
  setEchoSrv({ flush: () => undefined, addBackend: () => undefined, addEvent: () => undefined });
  setPluginPage(HostPluginPage);
  setPanelDataErrorView(HostPanelDataErrorView);
  installOptionsRegistries();
}
