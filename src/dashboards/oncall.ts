/**
 * The on-call dashboard of one KPI: what is burning and since when. The Northstar panel's burn-rate table (page
 * and ticket state per policy window) and budget burndown, the SLI against the target over a chosen window, the
 * firing Northstar alerts of the KPI, deploys as annotations, and links to the runbook and the debug dashboard.
 * For a per-label KPI the numbers are those of the instances its variables pick (`$route`; All: the whole KPI).
 * The catalog's and a composite's on-call dashboards are built in oncallCatalog.ts and oncallComposite.ts.
 */
import type { DataSourceRef, Panel } from '@grafana/schema';
import { DEFAULT_SCRAPE_INTERVAL_MS, formatDuration } from '../kpi/time';
import { groupByOf, type KpiDefinition } from '../kpi/model';
import { kpiWindows } from '../kpi/promql';
import { alertListPanel } from './alertList';
import { kpiMaintenanceAnnotation, optional } from './maintenanceAnnotation';
import {
  dashboardLink,
  dashboardModel,
  kpiDashboardIdentity,
  runbookLinks,
  type DashboardBuildOptions,
} from './dashboardModel';
import { GridLayout, type Unplaced } from './layout';
import type { GeneratedDashboard } from './marker';
import { DEFAULT_DEPLOYMENTS_QUERY, DEFAULT_SLI_WINDOW, deploymentsAnnotation, sliPanel } from './oncallParts';
import { northstarPanel, percentText, promTarget } from './panels';
import {
  constantExpr,
  instanceSelector,
  pickedAlertLabelMatchers,
  selectorText,
  sliOverExpr,
  sliPerInstanceExpr,
} from './promql';
import { CATALOG_ONCALL_UID, kpiDashboardUid } from './uid';
import {
  DATASOURCE_VARIABLE,
  datasourceVariable,
  datasourceVariableRef,
  instanceVariable,
  KPI_VARIABLE,
  kpiVariable,
  WINDOW_VARIABLE,
  windowVariable,
} from './variables';

export { DEFAULT_DEPLOYMENTS_QUERY } from './oncallParts';

export function buildOnCallDashboard(kpi: KpiDefinition, options: DashboardBuildOptions = {}): GeneratedDashboard {
  const scrapeIntervalMs = options.scrapeIntervalMs ?? DEFAULT_SCRAPE_INTERVAL_MS;
  const datasource = datasourceVariableRef(kpi.datasource.type);
  const windows = kpiWindows(kpi).windowsMs.map(formatDuration);

  const layout = new GridLayout();
  layout.row('Burn rate and error budget');
  layout.add(
    northstarPanel(
      kpi,
      'burn-rate-table',
      'Burn rate per policy window',
      datasource,
      { w: 12, h: 10 },
      { scrapeIntervalMs, filtered: true }
    )
  );
  layout.add(
    northstarPanel(
      kpi,
      'budget-burndown',
      'Error budget burndown',
      datasource,
      { w: 12, h: 10 },
      {
        scrapeIntervalMs,
        filtered: true,
      }
    )
  );
  layout.row('SLI and alerts');
  layout.add(
    sliPanel(
      `The share of good ${kpi.indicator.type === 'ratio' ? 'events' : 'slices'} over a rolling window, against the target of ${percentText(kpi.objective.target)}.`,
      datasource,
      sliOverExpr(kpi, `$${WINDOW_VARIABLE}`, scrapeIntervalMs, true),
      constantExpr(kpi.objective.target)
    )
  );
  const alertLabels = [`kpi_id="$${KPI_VARIABLE}"`, ...pickedAlertLabelMatchers(kpi)].join(',');
  layout.add(alertListPanel('Firing Northstar alerts', alertLabels, { w: 12, h: 8 }));
  const perInstance = sliPerInstanceExpr(kpi, `$${WINDOW_VARIABLE}`);
  if (perInstance) {
    layout.row(`Per ${groupByOf(kpi).join(' × ')}`);
    layout.add(instanceSliPanel(kpi, datasource, perInstance));
  }

  return dashboardModel({
    ...kpiDashboardIdentity(kpi, 'oncall'),
    variables: [
      datasourceVariable(DATASOURCE_VARIABLE, 'Data source', kpi.datasource.type, kpi.datasource.uid),
      kpiVariable([kpi.id], false),
      windowVariable(windows, windows.includes(DEFAULT_SLI_WINDOW) ? DEFAULT_SLI_WINDOW : windows[0], 'SLI window'),
      ...instanceVariables(kpi),
    ],
    panels: layout.panels,
    annotations: [
      deploymentsAnnotation(kpi.datasource.type, options.deploymentsQuery ?? DEFAULT_DEPLOYMENTS_QUERY),
      ...optional(kpiMaintenanceAnnotation([kpi], datasource)),
    ],
    links: [
      ...runbookLinks(kpi),
      dashboardLink('Every KPI', CATALOG_ONCALL_UID, 'The on-call view of any KPI whose rules are loaded'),
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

/** A per-label KPI's variables, one per groupBy label, from the values of its total query's counter. */
function instanceVariables(kpi: KpiDefinition) {
  const selector = instanceSelector(kpi);
  return selector
    ? groupByOf(kpi).map((label) => instanceVariable(kpi.datasource.type, label, selectorText(selector)))
    : [];
}

/** The SLI of each instance the variables pick, one line per instance against the target. */
function instanceSliPanel(kpi: KpiDefinition, datasource: DataSourceRef, perInstance: string): Unplaced<Panel> {
  const legend = groupByOf(kpi)
    .map((label) => `{{${label}}}`)
    .join(' ');
  const panel = sliPanel(
    `The SLI of each ${groupByOf(kpi).join(' × ')} over a rolling window, against the target of ${percentText(kpi.objective.target)}; the variables above pick which.`,
    datasource,
    perInstance,
    constantExpr(kpi.objective.target)
  );
  return {
    ...panel,
    title: `SLI per ${groupByOf(kpi).join(' × ')} over $${WINDOW_VARIABLE}`,
    targets: [
      promTarget('A', datasource, perInstance, { legendFormat: legend }),
      promTarget('B', datasource, constantExpr(kpi.objective.target), { legendFormat: 'target' }),
    ],
    size: { w: 24, h: 8 },
  };
}
