/** KPIs for the dashboard tests: builders that each case clones and changes. */
import type { KpiDefinition } from '../kpi/model';
import { checkoutKpi } from './checkoutKpi';

/** Checkout on the data source "prom-eu", its queries limited to the API routes, with a runbook link. */
export function ratioKpi(overrides: Partial<KpiDefinition> = {}): KpiDefinition {
  return checkoutKpi({
    datasource: { type: 'prometheus', uid: 'prom-eu' },
    indicator: {
      good: 'sum(rate(http_requests_total{job="checkout",code!~"5..",route=~"/api/.*"}[$__rate_interval]))',
      total: 'sum(rate(http_requests_total{job="checkout",route=~"/api/.*"}[$__rate_interval]))',
    },
    alerting: undefined,
    links: { runbook: 'https://runbooks.example.com/checkout' },
    ...overrides,
  });
}

export function latencyKpi(overrides: Partial<KpiDefinition> = {}): KpiDefinition {
  return {
    id: 'search-latency',
    version: 2,
    status: 'published',
    name: 'Search p95 latency',
    owner: 'team-search',
    datasource: { type: 'prometheus', uid: 'prom-eu' },
    indicator: {
      type: 'threshold',
      query:
        'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job="search"}[$__rate_interval])))',
      comparator: '<',
      threshold: 0.3,
      unit: 's',
    },
    objective: { target: 0.99, window: '7d' },
    ...overrides,
  };
}

/** Checkout per route (`indicator.groupBy: [route]`), both queries `sum by (route)`. */
export function perRouteKpi(overrides: Partial<KpiDefinition> = {}): KpiDefinition {
  return ratioKpi({
    id: 'checkout-routes',
    name: 'Checkout per route',
    indicator: {
      type: 'ratio',
      good: 'sum by (route) (rate(http_requests_total{job="checkout",code!~"5.."}[$__rate_interval]))',
      total: 'sum by (route) (rate(http_requests_total{job="checkout"}[$__rate_interval]))',
      groupBy: ['route'],
    },
    ...overrides,
  });
}
