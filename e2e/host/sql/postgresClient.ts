/**
 * Statements against a PostgreSQL data source through one connection pool per connection URL, with results as
 * PostgreSQL's text (so framing decides the types, as Grafana's pgx code does) and failures told apart the way
 * Grafana tells them apart: the database's own error (pgx's `ERROR: … (SQLSTATE …)`) or no server to talk to.
 */
import { DatabaseError, Pool, type QueryArrayResult } from 'pg';
import type { SqlResult } from './sqlFrames';

/** PostgreSQL refused the statement; the message is pgx's `<severity>: <message> (SQLSTATE <code>)`. */
export class PostgresQueryError extends Error {}

/** No PostgreSQL answered (refused, reset, timed out); the cause stays in the host's log, as in Grafana. */
export class PostgresUnreachableError extends Error {}

const CONNECT_TIMEOUT_MS = 10_000;
/** Every value as text: framing parses it by the column's type OID. */
const TEXT_VALUES = { getTypeParser: () => (value: string) => value };

export class PostgresPools {
  private readonly pools = new Map<string, Pool>();

  private pool(connectionUrl: string): Pool {
    let pool = this.pools.get(connectionUrl);
    if (!pool) {
      pool = new Pool({ connectionString: connectionUrl, max: 4, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
      // An idle connection whose server goes away emits 'error'; unhandled, it would end the host.
      pool.on('error', (error) => console.warn(`plugin host: idle PostgreSQL connection lost: ${error.message}`));
      this.pools.set(connectionUrl, pool);
    }
    return pool;
  }

  /** The results of every row-returning statement in `sql`, in order. */
  async run(connectionUrl: string, sql: string): Promise<SqlResult[]> {
    let answer;
    try {
      answer = await this.pool(connectionUrl).query({ text: sql, rowMode: 'array', types: TEXT_VALUES });
    } catch (error) {
      if (error instanceof DatabaseError) {
        throw new PostgresQueryError(`${error.severity ?? 'ERROR'}: ${error.message} (SQLSTATE ${error.code})`);
      }
      console.warn(
        `plugin host: PostgreSQL at ${new URL(connectionUrl).host} unreachable: ${(error as Error).message}`
      );
      throw new PostgresUnreachableError((error as Error).message);
    }
    // A statement list answers one result per statement.
    const results: QueryArrayResult[] = Array.isArray(answer) ? answer : [answer];
    return results
      .filter((result) => result.fields.length > 0)
      .map((result) => ({
        columns: result.fields.map((field) => ({ name: field.name, typeOid: field.dataTypeID })),
        rows: result.rows as Array<Array<string | null>>,
      }));
  }

  async closeAll(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.end().catch(() => undefined)));
  }
}
