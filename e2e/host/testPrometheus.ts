/**
 * Test-only: a real Prometheus holding two days of synthetic checkout and login traffic up to the current minute,
 * for the host's tests and the browser tests, with the example catalog's rules (demo/ruleFiles.ts, the same as `northstar rules`) loaded and
 * their records backfilled over the two days. The series are the example catalog's
 * (`http_requests_total{job="checkout"}` with `code="200"|"500"`, `login_attempts_total{job="login"}` with
 * `result="success"|"failure"`), so its queries, its recorded series and the built-in scenarios answer with data.
 * `http_requests_by_route_total{job="shop",route=…}` serves per-label KPIs (`indicator.groupBy: [route]`).
 * `shop_carts_total{outcome="ordered"|"abandoned"}`, `shop_revenue_dollars_total` and `shop_cost_dollars_total`
 * serve value KPIs (SHOP_VALUE_KPIS); no spec before them reads these names, so they see what they saw.
 */
import { demoRuleFiles } from '../../demo/ruleFiles';
import type { KpiDefinition, ValueKpiDefinition } from '../../src/kpi/model';
import { startPrometheus, type RunningPrometheus } from '../../src/testing/prometheusServer';
import { counterFamiliesOpenMetrics, type TrafficHour } from '../../src/testing/syntheticTraffic';

const HOURS = 48;

/** Hour by hour: 5 to 15 requests/s with 0.05 % to 0.2 % errors, and a 2 % error burn in the last two hours. */
function checkoutHours(): TrafficHour[] {
  return Array.from({ length: HOURS }, (_, i) =>
    i >= HOURS - 2
      ? { rate: 12, errorRatio: 0.02 }
      : { rate: 5 + ((i * 7) % 11), errorRatio: 0.0005 + (i % 4) * 0.0005 }
  );
}

/** Logins: 2 a second, 0.1 % failing throughout: within the 99.5 % objective, a burn rate of 0.2. */
function loginHours(): TrafficHour[] {
  return Array.from({ length: HOURS }, () => ({ rate: 2, errorRatio: 0.001 }));
}

/**
 * Per route, steady for the two days: /pay 1 request/s at 5 % errors (50x a 99.9 % budget), /api/v1.2 9 a second
 * at 0.1 % (1x). Together 0.59 % of 10 a second fail: 99.41 %. The slashes and the dot are regex metacharacters
 * or PromQL string escapes in some of Grafana's variable formats (e2e/contracts/template-variables.md).
 */
export const ROUTE_TRAFFIC = { '/pay': { rate: 1, errorRatio: 0.05 }, '/api/v1.2': { rate: 9, errorRatio: 0.001 } };

function routeSeries() {
  return Object.entries(ROUTE_TRAFFIC).map(([route, hour]) => ({
    labels: `job="shop",route="${route}"`,
    hours: Array.from({ length: HOURS }, () => hour),
  }));
}

/**
 * The per-label KPI over those routes (e2e/perLabel.spec.ts): its rules run beside the example catalog's, so its
 * records keep the route and the on-call view of every KPI can read it per route.
 */
export const SHOP_ROUTES_KPI: KpiDefinition = {
  id: 'shop-routes',
  version: 1,
  status: 'published',
  name: 'Shop availability per route',
  owner: 'team-shop',
  datasource: { type: 'prometheus', uid: 'prometheus' },
  indicator: {
    type: 'ratio',
    good: 'sum by (route) (rate(http_requests_by_route_total{job="shop",code!~"5.."}[$__rate_interval]))',
    total: 'sum by (route) (rate(http_requests_by_route_total{job="shop"}[$__rate_interval]))',
    groupBy: ['route'],
  },
  // One day: the test Prometheus holds two, so the SLO window is covered.
  objective: { target: 0.999, window: '1d' },
};

/**
 * Carts: 10 a second, 3.2 % ordered, and 2.2 % in the last two hours, the checkout burn (the article's "search
 * latency spike: KPI for conversion rate drops"). Over the last day 22h at 3.2 % and 2h at 2.2 %: about 3.12 %,
 * on track against 3 % but down on the day before's 3.2 %.
 */
export const CART_CONVERSION = { usual: 0.032, duringBurn: 0.022, cartsPerSecond: 10 };

