/**
 * The business part of the executive dashboard, which leads it: a risk heatmap of each value KPI's status per day
 * (per week for quarters), then per value KPI its value against the target, the change against the period before
 * and the trend with the target line. The value and its change are the Northstar panel's value view, read at the
 * app's step (valueTiles). Every other query is PromQL over the KPI's own series (src/kpi/promql
 * valueQueries.ts), so it needs no recording rules; a calendar window is read as the rolling range of its nominal
 * length, which the panels' descriptions say.
 */
import type { DataSourceRef, FieldConfigSource, Panel } from '@grafana/schema';
import { isCalendarWindow, parseDuration, periodName } from '../kpi/time';
import { valuePeriodsAt } from '../kpi/evaluate';
import {
  queryLanguageOf,
  requirePromql,
  type ValueAggregation,
  type ValueKpiDefinition,
  type ValueObjective,
} from '../kpi/model';
import {
  promNumber,
  rawValueOverExpr,
  VALUE_STATUS_CODE,
  valueRangeMs,
  valueRangeText,
  valueStatusExpr,
} from '../kpi/promql';
import { defaultKpiPanelOptions, valuePanelQueryOptions, type ValuePanelQueryOptions } from '../reading';
import { refIdAt } from './dashboardModel';
import type { GridLayout, Unplaced } from './layout';
import { constantExpr } from './promql';
import {
  fieldConfig,
  MIXED_DATASOURCE,
  northstarPanelOf,
  promTarget,
  sqlTarget,
  STAT_OPTIONS,
  TIMESERIES_OPTIONS,
} from './panels';
import { WINDOW_VARIABLE } from './variables';

const DAY_MS = 86_400_000;
/** A business KPI's row on the executive dashboard, over PromQL or SQL alike. */
export const VALUE_ROW_HEIGHT = 7;
/** Longer than this, a day is too fine a cell: a quarter's heatmap reads per week. */
const LONGEST_DAILY_RANGE_MS = 35 * DAY_MS;

/** Grafana's named colours for the three statuses, as the app's status pills use them. */
const STATUS_COLOURS = { 'on-track': 'green', 'at-risk': 'orange', 'off-track': 'red' } as const;

type Placed = Unplaced<Panel>;

/** The heatmap's cell: a day, or a week for windows past 35 days (quarters), so a row holds a readable count. */
export function riskCell(kpi: Pick<ValueKpiDefinition, 'objective'>): string {
  return valueRangeMs(kpi) > LONGEST_DAILY_RANGE_MS ? '7d' : '1d';
}

/**
 * Adds the business rows: the risk heatmap, then one row per value KPI. A KPI over SQL has no PromQL series for the
 * heatmap's daily status or the rolling trend, so its row holds `sqlPanels` instead (sqlDashboards.ts).
 */
export function addValueKpiRows(
  layout: GridLayout,
  kpis: readonly ValueKpiDefinition[],
  datasourceOf: (kpi: ValueKpiDefinition) => DataSourceRef,
  scrapeIntervalMs: number,
  {
    followers = () => [],
    sqlPanels,
  }: {
    /** Panels that follow each KPI's own in its row: its drivers' status (executiveDrivers.ts). */
    followers?: (kpi: ValueKpiDefinition) => Placed[];
    /** A SQL value KPI's own panels in its row. */
    sqlPanels: (kpi: ValueKpiDefinition, datasource: DataSourceRef) => Placed[];
  }
): void {
  const promql = kpis.filter((kpi) => queryLanguageOf(kpi.datasource.type) === 'promql');
  if (promql.length > 0) {
    const weekly = promql.some((kpi) => riskCell(kpi) === '7d');
    layout.row(weekly ? 'Business KPIs: status per day (per week for quarters)' : 'Business KPIs: status per day');
    layout.add(valueRiskHeatmap(promql, datasourceOf, scrapeIntervalMs));
  }
  for (const kpi of kpis) {
    const datasource = datasourceOf(kpi);
    layout.row(`${kpi.name} · owner ${kpi.owner}`);
    const own = promql.includes(kpi)
      ? [...valueTiles(kpi, datasource, scrapeIntervalMs), valueTrendPanel(kpi, datasource, scrapeIntervalMs)]
      : sqlPanels(kpi, datasource);
    [...own, ...followers(kpi)].forEach((panel) => layout.add(panel));
  }
}

