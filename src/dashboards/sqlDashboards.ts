/**
 * The executive and on-call dashboards of a KPI over SQL (PostgreSQL, MySQL): every panel's targets are the KPI's
 * own query objects on its data source, counts per bucket, with Grafana's server-side expressions for the SLI per
 * bucket. The Northstar panel reads the same queries for burn rates and budget, and a value KPI's value, target,
 * status and change at the app's step. What only PromQL can fill is left out and the dashboard says so in a note:
 * the risk heatmap and rolling SLI trend (subqueries over recorded series), the per-instance panels (labels), the
 * histogram heatmap and the debug dashboard (the query's own series broken down by label), deploy annotations.
 */
import type { DataSourceRef, Panel } from '@grafana/schema';
import { coveringRangeMs, grafanaRange, isCalendarWindow } from '../kpi/time';
import type { CalendarUnit, KpiDefinition, ValueKpiDefinition } from '../kpi/model';
import { alertListPanel } from './alertList';
import {
  dashboardLink,
  dashboardModel,
  kpiDashboardIdentity,
  runbookLinks,
  type DashboardBuildOptions,
  type DashboardParts,
} from './dashboardModel';
import { lastingValuePanelQueryOptions, valueNorthstarPanel, valueStatPanelOver } from './executiveValue';
import { GridLayout, type Unplaced } from './layout';
import type { GeneratedDashboard } from './marker';
import {
  fieldConfig,
  kpiSqlTargets,
  MIXED_DATASOURCE,
  northstarPanel,
  percentText,
  SLI_UNIT,
  sqlTarget,
  type SqlTarget,
  TIMESERIES_OPTIONS,
} from './panels';
import { kpiDashboardUid } from './uid';
import { DATASOURCE_VARIABLE, datasourceVariable, datasourceVariableRef, KPI_VARIABLE, kpiVariable } from './variables';

/** Grafana's server-side expressions: a pseudo data source every Grafana has. */
export const EXPRESSION_DATASOURCE: DataSourceRef = { type: '__expr__', uid: '__expr__' };

/** What the dashboards of a SQL KPI leave out, shown on the dashboard as a text panel. */
export const SQL_LEFT_OUT_NOTE =
  'Left out for a SQL KPI, because only PromQL can fill them: the risk heatmap and the rolling SLI trend ' +
  '(subqueries over recorded series), the change against the previous period, per-instance panels (labels), ' +
  'the latency histogram heatmap and the debug dashboard, and deploy annotations.';

/** What a SQL value KPI's dashboard leaves out; `withChange` when its value is a stat, which has no change. */
export function sqlValueLeftOutNote(withChange: boolean): string {
  return (
    'Left out for a SQL KPI, because only PromQL can fill them: the status per day (risk heatmap) and the rolling ' +
    `trend against the target (subqueries over the KPI's own series)` +
    (withChange ? ', and the change against the previous period.' : '.')
  );
}

type Placed = Unplaced<Panel>;
type Size = { w: number; h: number };

function mathExpression(refId: string, expression: string) {
  return { refId, datasource: EXPRESSION_DATASOURCE, type: 'math', expression, hide: false };
}

function reduceExpression(refId: string, input: string, reducer: string) {
  return { refId, datasource: EXPRESSION_DATASOURCE, type: 'reduce', expression: input, reducer, hide: true };
}

/** The KPI's SQL per bucket: good and total (or the value's series), with the SLI per bucket against the target. */
function sliPerBucketPanel(kpi: KpiDefinition, datasource: DataSourceRef, size: Size): Placed {
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
    datasource: isRatio ? MIXED_DATASOURCE : datasource,
    targets: isRatio ? [good, total, mathExpression('SLI', `$${good.refId} / $${total.refId}`)] : [good],
    options: TIMESERIES_OPTIONS,
    fieldConfig: isRatio ? config : fieldConfig('short', [{ color: 'green', value: null }]),
    size,
  };
}

