import { of, throwError } from 'rxjs';
import { compositeKpi } from '../testing/compositeKpi';
import type { DataFrameJSON } from '@grafana/data';
import type { CompositeKpiDefinition, KpiDefinition } from '../kpi/model';
import { DEFAULT_SCRAPE_INTERVAL_MS, parseDuration } from '../kpi/time';
import { rawAggregateErrorRatioExpr, rawErrorRatioExpr } from '../kpi/promql';
import { planCatalogRefresh, readCatalogResults, refreshCatalog, type DsQueryResponse } from './catalogQuery';

const mockFetch = jest.fn();
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ fetch: mockFetch }),
}));

const AT = Date.UTC(2026, 10, 25, 12);

function kpi(index: number, overrides: Partial<KpiDefinition> = {}): KpiDefinition {
  return {
    id: `kpi-${index}`,
    version: 2,
    status: 'published',
    name: `KPI ${index}`,
    owner: 'team',
    datasource: { type: 'prometheus', uid: 'prometheus' },
    indicator: {
      type: 'ratio',
      good: `sum(rate(good_${index}[$__rate_interval]))`,
      total: `sum(rate(total_${index}[$__rate_interval]))`,
    },
    objective: { target: 0.999, window: '30d' },
    ...overrides,
  };
}

/** An instant result as Grafana's Prometheus backend frames it: one Time and one Value field, one row. */
function instantFrame(value: number): DataFrameJSON {
  const isNaN = Number.isNaN(value);
  return {
    schema: {
      fields: [
        { name: 'Time', type: 'time' as never },
        { name: 'Value', type: 'number' as never },
      ],
    },
    data: { values: [[AT], [isNaN ? null : value]], ...(isNaN ? { entities: [null, { NaN: [0] }] } : {}) },
  };
}

/** Answers every query of a plan with the same error ratio per window. */
function answerAll(ratioByWindow: Record<string, number | null>): DsQueryResponse {
  const plan = planCatalogRefresh([kpi(0)], AT);
  const results: DsQueryResponse['results'] = {};
  for (const query of plan.requests[0].body.queries) {
    const window = query.refId.split('-')[1];
    if (window === 'trend') {
      continue;
    }
    const ratio = ratioByWindow[window] ?? null;
    results[query.refId] = { status: 200, frames: ratio === null ? [] : [instantFrame(ratio)] };
  }
  return { results };
}

describe('planCatalogRefresh', () => {
  test('50 KPIs on one data source make one request, with one query per KPI and window plus its trend', () => {
    const plan = planCatalogRefresh(
      Array.from({ length: 50 }, (_, i) => kpi(i)),
      AT
    );
    expect(plan.requests).toHaveLength(1);
    // default policy: 5m 30m 1h 2h 6h 1d 3d + the 30d SLO window, and one trend query
    expect(plan.requests[0].body.queries).toHaveLength(50 * 9);
    expect(new Set(plan.requests[0].body.queries.map((q) => q.refId)).size).toBe(450);
    // Instant queries are evaluated at `to`; the trend covers the 7 days before it.
    expect(plan.requests[0].body).toMatchObject({ from: String(AT - 7 * 86_400_000), to: String(AT) });
  });

  test('KPIs on two data sources make two requests, each carrying its own data source', () => {
    const other = { type: 'prometheus', uid: 'prom-eu' };
    const plan = planCatalogRefresh([kpi(0), kpi(1, { datasource: other }), kpi(2)], AT);
    expect(plan.requests.map((r) => [r.datasource.uid, r.body.queries.length])).toEqual([
      ['prometheus', 18],
      ['prom-eu', 9],
    ]);
    expect(plan.requests[1].body.queries.every((q) => q.datasource.uid === 'prom-eu')).toBe(true);
  });

  test('each query is the raw error ratio of its window, summed over series, which needs no recorded series', () => {
    const plan = planCatalogRefresh([kpi(7)], AT);
    for (const query of plan.requests[0].body.queries.filter((q) => !q.refId.endsWith('-trend'))) {
      const windowMs = parseDuration(query.refId.split('-')[1]);
      expect(query.expr).toBe(rawAggregateErrorRatioExpr(kpi(7), windowMs, DEFAULT_SCRAPE_INTERVAL_MS));
      expect(query.expr).toMatch(/^1 - \(sum\(.*\) \/ sum\(.*\)\)$/);
      expect(query.expr).not.toContain('northstar:');
      expect(query).toMatchObject({ instant: true, range: false });
    }
  });
});

