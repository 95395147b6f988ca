/**
 * Value KPIs over SQL through `northstar eval --grafana`, against the plugin host and a real PostgreSQL: orders per
 * day (a sum of bucket counts) and the share paid (Σ paid / Σ orders) must equal SQL's own count(*) over the day
 * [at − 1d, at) and the day before.
 */
import { stringify } from 'yaml';
import {
  describeWithPostgres,
  queryPostgres,
  startPostgres,
  type RunningPostgres,
} from '../../src/testing/postgresServer';
import { run, tempFile } from '../../src/cli/cliTestSupport';
import type { ValueEvalRow } from '../../src/cli/evaluateValueKpi';
import { startApiOnlyHost } from './apiOnlyHost';
import type { RunningHost } from './startHost';

const HALF_HOUR_MS = 1_800_000;
const DAY_MS = 86_400_000;
const TOKEN = 'glsa_northstarValueEvalToken0123456789_abcdef01';
/** On the 30m step a day's value KPI is read at, an hour back: every bucket before it is complete. */
const AT_MS = Math.floor(Date.now() / HALF_HOUR_MS) * HALF_HOUR_MS - 2 * HALF_HOUR_MS;
const POSTGRES = { type: 'grafana-postgresql-datasource', uid: 'postgres' };

/**
 * An order every 7 minutes over the 3 days before AT, at 13 s past a minute; every fifth unpaid, and on the last
 * day every third (more orders fail to pay); five orders after AT that must not count.
 */
const ORDERS_SQL = `
  CREATE SCHEMA shop;
  CREATE TABLE shop.orders (id serial PRIMARY KEY, created_at timestamptz NOT NULL, paid boolean NOT NULL);
  INSERT INTO shop.orders (created_at, paid)
  SELECT to_timestamp($1::bigint / 1000.0) - make_interval(mins => 7 * n) + interval '13 seconds',
         NOT (n % 5 = 0 OR (n * 7 < 24 * 60 AND n % 3 = 0))
  FROM generate_series(1, 3 * 24 * 60 / 7) AS n
  UNION ALL
  SELECT to_timestamp($1::bigint / 1000.0) + make_interval(mins => n), true FROM generate_series(0, 4) AS n;`;

const bucketSql = (filter: string) =>
  `SELECT $__timeGroupAlias(created_at, $__interval), count(*) AS orders FROM shop.orders ` +
  `WHERE $__timeFilter(created_at)${filter} GROUP BY 1 ORDER BY 1`;

const valueKpi = (id: string, indicator: object) => ({
  id,
  version: 1,
  status: 'published',
  name: id,
  owner: 'team-shop',
  datasource: POSTGRES,
  indicator: { type: 'value', ...indicator },
  objective: { direction: 'higher', target: 150, window: '1d' },
});

const CATALOG = stringify({
  apiVersion: 'northstar.dev/v1',
  kind: 'KpiCatalog',
  kpis: [
    valueKpi('orders-per-day', {
      query: { rawSql: bucketSql(''), format: 'time_series' },
      aggregation: 'sum',
      unit: 'short',
    }),
    valueKpi('paid-share', {
      numerator: { rawSql: bucketSql(' AND paid'), format: 'time_series' },
      denominator: { rawSql: bucketSql(''), format: 'time_series' },
      unit: 'percentunit',
    }),
  ],
});

let postgres: RunningPostgres;
let host: RunningHost;

function sql<T>(text: string, values: unknown[] = []): Promise<T[]> {
  return queryPostgres<T>(postgres.url, text, values);
}

/** SQL's own orders and paid orders over [end − 1d, end). */
async function dayCounts(endMs: number): Promise<{ orders: number; paid: number }> {
  const [row] = await sql<{ orders: string; paid: string }>(
    `SELECT count(*) AS orders, count(*) FILTER (WHERE paid) AS paid FROM shop.orders
     WHERE created_at >= to_timestamp($1::bigint / 1000.0) AND created_at < to_timestamp($2::bigint / 1000.0)`,
    [endMs - DAY_MS, endMs]
  );
  return { orders: Number(row.orders), paid: Number(row.paid) };
}

describeWithPostgres('northstar eval --grafana of value KPIs over PostgreSQL', () => {
  let rows: Map<string, ValueEvalRow>;

  beforeAll(async () => {
    postgres = await startPostgres();
    const [create, insert] = ORDERS_SQL.split('INSERT');
    await sql(create);
    await sql(`INSERT${insert}`, [AT_MS]);
    host = await startApiOnlyHost('northstar-eval-grafana-value-', {
      postgresUrl: postgres.url,
      serviceAccount: { token: TOKEN, role: 'Viewer' },
    });
    process.env.GRAFANA_TOKEN = TOKEN;
    const file = tempFile('orders.yaml', CATALOG);
    const { stdout, stderr } = await run('eval', file, '--grafana', host.url, '--at', String(AT_MS / 1000), '--json');
    expect(stderr).toBe('');
    rows = new Map((JSON.parse(stdout) as ValueEvalRow[]).map((row) => [row.id, row]));
  }, 120_000);

  afterAll(async () => {
    delete process.env.GRAFANA_TOKEN;
    await host?.stop();
    await postgres?.stop();
  });

  test('orders per day: this day’s and the day before’s count(*), and the change between them', async () => {
    const today = await dayCounts(AT_MS);
    const yesterday = await dayCounts(AT_MS - DAY_MS);
    const row = rows.get('orders-per-day')!;
    expect(row.error).toBeUndefined();
    expect(today.orders).toBeGreaterThan(200);
    expect(row.value).toBeCloseTo(today.orders, 9);
    expect(row.previousValue).toBeCloseTo(yesterday.orders, 9);
    expect(row.change?.absolute).toBeCloseTo(today.orders - yesterday.orders, 9);
    expect([row.periodEnd, row.evaluatedAt]).toEqual([new Date(AT_MS).toISOString(), new Date(AT_MS).toISOString()]);
  });

  test('the share paid: Σ paid / Σ orders over each day, lower on the last day', async () => {
    const today = await dayCounts(AT_MS);
    const yesterday = await dayCounts(AT_MS - DAY_MS);
    const row = rows.get('paid-share')!;
    expect(row.value).toBeCloseTo(today.paid / today.orders, 12);
    expect(row.previousValue).toBeCloseTo(yesterday.paid / yesterday.orders, 12);
    expect(row.value!).toBeLessThan(row.previousValue!);
  });
});
