/**
 * The shop's tables in PostgreSQL: the schema (demo/shop/schema.sql), and rows written from the shop's activity.
 * A stretch of activity travels as one row of counts and is expanded into orders and payments by the database
 * (generate_series), so a day of history is one statement rather than tens of thousands.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { QueryResult, QueryResultRow } from 'pg';
import type { ShopIncident, ShopInterval } from './shopActivity';

/** A pg Client or Pool. */
export interface Database {
  query<R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
}

export const SCHEMA_FILE = join(__dirname, 'schema.sql');

export async function applyShopSchema(db: Database): Promise<void> {
  await db.query(readFileSync(SCHEMA_FILE, 'utf8'));
}

/**
 * Orders spread evenly over their stretch, each worth 80 to 120 % of the stretch's mean value (a golden-ratio
 * sequence, so the mean holds without a random generator); each order's paid payment at the same instant; the
 * failed payments in between.
 */
const EXPAND_INTERVALS = `
  WITH stretch AS (
    SELECT to_timestamp(start_sec) AS start_at, end_sec - start_sec AS seconds, orders, failed, order_value
    FROM unnest($1::float8[], $2::float8[], $3::int[], $4::int[], $5::float8[])
      AS t(start_sec, end_sec, orders, failed, order_value)
  ), placed AS (
    INSERT INTO shop.orders (created_at, total_dollars)
    SELECT start_at + make_interval(secs => seconds * (n - 0.5) / orders),
           round((order_value * (0.8 + 0.4 * (n * 0.6180339887 - floor(n * 0.6180339887))))::numeric, 2)
    FROM stretch, generate_series(1, orders) AS n
    RETURNING id, created_at, total_dollars
  )
  INSERT INTO shop.payments (created_at, status, amount_dollars, order_id)
  SELECT created_at, 'paid', total_dollars, id FROM placed
  UNION ALL
  SELECT start_at + make_interval(secs => seconds * (n - 0.25) / failed), 'failed', round(order_value::numeric, 2), NULL
  FROM stretch, generate_series(1, failed) AS n`;

export async function writeShopIntervals(db: Database, intervals: readonly ShopInterval[]): Promise<void> {
  if (intervals.length === 0) {
    return;
  }
  await db.query(EXPAND_INTERVALS, [
    intervals.map((interval) => interval.startSec),
    intervals.map((interval) => interval.endSec),
    intervals.map((interval) => interval.orders),
    intervals.map((interval) => interval.failedPayments),
    intervals.map((interval) => interval.orderValueDollars),
  ]);
}

/** Adds an incident to the log; its id, to resolve it later. */
export async function openIncident(db: Database, incident: ShopIncident): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO shop.incidents (service, title, started_at, resolved_at)
     VALUES ($1, $2, to_timestamp($3), to_timestamp($4)) RETURNING id`,
    [incident.service, incident.title, incident.startedAtSec, incident.resolvedAtSec ?? null]
  );
  return rows[0].id;
}

export async function resolveIncident(db: Database, id: number, resolvedAtSec: number): Promise<void> {
  await db.query('UPDATE shop.incidents SET resolved_at = to_timestamp($2) WHERE id = $1', [id, resolvedAtSec]);
}

/** The latest payment's time (Unix seconds), where the live writer continues; undefined for an empty shop. */
export async function lastPaymentSec(db: Database): Promise<number | undefined> {
  const { rows } = await db.query<{ last: string | null }>(
    'SELECT extract(epoch FROM max(created_at))::float8 AS last FROM shop.payments'
  );
  return rows[0].last === null ? undefined : Number(rows[0].last);
}