describe('the trend query', () => {
  test('is a range query of the error ratio per 6 hours over the last 7 days: 28 steps', () => {
    const plan = planCatalogRefresh([kpi(3)], AT);
    const trend = plan.requests[0].body.queries.find((q) => q.refId === 'k0-trend');
    expect(trend).toMatchObject({ instant: false, range: true, intervalMs: 21_600_000, maxDataPoints: 28 });
    expect(trend?.expr).toBe(rawAggregateErrorRatioExpr(kpi(3), 21_600_000, DEFAULT_SCRAPE_INTERVAL_MS));
  });

  test('reads the SLI per step, gaps stay gaps, and a failed trend keeps the row’s status', () => {
    const plan = planCatalogRefresh([kpi(0)], AT);
    const ok = answerAll(Object.fromEntries(['5m', '30m', '1h', '2h', '6h', '1d', '3d', '30d'].map((w) => [w, 0])));
    // AT is 12:00 UTC, a multiple of 6h: the last point is at AT, the one before 6h earlier.
    const sixHours = 21_600_000;
    ok.results['k0-trend'] = {
      status: 200,
      frames: [
        {
          schema: {
            fields: [
              { name: 'Time', type: 'time' as never },
              { name: 'Value', type: 'number' as never },
            ],
          },
          data: {
            values: [
              [AT - 2 * sixHours, AT],
              [0.01, 0.25],
            ],
          },
        },
      ],
    };
    const [row] = readCatalogResults(plan, new Map([['prometheus/prometheus', ok]]));
    expect(row.trend?.grid).toEqual({ startMs: AT - 28 * sixHours, stepMs: sixHours, length: 29 });
    const sli = Array.from(row.trend!.sli);
    expect(sli[28]).toBeCloseTo(0.75, 12);
    expect(sli[26]).toBeCloseTo(0.99, 12);
    expect(Number.isNaN(sli[27])).toBe(true);

    ok.results['k0-trend'] = { status: 400, error: 'bad_data: 1:5 parse error' };
    const [failed] = readCatalogResults(plan, new Map([['prometheus/prometheus', ok]]));
    expect(failed.trend).toBeUndefined();
    expect(failed.evaluation?.status).toBe('ok');
  });
});