/** The rows the KPI's SQL returns, as bars per time bucket: what an on-call engineer checks first. */
function perBucketPanel(
  title: string,
  description: string,
  datasource: DataSourceRef,
  targets: SqlTarget[],
  unit: string,
  size: Size
): Placed {
  return {
    type: 'timeseries',
    title,
    description,
    datasource,
    targets,
    options: TIMESERIES_OPTIONS,
    fieldConfig: fieldConfig(
      unit,
      [{ color: 'green', value: null }],
      { color: { mode: 'palette-classic' } },
      { drawStyle: 'bars', fillOpacity: 60, lineWidth: 1 }
    ),
    size,
  };
}

/** What a dashboard leaves out, said where the reader would look for it; the content is read as Markdown. */
export function notePanel(size: Size, content = SQL_LEFT_OUT_NOTE): Placed {
  return {
    type: 'text',
    title: 'Not on this dashboard',
    description: '',
    options: { mode: 'markdown', content },
    size,
  };
}

/**
 * A SQL KPI's dashboard: its data source and KPI variables, its runbook and the link to its other view (a value
 * KPI has none).
 */
function sqlDashboard(
  kpi: KpiDefinition | ValueKpiDefinition,
  identity: Pick<DashboardParts, 'uid' | 'kind' | 'kpiId' | 'title' | 'description' | 'tags'>,
  layout: GridLayout,
  { other, from, refresh }: { other?: { title: string; kind: 'executive' | 'oncall' }; from: string; refresh: string }
): GeneratedDashboard {
  return dashboardModel({
    ...identity,
    variables: [
      datasourceVariable(DATASOURCE_VARIABLE, 'Data source', kpi.datasource.type, kpi.datasource.uid),
      kpiVariable([kpi.id], false),
    ],
    panels: layout.panels,
    links: [
      ...runbookLinks(kpi),
      ...(other
        ? [dashboardLink(other.title, kpiDashboardUid(kpi.id, other.kind), `The ${other.kind} view of ${kpi.name}`)]
        : []),
    ],
    from,
    refresh,
  });
}

/**
 * A SQL SLO's status: the Northstar panel's stat (SLI and budget against the target) from its own SQL. Its executive
 * row leads with it, and a business KPI it drives shows it as the driver's status (executiveDrivers.ts).
 */
export function sqlSloStatPanel(kpi: KpiDefinition, datasource: DataSourceRef, size: Size): Placed {
  return northstarPanel(kpi, 'stat', `${kpi.name} vs target`, datasource, size);
}

/** The executive view of an SLO over SQL: SLI and budget against the target, and the SLI per bucket. */
export function buildSqlExecutiveDashboard(
  kpi: KpiDefinition,
  options: DashboardBuildOptions = {}
): GeneratedDashboard {
  const datasource = datasourceVariableRef(kpi.datasource.type);
  const layout = new GridLayout();
  layout.row(`${kpi.name} · owner ${kpi.owner}`);
  layout.add(sqlSloStatPanel(kpi, datasource, { w: 8, h: 8 }));
  layout.add(sliPerBucketPanel(kpi, datasource, { w: 16, h: 8 }));
  layout.add(alertListPanel('Pages and tickets firing', `kpi_id="$${KPI_VARIABLE}"`, { w: 12, h: 6 }));
  layout.add(notePanel({ w: 12, h: 6 }));
  return sqlDashboard(kpi, kpiDashboardIdentity(kpi, 'executive', options.executiveUid), layout, {
    other: { title: 'On-call view', kind: 'oncall' },
    from: `now-${grafanaRange(coveringRangeMs(kpi))}`,
    refresh: '5m',
  });
}