/**
 * A value KPI's value against its target with the change: the Northstar panel, which reads the calendar period
 * itself and the same number as the catalog row; when no Query options hold all year, PromQL stat panels of the
 * rolling range and its change instead (statAndChangePanels).
 */
export function valueTiles(kpi: ValueKpiDefinition, datasource: DataSourceRef, scrapeIntervalMs: number): Placed[] {
  const queryOptions = lastingValuePanelQueryOptions(kpi);
  return queryOptions
    ? [valueNorthstarPanel(kpi, datasource, queryOptions)]
    : statAndChangePanels(kpi, datasource, scrapeIntervalMs);
}

/** The value over the rolling range as a stat, and its change against the range before. */
export function statAndChangePanels(
  kpi: ValueKpiDefinition,
  datasource: DataSourceRef,
  scrapeIntervalMs: number
): Placed[] {
  return [valueStatPanel(kpi, datasource, scrapeIntervalMs), valueChangePanel(kpi, datasource, scrapeIntervalMs)];
}

/** Weekly instants over a year, summer and winter time alike, at which a generated panel's options must hold. */
const YEAR_OF_WEEKS_MS = Array.from({ length: 53 }, (_, week) => Date.UTC(2026, 0, 1) + week * 7 * DAY_MS);

/**
 * The Query options that make Grafana read the KPI at the app's step (valuePanelQueryOptions) on any day the
 * dashboard is opened, or undefined when they change over the year: a dashboard is generated once and opened for
 * months, and a step that holds in winter but not in summer would make the panel read another number than the
 * catalog row for half of them.
 */
export function lastingValuePanelQueryOptions(kpi: ValueKpiDefinition): ValuePanelQueryOptions | undefined {
  const [first, ...others] = YEAR_OF_WEEKS_MS.map((atMs) => valuePanelQueryOptions(kpi.objective.window, atMs));
  const same = (options: ValuePanelQueryOptions | undefined) =>
    options !== undefined &&
    first !== undefined &&
    options.minInterval === first.minInterval &&
    options.maxDataPoints === first.maxDataPoints &&
    options.relativeTime === first.relativeTime;
  if (!same(first) || !others.every(same)) {
    return undefined;
  }
  const sql = queryLanguageOf(kpi.datasource.type) === 'sql';
  return !sql || periodsOnUtcBuckets(kpi, parseDuration(first!.minInterval)) ? first : undefined;
}

/**
 * Whether every period bound over the year falls on a bucket of `stepMs`. Grafana's SQL macros group rows in
 * buckets counted from the Unix epoch (`$__timeGroup` floors the epoch seconds to the interval), with no time zone
 * offset as Prometheus's steps have, so a month that starts at Kathmandu's midnight (18:15 UTC) would split an
 * hour's bucket between two periods.
 */
function periodsOnUtcBuckets(kpi: ValueKpiDefinition, stepMs: number): boolean {
  return YEAR_OF_WEEKS_MS.every((atMs) => {
    const { current, previous } = valuePeriodsAt(kpi.objective.window, atMs, stepMs);
    return [previous.startMs, current.startMs, current.endMs].every((boundMs) => boundMs % stepMs === 0);
  });
}

/**
 * The Northstar panel's value view of a catalog value KPI: the value over its own period (a calendar period
 * itself, not a rolling stand-in), the target and status, the change against the previous period and, for a total
 * under way, the forecast: what the app's catalog row shows, read from the KPI's own queries at the app's step
 * through the panel's Query options (Min interval, Max data points, Relative time).
 */
export function valueNorthstarPanel(
  kpi: ValueKpiDefinition,
  datasource: DataSourceRef,
  queryOptions: ValuePanelQueryOptions
): Placed {
  const { indicator } = kpi;
  const targets = valuePanelTargets(kpi, datasource);
  const panel = northstarPanelOf(
    { view: 'stat', kpiId: kpi.id, queries: 'kpi' },
    {
      title: `${kpi.name} vs target`,
      description:
        `The value of ${periodCaption(kpi)} against the target of ${promNumber(kpi.objective.target)} ` +
        `${indicator.unit} (${boundsText(kpi.objective, indicator.unit)}), with the change against the period before ` +
        `and, for a total under way, the forecast: the number the app's catalog shows. Min interval ` +
        `${queryOptions.minInterval}, Max data points ${queryOptions.maxDataPoints} and Relative time ` +
        `${queryOptions.relativeTime} make Grafana read it at the app's step.`,
      datasource,
      targets,
    },
    queryOptions.relativeTime,
    { w: 11, h: VALUE_ROW_HEIGHT }
  );
  return { ...panel, interval: queryOptions.minInterval, maxDataPoints: queryOptions.maxDataPoints };
}