describe('readCatalogResults', () => {
  test('a 2 % error ratio everywhere against a 0.1 % budget is a 20x burn that pages', () => {
    const plan = planCatalogRefresh([kpi(0)], AT);
    const ratios = Object.fromEntries(['5m', '30m', '1h', '2h', '6h', '1d', '3d', '30d'].map((w) => [w, 0.02]));
    const [row] = readCatalogResults(plan, new Map([['prometheus/prometheus', answerAll(ratios)]]));
    expect(row.evaluation?.status).toBe('page');
    expect(row.evaluation?.burnRates['1h']).toBeCloseTo(20, 9);
    // budget remaining = 1 − burn rate over the SLO window = 1 − 20
    expect(row.evaluation?.budgetRemaining).toBeCloseTo(-19, 9);
  });

  test('the same 20x burn during a Wednesday maintenance window reads maintenance and fires nothing', () => {
    // AT is Wednesday 25 November 2026, 12:00 UTC; the window runs Wednesdays 11:00–13:00 UTC.
    const maintenance = [{ cron: '0 11 * * 3', duration: '2h', reason: 'partner API cutover' }];
    const plan = planCatalogRefresh([kpi(0, { maintenance })], AT);
    const ratios = Object.fromEntries(['5m', '30m', '1h', '2h', '6h', '1d', '3d', '30d'].map((w) => [w, 0.02]));
    const [row] = readCatalogResults(plan, new Map([['prometheus/prometheus', answerAll(ratios)]]));
    expect(row.evaluation?.status).toBe('maintenance');
    expect(row.evaluation?.decisions.filter((d) => d.heldBackByMaintenance)).toHaveLength(4);
  });

  test('0.05 % errors is half the budget: ok, 50 % left', () => {
    const plan = planCatalogRefresh([kpi(0)], AT);
    const ratios = Object.fromEntries(['5m', '30m', '1h', '2h', '6h', '1d', '3d', '30d'].map((w) => [w, 0.0005]));
    const [row] = readCatalogResults(plan, new Map([['prometheus/prometheus', answerAll(ratios)]]));
    expect(row.evaluation).toMatchObject({ status: 'ok' });
    expect(row.evaluation?.budgetRemaining).toBeCloseTo(0.5, 9);
    expect(row.evaluation?.sli).toBeCloseTo(0.9995, 12);
  });

  test('NaN (0/0) is no-traffic, never 100 %', () => {
    const plan = planCatalogRefresh([kpi(0)], AT);
    const ratios = Object.fromEntries(['5m', '30m', '1h', '2h', '6h', '1d', '3d', '30d'].map((w) => [w, NaN]));
    const [row] = readCatalogResults(plan, new Map([['prometheus/prometheus', answerAll(ratios)]]));
    expect(row.evaluation).toMatchObject({ status: 'no-traffic', sli: null });
  });

  test('no series in the shortest window is no-data even with a healthy month', () => {
    const plan = planCatalogRefresh([kpi(0)], AT);
    const ratios: Record<string, number | null> = Object.fromEntries(
      ['30m', '1h', '2h', '6h', '1d', '3d', '30d'].map((w) => [w, 0.0001])
    );
    ratios['5m'] = null;
    const [row] = readCatalogResults(plan, new Map([['prometheus/prometheus', answerAll(ratios)]]));
    expect(row.evaluation?.status).toBe('no-data');
  });

  test('an error on one KPI marks that row only', () => {
    const plan = planCatalogRefresh([kpi(0), kpi(1)], AT);
    const response = answerAll(
      Object.fromEntries(['5m', '30m', '1h', '2h', '6h', '1d', '3d', '30d'].map((w) => [w, 0]))
    );
    for (const query of plan.requests[0].body.queries) {
      response.results[query.refId] = query.refId.startsWith('k1-')
        ? { status: 400, error: 'bad_data: parse error at char 5' }
        : (response.results[query.refId] ?? { frames: [instantFrame(0)] });
    }
    const rows = readCatalogResults(plan, new Map([['prometheus/prometheus', response]]));
    expect(rows[0].evaluation?.status).toBe('ok');
    expect(rows[1]).toEqual({ kpiId: 'kpi-1', error: 'bad_data: parse error at char 5' });
  });
});

describe('refreshCatalog', () => {
  beforeEach(() => mockFetch.mockReset());

  test('sends one POST /api/ds/query per data source and reads a 207 answer per refId', async () => {
    const ok = answerAll(Object.fromEntries(['5m', '30m', '1h', '2h', '6h', '1d', '3d', '30d'].map((w) => [w, 0])));
    mockFetch.mockImplementation(() => throwError(() => ({ status: 207, data: ok, statusText: 'Multi-Status' })));
    const rows = await refreshCatalog([kpi(0)], AT);
    expect(mockFetch).toHaveBeenCalledTimes(1);
    expect(mockFetch.mock.calls[0][0]).toMatchObject({ url: '/api/ds/query?ds_type=prometheus', method: 'POST' });
    expect(rows[0].evaluation?.status).toBe('ok');
  });

  test('a failed request marks the rows of that data source with Grafana’s message', async () => {
    mockFetch.mockImplementation(() =>
      throwError(() => ({ status: 403, data: { message: 'Access denied to data source' } }))
    );
    const rows = await refreshCatalog([kpi(0)], AT);
    expect(rows).toEqual([{ kpiId: 'kpi-0', error: 'Access denied to data source' }]);
  });

  test('a 200 answer without any series is no-data', async () => {
    mockFetch.mockImplementation(() => of({ data: answerAll({}), status: 200 }));
    const rows = await refreshCatalog([kpi(0)], AT);
    expect(rows[0].evaluation?.status).toBe('no-data');
  });
});

