/**
 * The shop's database tells the Prometheus history's story, read back with SQL from a real PostgreSQL: checkout's
 * slow-burn release is a payment dip at the same hours, the slow search afternoon costs orders, the incident log
 * holds the three incidents with their repair times, and revenue equals what Prometheus counts. The live writer
 * continues the history, and chaos on checkout fails payments and opens an incident.
 */
import { Client } from 'pg';
import { describeWithPostgres, startPostgres, type RunningPostgres } from '../../src/testing/postgresServer';
import { ExpectedCounters, FAMILIES } from '../metrics';
import { TrafficModel } from '../traffic';
import { applyShopSchema, lastPaymentSec } from './shopDatabase';
import { writeShopHistory, type ShopHistorySummary } from './shopHistory';
import { ShopWriter, resumeFromSec } from './shopWriter';

const HOUR = 3600;
const DAY = 86_400;
const HISTORY_END_SEC = Date.UTC(2026, 11, 5, 20, 0) / 1000;
// Two weeks hold every incident (the oldest starts 12 days back) and keep the test quick; the demo writes 90 days.
const DAYS = 14;
const model = new TrafficModel(HISTORY_END_SEC);
const checkoutBurn = model.incidents.find((incident) => incident.service === 'checkout')!;
const searchSlowdown = model.incidents.find((incident) => incident.latencyP95Seconds !== undefined)!;

let postgres: RunningPostgres;
let db: Client;
let summary: ShopHistorySummary;

async function one<T>(text: string, values: unknown[] = []): Promise<T> {
  return (await db.query(text, values)).rows[0] as T;
}

/** SQL's own count of payments and failures over [from, to). */
async function payments(fromSec: number, toSec: number): Promise<{ total: number; failed: number; ratio: number }> {
  const row = await one<{ total: string; failed: string }>(
    `SELECT count(*) AS total, count(*) FILTER (WHERE status = 'failed') AS failed FROM shop.payments
     WHERE created_at >= to_timestamp($1) AND created_at < to_timestamp($2)`,
    [fromSec, toSec]
  );
  const total = Number(row.total);
  return { total, failed: Number(row.failed), ratio: 1 - Number(row.failed) / total };
}

async function orders(fromSec: number, toSec: number): Promise<{ count: number; revenue: number }> {
  const row = await one<{ count: string; revenue: string | null }>(
    `SELECT count(*) AS count, sum(total_dollars) AS revenue FROM shop.orders
     WHERE created_at >= to_timestamp($1) AND created_at < to_timestamp($2)`,
    [fromSec, toSec]
  );
  return { count: Number(row.count), revenue: Number(row.revenue ?? 0) };
}

