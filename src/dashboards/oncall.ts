/**
 * The on-call dashboard of one KPI: what is burning and since when. The Northstar panel's burn-rate table (page
 * and ticket state per policy window) and budget burndown, the SLI against the target over a chosen window, the
 * firing Northstar alerts of the KPI, deploys as annotations, and links to the runbook and the debug dashboard.
 * For a per-label KPI the numbers are those of the instances its variables pick (`$route`; All: the whole KPI).
 */
import type { AnnotationQuery, DashboardLink, DataSourceRef, Panel } from '@grafana/schema';
import { PLUGIN_BASE_URL, ROUTES } from '../constants';
import type { ResolvedMembers } from '../kpi/evaluate';
import { DEFAULT_SCRAPE_INTERVAL_MS, formatDuration, longestCoveringRange } from '../kpi/time';
import { type CompositeKpiDefinition, groupByOf, type KpiDefinition } from '../kpi/model';
import {
  kpiIdVariableMatcher,
  kpiWindows,
  promNumber,
  recordedObjectiveExpr,
  recordedSliExpr,
  recordedWorstInstancesExpr,
} from '../kpi/promql';
import type { KpiPanelView } from '../reading';
import { alertListPanel } from './alertList';
import {
  kpiMaintenanceAnnotation,
  optional,
  recordedMaintenanceAnnotation,
  type PrometheusAnnotationTarget,
} from './maintenanceAnnotation';
import { dashboardLink, dashboardModel, refIdAt, runbookLinks, type DashboardBuildOptions } from './dashboardModel';
import { GridLayout, type Unplaced } from './layout';
import type { GeneratedDashboard } from './marker';
import {
  compositeNorthstarPanel,
  fieldConfig,
  MIXED_DATASOURCE,
  northstarPanel,
  panelLink,
  percentText,
  promTarget,
  recordedNorthstarPanel,
  SLI_UNIT,
} from './panels';
import {
  constantExpr,
  instanceSelector,
  pickedInstanceMatchers,
  selectorText,
  sliOverExpr,
  sliPerInstanceExpr,
} from './promql';
import { CATALOG_EXECUTIVE_UID, CATALOG_ONCALL_UID, dashboardPath, kpiDashboardUid } from './uid';
import {
  DATASOURCE_VARIABLE,
  datasourceFollowingPicker,
  datasourceVariable,
  datasourceVariableRef,
  instanceVariable,
  KPI_VARIABLE,
  kpiVariable,
  recordedKpiVariable,
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
  const alertLabels = [`kpi_id="$${KPI_VARIABLE}"`, ...pickedInstanceMatchers(kpi)].join(',');
  layout.add(alertListPanel('Firing Northstar alerts', alertLabels, { w: 12, h: 8 }));
  const perInstance = sliPerInstanceExpr(kpi, `$${WINDOW_VARIABLE}`);
  if (perInstance) {
    layout.row(`Per ${groupByOf(kpi).join(' × ')}`);
    layout.add(instanceSliPanel(kpi, datasource, perInstance));
  }

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

/** The SLI over the `window` variable against the target line. */
function sliPanel(
  description: string,
  datasource: DataSourceRef,
  sliExpr: string,
  targetExpr: string
): Unplaced<Panel> {
  return {
    type: 'timeseries',
    title: `SLI over $${WINDOW_VARIABLE} vs target`,
    description,
    datasource,
    maxDataPoints: 500,
    targets: [
      promTarget('A', datasource, sliExpr, { legendFormat: 'SLI' }),
      promTarget('B', datasource, targetExpr, { legendFormat: 'target' }),
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
  };
}

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
    links: [kpiPageLink()],
    from: 'now-6h',
    refresh: '1m',
  });
}

const HALF = { w: 12, h: 10 };
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

