/**
 * Panel and query shapes the three dashboards share: Prometheus targets, the Northstar KPI panel for a catalog
 * KPI, target lines, Explore links. Text from the catalog goes into titles and descriptions as plain strings.
 */
import type { DashboardLink, DataSourceRef, FieldConfigSource, Panel } from '@grafana/schema';
import { baseStepMs, memberOverCompositeWindows, rangeStepMs } from '../kpi/evaluate';
import { coveringRangeMs, DEFAULT_SCRAPE_INTERVAL_MS, formatDuration, grafanaRange } from '../kpi/time';
import { type CompositeKpiDefinition, type KpiDefinition, type KpiQuery, queryLanguageOf, sqlOf } from '../kpi/model';
import { kpiIdVariableMatcher, offGridCountQueries, recordedGoodExpr, recordedTotalExpr } from '../kpi/promql';
import {
  defaultKpiPanelOptions,
  type KpiPanelOptions,
  type KpiPanelView,
  memberRefIdPrefix,
  memberRefIds,
} from '../reading';
import type { Unplaced } from './layout';
import { kpiQueryTexts, pickedInstancesExpr } from './promql';
import { KPI_VARIABLE } from './variables';

export const NORTHSTAR_PANEL_TYPE = 'northstar-kpi-panel';
/** How many points the Northstar panel asks for across the SLO window: enough for its shortest windows. */
const NORTHSTAR_MAX_DATA_POINTS = 11_000;

/** A Prometheus query of a panel, with its own data source as Grafana stores it. */
export interface PrometheusTarget {
  [key: string]: unknown;
  refId: string;
  datasource: DataSourceRef;
  expr: string;
  legendFormat?: string;
  instant?: boolean;
  range?: boolean;
  format?: 'time_series' | 'table' | 'heatmap';
  editorMode: 'code';
}

export function promTarget(
  refId: string,
  datasource: DataSourceRef,
  expr: string,
  extra: Partial<Omit<PrometheusTarget, 'refId' | 'datasource' | 'expr'>> = {}
): PrometheusTarget {
  return { refId, datasource, expr, editorMode: 'code', range: true, ...extra };
}

/** The KPI's own queries as the Northstar panel reads them: good A and total B, or the value A. */
export function kpiTargets(kpi: KpiDefinition, datasource: DataSourceRef): PrometheusTarget[] {
  const [first, second] = kpiQueryTexts(kpi);
  if (kpi.indicator.type === 'ratio') {
    return [
      promTarget(defaultKpiPanelOptions.goodRefId, datasource, first, { legendFormat: 'good' }),
      promTarget(defaultKpiPanelOptions.totalRefId, datasource, second, { legendFormat: 'total' }),
    ];
  }
  return [promTarget(defaultKpiPanelOptions.valueRefId, datasource, first, { legendFormat: 'value' })];
}

/** A SQL query of a panel, as Grafana's SQL data sources (PostgreSQL, MySQL) store it. */
export interface SqlTarget {
  [key: string]: unknown;
  refId: string;
  datasource: DataSourceRef;
  rawSql: string;
  format: 'time_series' | 'table';
  editorMode: 'code';
  hide?: boolean;
}

/** The SQL query object of the indicator's `field` as a target; an error naming the KPI and field when it is not one. */
export function sqlTarget(
  refId: string,
  datasource: DataSourceRef,
  query: KpiQuery,
  field: string,
  kpiId: string
): SqlTarget {
  const sql = sqlOf(query);
  if (!sql) {
    throw new Error(`${kpiId}: indicator.${field} is not a SQL query object ({ rawSql, format })`);
  }
  return { refId, datasource, rawSql: sql.rawSql, format: sql.format, editorMode: 'code' };
}

/** The KPI's SQL under the refIds the Northstar panel reads (good A and total B, or the value A). */
export function kpiSqlTargets(kpi: KpiDefinition, datasource: DataSourceRef): SqlTarget[] {
  const indicator = kpi.indicator;
  if (indicator.type === 'ratio') {
    return [
      sqlTarget(defaultKpiPanelOptions.goodRefId, datasource, indicator.good, 'good', kpi.id),
      sqlTarget(defaultKpiPanelOptions.totalRefId, datasource, indicator.total, 'total', kpi.id),
    ];
  }
  return [sqlTarget(defaultKpiPanelOptions.valueRefId, datasource, indicator.query, 'query', kpi.id)];
}

interface NorthstarTargetsOptions {
  scrapeIntervalMs: number;
  spanMs: number;
  filtered?: boolean;
  queries?: PrometheusTarget[];
  countPrefix?: string;
}

/**
 * What the Northstar panel queries for a catalog KPI: its own queries, and when the SLO window is too long for a
 * step its shortest windows fit in, that coarser step as the queries' minimum interval (so Grafana picks it and
 * no other) and the windows off that grid as instant counts (windowCounts.ts). A composite's member passes its
 * queries under its own refIds and the prefix its counts go under (`m0-good@5m`).
 */