function cartHours(): TrafficHour[] {
  const { usual, duringBurn, cartsPerSecond } = CART_CONVERSION;
  // The "error" share of a cart is that it was abandoned: 1 − conversion.
  return Array.from({ length: HOURS }, (_, i) => ({
    rate: cartsPerSecond,
    errorRatio: 1 - (i >= HOURS - 2 ? duringBurn : usual),
  }));
}

/** Revenue at 25 $ a second; cloud cost at 0.004 $ a second, about 0.40 $ per 1,000 checkout requests. */
export const SHOP_MONEY = { revenuePerSecond: 25, costPerSecond: 0.004 };

function steadyHours(rate: number): TrafficHour[] {
  return Array.from({ length: HOURS }, () => ({ rate, errorRatio: 0 }));
}

const DATASOURCE = { type: 'prometheus', uid: 'prometheus' };

/** Business KPIs over the shop's series: a ratio (higher is better), a monthly total, a cost (lower is better). */
export const SHOP_VALUE_KPIS: ValueKpiDefinition[] = [
  {
    id: 'shop-conversion',
    version: 1,
    status: 'published',
    name: 'Checkout conversion',
    owner: 'team-growth',
    audience: ['executive'],
    datasource: DATASOURCE,
    indicator: {
      type: 'value',
      numerator: 'sum(rate(shop_carts_total{outcome="ordered"}[$__rate_interval]))',
      denominator: 'sum(rate(shop_carts_total[$__rate_interval]))',
      unit: 'percentunit',
    },
    // One day: the test Prometheus holds two, so this day and the one before both have data.
    objective: { direction: 'higher', target: 0.03, warning: 0.028, window: '1d' },
  },
  {
    id: 'shop-revenue',
    version: 1,
    status: 'published',
    name: 'Revenue this month',
    owner: 'team-finance',
    audience: ['executive'],
    datasource: DATASOURCE,
    indicator: {
      type: 'value',
      query: 'sum(rate(shop_revenue_dollars_total[$__rate_interval]))',
      aggregation: 'sum',
      unit: 'currencyUSD',
    },
    objective: { direction: 'higher', target: 50_000_000, window: { calendar: 'month', timeZone: 'UTC' } },
  },
  {
    id: 'shop-cost-per-1k',
    version: 1,
    status: 'published',
    name: 'Cost per 1,000 requests',
    owner: 'team-finops',
    audience: ['executive'],
    datasource: DATASOURCE,
    indicator: {
      type: 'value',
      numerator: '1000 * sum(rate(shop_cost_dollars_total[$__rate_interval]))',
      denominator: 'sum(rate(http_requests_total{job="checkout"}[$__rate_interval]))',
      unit: 'currencyUSD',
    },
    objective: { direction: 'lower', target: 0.45, warning: 0.5, window: '1d' },
  },
];

export function startCheckoutPrometheus(): Promise<RunningPrometheus> {
  const endSec = Math.floor(Date.now() / 60_000) * 60;
  const series = counterFamiliesOpenMetrics(
    [
      { metric: 'http_requests', series: [{ labels: 'job="checkout"', hours: checkoutHours() }] },
      { metric: 'http_requests_by_route', series: routeSeries() },
      {
        metric: 'login_attempts',
        series: [
          { labels: 'job="login"', hours: loginHours(), outcome: { label: 'result', good: 'success', bad: 'failure' } },
        ],
      },
      {
        metric: 'shop_carts',
        series: [
          {
            labels: 'job="shop"',
            hours: cartHours(),
            outcome: { label: 'outcome', good: 'ordered', bad: 'abandoned' },
          },
        ],
      },
      {
        metric: 'shop_revenue_dollars',
        series: [{ labels: 'job="shop"', hours: steadyHours(SHOP_MONEY.revenuePerSecond) }],
      },
      { metric: 'shop_cost_dollars', series: [{ labels: 'job="shop"', hours: steadyHours(SHOP_MONEY.costPerSecond) }] },
    ],
    endSec
  );
  const { rules, base, sums } = demoRuleFiles([SHOP_ROUTES_KPI]);
  return startPrometheus(series, { rules, backfill: { rules: [base, sums], fromSec: endSec - HOURS * 3600 } });
}
