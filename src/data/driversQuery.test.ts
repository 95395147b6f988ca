import { of } from 'rxjs';
import type { DataFrameJSON } from '@grafana/data';
import { checkoutKpi } from '../testing/checkoutKpi';
import { conversionKpi } from '../testing/valueKpis';
import { DAY_MS } from '../kpi/evaluate';
import type { DsQueryModel } from '../reading';
import { driverBadDays } from '../pages/KpiDetail/driverDays';
import { planDriversRefresh, refreshDrivers } from './driversQuery';
import type { DsQueryResponse } from './dsQuery';

const mockFetch = jest.fn();
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ fetch: mockFetch }),
}));

const AT = Date.UTC(2026, 10, 25, 12);
const checkout = checkoutKpi();
const orders = checkoutKpi({
  id: 'orders-sql',
  datasource: { type: 'grafana-postgresql-datasource', uid: 'postgres' },
  indicator: { good: 'SELECT 1', total: 'SELECT 1' },
});
const conversion = conversionKpi();

/** A range series over the request, one sample per step at each step's end, all of one value. */
function rangeFrame(fromMs: number, toMs: number, stepMs: number, value: number): DataFrameJSON {
  const times: number[] = [];
  for (let t = Math.ceil(fromMs / stepMs) * stepMs; t <= toMs; t += stepMs) {
    times.push(t);
  }
  return {
    schema: {
      fields: [
        { name: 'Time', type: 'time' as never },
        { name: 'Value', type: 'number' as never },
      ],
    },
    data: { values: [times, times.map(() => value)] },
  };
}

/**
 * Answers a request as a data source would: 99 good in 100 (a 99.9 % SLO burns 10× on every day), conversion of 2
 * orders per 100 carts (short of 3 % every day), and no instant answers (the rows' status is not what is tested).
 */
function answer(body: { from: string; to: string; queries: DsQueryModel[] }): DsQueryResponse {
  const results: DsQueryResponse['results'] = {};
  const valueOf: Record<string, number> = { good: 99, total: 100, numerator: 2, denominator: 100 };
  for (const query of body.queries) {
    const field = query.refId.split('-').pop() ?? '';
    const stepMs = (query as { intervalMs?: number }).intervalMs ?? 300_000;
    results[query.refId] =
      field in valueOf ? { frames: [rangeFrame(Number(body.from), Number(body.to), stepMs, valueOf[field])] } : {};
  }
  return { results };
}

beforeEach(() => {
  mockFetch.mockReset();
  mockFetch.mockImplementation(({ data }) => of({ data: answer(data) }));
});

describe('the drivers’ one refresh', () => {
  test('rows and day history share one request per data source: two data sources, two requests', async () => {
    const reading = await refreshDrivers([checkout, conversion, orders], AT);
    expect(mockFetch).toHaveBeenCalledTimes(2);
    const bodies = mockFetch.mock.calls.map(([request]) => request.data);
    const refIds = bodies.map((body) => body.queries.map((query: DsQueryModel) => query.refId));
    // The catalog's rows (k…) and the SLO drivers' ranges (d…) travel together.
    expect(refIds[0]).toEqual(expect.arrayContaining(['k0-28d', 'k1-numerator', 'd0-good', 'd0-total']));
    expect(refIds[1]).toEqual(expect.arrayContaining(['d1-good', 'd1-total']));
    // The range reaches back over the 28d SLO window, so every day of it can be judged.
    for (const body of bodies) {
      expect(Number(body.from)).toBeLessThanOrEqual(AT - 28 * DAY_MS);
    }
    expect([...reading.ranges.keys()]).toEqual(['checkout-availability', 'orders-sql']);
    expect(reading.rows.map((row) => row.kpiId)).toEqual(['checkout-availability', 'conversion', 'orders-sql']);
  });

  test('each range query asks for the request’s whole span within a range query’s points', () => {
    const plan = planDriversRefresh([checkout, conversion], AT);
    for (const { plan: range } of plan.ranges) {
      for (const query of range.queries as Array<DsQueryModel & { maxDataPoints: number; intervalMs: number }>) {
        expect(query.maxDataPoints * query.intervalMs).toBeGreaterThanOrEqual(AT - plan.fromMs);
        expect(query.maxDataPoints).toBeLessThanOrEqual(11_000);
      }
    }
  });

  test('an SLO burning 10× and a conversion of 2 % against ≥ 3 % are bad on every day read; a failed source is unread', async () => {
    mockFetch.mockImplementation(({ data, url }) =>
      url.includes('postgres') ? of({ data: { results: {} } }) : of({ data: answer(data) })
    );
    const drivers = [checkout, conversion, orders];
    const badDays = driverBadDays(drivers, await refreshDrivers(drivers, AT));
    const checkoutDays = badDays.get('checkout-availability') ?? [];
    // The request reaches back to 28 Oct 12:00 (28 days before the 25th's noon): 28 Oct to 25 Nov, 29 days.
    expect(checkoutDays).toHaveLength(29);
    expect(checkoutDays[0]).toBe(Date.UTC(2026, 9, 28));
    expect(checkoutDays.every((day, i) => i === 0 || day - checkoutDays[i - 1] === DAY_MS)).toBe(true);
    expect(checkoutDays[checkoutDays.length - 1]).toBe(Math.floor(AT / DAY_MS) * DAY_MS);
    // Conversion's 7 days from 18 Nov 12:00 touch 18 to 25 Nov, and 2 % < 3 % misses on each.
    const conversionDays = badDays.get('conversion') ?? [];
    expect(conversionDays).toEqual([18, 19, 20, 21, 22, 23, 24, 25].map((date) => Date.UTC(2026, 10, date)));
    // PostgreSQL answered nothing: its driver is unread, not "never bad".
    expect(badDays.has('orders-sql')).toBe(false);
  });
});