/**
 * The KPI's own queries under the refIds the panel reads a value KPI by: numerator and denominator, or the query;
 * PromQL, or over SQL the stored `{ rawSql, format }`, whose `$__interval` follows the panel's Min interval.
 */
function valuePanelTargets(kpi: ValueKpiDefinition, datasource: DataSourceRef) {
  const { indicator } = kpi;
  const fields =
    indicator.numerator !== undefined
      ? [
          { refId: defaultKpiPanelOptions.goodRefId, field: 'numerator', query: indicator.numerator },
          { refId: defaultKpiPanelOptions.totalRefId, field: 'denominator', query: indicator.denominator },
        ]
      : [{ refId: defaultKpiPanelOptions.valueRefId, field: 'query', query: indicator.query }];
  const sql = queryLanguageOf(kpi.datasource.type) === 'sql';
  return fields.map(({ refId, field, query }) =>
    sql
      ? sqlTarget(refId, datasource, query, field, kpi.id)
      : promTarget(refId, datasource, requirePromql(query, field, kpi.id), {
          legendFormat: field === 'query' ? 'value' : field,
        })
  );
}

/** "this month (Europe/Berlin)" or "the last 7d". */
function periodCaption(kpi: ValueKpiDefinition): string {
  const { window } = kpi.objective;
  return isCalendarWindow(window)
    ? `${periodName(window.calendar, 'this')} (${window.timeZone})`
    : `the last ${window}`;
}

/** "last 7d", or for a calendar window "last 30d (this month, as a rolling 30d)". */
function rangeCaption(kpi: ValueKpiDefinition): string {
  const { window } = kpi.objective;
  const range = valueRangeText(kpi);
  return isCalendarWindow(window) ? `last ${range} (${periodName(window.calendar, 'this')})` : `last ${range}`;
}

/** What the value is, in words, for the descriptions. */
function valueMeaning(kpi: ValueKpiDefinition): string {
  const { indicator } = kpi;
  if (indicator.numerator !== undefined) {
    return 'Σ numerator / Σ denominator over the range (the ratio of their increases, not a mean of ratios)';
  }
  return AGGREGATION_MEANING[indicator.aggregation];
}

const AGGREGATION_MEANING: Record<ValueAggregation, string> = {
  sum: 'The total over the range',
  mean: 'The time-weighted mean over the range',
  last: 'The newest value in the range',
  min: 'The lowest value in the range',
  max: 'The highest value in the range',
};

/** "higher is better: on-track from 3, at-risk from 2.8, off-track below". */
function boundsText(objective: ValueObjective, unit: string): string {
  const [reach, past] = objective.direction === 'higher' ? ['from', 'below'] : ['up to', 'above'];
  const at = (value: number) => `${promNumber(value)} ${unit}`;
  const warning = objective.warning === undefined ? '' : `, at-risk ${reach} ${at(objective.warning)}`;
  return `${objective.direction} is better: on-track ${reach} ${at(objective.target)}${warning}, off-track ${past}`;
}

/** Why a calendar window reads as a rolling one here, and what a sum's number means. */
function calendarNote(kpi: ValueKpiDefinition): string {
  const { window } = kpi.objective;
  if (!isCalendarWindow(window)) {
    return '';
  }
  const range = valueRangeText(kpi);
  const sum = kpi.indicator.aggregation === 'sum';
  return (
    ` PromQL has no calendar, so ${periodName(window.calendar, 'this')} reads as the rolling ${range}, its length` +
    (sum
      ? `: the total of a whole ${window.calendar} at the current pace (a forecast), rather than ${periodName(window.calendar, 'this')} ` +
        `so far, which against a whole ${window.calendar}'s target would mislead.`
      : '.') +
    ' The KPI page in the app judges the calendar period itself.'
  );
}

/**
 * Thresholds by direction: colours step up at a value (`>=`), so higher-is-better starts red and turns orange at
 * the warning and green at the target, while lower-is-better starts green and turns orange past the target and red
 * past the warning.
 */
