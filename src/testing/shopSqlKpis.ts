/**
 * Test-only: the shop's SQL KPIs over a real PostgreSQL (the plugin host's data source uid `postgres`), for the tests
 * that read them through `/api/ds/query`, `northstar eval --grafana` and Grafana-managed rules: "payment-success", the
 * share of `shop.payments` rows with status `paid`, and "weekly-orders", the `shop.orders` rows of a week; with the
 * SQL that seeds their tables.
 */
import { catalogToYaml } from '../data/catalogYaml';
import {
  CATALOG_API_VERSION,
  CATALOG_KIND,
  type CatalogKpi,
  type DatasourceRef,
  type KpiDefinition,
  type Objective,
  type ValueKpiDefinition,
} from '../kpi/model';
import { valueKpi } from './valueKpis';

export const POSTGRES_DATASOURCE: DatasourceRef = { type: 'grafana-postgresql-datasource', uid: 'postgres' };

/** `select` per `$__interval` bucket of `shop.<table>`'s rows by `created_at`, in the dashboard's time range. */
export const shopBucketSql = (select: string, table: string) =>
  `SELECT $__timeGroupAlias(created_at, $__interval), ${select} FROM shop.${table} ` +
  'WHERE $__timeFilter(created_at) GROUP BY 1 ORDER BY 1';

export const PAID_PAYMENTS_SQL = shopBucketSql("count(*) FILTER (WHERE status = 'paid') AS good", 'payments');
export const ALL_PAYMENTS_SQL = shopBucketSql('count(*) AS total', 'payments');
export const WEEKLY_ORDERS_SQL = shopBucketSql('count(*) AS orders', 'orders');

/**
 * "payment-success", version 1, published, owned by team-payments: paid payments per payment, 99 % over 28d unless
 * `objective` says otherwise; other fields as `overrides` say.
 */
export function paymentSuccessSqlKpi(
  objective: Partial<Objective> = {},
  overrides: Partial<Omit<KpiDefinition, 'objective'>> = {}
): KpiDefinition {
  return {
    id: 'payment-success',
    version: 1,
    status: 'published',
    name: 'Payment success',
    owner: 'team-payments',
    datasource: POSTGRES_DATASOURCE,
    indicator: {
      type: 'ratio',
      good: { rawSql: PAID_PAYMENTS_SQL, format: 'time_series' },
      total: { rawSql: ALL_PAYMENTS_SQL, format: 'time_series' },
    },
    objective: { target: 0.99, window: '28d', ...objective },
    ...overrides,
  };
}

/** "weekly-orders", owned by team-growth: the orders of the last 7 days, 1,000 or more. */
export function weeklyOrdersSqlKpi(): ValueKpiDefinition {
  return valueKpi(
    'weekly-orders',
    {
      query: { rawSql: WEEKLY_ORDERS_SQL, format: 'time_series' },
      aggregation: 'sum',
      unit: 'short',
    },
    { direction: 'higher', target: 1000, window: '7d' },
    { version: 1, name: 'Weekly orders', datasource: POSTGRES_DATASOURCE }
  );
}

/** A catalog file holding `kpis`, as `northstar convert` writes one. */
export const catalogYamlOf = (...kpis: CatalogKpi[]) =>
  catalogToYaml({ apiVersion: CATALOG_API_VERSION, kind: CATALOG_KIND, kpis });

/** The `shop` schema with an empty `shop.payments` (id, created_at, status) and `shop.orders` (id, created_at). */
export const SHOP_TABLES_SQL = `
  CREATE SCHEMA shop;
  CREATE TABLE shop.payments (id serial PRIMARY KEY, created_at timestamptz NOT NULL, status text NOT NULL);
  CREATE TABLE shop.orders (id serial PRIMARY KEY, created_at timestamptz NOT NULL);`;

/**
 * Payments with an incident, for a clock stopped at `atMs`: one every 3 minutes over the 30 days before it, at 13 s
 * past a minute (so no row sits on the edge of a window ending on a whole minute); one in 150 fails, and in the last
 * two hours one in four. Then `failedAfter` failed payments at `atMs` and each minute after, which no window ending
 * at `atMs` may count.
 */
export function paymentIncidentSql(atMs: number, failedAfter = 0): string {
  const at = `to_timestamp(${Math.trunc(atMs)} / 1000.0)`;
  const late =
    failedAfter > 0
      ? `  UNION ALL\n  SELECT ${at} + make_interval(mins => n), 'failed' FROM generate_series(0, ${failedAfter - 1}) AS n`
      : '';
  return `
  INSERT INTO shop.payments (created_at, status)
  SELECT ${at} - make_interval(mins => 3 * n) + interval '13 seconds',
         CASE WHEN n % 150 = 0 OR (n <= 40 AND n % 4 = 0) THEN 'failed' ELSE 'paid' END
  FROM generate_series(1, 30 * 24 * 60 / 3) AS n
${late};`;
}
