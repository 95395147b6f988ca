import type { DashboardLink, DataSourceRef, Panel } from '@grafana/schema';
import { PLUGIN_BASE_URL, ROUTES } from '../constants';
import { longestCoveringRange } from '../kpi/time';
import type { KpiDefinition } from '../kpi/model';
import {
  kpiIdVariableMatcher,
  recordedObjectiveExpr,
  recordedSliExpr,
  recordedWorstInstancesExpr,
} from '../kpi/promql';
import { alertListPanel } from './alertList';
import { recordedMaintenanceAnnotation } from './maintenanceAnnotation';
import { dashboardModel, type DashboardBuildOptions } from './dashboardModel';
import { GridLayout, type Unplaced } from './layout';
import type { GeneratedDashboard } from './marker';
import { DEFAULT_DEPLOYMENTS_QUERY, DEFAULT_SLI_WINDOW, deploymentsAnnotation, HALF, sliPanel } from './oncallParts';
import { fieldConfig, promTarget, recordedNorthstarPanel, SLI_UNIT } from './panels';
import { CATALOG_ONCALL_UID } from './uid';
import {
  DATASOURCE_VARIABLE,
  datasourceVariable,
  datasourceVariableRef,
  KPI_VARIABLE,
  recordedKpiVariable,
  WINDOW_VARIABLE,
  windowVariable,
} from './variables';

/** Rolling windows offered for the SLI of the catalog's on-call view: the default policy's windows and a day. */
const CATALOG_SLI_WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'];

/**
 * The on-call dashboard of every KPI at once: the `kpi` variable lists the KPIs whose recorded series the data
 * source holds (`northstar rules` loaded into Prometheus), and every panel reads the records of the chosen one.
 * So one dashboard serves the whole catalog and picks up a new KPI by itself. Without the rules it lists nothing;
 * the per-KPI on-call dashboards read the KPI's own queries and work without them.
 *
 * `kpis` are the catalog's published KPIs: the first one's data source and id are where the dashboard opens, and
 * the Northstar panels' time range is the longest SLO window among them.
 */
export function buildCatalogOnCallDashboard(
  kpis: readonly KpiDefinition[],
  options: DashboardBuildOptions = {}
): GeneratedDashboard {
  if (kpis.length === 0) {
    throw new Error('the on-call overview needs at least one KPI');
  }
  const main = kpis[0];
  const datasource = datasourceVariableRef(main.datasource.type);
  const matcher = kpiIdVariableMatcher(KPI_VARIABLE);
  const timeFrom = longestCoveringRange(kpis);

  const layout = new GridLayout();
  layout.row('Burn rate and error budget of $kpi');
  layout.add(recordedNorthstarPanel('burn-rate-table', 'Burn rate per policy window', datasource, timeFrom, HALF));
  layout.add(recordedNorthstarPanel('budget-burndown', 'Error budget burndown', datasource, timeFrom, HALF));
  layout.row('SLI and alerts');
  layout.add(
    sliPanel(
      'The share of good events (or good slices) over a rolling window, from the recorded series, against the recorded target.',
      datasource,
      recordedSliExpr(matcher, `$${WINDOW_VARIABLE}`),
      recordedObjectiveExpr(matcher)
    )
  );
  layout.add(alertListPanel('Firing Northstar alerts', `kpi_id="$${KPI_VARIABLE}"`, { w: 12, h: 8 }));
  layout.row('Worst instances of $kpi');
  layout.add(worstInstancesPanel(datasource, recordedWorstInstancesExpr(matcher, `$${WINDOW_VARIABLE}`, WORST_SHOWN)));

  return dashboardModel({
    uid: CATALOG_ONCALL_UID,
    kind: 'oncall',
    title: 'Northstar KPI: on-call',
    description:
      'Burn rate, error budget and alerts of any KPI whose Northstar rules are loaded, picked with the KPI variable.',
    tags: [],
    variables: [
      datasourceVariable(DATASOURCE_VARIABLE, 'Data source', main.datasource.type, main.datasource.uid),
      recordedKpiVariable(main.datasource.type, main.id),
      windowVariable(CATALOG_SLI_WINDOWS, DEFAULT_SLI_WINDOW, 'SLI window'),
    ],
    panels: layout.panels,
    annotations: [
      deploymentsAnnotation(main.datasource.type, options.deploymentsQuery ?? DEFAULT_DEPLOYMENTS_QUERY),
      recordedMaintenanceAnnotation(matcher, datasource),
    ],
    checkInsOf: `\${${KPI_VARIABLE}}`,
    links: [kpiPageLink()],
    from: 'now-6h',
    refresh: '1m',
  });
}

/** Rows of the worst-instances table: enough to see who burns, few enough for one glance. */
const WORST_SHOWN = 10;

/**
 * The instances of the picked KPI with the lowest SLI over `$window`, from its records, as a table with one
 * column per label: a per-label KPI's records keep its groupBy labels (`route`), whatever they are for this KPI;
 * a KPI evaluated as one is its one row.
 */
function worstInstancesPanel(datasource: DataSourceRef, expr: string): Unplaced<Panel> {
  return {
    type: 'table',
    title: 'Lowest SLI over $window, per instance',
    description:
      "The picked KPI's instances (one per value of its groupBy labels) with the lowest SLI over the window, from the recorded series.",
    datasource,
    targets: [promTarget('A', datasource, expr, { instant: true, range: false, format: 'table' })],
    transformations: [{ id: 'organize', options: { excludeByName: { Time: true }, renameByName: { Value: 'SLI' } } }],
    options: { showHeader: true, sortBy: [{ displayName: 'SLI', desc: false }] },
    fieldConfig: fieldConfig(SLI_UNIT, [{ color: 'text', value: null }], { decimals: 3 }),
    size: { w: 24, h: 8 },
  };
}

/** The KPI's page in the app: its definition, history and links to its own three dashboards. */
function kpiPageLink(): DashboardLink {
  return {
    title: 'KPI in the catalog',
    type: 'link',
    url: `${PLUGIN_BASE_URL}/${ROUTES.Kpi}/\${${KPI_VARIABLE}}`,
    tooltip: "Definition, owner, version history and the KPI's own dashboards",
    icon: 'info',
    tags: [],
    asDropdown: false,
    includeVars: false,
    keepTime: false,
    targetBlank: false,
  };
}
