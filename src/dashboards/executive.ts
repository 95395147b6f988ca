/**
 * The executive dashboard: for a wall screen, a few large panels per KPI. It leads with the business (value) KPIs
 * (executiveValue.ts): their status per day, then per KPI its value against the target, the change against the
 * period before and the trend, then in the same row the status of each KPI that drives it (`drivenBy`,
 * executiveDrivers.ts). The SLOs follow: a risk heatmap (KPI × day, coloured by the day's burn rate) and
 * the firing alerts, then per KPI a row titled with its name and owner: the
 * Northstar panel (SLI vs target, error budget remaining over the SLO window), the SLI trend against the target,
 * and the change of the SLI against the previous period of the same length; for a calendar KPI the Northstar panel
 * shows this period so far and the whole of the last one instead ("this month", "last month").
 *
 * A KPI over SQL has the panels its own SQL can fill (sqlDashboards.ts): a value KPI its value tile and its SQL per
 * bucket, an SLO its Northstar stat and SLI per bucket; the heatmaps, trends and changes are PromQL and leave it out,
 * which a note on the dashboard says.
 *
 * One dashboard lists a set of KPIs: for a single KPI (the app's button, `northstar dashboards --kpi`) its uid
 * comes from the KPI id; for several (the catalog's overview shipped with the plugin) it is `nsk-executive`.
 */
import type { DataSourceRef, Panel } from '@grafana/schema';
import { coveringRangeMs, DEFAULT_SCRAPE_INTERVAL_MS, grafanaRange, isCalendarWindow } from '../kpi/time';
import { resolveMembers } from '../kpi/evaluate';
import {
  type CatalogKpi,
  type CompositeKpiDefinition,
  groupByOf,
  type KpiDefinition,
  queryLanguageOf,
  type ValueKpiDefinition,
} from '../kpi/model';
import { driverPanels } from './executiveDrivers';
import { addValueKpiRows, VALUE_ROW_HEIGHT } from './executiveValue';
import { dashboardModel, kpiDashboardIdentity, refIdAt, type DashboardBuildOptions } from './dashboardModel';
import { GridLayout } from './layout';
import { kpiMaintenanceAnnotation, optional } from './maintenanceAnnotation';
import type { GeneratedDashboard } from './marker';
import { constantExpr, dailyBurnRateExpr, sliDeltaExpr, sliOverExpr, sliPerInstanceExpr } from './promql';
import {
  compositeNorthstarPanel,
  fieldConfig,
  MIXED_DATASOURCE,
  northstarPanel,
  percentText,
  promTarget,
  SLI_UNIT,
  STAT_OPTIONS,
  TIMESERIES_OPTIONS,
} from './panels';
import { alertListPanel } from './alertList';
import { sqlOverviewNotePanel, sqlSloOverviewPanels, sqlValuePanels } from './sqlDashboards';
import { CATALOG_EXECUTIVE_UID, kpiDashboardUid } from './uid';
import {
  DATASOURCE_VARIABLE,
  datasourceFollowingPicker,
  datasourceVariable,
  datasourceVariableRef,
  KPI_VARIABLE,
  kpiVariable,
  WINDOW_VARIABLE,
  windowVariable,
} from './variables';

/** Rolling windows of the trend lines; a day smooths a wall screen without hiding a bad afternoon. */
const TREND_WINDOWS = ['1h', '6h', '1d', '7d'];
const DEFAULT_TREND_WINDOW = '1d';
/** A point per few hours over a month is plenty for a trend and keeps long-window queries affordable. */
const TREND_MAX_DATA_POINTS = 200;
/** Burn rate of a day: 1 spends exactly the budget; 3 is the default policy's slowest daily ticket. */
const BURN_RATE_STEPS = [
  { color: 'green', value: null },
  { color: 'orange', value: 1 },
  { color: 'red', value: 3 },
];
const KPI_ROW_HEIGHT = 8;

