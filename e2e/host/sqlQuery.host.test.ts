/**
 * The plugin host's PostgreSQL data source against a real PostgreSQL: a `shop.orders` table with known orders per
 * hour, queried through `/api/ds/query` with Grafana's macros, must answer frames whose numbers are SQL's own
 * counts; bad queries and a stopped PostgreSQL are per-refId errors (e2e/contracts/ds-query-sql.md); a service
 * account token signs requests in. The PostgreSQL is stopped by the last test.
 */
import {
  describeWithPostgres,
  queryPostgres,
  startPostgres,
  type RunningPostgres,
} from '../../src/testing/postgresServer';
import { dsQueryWireProblems, responseProblems } from '../contracts/grafanaContracts';
import { ROLE_HEADER } from './hostContract';
import { startApiOnlyHost } from './apiOnlyHost';
import type { RunningHost } from './startHost';

const HOUR_MS = 3_600_000;
const HOURS = 6;
const TOKEN = 'glsa_northstarHostTestToken0123456789_abcdef01';
// Six whole hours ending at the last full hour; $__timeFilter is inclusive, so the range stops a second short.
const FROM_MS = Math.floor(Date.now() / HOUR_MS) * HOUR_MS - HOURS * HOUR_MS;
const TO_MS = FROM_MS + HOURS * HOUR_MS - 1000;

/** Hour i holds i + 3 paid orders and i mod 3 failed ones, at minutes 1, 2, 3, … of the hour. */
const paidIn = (hour: number) => hour + 3;
const failedIn = (hour: number) => hour % 3;

const ORDERS_SQL = `
  CREATE SCHEMA shop;
  CREATE TABLE shop.orders (id serial PRIMARY KEY, created_at timestamptz NOT NULL, status text NOT NULL);
  INSERT INTO shop.orders (created_at, status)
  SELECT to_timestamp($1::bigint / 1000) + make_interval(hours => hour, mins => n), CASE WHEN n <= hour + 3 THEN 'paid' ELSE 'failed' END
  FROM generate_series(0, ${HOURS - 1}) AS hour, generate_series(1, hour + 3 + hour % 3) AS n;`;

let postgres: RunningPostgres;
let host: RunningHost;

function sql<T>(text: string, values: unknown[] = []): Promise<T[]> {
  return queryPostgres<T>(postgres.url, text, values);
}

interface FrameBody {
  schema: { meta: Record<string, unknown>; fields: Array<{ name: string; labels?: Record<string, string> }> };
  data: { values: unknown[][] };
}
interface ResultBody {
  status: number;
  frames: FrameBody[];
  error?: string;
  errorSource?: string;
}

async function dsQuery(queries: object[], headers: Record<string, string> = { [ROLE_HEADER]: 'Viewer' }) {
  const response = await fetch(`${host.url}/api/ds/query`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ from: String(FROM_MS), to: String(TO_MS), queries }),
  });
  const body = (await response.json()) as { results: Record<string, ResultBody>; message?: string };
  if (response.status === 200 || response.status === 207) {
    // Every answer, errors included, in the wire format Grafana's SDK writes.
    expect(dsQueryWireProblems(body)).toEqual([]);
  }
  return { status: response.status, body };
}

const sqlQuery = (refId: string, rawSql: string, extra: object = {}) => ({
  refId,
  datasource: { type: 'grafana-postgresql-datasource', uid: 'postgres' },
  rawSql,
  format: 'time_series',
  intervalMs: HOUR_MS,
  maxDataPoints: 100,
  ...extra,
});

const hourStarts = Array.from({ length: HOURS }, (_, hour) => FROM_MS + hour * HOUR_MS);

