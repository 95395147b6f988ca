/**
 * The debug dashboard of one KPI: where its errors come from. The Northstar panel for the headline, the KPI's raw
 * queries (with Explore links), a latency heatmap for every histogram the queries read, the error ratio broken
 * down by each label the queries filter on, and the logs of the service when Grafana has a Loki data source.
 * Panels without material are left out: no histogram, no heatmap; no label to break down by, no breakdown.
 */
import type { DataSourceRef, Panel } from '@grafana/schema';
import type { ResolvedMembers } from '../kpi/evaluate';
import type { CompositeKpiDefinition, KpiDefinition } from '../kpi/model';
import { dashboardLink, dashboardModel, type DashboardBuildOptions } from './dashboardModel';
import { GridLayout, type Unplaced } from './layout';
import { kpiMaintenanceAnnotation, optional } from './maintenanceAnnotation';
import type { GeneratedDashboard } from './marker';
import {
  compositeNorthstarPanel,
  exploreUrl,
  fieldConfig,
  kpiTargets,
  northstarPanel,
  panelLink,
  promTarget,
  TIMESERIES_OPTIONS,
} from './panels';
import { breakdownLabels, errorRatioByLabelExpr, histogramBucketSelectors, kpiQueryTexts } from './promql';
import { vectorSelectors, type VectorSelector } from './querySelectors';
import { dashboardPath, kpiDashboardUid } from './uid';
import {
  DATASOURCE_VARIABLE,
  datasourceFollowingPicker,
  datasourceVariable,
  datasourceVariableRef,
  kpiVariable,
  LOKI_REF_TEXT,
  LOKI_VARIABLE,
  WINDOW_VARIABLE,
  windowVariable,
} from './variables';

const RATE_WINDOWS = ['1m', '5m', '15m', '1h'];
const DEFAULT_RATE_WINDOW = '5m';

export function buildDebugDashboard(kpi: KpiDefinition, options: DashboardBuildOptions = {}): GeneratedDashboard {
  const datasource = datasourceVariableRef(kpi.datasource.type);
  const layout = new GridLayout();
  layout.add(northstarPanel(kpi, 'stat', kpi.name, datasource, { w: 6, h: 8 }));
  layout.add(rawQueriesPanel(kpi, datasource));

  const histograms = histogramBucketSelectors(kpi);
  if (histograms.length > 0) {
    layout.row('Latency');
    histograms.forEach((selector) => layout.add(latencyHeatmap(kpi, selector, datasource, histograms.length)));
  }

  const breakdowns = errorBreakdowns(kpi, datasource);
  if (breakdowns.length > 0) {
    layout.row('Errors by label');
    breakdowns.forEach((panel) => layout.add(panel));
  }

  const logQuery = options.loki ? logStreamSelector(kpi) : undefined;
  if (logQuery) {
    layout.row('Logs');
    layout.add(logsPanel(logQuery));
  }

  return dashboardModel({
    uid: kpiDashboardUid(kpi.id, 'debug'),
    kind: 'debug',
    kpiId: kpi.id,
    title: `${kpi.name}: debug`,
    description: `Where the errors of ${kpi.name} come from: raw queries, latency, breakdown by label, logs.`,
    tags: [`kpi:${kpi.id}`],
    variables: [
      datasourceVariable(DATASOURCE_VARIABLE, 'Data source', kpi.datasource.type, kpi.datasource.uid),
      kpiVariable([kpi.id], false),
      windowVariable(RATE_WINDOWS, DEFAULT_RATE_WINDOW, 'Rate window'),
      ...(options.loki ? [datasourceVariable(LOKI_VARIABLE, 'Logs', 'loki', options.loki.uid)] : []),
    ],
    panels: layout.panels,
    links: [dashboardLink('On-call', kpiDashboardUid(kpi.id, 'oncall'), `Burn rate and alerts of ${kpi.name}`)],
    annotations: optional(kpiMaintenanceAnnotation([kpi], datasource)),
    from: 'now-3h',
    refresh: '1m',
  });
}