describe('the low-traffic guard in the catalog list', () => {
  const guarded = kpi(0, { alerting: { policy: 'default', minEvents: 50 } });

  test('asks for the events of every short window of the policy, in the same request', () => {
    const plan = planCatalogRefresh([guarded], AT);
    const events = plan.requests[0].body.queries.filter((q) => q.refId.includes('-events-'));
    expect(events.map((q) => q.refId)).toEqual(['k0-events-5m', 'k0-events-30m', 'k0-events-2h', 'k0-events-6h']);
    // total is a per-second rate over the window: events = rate × seconds
    expect(events[0].expr).toBe('(sum(rate(total_0[5m]))) * 300');
  });

  test('a 20x burn on 12 events in 5m, with 50 required, is held back: low-traffic, not page', () => {
    const plan = planCatalogRefresh([guarded], AT);
    const results: DsQueryResponse['results'] = {};
    for (const query of plan.requests[0].body.queries) {
      const [, what, window] = query.refId.split('-');
      if (what === 'events') {
        results[query.refId] = { status: 200, frames: [instantFrame(window === '5m' ? 12 : 5000)] };
      } else if (what !== 'trend') {
        // 2 % errors (20x) over the last hour, 0.01 % elsewhere: only page 1h/5m burns
        results[query.refId] = { status: 200, frames: [instantFrame(['5m', '1h'].includes(what) ? 0.02 : 0.0001)] };
      }
    }
    const [row] = readCatalogResults(plan, new Map([['prometheus/prometheus', { results }]]));
    expect(row.evaluation?.status).toBe('low-traffic');
    const page = row.evaluation!.decisions.find((d) => d.rule.shortMs === 300_000)!;
    expect(page).toMatchObject({ firing: false, heldBackByLowTraffic: true });
    // 60 events in the 5m window are enough: it pages.
    results['k0-events-5m'] = { status: 200, frames: [instantFrame(60)] };
    const [enough] = readCatalogResults(plan, new Map([['prometheus/prometheus', { results }]]));
    expect(enough.evaluation?.status).toBe('page');
  });
});

describe('a calendar KPI in the catalog list', () => {
  // AT is 25 November 2026, 12:00 UTC: 24 days and 12 hours into November in UTC, 11 hours more in Tokyo
  // (its November began on 31 October at 15:00 UTC).
  const monthly = (timeZone: string) =>
    kpi(0, { objective: { target: 0.999, window: { calendar: 'month', timeZone } } });

  test('its SLO window is the month so far, in whole minutes, in its own time zone', () => {
    const utc = planCatalogRefresh([monthly('UTC')], AT).requests[0].body.queries.map((q) => q.refId);
    expect(utc).toContain('k0-24d12h');
    const tokyo = planCatalogRefresh([monthly('Asia/Tokyo')], AT).requests[0].body.queries;
    const month = tokyo.find((q) => q.refId === 'k0-24d21h')!;
    expect(month.expr).toContain('[24d21h]');
  });

  test('its status reads "this month", and half the month’s budget spent is 50 % left', () => {
    const plan = planCatalogRefresh([monthly('UTC')], AT);
    const results: DsQueryResponse['results'] = {};
    for (const query of plan.requests[0].body.queries) {
      if (!query.refId.endsWith('trend')) {
        results[query.refId] = { status: 200, frames: [instantFrame(0.0005)] };
      }
    }
    const [row] = readCatalogResults(plan, new Map([['prometheus/prometheus', { results }]]));
    expect(row.evaluation?.slo.window).toBe('this month');
    expect(row.evaluation?.budgetRemaining).toBeCloseTo(0.5, 9);
    expect(row.evaluation?.status).toBe('ok');
    expect(row.previous).toEqual({ label: 'last month', sli: expect.closeTo(0.9995, 12) });
  });

  test('last month is one more query, its whole length read at its end (1 November, UTC) with @', () => {
    const queries = planCatalogRefresh([monthly('UTC')], AT).requests[0].body.queries;
    const last = queries.find((q) => q.refId === 'k0-last')!;
    expect(last.expr).toMatch(/^last_over_time\(\(.*\[31d\].*\)\[1m:1m\] @ 1793491200\)$/);
    expect(Date.UTC(2026, 10, 1) / 1000).toBe(1793491200);
  });

  test('a rolling KPI has no last period, and a failed last-period query leaves the row as it is', () => {
    expect(planCatalogRefresh([kpi(0)], AT).requests[0].body.queries.some((q) => q.refId.endsWith('last'))).toBe(false);
    const plan = planCatalogRefresh([monthly('UTC')], AT);
    const results: DsQueryResponse['results'] = {};
    for (const query of plan.requests[0].body.queries) {
      results[query.refId] = query.refId.endsWith('last')
        ? { status: 500, error: 'query timed out' }
        : { status: 200, frames: [instantFrame(0.0005)] };
    }
    const [row] = readCatalogResults(plan, new Map([['prometheus/prometheus', { results }]]));
    expect(row.evaluation?.status).toBe('ok');
    expect(row.previous).toEqual({ label: 'last month', sli: null });
  });
});

