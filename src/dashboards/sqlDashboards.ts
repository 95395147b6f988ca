/**
 * The executive and on-call dashboards of a KPI over SQL (PostgreSQL, MySQL): every panel's targets are the KPI's
 * own query objects on its data source, counts per bucket, with Grafana's server-side expressions for the SLI per
 * bucket and for a value over its period (Σ numerator / Σ denominator). The Northstar panel reads the same
 * queries for burn rates and budget. What only PromQL can fill is left out and the dashboard says so in a note:
 * the risk heatmap and rolling SLI trend (subqueries over recorded series), the per-instance panels (labels), the
 * histogram heatmap and the debug dashboard (the query's own series broken down by label), deploy annotations.
 */
import type { DataSourceRef, Panel } from '@grafana/schema';
import { rangeStepMs } from '../kpi/evaluate';
import { coveringRangeMs, formatDuration, grafanaRange, isCalendarWindow } from '../kpi/time';
import { type CalendarUnit, type KpiDefinition, type KpiQuery, type ValueKpiDefinition, sqlOf } from '../kpi/model';
import { defaultKpiPanelOptions } from '../reading';
import { alertListPanel } from './alertList';
import { dashboardLink, dashboardModel, runbookLinks, type DashboardBuildOptions } from './dashboardModel';
import { GridLayout, type Unplaced } from './layout';
import type { GeneratedDashboard } from './marker';
import { fieldConfig, northstarPanelOf, percentText, SLI_UNIT } from './panels';
import { kpiDashboardUid } from './uid';
import { DATASOURCE_VARIABLE, datasourceVariable, datasourceVariableRef, KPI_VARIABLE, kpiVariable } from './variables';

/** Grafana's server-side expressions: a pseudo data source every Grafana has. */
export const EXPRESSION_DATASOURCE: DataSourceRef = { type: '__expr__', uid: '__expr__' };

/** What the dashboards of a SQL KPI leave out, shown on the dashboard as a text panel. */
export const SQL_LEFT_OUT_NOTE =
  'Left out for a SQL KPI, because only PromQL can fill them: the risk heatmap and the rolling SLI trend ' +
  '(subqueries over recorded series), the change against the previous period, per-instance panels (labels), ' +
  'the latency histogram heatmap and the debug dashboard, and deploy annotations.';

type Placed = Unplaced<Panel>;

/** A SQL query of a panel, as Grafana's SQL data sources store it. */
export interface SqlTarget {
  [key: string]: unknown;
  refId: string;
  datasource: DataSourceRef;
  rawSql: string;
  format: 'time_series' | 'table';
  editorMode: 'code';
  hide?: boolean;
}

function sqlTarget(refId: string, datasource: DataSourceRef, query: KpiQuery, field: string, kpiId: string): SqlTarget {
  const sql = sqlOf(query);
  if (!sql) {
    throw new Error(`${kpiId}: indicator.${field} is not a SQL query object ({ rawSql, format })`);
  }
  return { refId, datasource, rawSql: sql.rawSql, format: sql.format, editorMode: 'code' };
}

function mathExpression(refId: string, expression: string) {
  return { refId, datasource: EXPRESSION_DATASOURCE, type: 'math', expression, hide: false };
}

function reduceExpression(refId: string, input: string, reducer: string) {
  return { refId, datasource: EXPRESSION_DATASOURCE, type: 'reduce', expression: input, reducer, hide: true };
}

/** The KPI's queries under the refIds the Northstar panel reads (good A and total B, or the value A). */
function kpiSqlTargets(kpi: KpiDefinition, datasource: DataSourceRef): SqlTarget[] {
  const indicator = kpi.indicator;
  if (indicator.type === 'ratio') {
    return [
      sqlTarget(defaultKpiPanelOptions.goodRefId, datasource, indicator.good, 'good', kpi.id),
      sqlTarget(defaultKpiPanelOptions.totalRefId, datasource, indicator.total, 'total', kpi.id),
    ];
  }
  return [sqlTarget(defaultKpiPanelOptions.valueRefId, datasource, indicator.query, 'query', kpi.id)];
}