function rawQueriesPanel(kpi: KpiDefinition, datasource: DataSourceRef): Unplaced<Panel> {
  const targets = kpiTargets(kpi, datasource);
  const explore = exploreUrl(kpi.datasource.uid, targets);
  const { indicator } = kpi;
  return {
    type: 'timeseries',
    title: indicator.type === 'ratio' ? 'Good and total events per second' : 'Value vs threshold',
    description: `The KPI's queries as written in the catalog. ${kpiQueryTexts(kpi).join(' · ')}`,
    datasource,
    targets,
    links: [panelLink('Open these queries in Explore', explore)],
    options: TIMESERIES_OPTIONS,
    fieldConfig:
      indicator.type === 'ratio'
        ? fieldConfig('reqps', [{ color: 'green', value: null }], { color: { mode: 'palette-classic' } })
        : fieldConfig(
            indicator.unit ?? 'short',
            [
              { color: 'green', value: null },
              { color: 'red', value: indicator.threshold },
            ],
            { color: { mode: 'palette-classic' } },
            { thresholdsStyle: { mode: 'line' } }
          ),
    size: { w: 18, h: 8 },
  };
}

function latencyHeatmap(
  kpi: KpiDefinition,
  selector: VectorSelector,
  datasource: DataSourceRef,
  count: number
): Unplaced<Panel> {
  const expr = `sum by (le) (rate(${selector.text}[$__rate_interval]))`;
  return {
    type: 'heatmap',
    title: `Latency: ${selector.metric ?? selector.text}`,
    description: `Requests per latency bucket of ${selector.text}.`,
    datasource,
    targets: [promTarget('A', datasource, expr, { format: 'heatmap', legendFormat: '{{le}}' })],
    options: {
      calculate: false,
      cellGap: 1,
      color: { mode: 'scheme', scheme: 'Oranges', steps: 64, exponent: 0.5, fill: 'dark-orange' },
      yAxis: { axisPlacement: 'left', unit: selector.metric?.includes('seconds') ? 's' : 'short' },
      rowsFrame: { layout: 'auto' },
      tooltip: { mode: 'single', yHistogram: true },
      legend: { show: true },
      filterValues: { le: 1e-9 },
    },
    fieldConfig: { defaults: {}, overrides: [] },
    links: [panelLink('Open in Explore', exploreUrl(kpi.datasource.uid, [{ refId: 'A', expr }]))],
    size: { w: count > 1 ? 12 : 24, h: 9 },
  };
}

/** One panel per label of the KPI's queries (ratio KPIs whose good and total read one counter each). */
function errorBreakdowns(kpi: KpiDefinition, datasource: DataSourceRef): Array<Unplaced<Panel>> {
  const { indicator } = kpi;
  if (indicator.type !== 'ratio') {
    return [];
  }
  return breakdownLabels(kpi).flatMap((label) => {
    const expr = errorRatioByLabelExpr(indicator, label, `$${WINDOW_VARIABLE}`);
    if (!expr) {
      return [];
    }
    const panel: Unplaced<Panel> = {
      type: 'timeseries',
      title: `Error ratio by ${label}`,
      description: `1 − good / total per value of ${label}, over $${WINDOW_VARIABLE}.`,
      datasource,
      targets: [promTarget('A', datasource, expr, { legendFormat: `{{${label}}}` })],
      options: {
        legend: { showLegend: true, displayMode: 'table', placement: 'right', calcs: ['max', 'mean'] },
        tooltip: { mode: 'multi', sort: 'desc' },
      },
      fieldConfig: fieldConfig(
        'percentunit',
        [{ color: 'green', value: null }],
        { min: 0, max: 1, color: { mode: 'palette-classic' } },
        { lineWidth: 1, fillOpacity: 10, showPoints: 'never' }
      ),
      size: { w: 12, h: 8 },
    };
    return [panel];
  });
}

