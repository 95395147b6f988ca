import type { DataSourceRef, Panel } from '@grafana/schema';
import type { ResolvedMembers } from '../kpi/evaluate';
import { DEFAULT_SCRAPE_INTERVAL_MS, formatDuration } from '../kpi/time';
import type { CompositeKpiDefinition, KpiDefinition } from '../kpi/model';
import { kpiWindows, promNumber } from '../kpi/promql';
import type { KpiPanelView } from '../reading';
import { alertListPanel } from './alertList';
import { kpiMaintenanceAnnotation, optional } from './maintenanceAnnotation';
import { dashboardLink, dashboardModel, refIdAt, runbookLinks, type DashboardBuildOptions } from './dashboardModel';
import { GridLayout, type Unplaced } from './layout';
import type { GeneratedDashboard } from './marker';
import { DEFAULT_DEPLOYMENTS_QUERY, DEFAULT_SLI_WINDOW, deploymentsAnnotation, HALF, sliPanel } from './oncallParts';
import {
  compositeNorthstarPanel,
  fieldConfig,
  MIXED_DATASOURCE,
  northstarPanel,
  panelLink,
  percentText,
  promTarget,
} from './panels';
import { constantExpr, sliOverExpr } from './promql';
import { CATALOG_EXECUTIVE_UID, dashboardPath, kpiDashboardUid } from './uid';
import {
  DATASOURCE_VARIABLE,
  datasourceFollowingPicker,
  datasourceVariable,
  datasourceVariableRef,
  kpiVariable,
  WINDOW_VARIABLE,
  windowVariable,
} from './variables';

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
