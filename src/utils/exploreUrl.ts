import type { KpiDefinition } from '../kpi/model';

/**
 * Grafana's Explore with the KPI's own queries on its data source (the `panes` URL of Explore's schema version
 * 1), over the last `range` (a Grafana relative time such as "now-6h").
 */
export function exploreUrl(kpi: KpiDefinition, from = 'now-6h'): string {
  const indicator = kpi.indicator;
  const exprs =
    indicator.type === 'ratio'
      ? [
          { refId: 'good', expr: indicator.good },
          { refId: 'total', expr: indicator.total },
        ]
      : [{ refId: 'value', expr: indicator.query }];
  const panes = {
    kpi: {
      datasource: kpi.datasource.uid,
      queries: exprs.map((query) => ({ ...query, datasource: kpi.datasource })),
      range: { from, to: 'now' },
    },
  };
  return `/explore?schemaVersion=1&panes=${encodeURIComponent(JSON.stringify(panes))}`;
}