/** The on-call view of an SLO over SQL: burn rates, budget burndown, the SLI and counts per bucket, alerts. */
export function buildSqlOnCallDashboard(kpi: KpiDefinition, _options: DashboardBuildOptions = {}): GeneratedDashboard {
  const datasource = datasourceVariableRef(kpi.datasource.type);
  const layout = new GridLayout();
  layout.row('Burn rate and error budget');
  layout.add(northstarPanel(kpi, 'burn-rate-table', 'Burn rate per policy window', datasource, { w: 12, h: 10 }));
  layout.add(northstarPanel(kpi, 'budget-burndown', 'Error budget burndown', datasource, { w: 12, h: 10 }));
  layout.row('SLI, events and alerts');
  layout.add(sliPerBucketPanel(kpi, datasource, { w: 12, h: 8 }));
  layout.add(
    perBucketPanel(
      'Events per bucket (the KPI’s SQL)',
      "The KPI's good and total queries as they are, one row per time bucket ($__interval).",
      datasource,
      kpiSqlTargets(kpi, datasource),
      'short',
      { w: 12, h: 8 }
    )
  );
  layout.add(alertListPanel('Firing Northstar alerts', `kpi_id="$${KPI_VARIABLE}"`, { w: 12, h: 6 }));
  layout.add(notePanel({ w: 12, h: 6 }));
  return sqlDashboard(kpi, kpiDashboardIdentity(kpi, 'oncall'), layout, {
    other: { title: 'Executive view', kind: 'executive' },
    from: 'now-6h',
    refresh: '1m',
  });
}

/** A calendar period so far as a panel's relative time (`now/fQ` is the quarter for a fiscal year from January). */
const PERIOD_SO_FAR: Record<CalendarUnit, string> = { week: 'now/w', month: 'now/M', quarter: 'now/fQ' };

/** Grafana's reducer for a value KPI's aggregation (Grafana calls the time-weighted mean of buckets `mean` too). */
const REDUCERS = { sum: 'sum', mean: 'mean', last: 'last', min: 'min', max: 'max' } as const;

/** The value KPI's SQL under refIds A (numerator or query) and B (denominator). */
function valueSqlTargets(kpi: ValueKpiDefinition, datasource: DataSourceRef): SqlTarget[] {
  const { indicator } = kpi;
  return indicator.numerator !== undefined
    ? [
        sqlTarget('A', datasource, indicator.numerator, 'numerator', kpi.id),
        sqlTarget('B', datasource, indicator.denominator, 'denominator', kpi.id),
      ]
    : [sqlTarget('A', datasource, indicator.query, 'query', kpi.id)];
}

/** The value over the period by Grafana's server-side expressions: Σ A / Σ B, or A reduced by the aggregation. */
function valueExpressions(kpi: ValueKpiDefinition) {
  const { indicator } = kpi;
  return indicator.numerator !== undefined
    ? [reduceExpression('SA', 'A', 'sum'), reduceExpression('SB', 'B', 'sum'), mathExpression('VALUE', '$SA / $SB')]
    : [{ ...reduceExpression('VALUE', 'A', REDUCERS[indicator.aggregation]), hide: false }];
}

/**
 * The executive view of a value KPI over SQL: its value over the period against the target, and per bucket. The
 * value is the Northstar panel's value view, which reads the KPI's own SQL at the app's step through its Query
 * options (Grafana's `$__interval` follows the panel's Min interval), so it shows the catalog row's number with the
 * status and the change; sqlValueStatPanel where no Query options read it so all year.
 */
export function buildSqlValueDashboard(
  kpi: ValueKpiDefinition,
  options: DashboardBuildOptions = {}
): GeneratedDashboard {
  const datasource = datasourceVariableRef(kpi.datasource.type);
  const layout = new GridLayout();
  layout.row(`${kpi.name} · owner ${kpi.owner}`);
  const [tile, perBucket] = sqlValuePanels(kpi, datasource, { tile: { w: 8, h: 8 }, perBucket: { w: 16, h: 8 } });
  layout.add(tile);
  layout.add(perBucket);
  layout.add(notePanel({ w: 24, h: 4 }, sqlValueLeftOutNote(lastingValuePanelQueryOptions(kpi) === undefined)));
  return sqlDashboard(kpi, kpiDashboardIdentity(kpi, 'executive', options.executiveUid), layout, {
    from: 'now-7d',
    refresh: '5m',
  });
}