describeWithPostgres('the shop database', () => {
  beforeAll(async () => {
    postgres = await startPostgres();
    db = new Client({ connectionString: postgres.url });
    await db.connect();
    await applyShopSchema(db);
    // Applying the schema again is how every start of the demo begins: it must keep what is there.
    await applyShopSchema(db);
    summary = await writeShopHistory(db, model, DAYS);
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await postgres?.stop();
  });

  test('holds two weeks of orders with their paid payments, and failed payments beside them', async () => {
    const all = await payments(summary.startSec, HISTORY_END_SEC);
    const placed = await orders(summary.startSec, HISTORY_END_SEC);
    expect(summary.startSec).toBe(HISTORY_END_SEC - DAYS * DAY);
    // About 16,000 orders a day at 40 checkout requests a second at the peak.
    expect(placed.count).toBe(summary.orders);
    expect(placed.count / DAYS).toBeGreaterThan(14_000);
    expect(placed.count / DAYS).toBeLessThan(19_000);
    expect(all).toEqual({
      total: summary.orders + summary.failedPayments,
      failed: summary.failedPayments,
      ratio: expect.any(Number),
    });
    const unpaid = await one<{ n: string }>(
      "SELECT count(*) AS n FROM shop.orders o LEFT JOIN shop.payments p ON p.order_id = o.id AND p.status = 'paid' WHERE p.id IS NULL"
    );
    expect(Number(unpaid.n)).toBe(0);
  });

  test('payments succeed 99.6 to 99.85 % of the time in a normal day, inside the 99.5 % objective', async () => {
    const normalDay = Date.UTC(2026, 10, 25) / 1000;
    const day = await payments(normalDay, normalDay + DAY);
    expect(day.ratio).toBeGreaterThan(0.996);
    expect(day.ratio).toBeLessThan(0.9985);
  });

  test('dip to about 98.6 % while checkout’s release fails 0.4 % of requests, and recover at the rollback', async () => {
    const during = await payments(checkoutBurn.startSec, checkoutBurn.endSec);
    const hourBefore = await payments(checkoutBurn.startSec - HOUR, checkoutBurn.startSec);
    const hourAfter = await payments(checkoutBurn.endSec, checkoutBurn.endSec + HOUR);
    // 0.1 to 0.2 % declined plus three checkout calls at 0.4 %: 1.3 to 1.4 % fail.
    expect(during.ratio).toBeGreaterThan(0.985);
    expect(during.ratio).toBeLessThan(0.988);
    expect(hourBefore.ratio).toBeGreaterThan(0.996);
    expect(hourAfter.ratio).toBeGreaterThan(0.996);
  });

  test('per 5-minute bucket, aggregated in the database, the dip starts in the release’s bucket', async () => {
    // The payment-success SLO's own query shape: one row per bucket.
    const { rows } = await db.query<{ bucket: string; good: string; total: string }>(
      `SELECT extract(epoch FROM date_bin('5 minutes', created_at, 'epoch'))::bigint AS bucket,
              count(*) FILTER (WHERE status = 'paid') AS good, count(*) AS total
       FROM shop.payments WHERE created_at >= to_timestamp($1) AND created_at < to_timestamp($2)
       GROUP BY 1 ORDER BY 1`,
      [checkoutBurn.startSec - 2 * HOUR, checkoutBurn.startSec + 2 * HOUR]
    );
    expect(rows).toHaveLength(48);
    const failedShare = (from: number, to: number) => {
      const inRange = rows.filter((row) => Number(row.bucket) >= from && Number(row.bucket) < to);
      const good = inRange.reduce((sum, row) => sum + Number(row.good), 0);
      const total = inRange.reduce((sum, row) => sum + Number(row.total), 0);
      return 1 - good / total;
    };
    expect(failedShare(checkoutBurn.startSec - 2 * HOUR, checkoutBurn.startSec)).toBeLessThan(0.004);
    expect(failedShare(checkoutBurn.startSec, checkoutBurn.startSec + 2 * HOUR)).toBeGreaterThan(0.012);
  });

  test('the slow search afternoon costs about a third of checkout’s orders, as the conversion story says', async () => {
    const during = await orders(searchSlowdown.startSec, searchSlowdown.endSec);
    const weekBefore = await orders(searchSlowdown.startSec - 7 * DAY, searchSlowdown.endSec - 7 * DAY);
    expect(during.count / weekBefore.count).toBeGreaterThan(0.6);
    expect(during.count / weekBefore.count).toBeLessThan(0.8);
  });

  test('revenue equals what Prometheus counts as revenue_dollars_total, within 1 %', async () => {
    const from = Date.UTC(2026, 10, 25) / 1000;
    const expected = new ExpectedCounters('checkout');
    expected.addInterval(model, from, from + 3 * DAY);
    const prometheusRevenue = expected.samples().find((sample) => sample.name === FAMILIES.revenue.name)!.value;
    const { revenue } = await orders(from, from + 3 * DAY);
    expect(revenue / prometheusRevenue).toBeGreaterThan(0.99);
    expect(revenue / prometheusRevenue).toBeLessThan(1.01);
  });

  test('the incident log holds the three incidents at the Prometheus history’s times; MTTR is 13.8 hours', async () => {
    const { rows } = await db.query<{ service: string; started: string; repair_seconds: string }>(
      `SELECT service, extract(epoch FROM started_at)::bigint AS started,
              extract(epoch FROM resolved_at - started_at)::bigint AS repair_seconds
       FROM shop.incidents ORDER BY started_at`
    );
    expect(rows.map((row) => [row.service, Number(row.started), Number(row.repair_seconds)])).toEqual([
      ['checkout', checkoutBurn.startSec, 36 * HOUR],
      ['search', model.incidents[2].startSec, 3 * HOUR],
      ['search', searchSlowdown.startSec, 2.5 * HOUR],
    ]);
    // The MTTR KPI's numerator over its denominator: repair seconds over incidents resolved in the window.
    const mttr = await one<{ seconds: string }>(
      `SELECT sum(extract(epoch FROM resolved_at - started_at)) / count(*) AS seconds FROM shop.incidents
       WHERE resolved_at >= to_timestamp($1) AND resolved_at < to_timestamp($2)`,
      [HISTORY_END_SEC - 28 * DAY, HISTORY_END_SEC]
    );
    expect(Number(mttr.seconds)).toBeCloseTo(((36 + 3 + 2.5) * HOUR) / 3, 6);
  });

  test('the live writer continues after the history; chaos on checkout fails payments and opens an incident', async () => {
    const resumeSec = await resumeFromSec(db, model);
    expect(resumeSec).toBeGreaterThan(HISTORY_END_SEC - 60);
    expect(resumeSec).toBeLessThanOrEqual(HISTORY_END_SEC);
    const writer = new ShopWriter(db, model, HISTORY_END_SEC);
    const chaos = { service: 'checkout' as const, errorRate: 0.05, untilSec: HISTORY_END_SEC + 3 * HOUR };
    const calmEnd = HISTORY_END_SEC + HOUR;
    for (let t = HISTORY_END_SEC + 30; t <= calmEnd; t += 30) {
      await writer.advance(t, 0, []);
    }
    for (let t = calmEnd + 30; t <= calmEnd + HOUR; t += 30) {
      await writer.advance(t, chaos.errorRate, [chaos]);
    }
    // The chaos is stopped an hour early; its incident is resolved then.
    await writer.advance(calmEnd + HOUR + 5, 0, []);
    const calm = await payments(HISTORY_END_SEC, calmEnd);
    const chaotic = await payments(calmEnd, calmEnd + HOUR);
    expect(calm.ratio).toBeGreaterThan(0.996);
    // Three checkout calls at 5 %: about 14.4 % of payments fail.
    expect(chaotic.ratio).toBeGreaterThan(0.84);
    expect(chaotic.ratio).toBeLessThan(0.87);
    expect(await lastPaymentSec(db)).toBeGreaterThan(calmEnd + HOUR - 60);
    const incident = await one<{ title: string; started: string; resolved: string }>(
      `SELECT title, extract(epoch FROM started_at)::bigint AS started, extract(epoch FROM resolved_at)::bigint AS resolved
       FROM shop.incidents WHERE started_at > to_timestamp($1)`,
      [HISTORY_END_SEC]
    );
    expect(incident).toEqual({
      title: 'chaos: 5 % of checkout requests fail',
      started: String(calmEnd + 30),
      resolved: String(calmEnd + HOUR + 5),
    });
  });
});
