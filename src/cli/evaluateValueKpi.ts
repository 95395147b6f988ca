/**
 * `northstar eval` for value KPIs: reads the period and the one before with range queries on the grid of
 * valuePeriodsAt (one request per query, chunked as Prometheus wants) and hands the series to evaluateValue.
 * The grid steps by the one step the app reads the KPI at (src/reading valueQueryStep), on the instants Grafana's
 * alignment gives, so a sum of per-step rates, which depends on the step through `$__rate_interval`, is the
 * number the catalog row, the KPI page and the report show.
 * A query that returns several series where the indicator wants one is no-data, naming the labels to sum away.
 */
import { evaluateValue, type ValueChange, type ValuePeriods, valuePeriodsAt, type ValueStatus } from '../kpi/evaluate';
import {
  DEFAULT_SCRAPE_INTERVAL_MS,
  expandGrafanaMacros,
  formatDuration,
  grafanaRateInterval,
  maintenanceAt,
  maintenanceMaskFor,
} from '../kpi/time';
import { type KpiQuery, notPromqlNote, promqlOf, type ValueDirection, type ValueKpiDefinition } from '../kpi/model';
import { alignedToStep, severalSeriesReason, type ValueField, valueQueryStep } from '../reading';
import { PrometheusError, type PrometheusClient } from './prometheus';

/** The JSON shape of a value KPI's row of `northstar eval --json`. */
export interface ValueEvalRow {
  id: string;
  version: number;
  kind: 'value';
  status: ValueStatus;
  /** The value over the period so far, in `unit`. */
  value: number | null;
  target: number;
  direction: ValueDirection;
  warning?: number;
  unit: string;
  previousValue: number | null;
  /** The forecast (the judged number) against the previous period's value. */
  change: ValueChange | null;
  /** The value at the period's end at the run rate so far (a sum under way); the value itself otherwise. */
  forecast: number | null;
  periodStart: string;
  periodEnd: string;
  evaluatedAt: string;
  /** Share of the period's steps with a sample. */
  coverage: number;
  /** Why there is no value: "the denominator is 0 over this month". */
  reason?: string;
  /** Why the KPI could not be read, when Prometheus refused its queries. */
  error?: string;
}

export interface ValueEvalOptions {
  atMs: number;
  scrapeIntervalMs?: number;
  /** `--step`: the grid's step instead of the app's, read up to `atMs` as given. */
  stepMs?: number;
}

/**
 * The instant and step a value KPI is read at: the app's step, and `atMs` rounded down to it as Grafana rounds a
 * range's end; `--step` as asked; the engine's own step where no round step falls on the periods' bounds (the
 * app then shows an error, eval still reads the KPI).
 */
export function valueReadAt(kpi: ValueKpiDefinition, options: ValueEvalOptions): { atMs: number; stepMs?: number } {
  if (options.stepMs !== undefined) {
    return { atMs: options.atMs, stepMs: options.stepMs };
  }
  const step = valueQueryStep(kpi.objective.window, options.atMs);
  return step === undefined ? { atMs: options.atMs } : { atMs: alignedToStep(options.atMs, step), stepMs: step.stepMs };
}

/** Thrown when a query returns several series where one is expected; becomes the row's no-data reason. */
class SeveralSeriesError extends Error {}
/** Prometheus cannot run the KPI's query: it is a query object of another data source (eval --grafana can). */
class NotPromqlError extends Error {}

async function readOne(
  client: PrometheusClient,
  field: ValueField,
  query: string,
  periods: ValuePeriods
): Promise<Float64Array> {
  const { grid } = periods;
  const series = await client.rangeSeriesOnGrid(query, grid.startMs, grid.stepMs, grid.length);
  if (series.length > 1) {
    throw new SeveralSeriesError(
      severalSeriesReason(
        field,
        query,
        series.map(({ labels }) => labels)
      )
    );
  }
  return series[0]?.values ?? new Float64Array(grid.length).fill(NaN);
}