export function valueThresholdSteps(objective: ValueObjective): Array<{ color: string; value: number | null }> {
  const { direction, target, warning } = objective;
  if (direction === 'higher') {
    return [
      { color: STATUS_COLOURS['off-track'], value: null },
      ...(warning === undefined ? [] : [{ color: STATUS_COLOURS['at-risk'], value: warning }]),
      { color: STATUS_COLOURS['on-track'], value: target },
    ];
  }
  return [
    { color: STATUS_COLOURS['on-track'], value: null },
    ...(warning === undefined
      ? [{ color: STATUS_COLOURS['off-track'], value: target }]
      : [
          { color: STATUS_COLOURS['at-risk'], value: target },
          { color: STATUS_COLOURS['off-track'], value: warning },
        ]),
  ];
}

export function valueStatPanel(kpi: ValueKpiDefinition, datasource: DataSourceRef, scrapeIntervalMs: number): Placed {
  return valueStatPanelOver(kpi, datasource, [
    promTarget('A', datasource, rawValueOverExpr(kpi, valueRangeText(kpi), scrapeIntervalMs), {
      instant: true,
      range: false,
      legendFormat: 'value',
    }),
  ]);
}

/** The value against the target, coloured by status, from `targets`: PromQL, or SQL with server-side expressions. */
export function valueStatPanelOver(
  kpi: ValueKpiDefinition,
  datasource: DataSourceRef,
  targets: Array<{ refId: string }>
): Placed {
  const { indicator, objective } = kpi;
  return {
    type: 'stat',
    title: `${kpi.name}: ${rangeCaption(kpi)}`,
    description:
      `${valueMeaning(kpi)}, against the target of ${promNumber(objective.target)} ${indicator.unit} ` +
      `(${boundsText(objective, indicator.unit)}).${calendarNote(kpi)}`,
    datasource,
    targets,
    options: STAT_OPTIONS,
    fieldConfig: fieldConfig(indicator.unit, valueThresholdSteps(objective)),
    size: { w: 6, h: VALUE_ROW_HEIGHT },
  };
}

/**
 * The value over the range minus the value over the range before it, both of the same length: PromQL cannot shift
 * a whole expression, but a subquery can be shifted, so the previous value is the same expression one range
 * earlier. Green when the change goes the way the direction calls better.
 */
export function valueChangeExpr(kpi: ValueKpiDefinition, scrapeIntervalMs: number): string {
  const range = valueRangeText(kpi);
  const value = rawValueOverExpr(kpi, range, scrapeIntervalMs);
  return `(${value}) - last_over_time((${value})[5m:1m] offset ${range})`;
}

function valueChangePanel(kpi: ValueKpiDefinition, datasource: DataSourceRef, scrapeIntervalMs: number): Placed {
  const range = valueRangeText(kpi);
  const better = kpi.objective.direction === 'higher';
  return {
    type: 'stat',
    title: `Change vs the ${range} before`,
    description:
      `The value over the last ${range} minus the value over the ${range} before it, periods of the same length ` +
      `(${better ? 'above' : 'below'} 0 is better).` +
      (kpi.indicator.aggregation === 'sum' && isCalendarWindow(kpi.objective.window)
        ? ' Both are whole-length totals, so the change is not this period so far against a whole one.'
        : ''),
    datasource,
    targets: [
      promTarget('A', datasource, valueChangeExpr(kpi, scrapeIntervalMs), {
        instant: true,
        range: false,
        legendFormat: 'Δ',
      }),
    ],
    options: STAT_OPTIONS,
    fieldConfig: fieldConfig(
      kpi.indicator.unit,
      better
        ? [
            { color: STATUS_COLOURS['off-track'], value: null },
            { color: STATUS_COLOURS['on-track'], value: 0 },
          ]
        : [
            { color: STATUS_COLOURS['on-track'], value: null },
            { color: STATUS_COLOURS['off-track'], value: 0 },
          ]
    ),
    size: { w: 5, h: VALUE_ROW_HEIGHT },
  };
}

/** A line drawn dashed in a fixed colour: the target and warning next to the measured value. */
function dashedLine(refId: string, color: string): FieldConfigSource['overrides'][number] {
  return {
    matcher: { id: 'byFrameRefID', options: refId },
    properties: [
      { id: 'custom.lineStyle', value: { fill: 'dash', dash: [10, 10] } },
      { id: 'color', value: { mode: 'fixed', fixedColor: color } },
    ],
  };
}