/** A KPI the PromQL panels can read; one over SQL gets sqlDashboards.ts's panels instead. */
function isPromqlSourced(kpi: KpiDefinition | ValueKpiDefinition): boolean {
  return queryLanguageOf(kpi.datasource.type) === 'promql';
}

/** The uid of the executive view of these KPIs (SLOs and value KPIs alike): the KPI's own for one, else the catalog's. */
export function executiveDashboardUid(kpis: ReadonlyArray<KpiDefinition | ValueKpiDefinition>): string {
  return kpis.length === 1 ? kpiDashboardUid(kpis[0].id, 'executive') : CATALOG_EXECUTIVE_UID;
}

export interface ExecutiveBuildOptions extends DashboardBuildOptions {
  /** Composite KPIs to show after the KPIs, each read from its members' own queries (`catalog` holds them). */
  composites?: readonly CompositeKpiDefinition[];
  catalog?: readonly CatalogKpi[];
  /** Business KPIs, shown first: value against target, change, trend and status per day. */
  valueKpis?: readonly ValueKpiDefinition[];
}

export function buildExecutiveDashboard(
  kpis: readonly KpiDefinition[],
  options: ExecutiveBuildOptions = {}
): GeneratedDashboard {
  const valueKpis = options.valueKpis ?? [];
  const shown = [...valueKpis, ...kpis];
  if (shown.length === 0) {
    throw new Error('the executive dashboard needs at least one KPI');
  }
  const scrapeIntervalMs = options.scrapeIntervalMs ?? DEFAULT_SCRAPE_INTERVAL_MS;
  // The picker is for the PromQL KPIs, whose panels are most; a KPI on another data source keeps its own, so SQL
  // and PromQL panels each read theirs.
  const promql = shown.filter(isPromqlSourced);
  const main = (promql[0] ?? shown[0]).datasource;
  const datasourceOf = datasourceFollowingPicker(main);
  const promqlSlos = kpis.filter(isPromqlSourced);

  const layout = new GridLayout();
  const catalog = options.catalog ?? [];
  addValueKpiRows(layout, valueKpis, datasourceOf, scrapeIntervalMs, {
    followers: (kpi) => driverPanels(kpi, catalog, datasourceOf, scrapeIntervalMs),
    sqlPanels: (kpi, datasource) =>
      sqlValuePanels(kpi, datasource, {
        tile: { w: 11, h: VALUE_ROW_HEIGHT },
        perBucket: { w: 13, h: VALUE_ROW_HEIGHT },
      }),
  });
  if (promqlSlos.length > 0) {
    layout.row('Risk: burn rate per day');
    layout.add(riskHeatmap(promqlSlos, datasourceOf, scrapeIntervalMs));
  } else {
    layout.row('Alerts');
  }
  layout.add(
    alertListPanel(
      valueKpis.length > 0 ? 'KPI alerts firing' : 'Pages and tickets firing',
      `kpi_id=~"\${${KPI_VARIABLE}:regex}"`,
      {
        w: promqlSlos.length > 0 ? 6 : 24,
        h: riskHeight(promqlSlos),
      }
    )
  );
  if (promql.length < shown.length) {
    layout.add(sqlOverviewNotePanel());
  }
  for (const kpi of kpis) {
    const datasource = datasourceOf(kpi);
    layout.row(`${kpi.name} · owner ${kpi.owner}`);
    if (!isPromqlSourced(kpi)) {
      sqlSloOverviewPanels(kpi, datasource, KPI_ROW_HEIGHT).forEach((panel) => layout.add(panel));
      continue;
    }
    const calendar = isCalendarWindow(kpi.objective.window);
    // A calendar KPI's panel reaches back to the start of last period and names it; the PromQL delta, which can
    // only compare equal lengths before the dashboard's end, would compare the wrong spans.
    layout.add(
      northstarPanel(
        kpi,
        'stat',
        `${kpi.name} vs target`,
        datasource,
        { w: calendar ? 14 : 8, h: KPI_ROW_HEIGHT },
        { scrapeIntervalMs, spanMs: calendar ? 2 * coveringRangeMs(kpi) : coveringRangeMs(kpi) }
      )
    );
    layout.add(trendPanel(kpi, datasource, scrapeIntervalMs));
    if (!calendar) {
      layout.add(deltaPanel(kpi, datasource, scrapeIntervalMs));
    }
    const worst = worstInstancesPanel(kpi, datasource);
    if (worst) {
      layout.add(worst);
    }
  }
  for (const composite of options.composites ?? []) {
    const resolved = resolveMembers(composite, options.catalog ?? kpis);
    if (!resolved.ok) {
      throw new Error(`the executive dashboard cannot show composite ${composite.id}: ${resolved.error}`);
    }
    layout.row(`${composite.name} · owner ${composite.owner} · composite of ${resolved.members.length}`);
    layout.add(
      compositeNorthstarPanel(composite, resolved.members, `${composite.name} vs target`, datasourceOf, {
        w: 24,
        h: KPI_ROW_HEIGHT,
      })
    );
  }

  const single = shown.length === 1 ? shown[0] : undefined;
  return dashboardModel({
    ...(single
      ? kpiDashboardIdentity(single, 'executive')
      : {
          uid: CATALOG_EXECUTIVE_UID,
          kind: 'executive',
          title: 'Northstar KPI: executive overview',
          description: `${shown.length} KPIs against their targets, with owners and the risk of each day.`,
          tags: [],
        }),
    variables: [
      datasourceVariable(DATASOURCE_VARIABLE, 'Data source', main.type, main.uid),
      kpiVariable(
        [...shown, ...(options.composites ?? [])].map((kpi) => kpi.id),
        true
      ),
      windowVariable(TREND_WINDOWS, DEFAULT_TREND_WINDOW, 'Trend window'),
    ],
    panels: layout.panels,
    // Windows are PromQL over time() alone, so they shade SQL KPIs too, given a Prometheus to ask.
    annotations: promql.length > 0 ? optional(kpiMaintenanceAnnotation(shown, datasourceVariableRef(main.type))) : [],
    links: [],
    from: `now-${grafanaRange(Math.max(...shown.map(coveringRangeMs)))}`,
    refresh: '5m',
  });
}