describe('per-label KPIs in the catalog list', () => {
  const byRoute = kpi(0, {
    id: 'checkout-routes',
    indicator: {
      type: 'ratio',
      good: 'sum by (route) (rate(good[$__rate_interval]))',
      total: 'sum by (route) (rate(total[$__rate_interval]))',
      groupBy: ['route'],
    },
  });

  /** A series of an instant answer with its labels on the value field. */
  function labelledFrame(labels: Record<string, string>, value: number): DataFrameJSON {
    const frame = instantFrame(value);
    frame.schema!.fields[1] = { ...frame.schema!.fields[1], labels };
    return frame;
  }

  test('the windows read the aggregate, and three more queries in the same request name the worst routes', () => {
    const plan = planCatalogRefresh([byRoute], AT);
    expect(plan.requests).toHaveLength(1);
    const queries = plan.requests[0].body.queries;
    const fiveMinutes = queries.find((q) => q.refId === 'k0-5m')!;
    expect(fiveMinutes.expr).toBe(
      '1 - (sum((sum by (route) (rate(good[5m]))) or ((sum by (route) (rate(total[5m]))) * 0)) / ' +
        'sum(sum by (route) (rate(total[5m]))))'
    );
    const perRoute = `(${rawErrorRatioExpr(byRoute, parseDuration('30d'), DEFAULT_SCRAPE_INTERVAL_MS)})`;
    expect(queries.filter((q) => /worst|instances|below/.test(q.refId)).map((q) => [q.refId, q.expr])).toEqual([
      ['k0-worst', `topk(3, ${perRoute})`],
      ['k0-instances', `count(${perRoute})`],
      ['k0-below', `count(${perRoute} > 0.001000000001)`], // 0.1 % with the engine's relative 1e-9
    ]);
  });

  test('a row reads "worst: /pay 95.00 %, 2 of 14 routes below target" from the answers', () => {
    const plan = planCatalogRefresh([byRoute], AT);
    const results: DsQueryResponse['results'] = {};
    for (const query of plan.requests[0].body.queries) {
      // 0.59 % errors in every window for the aggregate
      results[query.refId] = { status: 200, frames: [instantFrame(0.0059)] };
    }
    results['k0-worst'] = {
      status: 200,
      frames: [labelledFrame({ route: '/login' }, 0.002), labelledFrame({ route: '/pay' }, 0.05)],
    };
    results['k0-instances'] = { status: 200, frames: [instantFrame(14)] };
    results['k0-below'] = { status: 200, frames: [instantFrame(2)] };
    const [row] = readCatalogResults(plan, new Map([['prometheus/prometheus', { results }]]));
    expect(row.evaluation?.sli).toBeCloseTo(0.9941, 12); // 1 − 0.0059
    expect(row.instances).toEqual({
      worst: [
        { name: '/pay', sli: 0.95 }, // 1 − 0.05
        { name: '/login', sli: 0.998 }, // 1 − 0.002
      ],
      count: 14,
      belowTarget: 2,
    });
  });
});

