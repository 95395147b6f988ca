import type { KpiDefinition, KpiQuery } from '../kpi/model';

/**
 * Grafana's Explore with the KPI's own queries on its data source (the `panes` URL of Explore's schema version
 * 1), over the last `range` (a Grafana relative time such as "now-6h").
 */
export function exploreUrl(kpi: KpiDefinition, from = 'now-6h'): string {
  const indicator = kpi.indicator;
  const fields: Array<[string, KpiQuery]> =
    indicator.type === 'ratio'
      ? [
          ['good', indicator.good],
          ['total', indicator.total],
        ]
      : [['value', indicator.query]];
  // A query object is the data source's own model (SQL's rawSql and format): Explore opens it in that editor.
  const exprs = fields.map(([refId, query]) => ({ refId, ...(typeof query === 'string' ? { expr: query } : query) }));
  const panes = {
    kpi: {
      datasource: kpi.datasource.uid,
      queries: exprs.map((query) => ({ ...query, datasource: kpi.datasource })),
      range: { from, to: 'now' },
    },
  };
  return `/explore?schemaVersion=1&panes=${encodeURIComponent(JSON.stringify(panes))}`;
}
