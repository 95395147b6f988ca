/**
 * The data source plugins the host page loads, by plugin id, as Grafana's core plugins are registered: Prometheus
 * with Grafana's PromQL query editor from @grafana/prometheus (public/app/plugins/datasource/prometheus/module.ts),
 * PostgreSQL with Grafana's SQL query editor from @grafana/sql in its PostgreSQL dialect
 * (grafana-postgresql-datasource/module.ts and PostgresQueryEditor.tsx). The editors live in the host page, as
 * they live in Grafana, and reach the plugin only through getDataSourceSrv().get(uid).components.
 */
import React from 'react';
import { DataSourcePlugin, type DataSourceApi, type DataSourcePluginMeta, type QueryEditorProps } from '@grafana/data';
import { PromCheatSheet, PromQueryEditorByApp, type PromOptions, type PromQuery } from '@grafana/prometheus';
import { SqlQueryEditorLazy, type SQLOptions, type SQLQuery } from '@grafana/sql';
import { HostPrometheusDataSource } from './dataSources';
import { HostPostgresDataSource } from './postgresDataSource';

const POSTGRES_HEADER = { dialect: 'postgres' as const };

function PostgresQueryEditor(props: QueryEditorProps<HostPostgresDataSource, SQLQuery, SQLOptions>) {
  return <SqlQueryEditorLazy {...props} queryHeaderProps={POSTGRES_HEADER} />;
}

const PLUGINS: Record<string, DataSourcePlugin<DataSourceApi>> = {
  prometheus: new DataSourcePlugin<HostPrometheusDataSource, PromQuery, PromOptions>(HostPrometheusDataSource)
    .setQueryEditor(PromQueryEditorByApp)
    .setQueryEditorHelp(PromCheatSheet) as unknown as DataSourcePlugin<DataSourceApi>,
  'grafana-postgresql-datasource': new DataSourcePlugin(HostPostgresDataSource).setQueryEditor(
    PostgresQueryEditor
  ) as unknown as DataSourcePlugin<DataSourceApi>,
};

/** The plugin for a data source's meta, as Grafana's importDataSourcePlugin loads it. */
export async function importDataSourcePlugin(meta: DataSourcePluginMeta): Promise<DataSourcePlugin<DataSourceApi>> {
  const plugin = PLUGINS[meta.id];
  if (!plugin) {
    throw new Error(`the plugin host has no data source plugin "${meta.id}"`);
  }
  return plugin;
}