/** Evaluates one value KPI against Prometheus at `options.atMs`. */
export async function evaluateValueKpi(
  client: PrometheusClient,
  kpi: ValueKpiDefinition,
  options: ValueEvalOptions
): Promise<ValueEvalRow> {
  const { indicator, objective } = kpi;
  const { atMs, stepMs } = valueReadAt(kpi, options);
  const periods = valuePeriodsAt(objective.window, atMs, stepMs);
  const { grid } = periods;
  const macros = {
    rateInterval: grafanaRateInterval(grid.stepMs, options.scrapeIntervalMs ?? DEFAULT_SCRAPE_INTERVAL_MS),
    interval: formatDuration(grid.stepMs),
    range: formatDuration(periods.current.endMs - periods.current.startMs),
  };
  const read = (field: ValueField, query: KpiQuery) => {
    const promql = promqlOf(query);
    if (promql === undefined) {
      throw new NotPromqlError(`${notPromqlNote(kpi, 'eval --prometheus')}; eval --grafana reads it`);
    }
    return readOne(client, field, expandGrafanaMacros(promql, macros), periods);
  };
  const reading = {
    kpi,
    periodStart: new Date(periods.current.startMs).toISOString(),
    periodEnd: new Date(periods.current.endMs).toISOString(),
    evaluatedAt: new Date(atMs).toISOString(),
  };
  try {
    const series =
      indicator.numerator !== undefined
        ? {
            numerator: await read('numerator', indicator.numerator),
            denominator: await read('denominator', indicator.denominator),
          }
        : { query: await read('query', indicator.query), aggregation: indicator.aggregation };
    const evaluation = evaluateValue({
      objective,
      periods,
      series,
      excluded: maintenanceMaskFor(kpi.maintenance, grid),
      inMaintenance: maintenanceAt(kpi.maintenance, atMs) !== null,
      evaluatedAtMs: atMs,
    });
    return valueRow(reading, evaluation);
  } catch (error) {
    if (!(error instanceof PrometheusError || error instanceof SeveralSeriesError || error instanceof NotPromqlError)) {
      throw error;
    }
    const nothing = { status: 'no-data' as const, value: null, previousValue: null, change: null, forecast: null };
    const why = error instanceof PrometheusError ? { error: error.message } : { reason: error.message };
    return valueRow(reading, { ...nothing, coverage: 0, ...why });
  }
}

/** What a value KPI's row says of its reading: the KPI, its period and the evaluation instant, as ISO text. */
export type ValueRowReading = Pick<ValueEvalRow, 'periodStart' | 'periodEnd' | 'evaluatedAt'> & {
  kpi: ValueKpiDefinition;
};
/** What a value KPI's row says of its evaluation. */
export type ValueRowEvaluation = Pick<
  ValueEvalRow,
  'status' | 'value' | 'previousValue' | 'change' | 'forecast' | 'coverage'
> &
  Partial<Pick<ValueEvalRow, 'reason' | 'error'>>;

/** The row in the order the JSON documents it: what it is, how it stands, then the period. */
export function valueRow(
  { kpi, periodStart, periodEnd, evaluatedAt }: ValueRowReading,
  evaluated: ValueRowEvaluation
): ValueEvalRow {
  const { objective } = kpi;
  return {
    id: kpi.id,
    version: kpi.version,
    kind: 'value',
    status: evaluated.status,
    value: evaluated.value,
    target: objective.target,
    direction: objective.direction,
    previousValue: evaluated.previousValue,
    change: evaluated.change,
    forecast: evaluated.forecast,
    periodStart,
    periodEnd,
    evaluatedAt,
    ...(objective.warning === undefined ? {} : { warning: objective.warning }),
    unit: kpi.indicator.unit,
    coverage: evaluated.coverage,
    ...(evaluated.reason === undefined ? {} : { reason: evaluated.reason }),
    ...(evaluated.error === undefined ? {} : { error: evaluated.error }),
  };
}
