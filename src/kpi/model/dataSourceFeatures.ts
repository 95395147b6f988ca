/**
 * What Northstar cannot do for a KPI over each kind of data source, in one place: the one muted line the KPI page,
 * the editor and the panel show comes from here, and docs/data-sources.md's table says the same. PromQL has every
 * feature; SQL lacks the ones built on Prometheus's series, labels and rule files; a type Northstar does not know
 * is read as range frames only, so it lacks what SQL lacks and the generated rules and dashboards besides.
 */
import { queryLanguageOf, type QueryLanguage } from './query';

/** A feature a data source kind may lack, as the note names it. */
export const DATA_SOURCE_FEATURES = {
  recordedRules: 'recorded rules (northstar rules --format prometheus)',
  histogramHeatmap: 'histogram heatmap',
  perLabelBreakdown: 'per-label breakdown (groupBy)',
  grafanaAlertRules: 'Grafana-managed alert rules',
  dashboards: 'generated dashboards',
} as const;

export type DataSourceFeature = keyof typeof DATA_SOURCE_FEATURES;

const MISSING: Readonly<Record<QueryLanguage, readonly DataSourceFeature[]>> = {
  promql: [],
  sql: ['recordedRules', 'histogramHeatmap', 'perLabelBreakdown'],
  opaque: ['recordedRules', 'histogramHeatmap', 'perLabelBreakdown', 'grafanaAlertRules', 'dashboards'],
};

/** The features a KPI over this data source type does not get. */
export function missingFeaturesOf(datasourceType: string): readonly DataSourceFeature[] {
  return MISSING[queryLanguageOf(datasourceType)];
}

/**
 * One short sentence for a KPI over this data source type: what it lacks, and for an unknown type that it is read as
 * range frames only. Undefined for Prometheus, which lacks nothing, and for a KPI without a data source (a
 * composite reads its members').
 */
export function missingFeaturesNote(datasourceType: string | undefined): string | undefined {
  if (datasourceType === undefined) {
    return undefined;
  }
  const missing = missingFeaturesOf(datasourceType).map((feature) => DATA_SOURCE_FEATURES[feature]);
  if (missing.length === 0) {
    return undefined;
  }
  const list = `${missing.slice(0, -1).join(', ')} or ${missing[missing.length - 1]}`;
  return queryLanguageOf(datasourceType) === 'sql'
    ? `Over SQL (${datasourceType}) this KPI has no ${list}.`
    : `${datasourceType} is read as range frames only: this KPI has no ${list}.`;
}
