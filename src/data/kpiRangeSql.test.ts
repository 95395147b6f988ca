/**
 * A SQL KPI on the KPI page: its range queries go in the data source's own model, and its buckets (counts, named
 * by their start) are read by the panel's reading path. The numbers are worked by hand from the rows below.
 */
import { of, throwError } from 'rxjs';
import type { KpiDefinition } from '../kpi/model';
import { checkoutKpi } from '../testing/checkoutKpi';
import { fetchKpiEvaluation, planKpiRange } from './kpiRangeQuery';

const mockFetch = jest.fn();
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ fetch: mockFetch }),
}));

const AT_MS = Date.UTC(2026, 11, 1, 12);
const MINUTE_MS = 60_000;
const POSTGRES = { type: 'grafana-postgresql-datasource', uid: 'postgres' };
const bucketSql = (select: string) =>
  `SELECT $__timeGroupAlias(created_at, $__interval), ${select} FROM shop.payments WHERE $__timeFilter(created_at) GROUP BY 1 ORDER BY 1`;

const paymentSuccess: KpiDefinition = checkoutKpi({
  id: 'payment-success',
  datasource: POSTGRES,
  indicator: {
    good: { rawSql: bucketSql("count(*) FILTER (WHERE status = 'paid') AS good"), format: 'time_series' },
    total: { rawSql: bucketSql('count(*) AS total'), format: 'time_series' },
  },
  objective: { target: 0.99, window: '7d' },
});

/** PostgreSQL's rows as Grafana frames them: one row per bucket, named by the bucket's start. */
function bucketFrame(name: string, rows: Array<[startMs: number, count: number]>) {
  return {
    schema: {
      fields: [
        { name: 'time', type: 'time' },
        { name, type: 'number' },
      ],
    },
    data: { values: [rows.map(([t]) => t), rows.map(([, v]) => v)] },
  };
}

describe('a SQL ratio KPI on the KPI page', () => {
  beforeEach(() => mockFetch.mockReset());

  test('its two range queries are its SQL as written, at the step, with no PromQL instant counts beside them', () => {
    const plan = planKpiRange(paymentSuccess, AT_MS);
    expect(plan.stepMs).toBe(5 * MINUTE_MS);
    expect(plan.rangeRefIds).toEqual(['good', 'total']);
    expect(plan.queries.map((q) => [q.refId, q.rawSql, q.format, q.intervalMs, q.datasource])).toEqual([
      ['good', bucketSql("count(*) FILTER (WHERE status = 'paid') AS good"), 'time_series', 300_000, POSTGRES],
      ['total', bucketSql('count(*) AS total'), 'time_series', 300_000, POSTGRES],
    ]);
    expect(plan.queries.some((q) => 'expr' in q)).toBe(false);
  });

  test('buckets read as counts: SLI 3,990 / 4,000, budget 75 % left, the 1h window burning at 1×', async () => {
    // Two days ago 3,000 payments, all paid; in the bucket starting 30 minutes ago 1,000, of which 990 paid.
    const twoDaysAgo = AT_MS - 2 * 86_400_000;
    const halfHourAgo = AT_MS - 30 * MINUTE_MS;
    mockFetch.mockReturnValue(
      of({
        data: {
          results: {
            good: {
              frames: [
                bucketFrame('good', [
                  [twoDaysAgo, 3000],
                  [halfHourAgo, 990],
                ]),
              ],
            },
            total: {
              frames: [
                bucketFrame('total', [
                  [twoDaysAgo, 3000],
                  [halfHourAgo, 1000],
                ]),
              ],
            },
          },
        },
      })
    );
    const result = await fetchKpiEvaluation(paymentSuccess, AT_MS);

    expect(mockFetch).toHaveBeenCalledTimes(1);
    expect(mockFetch.mock.calls[0][0].url).toBe('/api/ds/query?ds_type=grafana-postgresql-datasource');
    if (result instanceof Error || !result.ok) {
      throw new Error(`expected an evaluation, got ${JSON.stringify(result)}`);
    }
    const { evaluation } = result.value;
    expect(evaluation.sli).toBeCloseTo(3990 / 4000, 12);
    // Budget: 1 % of 4,000 = 40 bad events allowed, 10 spent.
    expect(evaluation.budgetRemaining).toBeCloseTo(0.75, 12);
    const oneHour = evaluation.windows.find((w) => w.windowMs === 3_600_000);
    // 10 bad of 1,000 is 1 %: exactly the 1 % the target allows, a burn rate of 1.
    expect(oneHour?.burnRate).toBeCloseTo(1, 12);
  });

  test('a failed SQL query is that query’s problem, naming its refId and what PostgreSQL said', async () => {
    mockFetch.mockReturnValue(
      throwError(() => ({
        status: 207,
        data: {
          results: {
            good: { status: 400, error: 'pq: relation "shop.payments" does not exist' },
            total: { status: 400, error: 'pq: relation "shop.payments" does not exist' },
          },
        },
      }))
    );
    const result = await fetchKpiEvaluation(paymentSuccess, AT_MS);
    if (result instanceof Error || result.ok) {
      throw new Error(`expected a query problem, got ${JSON.stringify(result)}`);
    }
    expect(result.problem.code).toBe('query-error');
    expect(`${result.problem.title} ${result.problem.detail}`).toMatch(/"good".*relation "shop\.payments"/);
  });
});
