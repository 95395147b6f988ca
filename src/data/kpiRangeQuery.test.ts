import type { KpiDefinition } from '../kpi/model';
import { checkoutKpi } from '../testing/checkoutKpi';
import { paymentSuccessSqlKpi } from '../testing/shopSqlKpis';
import { planKpiRange } from './kpiRangeQuery';

const AT_MS = Date.UTC(2026, 11, 1, 12);
const DAY_MS = 86_400_000;

const checkout = (window: KpiDefinition['objective']['window']): KpiDefinition =>
  checkoutKpi({
    datasource: { type: 'prometheus', uid: 'prom-eu' },
    indicator: {
      good: 'sum(rate(http_requests_total{job="checkout",code!~"5.."}[$__rate_interval]))',
      total: 'sum(rate(http_requests_total{job="checkout"}[$__rate_interval]))',
    },
    objective: { window },
  });

describe('the KPI page plans one request for the whole SLO window', () => {
  test('28d: good and total at 5m steps, 8,064 points, nothing else', () => {
    const plan = planKpiRange(checkout('28d'), AT_MS);
    expect(plan.stepMs).toBe(300_000);
    expect(plan.fromMs).toBe(AT_MS - 28 * DAY_MS);
    // The step goes as intervalMs with a point budget above 28d / 5m, so Grafana keeps it; no min step.
    expect(plan.queries.map((q) => [q.refId, q.range, q.intervalMs, q.interval, q.maxDataPoints])).toEqual([
      ['good', true, 300_000, undefined, 8065],
      ['total', true, 300_000, undefined, 8065],
    ]);
  });

  test('1d: back 3d, the longest window of its default policy, so the burn-rate table reads every window whole', () => {
    const plan = planKpiRange(checkout('1d'), AT_MS);
    expect(plan.fromMs).toBe(AT_MS - 3 * DAY_MS);
    const sql = planKpiRange(paymentSuccessSqlKpi({ window: '1d' }), AT_MS);
    expect(sql.fromMs).toBe(AT_MS - 3 * DAY_MS);
    // Every range query's point budget covers the 3 days at the step, so Grafana keeps it.
    for (const query of sql.queries) {
      expect(query.maxDataPoints).toBeGreaterThanOrEqual((3 * DAY_MS) / sql.stepMs);
    }
  });

  test('90d: 15m steps, and the 5m window as two instant counts of events, in the same request', () => {
    const plan = planKpiRange(checkout('90d'), AT_MS);
    expect(plan.stepMs).toBe(900_000);
    const instants = plan.queries.filter((q) => q.instant);
    expect(instants.map((q) => [q.refId, q.expr, q.datasource.uid])).toEqual([
      ['good@5m', '((sum(rate(http_requests_total{job="checkout",code!~"5.."}[5m]))) or vector(0)) * 300', 'prom-eu'],
      ['total@5m', '(sum(rate(http_requests_total{job="checkout"}[5m]))) * 300', 'prom-eu'],
    ]);
    // 90d / 15m = 8,640 points: under Prometheus' 11,000; the budget one above, so Grafana keeps the step.
    expect(plan.queries.filter((q) => q.range).map((q) => q.maxDataPoints)).toEqual([8641, 8641]);
  });

  test('a threshold KPI over a quarter counts good slices and all slices', () => {
    const latency: KpiDefinition = {
      ...checkout({ calendar: 'quarter', timeZone: 'Europe/Berlin' }),
      indicator: {
        type: 'timeslice',
        query: 'histogram_quantile(0.95, sum by (le) (rate(latency_bucket[$__rate_interval])))',
        comparator: '<',
        threshold: 0.3,
        slice: '5m',
      },
    };
    const plan = planKpiRange(latency, AT_MS);
    // 92d + 1h (the longest quarter) at 5m slices is 26,508 points: 15m steps, so the 5m window is off the grid.
    expect(plan.stepMs).toBe(900_000);
    const instants = plan.queries.filter((q) => q.instant).map((q) => q.expr);
    expect(instants).toHaveLength(2);
    expect(instants[0]).toMatch(/^sum_over_time\(\(.* < bool 0\.3\)\[5m:5m\]\)$/);
    expect(instants[1]).toMatch(/^count_over_time\(\(.* < bool 0\.3\)\[5m:5m\]\)$/);
  });
});
