/**
 * The catalog with 200 SQL KPIs refreshes in one request per data source (issue 17, performance): 100 SQL SLOs and
 * 100 SQL value KPIs over two SQL data sources, beside a Prometheus SLO, make three POST /api/ds/query, each holding
 * every query of its data source, and every row is read from its own refIds.
 */
import { of } from 'rxjs';
import type { DataFrameJSON } from '@grafana/data';
import type { CatalogKpi } from '../kpi/model';
import { checkoutKpi } from '../testing/checkoutKpi';
import { valueKpi } from '../testing/valueKpis';
import { refreshCatalog, type DsQueryResponse } from './catalogQuery';

const mockFetch = jest.fn();
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ fetch: mockFetch }),
}));

const AT = Date.UTC(2026, 10, 25, 12);
const HOUR_MS = 3_600_000;
const POSTGRES = { type: 'grafana-postgresql-datasource', uid: 'postgres' };
const MYSQL = { type: 'mysql', uid: 'warehouse' };
const bucketSql = (column: string, n: number) =>
  `SELECT $__timeGroupAlias(created_at, $__interval), count(*) AS ${column} FROM shop.t${n} ` +
  'WHERE $__timeFilter(created_at) GROUP BY 1 ORDER BY 1';

/** KPI n: an SLO when n is even, a value KPI when odd; on PostgreSQL for n < 100, on MySQL after. */
function sqlKpi(n: number): CatalogKpi {
  const datasource = n < 100 ? POSTGRES : MYSQL;
  if (n % 2 === 0) {
    return checkoutKpi({
      id: `slo-${n}`,
      datasource,
      indicator: { good: { rawSql: bucketSql('good', n) }, total: { rawSql: bucketSql('total', n) } },
      objective: { target: 0.99, window: '7d' },
    });
  }
  return valueKpi(
    `orders-${n}`,
    { query: { rawSql: bucketSql('orders', n) }, aggregation: 'sum', unit: 'short' },
    { direction: 'higher', target: 10, window: '7d' },
    { datasource }
  );
}

const KPIS: CatalogKpi[] = [checkoutKpi({ id: 'checkout' }), ...Array.from({ length: 200 }, (_, n) => sqlKpi(n))];

interface FetchRequest {
  url: string;
  data: { from: string; to: string; queries: Array<{ refId: string; datasource: { uid: string } }> };
}

/**
 * One bucket an hour ago for every SQL query: KPI n's SLO counts n good of n + 1 (SLO 0: 0 of 1), its value n
 * orders; so each row's numbers say which KPI's refIds it was read from.
 */
function answer(request: FetchRequest) {
  const results: DsQueryResponse['results'] = {};
  for (const { refId } of request.data.queries) {
    const [, n, field] = /^k(\d+)-(.*)$/.exec(refId) ?? [];
    const kpiNumber = Number(n) - 1;
    const count = field === 'total' ? kpiNumber + 1 : kpiNumber;
    const frame: DataFrameJSON = {
      schema: {
        fields: [
          { name: 'time', type: 'time' as never },
          { name: field, type: 'number' as never },
        ],
      },
      data: { values: [[AT - HOUR_MS], [count]] },
    };
    results[refId] = { status: 200, frames: request.url.includes('prometheus') ? [] : [frame] };
  }
  return of({ data: { results } });
}

describe('a catalog of 200 SQL KPIs', () => {
  test('refreshes in one request per data source, and each row reads its own answers', async () => {
    mockFetch.mockImplementation((request: FetchRequest) => answer(request));
    const rows = await refreshCatalog(KPIS, AT);

    expect(mockFetch).toHaveBeenCalledTimes(3);
    const requests = mockFetch.mock.calls.map(([request]) => request as FetchRequest);
    const queriesTo = (uid: string) =>
      requests.filter((request) => request.data.queries.some((query) => query.datasource.uid === uid));
    // 50 SLOs × good and total + 50 value KPIs × one query, on each SQL data source.
    expect(queriesTo('postgres').map((request) => request.data.queries.length)).toEqual([150]);
    expect(queriesTo('warehouse').map((request) => request.data.queries.length)).toEqual([150]);
    expect(queriesTo('prometheus')).toHaveLength(1);

    expect(rows.filter((row) => row.error !== undefined)).toEqual([]);
    const slo = (n: number) => rows.find((row) => row.kpiId === `slo-${n}`)?.evaluation?.sli;
    const orders = (n: number) => rows.find((row) => row.kpiId === `orders-${n}`)?.value?.evaluation.value;
    expect(slo(2)).toBeCloseTo(2 / 3, 12);
    expect(slo(198)).toBeCloseTo(198 / 199, 12);
    expect(orders(1)).toBe(1);
    expect(orders(199)).toBe(199);
  });
});
