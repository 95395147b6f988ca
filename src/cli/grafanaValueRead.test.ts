import type { KpiDefinition, ValueKpiDefinition } from '../kpi/model';
import type { ValueEvalRow } from './evaluateValueKpi';
import { evaluateWithGrafana } from './evaluateWithGrafana';
import type { FrameJson } from '../reading';
import { GrafanaClient } from './grafana';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** 25 Nov 2026, 12:07 UTC: off the step, as a run's instant is; the value is read up to 12:00. */
const AT = Date.UTC(2026, 10, 25, 12, 7);
const READ_UNTIL = Date.UTC(2026, 10, 25, 12, 0);
const POSTGRES = { type: 'grafana-postgresql-datasource', uid: 'postgres' };

const ordersSql = (filter: string) => ({
  rawSql:
    `SELECT $__timeGroupAlias(created_at, $__interval), count(*) AS orders FROM shop.orders ` +
    `WHERE $__timeFilter(created_at)${filter} GROUP BY 1 ORDER BY 1`,
  format: 'time_series',
});

const ordersPerDay: ValueKpiDefinition = {
  id: 'orders-per-day',
  version: 3,
  status: 'published',
  name: 'Orders per day',
  owner: 'team-shop',
  datasource: POSTGRES,
  indicator: { type: 'value', query: ordersSql(''), aggregation: 'sum', unit: 'short' },
  objective: { direction: 'higher', target: 450, window: '1d' },
};

const paidShare: ValueKpiDefinition = {
  id: 'paid-share',
  version: 1,
  status: 'published',
  name: 'Orders paid',
  owner: 'team-shop',
  datasource: POSTGRES,
  indicator: { type: 'value', numerator: ordersSql(' AND paid'), denominator: ordersSql(''), unit: 'percentunit' },
  objective: { direction: 'higher', target: 0.9, window: '1d' },
};

const paymentSuccess: KpiDefinition = {
  id: 'payment-success',
  version: 1,
  status: 'published',
  name: 'Payment success',
  owner: 'team-payments',
  datasource: POSTGRES,
  indicator: { type: 'ratio', good: ordersSql(' AND paid'), total: ordersSql('') },
  objective: { target: 0.99, window: '1d' },
};

interface SentQuery {
  refId: string;
  intervalMs: number;
  rawSql?: string;
}

/**
 * A Grafana whose SQL answers one row per bucket that starts in the request's range, named by its start: 10 orders
 * (9 paid) in each 30-minute bucket of the last day before READ_UNTIL, 8 (6 paid) in each of the day before, none
 * earlier. It records the requests it was sent.
 */
function fakeGrafana(failRefId?: string) {
  const requests: Array<{ from: number; to: number; queries: SentQuery[] }> = [];
  const fetchImpl = (async (_url: URL, init: { body: string }) => {
    const body = JSON.parse(init.body) as { from: string; to: string; queries: SentQuery[] };
    const from = Number(body.from);
    const to = Number(body.to);
    requests.push({ from, to, queries: body.queries });
    const results = Object.fromEntries(
      body.queries.map((query) => {
        if (query.refId === failRefId) {
          return [query.refId, { status: 400, error: 'db query error: ERROR: column "paid" does not exist' }];
        }
        const paid = query.rawSql?.includes('AND paid') ?? false;
        const times: number[] = [];
        const counts: number[] = [];
        for (let start = Math.ceil(from / query.intervalMs) * query.intervalMs; start < to; start += query.intervalMs) {
          const today = start >= READ_UNTIL - DAY && start < READ_UNTIL;
          const yesterday = start >= READ_UNTIL - 2 * DAY && start < READ_UNTIL - DAY;
          if (today || yesterday) {
            times.push(start);
            counts.push(today ? (paid ? 9 : 10) : paid ? 6 : 8);
          }
        }
        const frame: FrameJson = {
          schema: {
            refId: query.refId,
            fields: [
              { name: 'time', type: 'time' },
              { name: 'orders', type: 'number' },
            ],
          },
          data: { values: [times, counts] },
        };
        return [query.refId, { status: 200, frames: [frame] }];
      })
    );
    return new Response(JSON.stringify({ results }), { status: 200 });
  }) as unknown as typeof fetch;
  return { client: new GrafanaClient('http://grafana.test', 'token', fetchImpl), requests };
}

const OPTIONS = { atMs: AT, scrapeIntervalMs: 15_000 };

describe('eval --grafana reads value KPIs as the KPI page does', () => {
  test('a SQL sum over the day: 48 half-hour buckets of 10 against 48 of 8 the day before', async () => {
    const { client } = fakeGrafana();
    const [row] = (await evaluateWithGrafana(client, [ordersPerDay], OPTIONS)) as ValueEvalRow[];
    expect(row).toEqual({
      id: 'orders-per-day',
      version: 3,
      kind: 'value',
      status: 'on-track',
      // Counts go through the fold as per-second rates and back: equal to the last bits.
      value: expect.closeTo(480, 9),
      target: 450,
      direction: 'higher',
      previousValue: expect.closeTo(384, 9),
      change: { absolute: expect.closeTo(96, 9), relative: expect.closeTo(0.25, 12), better: true },
      forecast: expect.closeTo(480, 9),
      periodStart: new Date(READ_UNTIL - DAY).toISOString(),
      periodEnd: new Date(READ_UNTIL).toISOString(),
      evaluatedAt: new Date(READ_UNTIL).toISOString(),
      unit: 'short',
      coverage: 1,
    });
  });

  test('a ratio of SQL counts is Σ paid / Σ orders over each day', async () => {
    const { client } = fakeGrafana();
    const [row] = (await evaluateWithGrafana(client, [paidShare], OPTIONS)) as ValueEvalRow[];
    expect(row.value).toBeCloseTo(0.9, 12);
    expect(row.previousValue).toBeCloseTo(0.75, 12);
    expect(row.status).toBe('on-track');
  });

  test('value KPIs and SLOs of one data source share its one request; each value query asks for the 30m step', async () => {
    const { client, requests } = fakeGrafana();
    const rows = await evaluateWithGrafana(client, [paymentSuccess, ordersPerDay, paidShare], OPTIONS);
    expect(rows.map((row) => [row.id, row.kind])).toEqual([
      ['payment-success', 'slo'],
      ['orders-per-day', 'value'],
      ['paid-share', 'value'],
    ]);
    expect(requests).toHaveLength(1);
    const valueQueries = requests[0].queries.filter((query) => !/^k0-/.test(query.refId));
    expect(valueQueries.map((query) => [query.refId, query.intervalMs])).toEqual([
      ['k1-query', 30 * MINUTE],
      ['k2-numerator', 30 * MINUTE],
      ['k2-denominator', 30 * MINUTE],
    ]);
    // The range reaches back to the previous day's start, a day's margin before it.
    expect(requests[0].from).toBeLessThanOrEqual(AT - 2 * DAY - DAY);
  });

  test('a query the data source refuses is the row’s error, naming the KPI and the field; the others still read', async () => {
    const { client } = fakeGrafana('k1-numerator');
    const rows = (await evaluateWithGrafana(client, [ordersPerDay, paidShare], OPTIONS)) as ValueEvalRow[];
    expect(rows[0].value).toBeCloseTo(480, 9);
    expect(rows[1]).toMatchObject({
      status: 'no-data',
      value: null,
      error: 'paid-share: indicator.numerator (refId numerator): db query error: ERROR: column "paid" does not exist',
      periodStart: new Date(READ_UNTIL - DAY).toISOString(),
    });
  });
});
