/**
 * The host's PostgreSQL data source: @grafana/sql's SqlDatasource, the base Grafana's core PostgreSQL plugin builds
 * on, so Grafana's SQL query editor (code and builder) gets the instance it expects. Its queries go through
 * SqlDatasource's own `query()` to `/api/ds/query`. What the core plugin adds on top (its table and column lookups,
 * the builder's SQL) is written here for the host, from the behaviour the editor needs: tables of every schema
 * but the system ones, a table's columns with their kinds, and the builder's SELECT.
 */
import type { DataSourceInstanceSettings } from '@grafana/data';
import {
  createSelectClause,
  formatSQL,
  haveColumns,
  SqlDatasource,
  type DB,
  type RAQBFieldTypes,
  type SQLOptions,
  type SQLQuery,
  type SQLSelectableValue,
  type SqlQueryModel,
} from '@grafana/sql';

const quoteLiteral = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** Every user table, schema-qualified unless it is in `public`, as the builder's table picker lists them. */
const TABLES_SQL = `SELECT CASE WHEN table_schema = 'public' THEN quote_ident(table_name)
    ELSE quote_ident(table_schema) || '.' || quote_ident(table_name) END AS "table"
  FROM information_schema.tables
  WHERE table_schema NOT IN ('information_schema', 'pg_catalog')
  ORDER BY table_schema <> 'public', 1`;

function columnsSql(table: string): string {
  const [schema, name] = table.includes('.') ? table.split('.', 2) : ['public', table];
  return `SELECT quote_ident(column_name) AS "column", data_type AS "type"
    FROM information_schema.columns
    WHERE quote_ident(table_schema) = ${quoteLiteral(schema)} AND quote_ident(table_name) = ${quoteLiteral(name)}
    ORDER BY ordinal_position`;
}

/** The builder's field kind for a PostgreSQL column type: numbers, booleans, times; everything else is text. */
function fieldKind(type: string): RAQBFieldTypes {
  if (/^(smallint|integer|bigint|numeric|decimal|real|double precision)/.test(type)) {
    return 'number';
  }
  if (type === 'boolean') {
    return 'boolean';
  }
  if (type.startsWith('timestamp')) {
    return 'datetime';
  }
  return type === 'date' ? 'date' : 'text';
}

/** The builder's query as SQL: its columns, table, filter, grouping, order and limit. */
export function builderSql({ sql, table }: SQLQuery): string {
  if (!sql || !haveColumns(sql.columns)) {
    return '';
  }
  const groupBy = (sql.groupBy ?? []).map((group) => group.property.name).filter(Boolean);
  const orderBy = sql.orderBy?.property.name;
  return [
    createSelectClause(sql.columns).trim(),
    table ? `FROM ${table}` : '',
    sql.whereString ? `WHERE ${sql.whereString}` : '',
    groupBy.length > 0 ? `GROUP BY ${groupBy.join(', ')}` : '',
    orderBy ? `ORDER BY ${orderBy}${sql.orderByDirection ? ` ${sql.orderByDirection}` : ''}` : '',
    sql.limit !== undefined && sql.limit >= 0 ? `LIMIT ${sql.limit}` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** HostPostgresDataSource knows how the SQL editor lists the database's tables and columns through /api/ds/query. */
export class HostPostgresDataSource extends SqlDatasource {
  constructor(instanceSettings: DataSourceInstanceSettings<SQLOptions>) {
    super(instanceSettings);
  }

  getQueryModel(): SqlQueryModel {
    return { quoteLiteral };
  }

  private async tables(): Promise<string[]> {
    const frame = await this.runSql<{ table: string }>(TABLES_SQL, { refId: 'tables' });
    return frame.map((row) => row.table);
  }

  private async columns(query: SQLQuery): Promise<SQLSelectableValue[]> {
    if (!query.table) {
      return [];
    }
    const frame = await this.runSql<{ column: string; type: string }>(columnsSql(query.table), { refId: 'columns' });
    return frame.map(({ column, type }) => ({ label: column, value: column, type, raqbFieldType: fieldKind(type) }));
  }

  getDB(): DB {
    if (this.db !== undefined) {
      return this.db;
    }
    return {
      datasets: async () => [],
      tables: () => this.tables(),
      fields: (query) => this.columns(query),
      validateQuery: async (query) => ({ query, isError: false, isValid: true, error: '', rawSql: query.rawSql }),
      getEditorLanguageDefinition: () => ({ id: 'pgsql', formatter: formatSQL }),
      toRawSql: builderSql,
      functions: () => [],
    };
  }
}
