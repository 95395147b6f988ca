import { of } from 'rxjs';
import type { DataFrameJSON } from '@grafana/data';
import { valuePeriodsAt } from '../kpi/evaluate';
import type { KpiDefinition, ValueKpiDefinition } from '../kpi/model';
import { planCatalogRefresh, readCatalogResults, TREND_STEP_MS, type DsQueryResponse } from './catalogQuery';
import {
  fetchValueReading,
  isPlannedValueRange,
  planValueRange,
  readValueRange,
  valueRangeStartMs,
} from './valueRangeQuery';
import { checkoutConversionKpi } from '../testing/valueKpis';

const mockFetch = jest.fn();
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ fetch: mockFetch }),
}));

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** 25 Nov 2026, 12:07 UTC: not on any step, as a refresh never is. */
const AT = Date.UTC(2026, 10, 25, 12, 7);
const BERLIN_MONTH = { calendar: 'month' as const, timeZone: 'Europe/Berlin' };

const conversion = checkoutConversionKpi({ window: BERLIN_MONTH });

const availability: KpiDefinition = {
  id: 'availability',
  name: 'Availability',
  version: 1,
  status: 'published',
  owner: 'sre',
  datasource: { type: 'prometheus', uid: 'prometheus' },
  indicator: { type: 'ratio', good: 'sum(rate(good[$__rate_interval]))', total: 'sum(rate(total[$__rate_interval]))' },
  objective: { target: 0.999, window: '30d' },
};

/** A range answer as Grafana frames it: one Time and one Value field, `interval` on the time field. */
function rangeFrame(times: number[], values: number[], stepMs: number): DataFrameJSON {
  return {
    schema: {
      fields: [
        { name: 'Time', type: 'time' as never, config: { interval: stepMs } },
        { name: 'Value', type: 'number' as never },
      ],
    },
    data: { values: [times, values] },
  };
}

/** Every slot of the grid valuePeriodsAt reads, with `value(t)` at each. */
function answerGrid(kpi: ValueKpiDefinition, atMs: number, stepMs: number, value: (t: number) => number) {
  const { grid } = valuePeriodsAt(kpi.objective.window, atMs, stepMs);
  const times = Array.from({ length: grid.length }, (_, i) => grid.startMs + i * stepMs);
  return rangeFrame(times, times.map(value), stepMs);
}

describe('one step for one KPI: the catalog’s row and the KPI page ask for the same', () => {
  const stepsAsked = (requestQueries: readonly object[], refIdPrefix: string) =>
    requestQueries
      .filter((query) => 'refId' in query && String(query.refId).startsWith(refIdPrefix))
      .map((query) => ({
        intervalMs: (query as { intervalMs: number }).intervalMs,
        utcOffsetSec: (query as { utcOffsetSec: number }).utcOffsetSec,
      }));

  test.each<[string, ValueKpiDefinition['objective']['window']]>([
    ['a Berlin month', BERLIN_MONTH],
    ['a Kathmandu quarter', { calendar: 'quarter', timeZone: 'Asia/Kathmandu' }],
    ['a rolling 28d', '28d'],
  ])('%s, beside a Kathmandu quarter that stretches the catalog’s range', async (_, window) => {
    const kpi = { ...conversion, objective: { ...conversion.objective, window } };
    const quarter = {
      ...conversion,
      id: 'q',
      objective: { ...conversion.objective, window: { calendar: 'quarter' as const, timeZone: 'Asia/Kathmandu' } },
    };
    const catalogQueries = planCatalogRefresh([kpi, quarter, availability], AT).requests[0].body.queries;

    mockFetch.mockReset();
    mockFetch.mockReturnValue(of({ data: { results: {} }, status: 200 }));
    await fetchValueReading(kpi, AT);
    const pageQueries = mockFetch.mock.calls[0][0].data.queries;

    const fromCatalog = stepsAsked(catalogQueries, 'k0-');
    expect(fromCatalog).toHaveLength(2);
    expect(stepsAsked(pageQueries, '')).toEqual(fromCatalog);
  });

  test('a Kathmandu quarter evaluates: 3h steps on its midnights, read up to 09:15 UTC', () => {
    const window = { calendar: 'quarter' as const, timeZone: 'Asia/Kathmandu' };
    const kpi = { ...conversion, objective: { ...conversion.objective, window } };
    const plan = planValueRange(kpi, { fromMs: valueRangeStartMs(kpi, AT), toMs: AT });
    if (!isPlannedValueRange(plan)) {
      throw new Error(plan.error);
    }
    expect(plan).toMatchObject({ stepMs: 3 * HOUR, utcOffsetSec: 20_700, atMs: Date.UTC(2026, 10, 25, 9, 15) });
    // Orders 0.3/s against 10 carts/s through the quarter before (from 30 Jun 18:15 UTC), 0.4/s since 30 Sep 18:15.
    const quarterStart = Date.UTC(2026, 8, 30, 18, 15);
    const answer = (refId: string) =>
      answerGrid(kpi, plan.atMs, 3 * HOUR, (t) => (refId === 'denominator' ? 10 : t > quarterStart ? 0.4 : 0.3));
    const reading = readValueRange(plan, {
      results: { numerator: { frames: [answer('numerator')] }, denominator: { frames: [answer('denominator')] } },
    });
    if (reading instanceof Error) {
      throw reading;
    }
    expect(reading.evaluation.value).toBeCloseTo(0.04, 12);
    expect(reading.evaluation.previousValue).toBeCloseTo(0.03, 12);
    expect(reading.evaluation.period).toMatchObject({ startMs: quarterStart, endMs: Date.UTC(2026, 11, 31, 18, 15) });
  });
});