function riskHeight(kpis: readonly KpiDefinition[]): number {
  return Math.max(6, 3 + 2 * kpis.length);
}

function riskHeatmap(
  kpis: readonly KpiDefinition[],
  datasourceOf: (kpi: KpiDefinition) => DataSourceRef,
  scrapeIntervalMs: number
) {
  return {
    type: 'status-history',
    title: 'Burn rate per KPI and day',
    description:
      'Each cell is one day of one KPI: its error ratio over the share of events its objective allows to fail. ' +
      'Green: within budget; orange: above 1, the budget runs out before the SLO window ends at that pace; red: ' +
      'above 3.',
    datasource: MIXED_DATASOURCE,
    interval: '1d',
    maxDataPoints: 100,
    targets: kpis.map((kpi, index) =>
      promTarget(refIdAt(index), datasourceOf(kpi), dailyBurnRateExpr(kpi, scrapeIntervalMs), {
        legendFormat: kpi.name,
        interval: '1d',
      })
    ),
    options: {
      showValue: 'auto',
      rowHeight: 0.9,
      colWidth: 0.9,
      legend: { showLegend: true, displayMode: 'list', placement: 'bottom' },
      tooltip: { mode: 'single', sort: 'none' },
    },
    fieldConfig: fieldConfig('x', BURN_RATE_STEPS, { decimals: 1 }, { fillOpacity: 80, lineWidth: 1 }),
    size: { w: 18, h: riskHeight(kpis) },
  };
}