/** Deploys as annotations, from a query on the KPI's data source (the `datasource` variable). */
function deploymentsAnnotation(type: string, expr: string): AnnotationQuery<PrometheusAnnotationTarget> {
  return {
    name: 'Deploys',
    enable: true,
    hide: false,
    iconColor: 'purple',
    datasource: datasourceVariableRef(type),
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

/**
 * The on-call dashboard of a composite KPI: its Northstar panels (burn rate per policy window, budget, page and
 * ticket) read from its members' queries, then what each member adds: its SLI over a chosen window, its share of
 * the composite's bad, and its own Northstar panel linking to its on-call dashboard. The firing alerts of the
 * composite and its members, their deploys and maintenance windows.
 */
export function buildCompositeOnCallDashboard(
  composite: CompositeKpiDefinition,
  members: Readonly<ResolvedMembers>,
  options: DashboardBuildOptions = {}
): GeneratedDashboard {
  const scrapeIntervalMs = options.scrapeIntervalMs ?? DEFAULT_SCRAPE_INTERVAL_MS;
  const main = members[0].kpi.datasource;
  const datasourceOf = datasourceFollowingPicker(main);
  const windows = kpiWindows(composite).windowsMs.map(formatDuration);
  const names = members.map(({ kpi }) => kpi.name).join(', ');

  const layout = new GridLayout();
  layout.row('Burn rate and error budget');
  const panel = (view: KpiPanelView, title: string) =>
    compositeNorthstarPanel(composite, members, title, datasourceOf, HALF, { view, scrapeIntervalMs });
  layout.add(panel('burn-rate-table', 'Burn rate per policy window'));
  layout.add(panel('stat', 'SLI and error budget'));
  layout.row('Members');
  layout.add(memberSliPanel(composite, members, datasourceOf, scrapeIntervalMs));
  layout.add(memberBadSharePanel(members, datasourceOf, scrapeIntervalMs));
  members.forEach(({ kpi, weight }) =>
    layout.add({
      ...northstarPanel(kpi, 'stat', `${kpi.name} · weight ${weight}`, datasourceOf(kpi), MEMBER_SIZE, {
        scrapeIntervalMs,
      }),
      links: [panelLink(`On-call: ${kpi.name}`, dashboardPath(kpiDashboardUid(kpi.id, 'oncall')))],
    })
  );
  layout.row('Alerts');
  layout.add(alertListPanel('Firing Northstar alerts', compositeAlertFilter(composite, members), { w: 24, h: 8 }));

  const otherSources = distinctSources(members).filter((source) => source.uid !== main.uid);
  const deploys = options.deploymentsQuery ?? DEFAULT_DEPLOYMENTS_QUERY;
  return dashboardModel({
    uid: kpiDashboardUid(composite.id, 'oncall'),
    kind: 'oncall',
    kpiId: composite.id,
    title: `${composite.name}: on-call`,
    description: `Burn rate, error budget and alerts of ${composite.name} (owner ${composite.owner}), a composite of ${names}.`,
    tags: [`kpi:${composite.id}`, ...members.map(({ kpi }) => `kpi:${kpi.id}`)],
    variables: [
      datasourceVariable(DATASOURCE_VARIABLE, 'Data source', main.type, main.uid),
      kpiVariable([composite.id], false),
      windowVariable(windows, windows.includes(DEFAULT_SLI_WINDOW) ? DEFAULT_SLI_WINDOW : windows[0], 'SLI window'),
    ],
    panels: layout.panels,
    annotations: [
      deploymentsAnnotation(main.type, deploys),
      // Members elsewhere deploy elsewhere: their data sources' deploys too, named by the data source.
      ...otherSources.map((source) => ({
        ...deploymentsAnnotation(source.type, deploys),
        name: `Deploys (${source.uid})`,
        datasource: { ...source },
      })),
      ...optional(
        kpiMaintenanceAnnotation([composite, ...members.map(({ kpi }) => kpi)], datasourceVariableRef(main.type))
      ),
    ],
    links: [
      ...runbookLinks(composite),
      dashboardLink('Debug', kpiDashboardUid(composite.id, 'debug'), `Where the errors of ${composite.name} come from`),
      ...members.map(({ kpi }) =>
        dashboardLink(
          `On-call: ${kpi.name}`,
          kpiDashboardUid(kpi.id, 'oncall'),
          `Burn rate and alerts of ${kpi.name}`,
          kpi.id
        )
      ),
      dashboardLink('Executive view', options.executiveUid ?? CATALOG_EXECUTIVE_UID, 'KPIs against their targets'),
    ],
    from: 'now-6h',
    refresh: '1m',
  });
}

const MEMBER_SIZE = { w: 8, h: 8 };

/** `kpi_id=~"journey|browse|pay"`: the alerts of the composite and of each member (ids are slugs, regex-safe). */
export function compositeAlertFilter(composite: CompositeKpiDefinition, members: Readonly<ResolvedMembers>): string {
  return `kpi_id=~"${[composite.id, ...members.map(({ kpi }) => kpi.id)].join('|')}"`;
}

/** The members' data sources, each once, in member order. */
function distinctSources(members: Readonly<ResolvedMembers>): Array<{ type: string; uid: string }> {
  const seen = new Map<string, { type: string; uid: string }>();
  members.forEach(({ kpi }) => seen.set(`${kpi.datasource.type}/${kpi.datasource.uid}`, kpi.datasource));
  return [...seen.values()];
}

/** Each member's SLI over the `window` variable, on its own data source, against the composite's target. */
function memberSliPanel(
  composite: CompositeKpiDefinition,
  members: Readonly<ResolvedMembers>,
  datasourceOf: (kpi: KpiDefinition) => DataSourceRef,
  scrapeIntervalMs: number
): Unplaced<Panel> {
  const target = constantExpr(composite.objective.target);
  const sli = (kpi: KpiDefinition) => sliOverExpr(kpi, `$${WINDOW_VARIABLE}`, scrapeIntervalMs);
  // sliPanel's look and the first member's line; the targets below give every member its own data source.
  const panel = sliPanel(
    `Each member's share of good events (or good slices) over a rolling window, against the composite's target of ${percentText(composite.objective.target)}; each member keeps its own target on its own dashboard.`,
    MIXED_DATASOURCE,
    sli(members[0].kpi),
    target
  );
  return {
    ...panel,
    title: `SLI of each member over $${WINDOW_VARIABLE}`,
    targets: [
      ...members.map(({ kpi }, index) =>
        promTarget(refIdAt(index), datasourceOf(kpi), sli(kpi), { legendFormat: kpi.name })
      ),
      promTarget('target', datasourceOf(members[0].kpi), target, { legendFormat: 'composite target' }),
    ],
  };
}

/**
 * wᵢ·(1 − SLIᵢ) of each member over the `window` variable, stacked to 100 %: each band is the member's share of
 * the composite's bad, wᵢ·(1 − SLIᵢ) / Σ wⱼ·(1 − SLIⱼ), as the KPI page computes it. Stacking does the division,
 * so members on different data sources need no query that spans them; a member without traffic has no point
 * (0 / 0) and drops out, as it does from the composite.
 */
function memberBadSharePanel(
  members: Readonly<ResolvedMembers>,
  datasourceOf: (kpi: KpiDefinition) => DataSourceRef,
  scrapeIntervalMs: number
): Unplaced<Panel> {
  return {
    type: 'timeseries',
    title: `Share of the bad per member over $${WINDOW_VARIABLE}`,
    description:
      "Each member's weight × (1 − SLI), stacked to 100 %: the part of the composite's errors each member causes.",
    datasource: MIXED_DATASOURCE,
    maxDataPoints: 500,
    targets: members.map(({ kpi, weight }, index) =>
      promTarget(refIdAt(index), datasourceOf(kpi), memberWeightedBadExpr(kpi, weight, scrapeIntervalMs), {
        legendFormat: kpi.name,
      })
    ),
    options: {
      legend: { showLegend: true, displayMode: 'table', placement: 'right', calcs: ['lastNotNull', 'mean'] },
      tooltip: { mode: 'multi', sort: 'desc' },
    },
    fieldConfig: fieldConfig(
      'percentunit',
      [{ color: 'green', value: null }],
      { min: 0, color: { mode: 'palette-classic' } },
      { lineWidth: 1, fillOpacity: 60, showPoints: 'never', stacking: { mode: 'percent', group: 'A' } }
    ),
    size: { w: 12, h: 8 },
  };
}

/** wᵢ·(1 − SLIᵢ) over the `window` variable: the member's weighted error ratio. */
export function memberWeightedBadExpr(kpi: KpiDefinition, weight: number, scrapeIntervalMs: number): string {
  return `${promNumber(weight)} * (1 - (${sliOverExpr(kpi, `$${WINDOW_VARIABLE}`, scrapeIntervalMs)}))`;
}