describe('planValueRange', () => {
  test('the user’s queries as written, at the step as intervalMs, no min step, maxDataPoints past range / step', () => {
    const range = { fromMs: valueRangeStartMs(conversion, AT), toMs: AT };
    const plan = planValueRange(conversion, range, { refIdPrefix: 'k4-' });
    if (!isPlannedValueRange(plan)) {
      throw new Error(plan.error);
    }
    expect(plan.stepMs).toBe(HOUR);
    expect(plan.atMs).toBe(Date.UTC(2026, 10, 25, 12, 0));
    expect(plan.queries.map(({ refId, expr }) => [refId, expr])).toEqual([
      ['k4-numerator', 'sum(rate(orders_total[$__rate_interval]))'],
      ['k4-denominator', 'sum(rate(carts_created_total[$__rate_interval]))'],
    ]);
    for (const query of plan.queries) {
      expect(query).toMatchObject({ range: true, instant: false, intervalMs: HOUR, utcOffsetSec: 3600 });
      expect(query.interval).toBeUndefined();
      // Grafana takes the step from intervalMs only while range / maxDataPoints stays below it.
      expect((range.toMs - range.fromMs) / query.maxDataPoints).toBeLessThan(HOUR);
    }
  });
});

describe('fetchValueReading', () => {
  beforeEach(() => mockFetch.mockReset());

  test('one request over both periods, read into this month’s conversion against last month’s', async () => {
    // This November: 3.5 % from an orders rate of 0.35/s against 10 carts/s; October 2 %.
    const novemberStart = Date.UTC(2026, 9, 31, 23);
    mockFetch.mockImplementation((request: { data: { queries: Array<{ refId: string }> } }) => {
      const results: DsQueryResponse['results'] = {};
      for (const { refId } of request.data.queries) {
        const value = (t: number) => (refId === 'denominator' ? 10 : t > novemberStart ? 0.35 : 0.2);
        results[refId] = { frames: [answerGrid(conversion, Date.UTC(2026, 10, 25, 12), HOUR, value)] };
      }
      return of({ data: { results }, status: 200 });
    });
    const reading = await fetchValueReading(conversion, AT);
    expect(mockFetch).toHaveBeenCalledTimes(1);
    if (reading instanceof Error) {
      throw reading;
    }
    expect(reading.evaluation.status).toBe('on-track');
    expect(reading.evaluation.value).toBeCloseTo(0.035, 12);
    expect(reading.evaluation.previousValue).toBeCloseTo(0.02, 12);
    expect(reading.evaluation.period.label).toBe('this month');
  });
});

describe('value KPIs in the catalog refresh', () => {
  const revenue: ValueKpiDefinition = {
    ...conversion,
    id: 'revenue',
    datasource: { type: 'prometheus', uid: 'billing' },
    indicator: {
      type: 'value',
      query: 'sum(rate(revenue_dollars_total[$__rate_interval]))',
      aggregation: 'sum',
      unit: 'currencyUSD',
    },
    objective: { direction: 'higher', target: 1_000_000, window: { calendar: 'month', timeZone: 'UTC' } },
  };

  test('join the SLOs in one request per data source, reaching back to the previous period', () => {
    const plan = planCatalogRefresh([availability, conversion, revenue], AT);
    expect(plan.requests).toHaveLength(2);
    const [prometheus, billing] = plan.requests;
    const refIds = prometheus.body.queries.map((query) => query.refId);
    expect(refIds).toEqual(expect.arrayContaining(['k0-trend', 'k1-numerator', 'k1-denominator']));
    expect(billing.body.queries.map((query) => query.refId)).toEqual(['k2-query']);
    expect(Number(prometheus.body.from)).toBeLessThanOrEqual(Date.UTC(2026, 8, 30, 22));
    // The SLO's trend keeps its 6h step over the longer range.
    const trend = prometheus.body.queries.find((query) => query.refId === 'k0-trend')!;
    const rangeMs = AT - Number(prometheus.body.from);
    expect(rangeMs / trend.maxDataPoints).toBeLessThanOrEqual(TREND_STEP_MS);
  });

  test('a catalog without value KPIs asks the same 7 days as before', () => {
    const [request] = planCatalogRefresh([availability], AT).requests;
    expect(AT - Number(request.body.from)).toBe(7 * DAY);
    expect(request.body.queries.find((query) => query.refId === 'k0-trend')?.maxDataPoints).toBe(28);
  });

  test('read into a value row; a refused query fails that row only, naming the field', () => {
    const plan = planCatalogRefresh([conversion, revenue], AT);
    const conversionAnswer: DsQueryResponse = {
      results: {
        'k0-numerator': { frames: [answerGrid(conversion, Date.UTC(2026, 10, 25, 12), HOUR, () => 0.25)] },
        'k0-denominator': { frames: [answerGrid(conversion, Date.UTC(2026, 10, 25, 12), HOUR, () => 10)] },
      },
    };
    const billingAnswer: DsQueryResponse = { results: { 'k1-query': { status: 400, error: 'bad_data: parse error' } } };
    const rows = readCatalogResults(
      plan,
      new Map([
        ['prometheus/prometheus', conversionAnswer],
        ['prometheus/billing', billingAnswer],
      ])
    );
    // 2.5 %: below the 3 % target and the 2.8 % warning.
    expect(rows[0].value?.evaluation.status).toBe('off-track');
    expect(rows[0].value?.evaluation.value).toBeCloseTo(0.025, 12);
    expect(rows[1]).toEqual({ kpiId: 'revenue', error: 'indicator.query: bad_data: parse error' });
  });
});