/**
 * The Northstar panel over the KPI's SQL: the panel reads buckets named by their start and counts per bucket
 * (src/reading). A long SLO window pins the step as the panel's minimum interval, so every window fits the grid.
 */
function sqlNorthstarPanel(
  kpi: KpiDefinition,
  view: 'stat' | 'burn-rate-table' | 'budget-burndown',
  title: string,
  datasource: DataSourceRef,
  size: { w: number; h: number }
): Placed {
  const spanMs = coveringRangeMs(kpi);
  const panel = northstarPanelOf(
    { view, kpiId: kpi.id, queries: 'kpi' },
    { title, description: kpi.description ?? '', datasource, targets: kpiSqlTargets(kpi, datasource) },
    grafanaRange(spanMs),
    size
  );
  return { ...panel, interval: formatDuration(rangeStepMs(kpi, spanMs)) };
}

/** The KPI's SQL per bucket: good and total (or the value's series), with the SLI per bucket against the target. */
function sliPerBucketPanel(kpi: KpiDefinition, datasource: DataSourceRef, size: { w: number; h: number }): Placed {
  const [good, total] = kpiSqlTargets(kpi, datasource).map((target) => ({ ...target, hide: true }));
  const isRatio = kpi.indicator.type === 'ratio';
  const config = fieldConfig(
    SLI_UNIT,
    [
      { color: 'red', value: null },
      { color: 'green', value: kpi.objective.target },
    ],
    { decimals: 3, color: { mode: 'palette-classic' } },
    { lineWidth: 2, fillOpacity: 0, showPoints: 'never', thresholdsStyle: { mode: 'line+area' } }
  );
  return {
    type: 'timeseries',
    title: isRatio ? 'SLI per bucket vs target' : 'Value per bucket vs threshold',
    description: isRatio
      ? `Good over total in each time bucket of the KPI's own SQL, against the target of ${percentText(kpi.objective.target)} (the line).`
      : "The KPI's own SQL value per time bucket.",
    datasource: isRatio ? { type: 'datasource', uid: '-- Mixed --' } : datasource,
    targets: isRatio ? [good, total, mathExpression('SLI', `$${good.refId} / $${total.refId}`)] : [good],
    options: {
      legend: { showLegend: true, displayMode: 'list', placement: 'bottom' },
      tooltip: { mode: 'multi', sort: 'none' },
    },
    fieldConfig: isRatio ? config : fieldConfig('short', [{ color: 'green', value: null }]),
    size,
  };
}

/** The counts per bucket exactly as the KPI's SQL returns them: what an on-call engineer checks first. */
function countsPanel(kpi: KpiDefinition, datasource: DataSourceRef, size: { w: number; h: number }): Placed {
  return {
    type: 'timeseries',
    title: 'Events per bucket (the KPI’s SQL)',
    description: "The KPI's good and total queries as they are, one row per time bucket ($__interval).",
    datasource,
    targets: kpiSqlTargets(kpi, datasource),
    options: {
      legend: { showLegend: true, displayMode: 'list', placement: 'bottom' },
      tooltip: { mode: 'multi', sort: 'none' },
    },
    fieldConfig: fieldConfig(
      'short',
      [{ color: 'green', value: null }],
      { color: { mode: 'palette-classic' } },
      { drawStyle: 'bars', fillOpacity: 60, lineWidth: 1 }
    ),
    size,
  };
}

function notePanel(size: { w: number; h: number }): Placed {
  return {
    type: 'text',
    title: 'Not on this dashboard',
    description: '',
    options: { mode: 'markdown', content: SQL_LEFT_OUT_NOTE },
    size,
  };
}

function sqlLinks(kpi: KpiDefinition | ValueKpiDefinition, other?: { title: string; kind: 'executive' | 'oncall' }) {
  return [
    ...runbookLinks(kpi),
    ...(other
      ? [dashboardLink(other.title, kpiDashboardUid(kpi.id, other.kind), `The ${other.kind} view of ${kpi.name}`)]
      : []),
  ];
}

