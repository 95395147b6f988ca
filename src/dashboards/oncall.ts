/**
 * The on-call dashboard of one KPI: what is burning and since when. The Northstar panel's burn-rate table (page
 * and ticket state per policy window) and budget burndown, the SLI against the target over a chosen window, the
 * firing Northstar alerts of the KPI, deploys as annotations, and links to the runbook and the debug dashboard.
 */
import type { AnnotationQuery, DataQuery } from '@grafana/schema';
import { formatDuration } from '../kpi/duration';
import { DEFAULT_SCRAPE_INTERVAL_MS } from '../kpi/macros';
import type { KpiDefinition } from '../kpi/model';
import { kpiWindows } from '../kpi/rules';
import { alertListPanel } from './alertList';
import { dashboardLink, dashboardModel, runbookLinks, type DashboardBuildOptions } from './dashboardModel';
import { GridLayout } from './layout';
import type { GeneratedDashboard } from './marker';
import { fieldConfig, northstarPanel, percentText, promTarget, SLI_UNIT } from './panels';
import { constantExpr, sliOverExpr } from './promql';
import { kpiDashboardUid } from './uid';
import {
  DATASOURCE_VARIABLE,
  datasourceVariable,
  datasourceVariableRef,
  KPI_VARIABLE,
  kpiVariable,
  WINDOW_VARIABLE,
  windowVariable,
} from './variables';

/**
 * The demo workload's deploy counter, one event per change. Other setups pass their own query (a counter of
 * deploys or a `changes()` of a build-info metric) as `deploymentsQuery`.
 */
export const DEFAULT_DEPLOYMENTS_QUERY = 'sum by (service) (changes(demo_deployments_total[$__interval])) > 0';
const DEFAULT_SLI_WINDOW = '1h';

export function buildOnCallDashboard(kpi: KpiDefinition, options: DashboardBuildOptions = {}): GeneratedDashboard {
  const scrapeIntervalMs = options.scrapeIntervalMs ?? DEFAULT_SCRAPE_INTERVAL_MS;
  const datasource = datasourceVariableRef(kpi.datasource.type);
  const windows = kpiWindows(kpi).windowsMs.map(formatDuration);

  const layout = new GridLayout();
  layout.row('Burn rate and error budget');
  layout.add(northstarPanel(kpi, 'burn-rate-table', 'Burn rate per policy window', datasource, { w: 12, h: 10 }));
  layout.add(northstarPanel(kpi, 'budget-burndown', 'Error budget burndown', datasource, { w: 12, h: 10 }));
  layout.row('SLI and alerts');
  layout.add({
    type: 'timeseries',
    title: `SLI over $${WINDOW_VARIABLE} vs target`,
    description: `The share of good ${kpi.indicator.type === 'ratio' ? 'events' : 'slices'} over a rolling window, against the target of ${percentText(kpi.objective.target)}.`,
    datasource,
    maxDataPoints: 500,
    targets: [
      promTarget('A', datasource, sliOverExpr(kpi, `$${WINDOW_VARIABLE}`, scrapeIntervalMs), { legendFormat: 'SLI' }),
      promTarget('B', datasource, constantExpr(kpi.objective.target), { legendFormat: 'target' }),
    ],
    options: {
      legend: { showLegend: true, displayMode: 'list', placement: 'bottom' },
      tooltip: { mode: 'multi', sort: 'none' },
    },
    fieldConfig: fieldConfig(
      SLI_UNIT,
      [{ color: 'green', value: null }],
      { decimals: 3, color: { mode: 'palette-classic' } },
      { lineWidth: 2, fillOpacity: 0, showPoints: 'never' }
    ),
    size: { w: 12, h: 8 },
  });
  layout.add(alertListPanel('Firing Northstar alerts', `kpi_id="$${KPI_VARIABLE}"`, { w: 12, h: 8 }));

  return dashboardModel({
    uid: kpiDashboardUid(kpi.id, 'oncall'),
    kind: 'oncall',
    kpiId: kpi.id,
    title: `${kpi.name}: on-call`,
    description: `Burn rate, error budget and alerts of ${kpi.name} (owner ${kpi.owner}).`,
    tags: [`kpi:${kpi.id}`],
    variables: [
      datasourceVariable(DATASOURCE_VARIABLE, 'Data source', kpi.datasource.type, kpi.datasource.uid),
      kpiVariable([kpi.id], false),
      windowVariable(windows, windows.includes(DEFAULT_SLI_WINDOW) ? DEFAULT_SLI_WINDOW : windows[0], 'SLI window'),
    ],
    panels: layout.panels,
    annotations: [deploymentsAnnotation(kpi, options.deploymentsQuery ?? DEFAULT_DEPLOYMENTS_QUERY)],
    links: [
      ...runbookLinks(kpi),
      dashboardLink('Debug', kpiDashboardUid(kpi.id, 'debug'), `Where the errors of ${kpi.name} come from`),
      dashboardLink(
        'Executive view',
        options.executiveUid ?? kpiDashboardUid(kpi.id, 'executive'),
        'KPIs against their targets'
      ),
    ],
    from: 'now-6h',
    refresh: '1m',
  });
}

/** A Prometheus annotation query as Grafana 10+ stores it: the query and its formatting in `target`. */
interface PrometheusAnnotationTarget extends DataQuery {
  expr: string;
  step: string;
  titleFormat: string;
  tagKeys: string;
  useValueForTime: boolean;
}

/** Deploys as annotations, from a query on the KPI's data source (the `datasource` variable). */
function deploymentsAnnotation(kpi: KpiDefinition, expr: string): AnnotationQuery<PrometheusAnnotationTarget> {
  return {
    name: 'Deploys',
    enable: true,
    hide: false,
    iconColor: 'purple',
    datasource: datasourceVariableRef(kpi.datasource.type),
    target: {
      refId: 'Deploys',
      expr,
      step: '1m',
      titleFormat: 'Deploy {{service}}',
      tagKeys: 'service',
      useValueForTime: false,
    },
  };
}
