/**
 * The catalog list over SQL: a SQL SLO and a SQL value KPI beside a Prometheus SLO, one request per data source,
 * every number worked by hand from the bucket rows below. Rows are named by their bucket's start, as PostgreSQL's
 * `$__timeGroupAlias` answers, and only buckets with rows come back.
 */
import { of, throwError } from 'rxjs';
import type { DataFrameJSON } from '@grafana/data';
import type { CatalogKpi } from '../kpi/model';
import { checkoutKpi } from '../testing/checkoutKpi';
import { compositeKpi } from '../testing/compositeKpi';
import { paymentSuccessSqlKpi, weeklyOrdersSqlKpi } from '../testing/shopSqlKpis';
import { refreshCatalog, type DsQueryResponse } from './catalogQuery';

const mockFetch = jest.fn();
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ fetch: mockFetch }),
}));

const AT = Date.UTC(2026, 10, 25, 12);
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const prometheusSlo = checkoutKpi({ id: 'checkout' });
const paymentSuccess = paymentSuccessSqlKpi({ window: '7d' });
const weeklyOrders = weeklyOrdersSqlKpi();

function bucketFrame(rows: Array<[startMs: number, count: number]>): DataFrameJSON {
  return {
    schema: {
      fields: [
        { name: 'time', type: 'time' as never },
        { name: 'value', type: 'number' as never },
      ],
    },
    data: { values: [rows.map(([t]) => t), rows.map(([, v]) => v)] },
  };
}

/** What PostgreSQL holds, by the query's own refId (good, total, query). */
const SHOP_ROWS: Record<string, Array<[number, number]>> = {
  // Two days ago 3,000 payments, all paid; in the bucket that started 30 minutes ago 1,000, of which 990 paid.
  good: [
    [AT - 2 * DAY_MS, 3000],
    [AT - 30 * MINUTE_MS, 990],
  ],
  total: [
    [AT - 2 * DAY_MS, 3000],
    [AT - 30 * MINUTE_MS, 1000],
  ],
  // 500 orders ten days ago (the week before); 400 three days ago and 200 in the last hour (this week).
  query: [
    [AT - 10 * DAY_MS, 500],
    [AT - 3 * DAY_MS, 400],
    [AT - HOUR_MS, 200],
  ],
};

interface FetchRequest {
  url: string;
  data: { from: string; to: string; queries: Array<{ refId: string }> };
}

/** Prometheus answers no series; PostgreSQL answers its rows, or `sqlError` for every query. */
function answer(request: FetchRequest, sqlError?: string) {
  const results: DsQueryResponse['results'] = {};
  const sql = request.url.includes('postgresql');
  for (const { refId } of request.data.queries) {
    const own = refId.replace(/^k\d+-/, '');
    results[refId] = !sql
      ? { status: 200, frames: [] }
      : sqlError
        ? { status: 400, error: sqlError }
        : { status: 200, frames: [bucketFrame(SHOP_ROWS[own] ?? [])] };
  }
  return sqlError && sql ? throwError(() => ({ status: 207, data: { results } })) : of({ data: { results } });
}

describe('the catalog list with SQL KPIs beside Prometheus ones', () => {
  beforeEach(() => mockFetch.mockReset());

  test('one request per data source: the SQL SLO and the SQL value KPI share PostgreSQL’s', async () => {
    mockFetch.mockImplementation((request: FetchRequest) => answer(request));
    await refreshCatalog([prometheusSlo, paymentSuccess, weeklyOrders], AT);

    expect(mockFetch).toHaveBeenCalledTimes(2);
    const sqlRequest = mockFetch.mock.calls
      .map(([request]) => request as FetchRequest)
      .find((r) => r.url.includes('postgresql'));
    expect(sqlRequest?.data.queries.map((q) => q.refId)).toEqual(['k1-good', 'k1-total', 'k2-query']);
    // Reaching back to the value KPI's week before (14 days and a day's margin), which covers the SLO's 7 days.
    expect(Number(sqlRequest?.data.from)).toBe(AT - 15 * DAY_MS);
  });

  test('the SQL SLO’s row: SLI 3,990 / 4,000, 75 % of its budget left, and its sparkline from the same buckets', async () => {
    mockFetch.mockImplementation((request: FetchRequest) => answer(request));
    const rows = await refreshCatalog([prometheusSlo, paymentSuccess, weeklyOrders], AT);
    const row = rows.find((r) => r.kpiId === 'payment-success');

    expect(row?.error).toBeUndefined();
    expect(row?.evaluation?.sli).toBeCloseTo(3990 / 4000, 12);
    // 1 % of 4,000 is 40 bad payments allowed; 10 spent.
    expect(row?.evaluation?.budgetRemaining).toBeCloseTo(0.75, 12);
    const sli = Array.from(row?.trend?.sli ?? []);
    // 29 points, 6 hours apart, the last ending at 12:00: 990 / 1,000 then. The bucket of two days ago ends 5
    // minutes after 12:00, in the step ending at 18:00 that day, 7 steps before the last: 100 %.
    expect(sli).toHaveLength(29);
    expect(sli[28]).toBeCloseTo(0.99, 12);
    expect(sli[28 - 7]).toBe(1);
    expect(sli.filter(Number.isFinite)).toHaveLength(2);
  });

  test('the SQL value KPI’s row: 600 orders this week against 500 the week before, off track of 1,000', async () => {
    mockFetch.mockImplementation((request: FetchRequest) => answer(request));
    const rows = await refreshCatalog([prometheusSlo, paymentSuccess, weeklyOrders], AT);
    const value = rows.find((r) => r.kpiId === 'weekly-orders')?.value;

    expect(value?.evaluation.value).toBe(600);
    expect(value?.evaluation.previousValue).toBe(500);
    // Buckets without a row are no orders, not missing data.
    expect(value?.evaluation.coverage).toBe(1);
    expect(value?.evaluation.status).toBe('off-track');
  });

  test('PostgreSQL refusing the queries marks the SQL rows with its message and the field, never OK', async () => {
    mockFetch.mockImplementation((request: FetchRequest) =>
      answer(request, 'dial tcp 127.0.0.1:5432: connect: connection refused')
    );
    const rows = await refreshCatalog([prometheusSlo, paymentSuccess, weeklyOrders], AT);
    const byId = new Map(rows.map((row) => [row.kpiId, row]));

    expect(byId.get('payment-success')).toEqual({
      kpiId: 'payment-success',
      error: 'indicator.good (refId good): dial tcp 127.0.0.1:5432: connect: connection refused',
    });
    expect(byId.get('weekly-orders')?.error).toBe(
      'indicator.query: dial tcp 127.0.0.1:5432: connect: connection refused'
    );
    expect(byId.get('checkout')?.evaluation?.status).toBe('no-data');
  });

  test('a composite with a SQL member says its row cannot combine it, and the refresh still answers', async () => {
    mockFetch.mockImplementation((request: FetchRequest) => answer(request));
    const composite: CatalogKpi = compositeKpi({ checkout: 1, 'payment-success': 1 }, { id: 'checkout-journey' });
    const rows = await refreshCatalog([composite], AT, [prometheusSlo, paymentSuccess, composite]);

    expect(rows[0].error).toMatch(/^member payment-success: not applicable: a composite's catalog row need PromQL/);
    expect(rows[0].error).toMatch(/its KPI page reads it$/);
  });
});