function sqlVariables(kpi: KpiDefinition | ValueKpiDefinition) {
  return [
    datasourceVariable(DATASOURCE_VARIABLE, 'Data source', kpi.datasource.type, kpi.datasource.uid),
    kpiVariable([kpi.id], false),
  ];
}

/** The executive view of an SLO over SQL: SLI and budget against the target, and the SLI per bucket. */
export function buildSqlExecutiveDashboard(
  kpi: KpiDefinition,
  options: DashboardBuildOptions = {}
): GeneratedDashboard {
  const datasource = datasourceVariableRef(kpi.datasource.type);
  const layout = new GridLayout();
  layout.row(`${kpi.name} · owner ${kpi.owner}`);
  layout.add(sqlNorthstarPanel(kpi, 'stat', `${kpi.name} vs target`, datasource, { w: 8, h: 8 }));
  layout.add(sliPerBucketPanel(kpi, datasource, { w: 16, h: 8 }));
  layout.add(alertListPanel('Pages and tickets firing', `kpi_id="$${KPI_VARIABLE}"`, { w: 12, h: 6 }));
  layout.add(notePanel({ w: 12, h: 6 }));
  return dashboardModel({
    uid: options.executiveUid ?? kpiDashboardUid(kpi.id, 'executive'),
    kind: 'executive',
    kpiId: kpi.id,
    title: `${kpi.name}: executive view`,
    description: `${kpi.name} against its target, for ${kpi.owner}. ${kpi.decision ?? ''}`.trim(),
    tags: [`kpi:${kpi.id}`],
    variables: sqlVariables(kpi),
    panels: layout.panels,
    links: sqlLinks(kpi, { title: 'On-call view', kind: 'oncall' }),
    from: `now-${grafanaRange(coveringRangeMs(kpi))}`,
    refresh: '5m',
  });
}

/** The on-call view of an SLO over SQL: burn rates, budget burndown, the SLI and counts per bucket, alerts. */
export function buildSqlOnCallDashboard(kpi: KpiDefinition, options: DashboardBuildOptions = {}): GeneratedDashboard {
  const datasource = datasourceVariableRef(kpi.datasource.type);
  const layout = new GridLayout();
  layout.row('Burn rate and error budget');
  layout.add(sqlNorthstarPanel(kpi, 'burn-rate-table', 'Burn rate per policy window', datasource, { w: 12, h: 10 }));
  layout.add(sqlNorthstarPanel(kpi, 'budget-burndown', 'Error budget burndown', datasource, { w: 12, h: 10 }));
  layout.row('SLI, events and alerts');
  layout.add(sliPerBucketPanel(kpi, datasource, { w: 12, h: 8 }));
  layout.add(countsPanel(kpi, datasource, { w: 12, h: 8 }));
  layout.add(alertListPanel('Firing Northstar alerts', `kpi_id="$${KPI_VARIABLE}"`, { w: 12, h: 6 }));
  layout.add(notePanel({ w: 12, h: 6 }));
  return dashboardModel({
    uid: kpiDashboardUid(kpi.id, 'oncall'),
    kind: 'oncall',
    kpiId: kpi.id,
    title: `${kpi.name}: on-call`,
    description: `Burn rate, error budget and alerts of ${kpi.name} (owner ${kpi.owner}).`,
    tags: [`kpi:${kpi.id}`],
    variables: sqlVariables(kpi),
    panels: layout.panels,
    links: sqlLinks(kpi, { title: 'Executive view', kind: 'executive' }),
    from: 'now-6h',
    refresh: '1m',
  });
}

/** A calendar period so far as a panel's relative time (`now/fQ` is the quarter for a fiscal year from January). */
const PERIOD_SO_FAR: Record<CalendarUnit, string> = { week: 'now/w', month: 'now/M', quarter: 'now/fQ' };

/** Grafana's reducer for a value KPI's aggregation (Grafana calls the time-weighted mean of buckets `mean` too). */
const REDUCERS = { sum: 'sum', mean: 'mean', last: 'last', min: 'min', max: 'max' } as const;