describe('composite KPIs in the catalog refresh', () => {
  const other = { type: 'prometheus', uid: 'other' };
  const journey: CompositeKpiDefinition = compositeKpi(
    { 'kpi-0': 1, 'kpi-1': 3 },
    { objective: { target: 0.99, window: '30d' } }
  );
  const catalog = [kpi(0), kpi(1, { datasource: other, objective: { target: 0.9, window: '7d' } }), journey];

  /** Every query answered with its member's error ratio: kpi-0 0.1 %, kpi-1 0.5 %. */
  function answer(plan: ReturnType<typeof planCatalogRefresh>): Map<string, DsQueryResponse> {
    const ratioOf = (expr: string) => (expr.includes('total_0') ? 0.001 : 0.005);
    return new Map(
      plan.requests.map((request) => [
        `${request.datasource.type}/${request.datasource.uid}`,
        {
          results: Object.fromEntries(
            request.body.queries.map((q) => [q.refId, { status: 200, frames: [instantFrame(ratioOf(String(q.expr)))] }])
          ),
        },
      ])
    );
  }

  test("plans its members' queries over its own windows, in the one request per data source", () => {
    const plan = planCatalogRefresh([journey], AT, DEFAULT_SCRAPE_INTERVAL_MS, catalog);
    expect(plan.requests.map((r) => r.datasource.uid)).toEqual(['prometheus', 'other']);
    // kpi-1's own window is 7d, but as a member it answers the composite's 30d; its sparkline makes the composite's.
    expect(plan.requests[1].body.queries.map((q) => q.refId)).toEqual(
      ['5m', '30m', '1h', '2h', '6h', '1d', '3d', '30d', 'trend'].map((w) => `k0-m1-${w}`)
    );
  });

  test('reads as the weighted mean of its members: (1 × 0.999 + 3 × 0.995) / 4 = 0.996', () => {
    const plan = planCatalogRefresh(catalog, AT);
    const rows = readCatalogResults(plan, answer(plan));
    const row = rows[2];
    expect(row.kpiId).toBe('journey');
    expect(row.evaluation?.sli).toBeCloseTo(0.996, 12);
    // burn (1 − 0.996) / (1 − 0.99) = 0.4; budget remaining 1 − 0.4 = 0.6
    expect(row.evaluation?.burnRates['1h']).toBeCloseTo(0.4, 12);
    expect(row.evaluation?.budgetRemaining).toBeCloseTo(0.6, 12);
    expect(row.evaluation?.errorBudget).toBeNull();
    // The members' own rows keep their own targets: kpi-1 at 0.5 % errors against 10 % burns at 0.05.
    expect(rows[1].evaluation?.burnRates['1h']).toBeCloseTo(0.05, 12);
  });

  test('its sparkline is the weighted mean of its members’, and a step where one has no SLI has none', () => {
    const plan = planCatalogRefresh(catalog, AT);
    const trend = readCatalogResults(plan, answer(plan))[2].trend!;
    // Each member answers one point, at AT: (1 × 0.999 + 3 × 0.995) / 4 = 0.996; the steps before hold nothing.
    expect(trend.sli[trend.sli.length - 1]).toBeCloseTo(0.996, 12);
    expect(Number.isNaN(trend.sli[0])).toBe(true);
  });

  test('a member whose data source fails fails the composite row, naming the member', () => {
    const plan = planCatalogRefresh([journey], AT, DEFAULT_SCRAPE_INTERVAL_MS, catalog);
    const responses = answer(plan) as Map<string, DsQueryResponse | Error>;
    responses.set('prometheus/other', new Error('bad gateway'));
    expect(readCatalogResults(plan, responses)).toEqual([{ kpiId: 'journey', error: 'member kpi-1: bad gateway' }]);
  });

  test('a member missing from the catalog is an error of the row, not a crash', () => {
    const plan = planCatalogRefresh([journey], AT, DEFAULT_SCRAPE_INTERVAL_MS, [kpi(0), journey]);
    expect(plan.requests).toEqual([]);
    expect(readCatalogResults(plan, new Map())).toEqual([
      { kpiId: 'journey', error: 'its member "kpi-1" is not a valid KPI of this catalog' },
    ]);
  });
});