function trendPanel(
  kpi: KpiDefinition,
  datasource: DataSourceRef,
  scrapeIntervalMs: number
): Omit<Panel, 'id'> & {
  size: { w: number; h: number };
} {
  const config = fieldConfig(
    SLI_UNIT,
    [{ color: 'green', value: null }],
    { decimals: 2, color: { mode: 'palette-classic' } },
    { lineWidth: 2, fillOpacity: 0, showPoints: 'never', spanNulls: false }
  );
  config.overrides.push({
    matcher: { id: 'byFrameRefID', options: 'B' },
    properties: [
      { id: 'custom.lineStyle', value: { fill: 'dash', dash: [10, 10] } },
      { id: 'color', value: { mode: 'fixed', fixedColor: 'text' } },
    ],
  });
  return {
    type: 'timeseries',
    title: `${kpi.name}: trend vs target`,
    description: `The SLI over a rolling $${WINDOW_VARIABLE} against the target of ${percentText(kpi.objective.target)}.`,
    datasource,
    maxDataPoints: TREND_MAX_DATA_POINTS,
    targets: [
      promTarget('A', datasource, sliOverExpr(kpi, `$${WINDOW_VARIABLE}`, scrapeIntervalMs), {
        legendFormat: `SLI over $${WINDOW_VARIABLE}`,
      }),
      promTarget('B', datasource, constantExpr(kpi.objective.target), { legendFormat: 'target' }),
    ],
    options: TIMESERIES_OPTIONS,
    fieldConfig: config,
    size: { w: 10, h: KPI_ROW_HEIGHT },
  };
}

/** Instances a per-label KPI's executive row names: the few with the lowest SLI over the dashboard's range. */
export const EXECUTIVE_WORST_INSTANCES = 5;

/** A per-label KPI's worst instances over the dashboard's time range, lowest SLI first, as bars against the target. */
function worstInstancesPanel(kpi: KpiDefinition, datasource: DataSourceRef) {
  const perInstance = sliPerInstanceExpr(kpi, '$__range', false);
  if (!perInstance) {
    return undefined;
  }
  const unit = groupByOf(kpi).join(' × ');
  return {
    type: 'bargauge',
    title: `${kpi.name}: worst ${unit}`,
    description: `The ${EXECUTIVE_WORST_INSTANCES} ${unit} values with the lowest SLI over the dashboard time range; red below the target of ${percentText(kpi.objective.target)}.`,
    datasource,
    targets: [
      promTarget('A', datasource, `bottomk(${EXECUTIVE_WORST_INSTANCES}, ${perInstance})`, {
        instant: true,
        range: false,
        legendFormat: groupByOf(kpi)
          .map((label) => `{{${label}}}`)
          .join(' '),
      }),
    ],
    options: {
      reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
      orientation: 'horizontal',
      displayMode: 'basic',
      showUnfilled: true,
    },
    fieldConfig: fieldConfig(
      SLI_UNIT,
      [
        { color: 'red', value: null },
        { color: 'green', value: kpi.objective.target },
      ],
      { decimals: 2, min: 0, max: 1 }
    ),
    size: { w: 24, h: KPI_ROW_HEIGHT },
  };
}

function deltaPanel(kpi: KpiDefinition, datasource: DataSourceRef, scrapeIntervalMs: number) {
  return {
    type: 'stat',
    title: 'SLI vs previous period',
    description:
      'The SLI over the dashboard time range minus the SLI over the period of the same length before it: ' +
      'above 0 is better.',
    datasource,
    targets: [
      promTarget('A', datasource, sliDeltaExpr(kpi, scrapeIntervalMs), {
        instant: true,
        range: false,
        legendFormat: 'Δ',
      }),
    ],
    options: STAT_OPTIONS,
    fieldConfig: fieldConfig(
      SLI_UNIT,
      [
        { color: 'red', value: null },
        { color: 'green', value: 0 },
      ],
      { decimals: 3 }
    ),
    size: { w: 6, h: KPI_ROW_HEIGHT },
  };
}