/**
 * The executive view of a value KPI over SQL: its value over the period (the panel's relative time: the rolling
 * window, or the calendar period so far in the dashboard's time zone) against the target, and per bucket.
 */
export function buildSqlValueDashboard(
  kpi: ValueKpiDefinition,
  options: DashboardBuildOptions = {}
): GeneratedDashboard {
  const datasource = datasourceVariableRef(kpi.datasource.type);
  const { indicator, objective } = kpi;
  const queries =
    indicator.numerator !== undefined
      ? [
          { ...sqlTarget('A', datasource, indicator.numerator, 'numerator', kpi.id), hide: true },
          { ...sqlTarget('B', datasource, indicator.denominator, 'denominator', kpi.id), hide: true },
          reduceExpression('SA', 'A', 'sum'),
          reduceExpression('SB', 'B', 'sum'),
          mathExpression('VALUE', '$SA / $SB'),
        ]
      : [
          { ...sqlTarget('A', datasource, indicator.query, 'query', kpi.id), hide: true },
          { ...reduceExpression('VALUE', 'A', REDUCERS[indicator.aggregation]), hide: false },
        ];
  const better = objective.direction === 'higher' ? ['red', 'orange', 'green'] : ['green', 'orange', 'red'];
  const [low, high] =
    objective.direction === 'higher'
      ? [objective.warning ?? objective.target, objective.target]
      : [objective.target, objective.warning ?? objective.target];
  const layout = new GridLayout();
  layout.row(`${kpi.name} · owner ${kpi.owner}`);
  layout.add({
    type: 'stat',
    title: `${kpi.name} vs target`,
    description: `${kpi.description ?? kpi.name}. Target ${objective.target} ${indicator.unit}, ${objective.direction} is better.`,
    datasource: { type: 'datasource', uid: '-- Mixed --' },
    timeFrom: isCalendarWindow(objective.window) ? PERIOD_SO_FAR[objective.window.calendar] : objective.window,
    interval: '1h',
    targets: queries,
    options: {
      reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
      colorMode: 'value',
      graphMode: 'none',
      textMode: 'value',
      justifyMode: 'center',
      orientation: 'auto',
    },
    fieldConfig: fieldConfig(indicator.unit, [
      { color: better[0], value: null },
      { color: better[1], value: low },
      { color: better[2], value: high },
    ]),
    size: { w: 8, h: 8 },
  });
  layout.add({
    type: 'timeseries',
    title: `${kpi.name} per bucket`,
    description: "The KPI's own SQL, one row per time bucket.",
    datasource,
    targets: [
      sqlTarget(
        'A',
        datasource,
        indicator.numerator ?? indicator.query,
        indicator.numerator ? 'numerator' : 'query',
        kpi.id
      ),
      ...(indicator.denominator ? [sqlTarget('B', datasource, indicator.denominator, 'denominator', kpi.id)] : []),
    ],
    options: {
      legend: { showLegend: true, displayMode: 'list', placement: 'bottom' },
      tooltip: { mode: 'multi', sort: 'none' },
    },
    fieldConfig: fieldConfig(
      indicator.denominator ? 'short' : indicator.unit,
      [{ color: 'green', value: null }],
      { color: { mode: 'palette-classic' } },
      { drawStyle: 'bars', fillOpacity: 60, lineWidth: 1 }
    ),
    size: { w: 16, h: 8 },
  });
  layout.add(notePanel({ w: 24, h: 4 }));
  return dashboardModel({
    uid: options.executiveUid ?? kpiDashboardUid(kpi.id, 'executive'),
    kind: 'executive',
    kpiId: kpi.id,
    title: `${kpi.name}: executive view`,
    description: `${kpi.name} against its target, for ${kpi.owner}. ${kpi.decision ?? ''}`.trim(),
    tags: [`kpi:${kpi.id}`],
    variables: sqlVariables(kpi),
    panels: layout.panels,
    links: sqlLinks(kpi),
    from: 'now-7d',
    refresh: '5m',
  });
}
