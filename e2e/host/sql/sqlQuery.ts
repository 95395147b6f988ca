/**
 * One SQL query of `/api/ds/query` as Grafana's SQL backend answers it (sqleng `executeQuery`): macros expanded,
 * the statement run, the rows framed, and every failure a per-refId error with Grafana's stage prefix, errorSource
 * `downstream` and status 500 (the SDK's status for an error without one). See e2e/contracts/ds-query-sql.md.
 */
import type { FrameJson } from '../prometheus/frames';
import { PostgresPools, PostgresQueryError, PostgresUnreachableError } from './postgresClient';
import type { FillRequest } from './sqlFill';
import { emptySqlFrame, sqlResultFrame, SqlFrameError, type SqlFormat, type SqlResult } from './sqlFrames';
import { expandSqlMacros, SqlMacroError } from './sqlMacros';

/** What Grafana's `[server] user_facing_default_error` says in place of a connection error. */
export const USER_FACING_DEFAULT_ERROR = 'Please inspect the Grafana server log for details';

/** The SQL fields of a query as sqleng's `QueryJson` reads them. */
export interface SqlQueryModel {
  refId: string;
  rawSql: string;
  format: SqlFormat;
  /** The query's interval: `$__interval`. */
  intervalMs: number;
}

export interface SqlQueryResult {
  status: number;
  frames: FrameJson[];
  error?: string;
  errorSource?: 'downstream' | 'plugin';
}

export function parseSqlQuery(query: Record<string, unknown>): SqlQueryModel {
  const intervalMs = query.intervalMs;
  return {
    refId: typeof query.refId === 'string' && query.refId !== '' ? query.refId : 'A',
    rawSql: typeof query.rawSql === 'string' ? query.rawSql : '',
    // Grafana treats anything but "table" as a time series.
    format: query.format === 'table' ? 'table' : 'time_series',
    intervalMs: typeof intervalMs === 'number' && Number.isFinite(intervalMs) ? intervalMs : 1000,
  };
}

/** sqleng refuses fill settings sent from outside: they are only set by a macro's fill argument. */
export function hasFillParameters(query: Record<string, unknown>): boolean {
  return Boolean(query.fill) || Boolean(query.fillInterval) || Boolean(query.fillMode) || Boolean(query.fillValue);
}

const failure = (
  error: string,
  executed: string,
  errorSource: 'downstream' | 'plugin' = 'downstream',
  status = 500
) => ({
  status,
  frames: [emptySqlFrame(executed)],
  error,
  errorSource,
});

function frameOf(results: SqlResult[], model: SqlQueryModel, sql: string, fill?: FillRequest): FrameJson {
  const [first, ...others] = results;
  if (!first) {
    return emptySqlFrame(sql);
  }
  for (const other of others) {
    if (other.columns.length !== first.columns.length) {
      throw new SqlFrameError(
        `convert frame from rows error: incompatible result structure: expected ${first.columns.length} columns, got ${other.columns.length} columns`
      );
    }
  }
  const rows = results.flatMap((result) => result.rows);
  return sqlResultFrame({ columns: first.columns, rows }, model.format, sql, fill);
}

export async function runSqlQuery(
  pools: PostgresPools,
  connectionUrl: string,
  model: SqlQueryModel,
  range: { fromMs: number; toMs: number }
): Promise<SqlQueryResult> {
  let sql: string;
  let fill: FillRequest | undefined;
  try {
    const expanded = expandSqlMacros(model.rawSql, { ...range, intervalMs: model.intervalMs });
    sql = expanded.sql;
    fill = expanded.fill && { fill: expanded.fill, ...range };
  } catch (error) {
    if (error instanceof SqlMacroError) {
      return failure(`interpolation failed: ${error.message}`, '');
    }
    throw error;
  }
  let results: SqlResult[];
  try {
    results = await pools.run(connectionUrl, sql);
  } catch (error) {
    if (error instanceof PostgresQueryError) {
      return failure(`db query error: ${error.message}`, sql);
    }
    if (error instanceof PostgresUnreachableError) {
      return failure(`db query error: failed to connect to server - ${USER_FACING_DEFAULT_ERROR}`, sql);
    }
    throw error;
  }
  try {
    return { status: 200, frames: [frameOf(results, model, sql, fill)] };
  } catch (error) {
    if (error instanceof SqlFrameError) {
      return failure(error.message, sql);
    }
    throw error;
  }
}