function northstarTargets(
  kpi: KpiDefinition,
  datasource: DataSourceRef,
  {
    scrapeIntervalMs,
    spanMs,
    filtered = false,
    queries = kpiTargets(kpi, datasource),
    countPrefix = '',
  }: NorthstarTargetsOptions
): PrometheusTarget[] {
  const pick = (expr: string, range: string) => (filtered ? pickedInstancesExpr(kpi, expr, range) : expr);
  const stepMs = rangeStepMs(kpi, spanMs);
  // The filter's range covers each step, as the rate of the user's query does.
  const range = queries.map((target) => ({
    ...target,
    expr: pick(target.expr, '$__rate_interval'),
    ...(stepMs === baseStepMs(kpi) ? {} : { interval: formatDuration(stepMs) }),
  }));
  // A dashboard runs for ever: its counts cannot know the maintenance windows of the span they will be asked for.
  const counts = offGridCountQueries(kpi, stepMs, scrapeIntervalMs).map(({ refId, expr, windowMs }) =>
    promTarget(`${countPrefix}${refId}`, datasource, pick(expr, formatDuration(windowMs)), {
      instant: true,
      range: false,
    })
  );
  return [...range, ...counts];
}

export interface NorthstarPanelOptions {
  scrapeIntervalMs?: number;
  /** How far back the panel reads: the KPI's covering range unless said (the executive view reaches back a period). */
  spanMs?: number;
  /**
   * A per-label KPI on a dashboard with its instance variables (`$route`): the panel reads the instances they
   * pick (pickedInstancesExpr), the KPI as a whole for All.
   */
  filtered?: boolean;
}

/**
 * The Northstar KPI panel showing a catalog KPI in one view. Its time range is the SLO window whatever the
 * dashboard's range, because budget and burn rates are judged over the whole window. Over PromQL it reads
 * northstarTargets; over SQL the KPI's own queries, counts per bucket (src/reading), with the step every policy
 * window fits as the panel's minimum interval, since SQL has no instant counts for the windows off the grid.
 */
export function northstarPanel(
  kpi: KpiDefinition,
  view: KpiPanelView,
  title: string,
  datasource: DataSourceRef,
  size: { w: number; h: number },
  {
    scrapeIntervalMs = DEFAULT_SCRAPE_INTERVAL_MS,
    spanMs = coveringRangeMs(kpi),
    filtered = false,
  }: NorthstarPanelOptions = {}
): Unplaced<Panel> {
  const sql = queryLanguageOf(kpi.datasource.type) === 'sql';
  const panel = northstarPanelOf(
    { view, kpiId: kpi.id, queries: 'kpi' },
    {
      title,
      description: kpi.description ?? '',
      datasource,
      targets: sql
        ? kpiSqlTargets(kpi, datasource)
        : northstarTargets(kpi, datasource, { scrapeIntervalMs, spanMs, filtered }),
    },
    grafanaRange(spanMs),
    size
  );
  return sql ? { ...panel, interval: formatDuration(rangeStepMs(kpi, spanMs)) } : panel;
}

/**
 * The Northstar KPI panel of a composite: its members' own queries, each on the member's data source, under the
 * refIds the panel reads a member from (`m0-good`, `m0-total`, `m1-value`, …; kpiSpec.ts). Each member is read
 * over the composite's windows, so a long composite window pins each member's step and adds its instant counts
 * as northstarPanel does for a KPI.
 */
export function compositeNorthstarPanel(
  composite: CompositeKpiDefinition,
  members: ReadonlyArray<{ kpi: KpiDefinition }>,
  title: string,
  datasourceOf: (kpi: KpiDefinition) => DataSourceRef,
  size: { w: number; h: number },
  {
    view = 'stat',
    scrapeIntervalMs = DEFAULT_SCRAPE_INTERVAL_MS,
  }: { view?: KpiPanelView; scrapeIntervalMs?: number } = {}
): Unplaced<Panel> {
  const spanMs = coveringRangeMs(composite);
  const targets = members.flatMap(({ kpi }, index) => {
    const datasource = datasourceOf(kpi);
    const refIds = memberRefIds(kpi, index);
    const queries = kpiTargets(kpi, datasource).map((target, i) => ({ ...target, refId: refIds[i] }));
    return northstarTargets(memberOverCompositeWindows(kpi, composite), datasource, {
      scrapeIntervalMs,
      spanMs,
      queries,
      countPrefix: memberRefIdPrefix(index),
    });
  });
  return northstarPanelOf(
    { view, kpiId: composite.id, queries: 'kpi' },
    { title, description: composite.description ?? '', datasource: MIXED_DATASOURCE, targets },
    grafanaRange(spanMs),
    size
  );
}