/** A SQL value KPI's tile (sqlValueTile) and its SQL per bucket. */
export function sqlValuePanels(
  kpi: ValueKpiDefinition,
  datasource: DataSourceRef,
  sizes: { tile: Size; perBucket: Size }
): [Placed, Placed] {
  const { indicator } = kpi;
  const targets = valueSqlTargets(kpi, datasource);
  return [
    sqlValueTile(kpi, datasource, sizes.tile),
    perBucketPanel(
      `${kpi.name} per bucket`,
      "The KPI's own SQL, one row per time bucket.",
      datasource,
      targets,
      indicator.denominator ? 'short' : indicator.unit,
      sizes.perBucket
    ),
  ];
}

/**
 * A SQL value KPI's tile: the Northstar panel's value view where Query options read it at the app's step all year,
 * else sqlValueStatPanel. Its executive row leads with it, and so does a business KPI's row it drives.
 */
export function sqlValueTile(kpi: ValueKpiDefinition, datasource: DataSourceRef, size: Size): Placed {
  const queryOptions = lastingValuePanelQueryOptions(kpi);
  return queryOptions
    ? { ...valueNorthstarPanel(kpi, datasource, queryOptions), size }
    : sqlValueStatPanel(kpi, valueSqlTargets(kpi, datasource), size);
}

/** A SQL SLO's panels on the catalog's executive overview: SLI and budget against the target, the SLI per bucket. */
export function sqlSloOverviewPanels(kpi: KpiDefinition, datasource: DataSourceRef, height: number): Placed[] {
  return [
    sqlSloStatPanel(kpi, datasource, { w: 8, h: height }),
    // Beside other KPIs' rows, the title names the KPI.
    { ...sliPerBucketPanel(kpi, datasource, { w: 16, h: height }), title: `${kpi.name}: SLI per bucket vs target` },
  ];
}

/**
 * The catalog overview's note on its SQL KPIs: what they show and what only PromQL could add. It names none of
 * them (a catalog's names would be read as Markdown); their rows are the ones with a chart per bucket.
 */
export const SQL_OVERVIEW_NOTE =
  'A KPI over SQL shows its value or SLI against the target, and its own SQL per time bucket beside it. Left out ' +
  'for it, because only PromQL can fill them: its line in the status and burn-rate heatmaps and the rolling trend ' +
  "against the target (subqueries over the KPI's own series), an SLO's change against the previous period and its " +
  'per-instance panels; a value whose period has no lasting Query options (a quarter under summer time, a month ' +
  'from a half-hour zone) shows its value as a stat, without the change.';

export function sqlOverviewNotePanel(): Placed {
  return { ...notePanel({ w: 24, h: 3 }, SQL_OVERVIEW_NOTE), title: 'Not on this dashboard for SQL KPIs' };
}

/**
 * The value over the period so far by Grafana's server-side expressions, as a stat: for a period whose Query
 * options change over the year (a quarter in a zone with summer time) or whose bounds are not on SQL's buckets
 * (lastingValuePanelQueryOptions), where the Northstar panel would read another number than the catalog row for part
 * of the year. A stat has no target, status or change of its own, only the target's colours.
 */
function sqlValueStatPanel(kpi: ValueKpiDefinition, targets: SqlTarget[], size: Size): Placed {
  const { indicator, objective } = kpi;
  return {
    ...valueStatPanelOver(kpi, MIXED_DATASOURCE, [
      ...targets.map((target) => ({ ...target, hide: true })),
      ...valueExpressions(kpi),
    ]),
    // SQL reads the calendar period itself, so the PromQL view's words on rolling ranges do not apply.
    title: `${kpi.name} vs target`,
    description: `${kpi.description ?? kpi.name}. Target ${objective.target} ${indicator.unit}, ${objective.direction} is better.`,
    timeFrom: isCalendarWindow(objective.window) ? PERIOD_SO_FAR[objective.window.calendar] : objective.window,
    interval: '1h',
    size,
  };
}
