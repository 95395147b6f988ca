/** A generated catalog of `count` KPIs mixing ratio, threshold and timeslice indicators, for benchmarks. */
import type { Catalog, KpiDefinition } from '../src/kpi/model';

export function generatedCatalog(count: number): Catalog {
  const kpis: KpiDefinition[] = [];
  for (let i = 0; i < count; i++) {
    const base = {
      id: `service-${i}-kpi`,
      version: 1 + (i % 5),
      status: 'published' as const,
      name: `Service ${i} KPI`,
      description: `Generated KPI number ${i}.`,
      owner: `team-${i % 40}`,
      audience: ['oncall' as const],
      tags: [`tier-${1 + (i % 3)}`],
      datasource: { type: 'prometheus', uid: 'prometheus' },
      objective: { target: [0.99, 0.995, 0.999][i % 3], window: ['28d', '30d', '7d'][i % 3] },
      links: { runbook: `https://runbooks.example.com/service-${i}` },
    };
    if (i % 4 === 3) {
      kpis.push({
        ...base,
        indicator: {
          type: 'threshold',
          query: `histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job="service-${i}"}[$__rate_interval])))`,
          comparator: '<',
          threshold: 0.3,
          unit: 's',
        },
      });
    } else {
      kpis.push({
        ...base,
        indicator: {
          type: 'ratio',
          good: `sum(rate(http_requests_total{job="service-${i}",code!~"5.."}[$__rate_interval]))`,
          total: `sum(rate(http_requests_total{job="service-${i}"}[$__rate_interval]))`,
        },
        alerting: { policy: 'default' },
      });
    }
  }
  return { apiVersion: 'northstar.dev/v1', kind: 'KpiCatalog', kpis };
}