/**
 * The Northstar KPI panel for whichever KPI the `kpi` variable holds, reading that KPI's recorded series. Its time
 * range `timeFrom` should cover the longest SLO window among the KPIs: a longer range only adds data the panel
 * does not need, a shorter one makes it warn.
 */
export function recordedNorthstarPanel(
  view: KpiPanelView,
  title: string,
  datasource: DataSourceRef,
  timeFrom: string,
  size: { w: number; h: number }
): Unplaced<Panel> {
  const matcher = kpiIdVariableMatcher(KPI_VARIABLE);
  return northstarPanelOf(
    { view, kpiId: `\${${KPI_VARIABLE}}`, queries: 'recorded' },
    {
      title,
      description: 'The KPI the KPI variable holds, from the series northstar rules records for it.',
      datasource,
      targets: [
        promTarget(defaultKpiPanelOptions.goodRefId, datasource, recordedGoodExpr(matcher), { legendFormat: 'good' }),
        promTarget(defaultKpiPanelOptions.totalRefId, datasource, recordedTotalExpr(matcher), {
          legendFormat: 'total',
        }),
      ],
    },
    timeFrom,
    size
  );
}

export function northstarPanelOf(
  choice: Pick<KpiPanelOptions, 'view' | 'kpiId' | 'queries'>,
  panel: Pick<Panel, 'title' | 'description' | 'datasource' | 'targets'>,
  timeFrom: string,
  size: { w: number; h: number }
): Unplaced<Panel> {
  const options: KpiPanelOptions = { ...defaultKpiPanelOptions, source: 'catalog', ...choice };
  return {
    type: NORTHSTAR_PANEL_TYPE,
    ...panel,
    timeFrom,
    hideTimeOverride: false,
    maxDataPoints: NORTHSTAR_MAX_DATA_POINTS,
    options: { ...options },
    fieldConfig: { defaults: {}, overrides: [] },
    size,
  };
}

/** Field config with a unit and colour thresholds (`steps[0]` is the base colour). */
export function fieldConfig(
  unit: string,
  steps: Array<{ color: string; value: number | null }>,
  extra: Record<string, unknown> = {},
  custom: Record<string, unknown> = {}
): FieldConfigSource {
  return {
    defaults: {
      unit,
      thresholds: { mode: 'absolute' as FieldThresholdMode, steps },
      color: { mode: 'thresholds' as FieldColorMode },
      custom,
      ...extra,
    },
    overrides: [],
  };
}

// The schema's enums are declared, not exported as values here; the JSON stores their string values.
type FieldThresholdMode = NonNullable<NonNullable<FieldConfigSource['defaults']['thresholds']>['mode']>;
type FieldColorMode = NonNullable<NonNullable<FieldConfigSource['defaults']['color']>['mode']>;

/** A stat panel's options: the newest value, coloured by the thresholds, centred. */
export const STAT_OPTIONS = {
  reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
  colorMode: 'value',
  graphMode: 'none',
  textMode: 'value',
  justifyMode: 'center',
  orientation: 'auto',
};

/** A time series panel's options: a legend list below, and every series in the tooltip. */
export const TIMESERIES_OPTIONS = {
  legend: { showLegend: true, displayMode: 'list', placement: 'bottom' },
  tooltip: { mode: 'multi', sort: 'none' },
};

/** Grafana's pseudo data source for panels whose queries each name their own. */
export const MIXED_DATASOURCE: DataSourceRef = { type: 'datasource', uid: '-- Mixed --' };

/** 0.999 → "99.9 %", without float noise. */
export function percentText(share: number): string {
  return `${Number((share * 100).toPrecision(12))} %`;
}

/** A unit for a KPI's SLI: shares are shown as percentages. */
export const SLI_UNIT = 'percentunit';

/**
 * A link to Explore with the given queries on a data source (Grafana's `panes` URL state), over the last hour.
 */
export function exploreUrl(datasourceUid: string, queries: ReadonlyArray<{ refId: string; expr: string }>): string {
  const pane = {
    datasource: datasourceUid,
    queries: queries.map((query) => ({ refId: query.refId, expr: query.expr, datasource: { uid: datasourceUid } })),
    range: { from: 'now-1h', to: 'now' },
  };
  return `/explore?schemaVersion=1&panes=${encodeURIComponent(JSON.stringify({ nsk: pane }))}&orgId=1`;
}

/** A panel link (Grafana stores panel links in the dashboard link shape) opening in a new tab. */
export function panelLink(title: string, url: string): DashboardLink {
  return {
    title,
    url,
    type: 'link',
    icon: 'external link',
    tooltip: '',
    tags: [],
    asDropdown: false,
    includeVars: false,
    keepTime: false,
    targetBlank: true,
  };
}

/** A runbook link only when it is http or https: catalogs are text, and a `javascript:` URL is not a runbook. */
export function safeHttpUrl(url: string | undefined): string | undefined {
  if (!url) {
    return undefined;
  }
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}