function valueTrendPanel(kpi: ValueKpiDefinition, datasource: DataSourceRef, scrapeIntervalMs: number): Placed {
  const { indicator, objective } = kpi;
  const window = `$${WINDOW_VARIABLE}`;
  const sum = indicator.aggregation === 'sum';
  const config = fieldConfig(
    indicator.unit,
    [{ color: 'green', value: null }],
    { color: { mode: 'palette-classic' } },
    { lineWidth: 2, fillOpacity: 0, showPoints: 'never', spanNulls: false }
  );
  config.overrides.push(dashedLine('B', 'text'));
  if (objective.warning !== undefined) {
    config.overrides.push(dashedLine('C', STATUS_COLOURS['at-risk']));
  }
  return {
    type: 'timeseries',
    title: `${kpi.name}: trend vs target`,
    description: sum
      ? `The pace over a rolling ${window}, as a ${valueRangeText(kpi)} total (what the period reaches at that pace), ` +
        `against the target of ${promNumber(objective.target)} ${indicator.unit}.`
      : `The value over a rolling ${window} against the target of ${promNumber(objective.target)} ${indicator.unit}.`,
    datasource,
    maxDataPoints: 200,
    targets: [
      promTarget('A', datasource, rawValueOverExpr(kpi, window, scrapeIntervalMs), {
        legendFormat: sum ? `pace over ${window}` : `over ${window}`,
      }),
      promTarget('B', datasource, constantExpr(objective.target), { legendFormat: 'target' }),
      ...(objective.warning === undefined
        ? []
        : [promTarget('C', datasource, constantExpr(objective.warning), { legendFormat: 'warning' })]),
    ],
    options: TIMESERIES_OPTIONS,
    fieldConfig: config,
    size: { w: 13, h: VALUE_ROW_HEIGHT },
  };
}

/** Value mappings of the heatmap's status codes: the status's name and colour. */
function statusMappings() {
  const options = Object.fromEntries(
    (Object.keys(VALUE_STATUS_CODE) as Array<keyof typeof VALUE_STATUS_CODE>).map((status, index) => [
      String(VALUE_STATUS_CODE[status]),
      { text: status, color: STATUS_COLOURS[status], index },
    ])
  );
  return [{ type: 'value', options }];
}

/**
 * Each cell is one day (one week for quarters) of one KPI: its value over that day judged against target and
 * warning by direction, as on-track, at-risk or off-track; a sum's day is judged at its pace, as a whole period's
 * total. A day without a value (no data, a denominator of 0) stays empty.
 */
function valueRiskHeatmap(
  kpis: readonly ValueKpiDefinition[],
  datasourceOf: (kpi: ValueKpiDefinition) => DataSourceRef,
  scrapeIntervalMs: number
): Placed {
  return {
    type: 'status-history',
    title: 'Business KPIs: status per day',
    description:
      'Each cell is one day of one KPI (a week for quarterly KPIs): its value over that day against its target ' +
      'and warning, by its direction. A total (sum) is judged at the day’s pace, as the whole period would reach ' +
      'it. Green: on-track; orange: at-risk; red: off-track; empty: no value that day.',
    datasource: MIXED_DATASOURCE,
    interval: '1d',
    maxDataPoints: 100,
    targets: kpis.map((kpi, index) => {
      const cell = riskCell(kpi);
      return promTarget(
        refIdAt(index),
        datasourceOf(kpi),
        valueStatusExpr(kpi.objective, rawValueOverExpr(kpi, cell, scrapeIntervalMs)),
        { legendFormat: kpi.name, interval: cell }
      );
    }),
    options: {
      showValue: 'never',
      rowHeight: 0.9,
      colWidth: 0.9,
      legend: { showLegend: false, displayMode: 'list', placement: 'bottom' },
      tooltip: { mode: 'single', sort: 'none' },
    },
    fieldConfig: {
      ...fieldConfig(
        'none',
        [
          { color: STATUS_COLOURS['off-track'], value: null },
          { color: STATUS_COLOURS['at-risk'], value: VALUE_STATUS_CODE['at-risk'] },
          { color: STATUS_COLOURS['on-track'], value: VALUE_STATUS_CODE['on-track'] },
        ],
        { mappings: statusMappings() },
        { fillOpacity: 80, lineWidth: 1 }
      ),
    },
    size: { w: 24, h: Math.max(5, 3 + 2 * kpis.length) },
  };
}