/**
 * A LogQL stream selector from the labels the KPI's queries pin with `=` (e.g. `{job="checkout"}`): the same
 * service's logs, when its logs carry the same labels. Undefined when no label is pinned: Loki needs one.
 */
export function logStreamSelector(kpi: KpiDefinition): string | undefined {
  // Literals are copied as written: PromQL and LogQL share the string syntax.
  const pinned = new Map<string, string>();
  for (const selector of kpiQueryTexts(kpi).flatMap(vectorSelectors)) {
    for (const matcher of selector.matchers) {
      if (matcher.op === '=' && matcher.name !== 'le' && !pinned.has(matcher.name)) {
        pinned.set(matcher.name, matcher.literal);
      }
    }
  }
  if (pinned.size === 0) {
    return undefined;
  }
  return `{${[...pinned].map(([name, literal]) => `${name}=${literal}`).join(', ')}}`;
}

function logsPanel(expr: string): Unplaced<Panel> {
  const datasource = { type: 'loki', uid: LOKI_REF_TEXT };
  return {
    type: 'logs',
    title: 'Logs',
    description: `Logs of ${expr} on the Loki data source chosen above.`,
    datasource,
    targets: [{ refId: 'A', datasource, expr, queryType: 'range', editorMode: 'code' }],
    options: {
      showTime: true,
      wrapLogMessage: true,
      sortOrder: 'Descending',
      enableLogDetails: true,
      dedupStrategy: 'none',
    },
    size: { w: 24, h: 10 },
  };
}

/**
 * The debug dashboard of a composite KPI: where its errors come from is in its members, so per member its
 * Northstar panel and its raw queries (with Explore links), each linking to the member's own debug dashboard,
 * which has the heatmaps, breakdowns and logs.
 */
export function buildCompositeDebugDashboard(
  composite: CompositeKpiDefinition,
  members: Readonly<ResolvedMembers>,
  options: DashboardBuildOptions = {}
): GeneratedDashboard {
  const main = members[0].kpi.datasource;
  const datasourceOf = datasourceFollowingPicker(main);
  const layout = new GridLayout();
  layout.add(compositeNorthstarPanel(composite, members, composite.name, datasourceOf, { w: 24, h: 8 }, options));
  for (const { kpi, weight } of members) {
    const debug = panelLink(`Debug: ${kpi.name}`, dashboardPath(kpiDashboardUid(kpi.id, 'debug')));
    layout.row(`${kpi.name} · weight ${weight}`);
    layout.add({
      ...northstarPanel(kpi, 'stat', kpi.name, datasourceOf(kpi), { w: 6, h: 8 }, options),
      links: [debug],
    });
    const raw = rawQueriesPanel(kpi, datasourceOf(kpi));
    layout.add({ ...raw, links: [...(raw.links ?? []), debug] });
  }

  return dashboardModel({
    uid: kpiDashboardUid(composite.id, 'debug'),
    kind: 'debug',
    kpiId: composite.id,
    title: `${composite.name}: debug`,
    description: `Where the errors of ${composite.name} come from: each member's own reading and raw queries.`,
    tags: [`kpi:${composite.id}`, ...members.map(({ kpi }) => `kpi:${kpi.id}`)],
    variables: [
      datasourceVariable(DATASOURCE_VARIABLE, 'Data source', main.type, main.uid),
      kpiVariable([composite.id], false),
    ],
    panels: layout.panels,
    links: [
      dashboardLink('On-call', kpiDashboardUid(composite.id, 'oncall'), `Burn rate and alerts of ${composite.name}`),
      ...members.map(({ kpi }) =>
        dashboardLink(
          `Debug: ${kpi.name}`,
          kpiDashboardUid(kpi.id, 'debug'),
          `Where the errors of ${kpi.name} come from`,
          kpi.id
        )
      ),
    ],
    annotations: optional(
      kpiMaintenanceAnnotation([composite, ...members.map(({ kpi }) => kpi)], datasourceVariableRef(main.type))
    ),
    from: 'now-3h',
    refresh: '1m',
  });
}
