/**
 * A generated catalog of `count` KPIs for benchmarks: SLOs mixing ratio and threshold indicators and, with
 * `valueEvery`, a value KPI in every `valueEvery`-th place, cycling through the demo's four kinds (a conversion
 * rate, a monthly sum, a cost ratio where lower is better, a freshness maximum).
 */
import type { Catalog, CatalogKpi, DatasourceRef, KpiBase, KpiDefinition, ValueKpiDefinition } from '../src/kpi/model';

type SourcedBase = KpiBase & { datasource: DatasourceRef };

export interface GeneratedCatalogOptions {
  /** Every n-th KPI is a value KPI (2: half of them); without it, every KPI is an SLO. */
  valueEvery?: number;
}

function valueKpi(base: SourcedBase, i: number): ValueKpiDefinition {
  const job = `service-${i}`;
  const month = { calendar: 'month' as const, timeZone: 'Europe/Berlin' };
  const kinds: Array<Pick<ValueKpiDefinition, 'indicator' | 'objective'>> = [
    {
      indicator: {
        type: 'value',
        numerator: `sum(rate(orders_total{job="${job}"}[$__rate_interval]))`,
        denominator: `sum(rate(carts_created_total{job="${job}"}[$__rate_interval]))`,
        unit: 'percentunit',
      },
      objective: { direction: 'higher', target: 0.03, warning: 0.028, window: month },
    },
    {
      indicator: {
        type: 'value',
        query: `sum(rate(revenue_dollars_total{job="${job}"}[$__rate_interval]))`,
        aggregation: 'sum',
        unit: 'currencyUSD',
      },
      objective: { direction: 'higher', target: 1_000_000 + i, window: month },
    },
    {
      indicator: {
        type: 'value',
        numerator: `1000 * sum(rate(infrastructure_cost_dollars_total{job="${job}"}[$__rate_interval]))`,
        denominator: `sum(rate(http_requests_total{job="${job}"}[$__rate_interval]))`,
        unit: 'currencyUSD',
      },
      objective: { direction: 'lower', target: 0.075, warning: 0.08, window: '28d' },
    },
    {
      indicator: {
        type: 'value',
        query: `max(demo_data_freshness_seconds{job="${job}"})`,
        aggregation: 'max',
        unit: 's',
      },
      objective: { direction: 'lower', target: 900, warning: 1800, window: '7d' },
    },
  ];
  return { ...base, ...kinds[Math.floor(i / 2) % kinds.length] };
}

function sloKpi(base: SourcedBase, i: number): KpiDefinition {
  const objective = { target: [0.99, 0.995, 0.999][i % 3], window: ['28d', '30d', '7d'][i % 3] };
  if (i % 4 === 3) {
    return {
      ...base,
      objective,
      indicator: {
        type: 'threshold',
        query: `histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job="service-${i}"}[$__rate_interval])))`,
        comparator: '<',
        threshold: 0.3,
        unit: 's',
      },
    };
  }
  return {
    ...base,
    objective,
    indicator: {
      type: 'ratio',
      good: `sum(rate(http_requests_total{job="service-${i}",code!~"5.."}[$__rate_interval]))`,
      total: `sum(rate(http_requests_total{job="service-${i}"}[$__rate_interval]))`,
    },
    alerting: { policy: 'default' },
  };
}

export function generatedCatalog(count: number, { valueEvery }: GeneratedCatalogOptions = {}): Catalog {
  const kpis: CatalogKpi[] = [];
  for (let i = 0; i < count; i++) {
    const base: SourcedBase = {
      id: `service-${i}-kpi`,
      version: 1 + (i % 5),
      status: 'published',
      name: `Service ${i} KPI`,
      description: `Generated KPI number ${i}.`,
      owner: `team-${i % 40}`,
      audience: ['oncall'],
      tags: [`tier-${1 + (i % 3)}`],
      datasource: { type: 'prometheus', uid: 'prometheus' },
      links: { runbook: `https://runbooks.example.com/service-${i}` },
    };
    const isValue = valueEvery !== undefined && i % valueEvery === valueEvery - 1;
    kpis.push(isValue ? valueKpi(base, i) : sloKpi(base, i));
  }
  return { apiVersion: 'northstar.dev/v1', kind: 'KpiCatalog', kpis };
}
