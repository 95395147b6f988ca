/** KPIs of every indicator type, and the round trip through OpenSLO, that the OpenSLO tests share. */
import { CATALOG_API_VERSION, CATALOG_KIND, type Catalog, type KpiDefinition } from '../../model';
import { checkoutKpi } from '../../../testing/checkoutKpi';
import { catalogToOpenSlo } from './export';
import { openSloToCatalog } from './import';

export const GOOD = 'sum(rate(http_requests_total{job="checkout",code!~"5.."}[$__rate_interval]))';
export const TOTAL = 'sum(rate(http_requests_total{job="checkout"}[$__rate_interval]))';
export const P95 =
  'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[$__rate_interval])))';

export function baseKpi(): KpiDefinition {
  return checkoutKpi({
    audience: ['executive', 'oncall'],
    decision: 'Freeze risky releases when less than 25 % of the error budget is left.',
    tags: ['tier-1', 'payments'],
    datasource: { type: 'prometheus', uid: 'prom-eu-13' },
    indicator: { good: GOOD, total: TOTAL },
    objective: { target: 0.9993, window: '28d' },
    links: { runbook: 'https://runbooks.example/checkout', dashboard: 'https://grafana.example/d/checkout' },
  });
}

export function thresholdKpi(): KpiDefinition {
  return {
    ...baseKpi(),
    id: 'checkout-latency',
    name: 'Checkout p95 latency',
    indicator: { type: 'threshold', query: P95, comparator: '<', threshold: 0.311, unit: 's' },
    objective: { target: 0.97, window: '7d' },
  };
}

export function timesliceKpi(): KpiDefinition {
  return {
    ...thresholdKpi(),
    id: 'signup-conversion',
    name: 'Signup conversion',
    indicator: {
      type: 'timeslice',
      query: 'sum(rate(signups[1h])) / sum(rate(visits[1h]))',
      comparator: '>=',
      threshold: 0.03,
      unit: 'percentunit',
      slice: '11m',
    },
  };
}

export function minimalKpi(): KpiDefinition {
  const { id, version, status, name, owner, datasource, indicator, objective } = baseKpi();
  return { id, version, status, name, owner, datasource, indicator, objective };
}

export function catalogOf(...kpis: KpiDefinition[]): Catalog {
  return { apiVersion: CATALOG_API_VERSION, kind: CATALOG_KIND, kpis };
}

export function roundTrip(catalog: Catalog) {
  return openSloToCatalog(catalogToOpenSlo(catalog));
}