describeWithPostgres('the plugin host’s PostgreSQL data source', () => {
  beforeAll(async () => {
    postgres = await startPostgres();
    await sql(ORDERS_SQL.replace('$1::bigint', String(FROM_MS)));
    host = await startApiOnlyHost('northstar-sql-host-', {
      postgresUrl: postgres.url,
      serviceAccount: { token: TOKEN, role: 'Viewer' },
    });
  }, 120_000);

  afterAll(async () => {
    await host?.stop();
    await postgres?.stop();
  });

  test('the data source is listed as Grafana lists a PostgreSQL data source', async () => {
    const response = await fetch(`${host.url}/api/datasources`, { headers: { [ROLE_HEADER]: 'Admin' } });
    const body = (await response.json()) as Array<Record<string, unknown>>;
    expect(responseProblems('GET /datasources', 200, body)).toEqual([]);
    const listed = body.find((ds) => ds.uid === 'postgres');
    const port = new URL(postgres.url).port;
    expect(listed).toMatchObject({
      name: 'PostgreSQL',
      type: 'grafana-postgresql-datasource',
      typeName: 'PostgreSQL',
      url: `127.0.0.1:${port}`,
      user: 'postgres',
      jsonData: { database: 'postgres', sslmode: 'disable' },
    });
  });

  test('$__timeGroupAlias with count(*) FILTER answers a wide frame whose numbers are SQL’s own counts', async () => {
    const { status, body } = await dsQuery([
      sqlQuery(
        'A',
        "SELECT $__timeGroupAlias(created_at, $__interval), count(*) FILTER (WHERE status = 'paid') AS good, count(*) AS total\n" +
          'FROM shop.orders WHERE $__timeFilter(created_at) GROUP BY 1 ORDER BY 1'
      ),
    ]);
    const sqlCounts = await sql<{ good: string; total: string }>(
      "SELECT count(*) FILTER (WHERE status = 'paid') AS good, count(*) AS total FROM shop.orders GROUP BY date_trunc('hour', created_at) ORDER BY date_trunc('hour', created_at)"
    );

    expect(status).toBe(200);
    const [frame] = body.results.A.frames;
    expect(frame.schema.fields.map((field) => field.name)).toEqual(['Time', 'good', 'total']);
    expect(frame.data.values).toEqual([
      hourStarts,
      sqlCounts.map((row) => Number(row.good)),
      sqlCounts.map((row) => Number(row.total)),
    ]);
    // The same by hand: 3..8 paid, and 0, 1, 2, 0, 1, 2 failed on top.
    expect(frame.data.values[1]).toEqual([3, 4, 5, 6, 7, 8]);
    expect(frame.data.values[2]).toEqual([3, 5, 7, 6, 8, 10]);
    expect(frame.schema.meta.executedQueryString).toContain(
      'floor(extract(epoch from created_at)/3600)*3600 AS "time"'
    );
  });

  test('a text column makes long rows wide: one field per status, null in hours without that status', async () => {
    const { body } = await dsQuery([
      sqlQuery(
        'B',
        'SELECT $__timeGroupAlias(created_at, 1h), status, count(*) AS orders FROM shop.orders\n' +
          'WHERE $__timeFilter(created_at) GROUP BY 1, 2 ORDER BY 1, 2 DESC'
      ),
    ]);

    const [frame] = body.results.B.frames;
    expect(frame.schema.meta).toMatchObject({ type: 'timeseries-wide', typeVersion: [0, 1] });
    expect(frame.schema.fields.map((field) => [field.name, field.labels])).toEqual([
      ['Time', undefined],
      ['orders', { status: 'paid' }],
      ['orders', { status: 'failed' }],
    ]);
    expect(frame.data.values).toEqual([
      hourStarts,
      hourStarts.map((_, hour) => paidIn(hour)),
      hourStarts.map((_, hour) => failedIn(hour) || null),
    ]);
  });

  test.each([
    ['0', [0, 1, 2, 0, 1, 2]],
    ['NULL', [null, 1, 2, null, 1, 2]],
    ['previous', [null, 1, 2, 2, 1, 2]],
  ])('a fill argument of %s fills the hours without failed orders', async (fill, failed) => {
    const { body } = await dsQuery([
      sqlQuery(
        'F',
        `SELECT $__timeGroupAlias(created_at, 1h, ${fill}), count(*) AS failed FROM shop.orders WHERE $__timeFilter(created_at) AND status = 'failed' GROUP BY 1 ORDER BY 1`
      ),
    ]);
    expect(body.results.F.status).toBe(200);
    // Hours 0 and 3 hold no failed order (i mod 3 = 0): no row, so a filled bucket.
    expect(body.results.F.frames[0].data.values).toEqual([hourStarts, failed]);
  });

  test('a bad query, a bad macro and a missing time column are per-refId errors beside a good query (207)', async () => {
    const { status, body } = await dsQuery([
      sqlQuery('A', 'SELECT $__time(created_at), 1 AS n FROM shop.nope'),
      sqlQuery('B', 'SELECT $__timeGroupAlias(created_at) FROM shop.orders'),
      sqlQuery('C', 'SELECT count(*) AS n FROM shop.orders'),
      // A table needs no time column: all orders, 3 + 5 + 7 + 6 + 8 + 10.
      sqlQuery('D', 'SELECT count(*) AS n FROM shop.orders', { format: 'table' }),
    ]);

    expect(status).toBe(207);
    expect(body.results.A).toMatchObject({
      status: 500,
      errorSource: 'downstream',
      error: 'db query error: ERROR: relation "shop.nope" does not exist (SQLSTATE 42P01)',
    });
    expect(body.results.A.frames[0].schema.meta.executedQueryString).toBe(
      'SELECT created_at AS "time", 1 AS n FROM shop.nope'
    );
    expect(body.results.B.error).toBe(
      'interpolation failed: macro __timeGroup needs time column and interval and optional fill value'
    );
    expect(body.results.C.error).toMatch(/^db has no time column: time column is missing/);
    expect(body.results.D).toMatchObject({ status: 200, frames: [{ data: { values: [[39]] } }] });
  });

  test('a request mixing Prometheus and SQL answers both (Prometheus is down here, SQL is not)', async () => {
    const { status, body } = await dsQuery([
      { refId: 'P', datasource: { type: 'prometheus', uid: 'prometheus' }, expr: 'up', intervalMs: HOUR_MS },
      sqlQuery(
        'S',
        'SELECT $__timeGroupAlias(created_at, $__interval), count(*) AS n FROM shop.orders WHERE $__timeFilter(created_at) GROUP BY 1 ORDER BY 1'
      ),
    ]);

    expect(status).toBe(207);
    expect(Object.keys(body.results)).toEqual(['P', 'S']);
    expect(body.results.P).toMatchObject({ status: 502, errorSource: 'downstream' });
    expect(body.results.S.frames[0].data.values[1]).toEqual([3, 5, 7, 6, 8, 10]);
  });

  test('a service account token signs the request in; a wrong one is 401 Invalid API key', async () => {
    const query = sqlQuery('A', 'SELECT count(*) AS n FROM shop.orders', { format: 'table' });

    const accepted = await dsQuery([query], { Authorization: `Bearer ${TOKEN}` });
    const refused = await dsQuery([query], { Authorization: 'Bearer glsa_wrong' });
    const anonymous = await dsQuery([query], {});

    expect(accepted.status).toBe(200);
    expect(accepted.body.results.A.frames[0].data.values).toEqual([[39]]);
    expect({ status: refused.status, message: refused.body.message }).toEqual({
      status: 401,
      message: 'Invalid API key',
    });
    expect(anonymous.status).toBe(401);
  });

  test('with PostgreSQL stopped, a SQL query is a per-refId error that hides the connection details', async () => {
    await postgres.stop();

    const { status, body } = await dsQuery([sqlQuery('A', 'SELECT now() AS "time", 1 AS n')]);

    expect(status).toBe(207);
    expect(body.results.A).toMatchObject({
      status: 500,
      errorSource: 'downstream',
      error: 'db query error: failed to connect to server - Please inspect the Grafana server log for details',
    });
  });
});
