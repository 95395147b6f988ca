/**
 * The host's PostgreSQL data source on the page, as @grafana/sql's SqlDatasource prepares a target for the backend
 * (packages/grafana-sql/src/datasource/SqlDatasource.ts, `applyTemplateVariables`): the target's `rawSql` with the
 * variables the host's template service replaces, its `format`, and the data source's own reference; Grafana's
 * macros stay for the backend (e2e/host/sql/sqlMacros.ts). The host's template service leaves `$__interval` to the
 * backend, which expands it from the query's `intervalMs`.
 */
import type { DataSourceInstanceSettings, DataSourceJsonData, ScopedVars } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';
import { DataSourceWithBackend, getTemplateSrv } from '@grafana/runtime';

/** A SQL target as Grafana's SQL query editor stores it. */
export interface SqlQuery extends DataQuery {
  rawSql?: string;
  format?: 'time_series' | 'table';
}

interface SqlJsonData extends DataSourceJsonData {
  timeInterval?: string;
}

/** HostSqlDataSource knows how Grafana's SQL data sources send a target: variables replaced, macros left. */
export class HostSqlDataSource extends DataSourceWithBackend<SqlQuery> {
  constructor(instanceSettings: DataSourceInstanceSettings<SqlJsonData>) {
    super(instanceSettings);
    // SqlDatasource's min interval: the data source's "Min time interval", else Grafana's default of 1m.
    this.interval = instanceSettings.jsonData.timeInterval || '1m';
  }

  applyTemplateVariables(query: SqlQuery, scopedVars: ScopedVars): SqlQuery {
    return {
      refId: query.refId,
      datasource: this.getRef(),
      rawSql: getTemplateSrv().replace(query.rawSql, scopedVars),
      format: query.format,
    };
  }
}
