/**
 * A value KPI's part of the report: its numerator and denominator (or query) as range queries over the report's
 * period and the one before (PromQL, or the stored SQL or other query object with the step as `$__interval`), added to the report's one request per data source and read back into a row on the
 * report's own periods (reportValuePeriods), not the KPI's window: "last quarter" is last quarter for every KPI.
 */
import type { DataFrame } from '@grafana/data';
import {
  comparedValuePeriods,
  evaluateValue,
  failedReportRow,
  type ReportPeriod,
  type ReportRow,
  reportValuePeriods,
  valueReportRowOf,
  type ValuePeriods,
} from '../kpi/evaluate';
import type { CalendarUnit, ValueKpiDefinition } from '../kpi/model';
import { maintenanceMaskFor } from '../kpi/time';
import {
  frameFromJson,
  type DsQueryModel,
  rangeQueryModel,
  unreadableSourceReason,
  valueQueryRefs,
  valueQueryStep,
  type ValueQueryStep,
  valueSeriesFromFrames,
} from '../reading';
import { datasourceKey, type DsQueryResponse } from './dsQuery';

/** A value KPI's queries in the report, on its periods; or why it has none. */
export type PlannedValueRow =
  | { kpi: ValueKpiDefinition; periods: ValuePeriods; refIdPrefix: string; queries: DsQueryModel[] }
  | { kpi: ValueKpiDefinition; error: string };

/**
 * The step of every value KPI's queries in a report: the one the catalog and the KPI page read a KPI of the report's
 * period at (valueQueryStep), so a month reads the same in all three; undefined when no round step fits.
 */
export function reportValueStep(period: ReportPeriod): ValueQueryStep | undefined {
  const unit = period.choice.split('-')[1] as CalendarUnit;
  // Inside the period, so that the calendar period found there is the report's (its end belongs to the next).
  const insideMs = period.complete ? period.endMs - 1 : period.endMs;
  return valueQueryStep({ calendar: unit, timeZone: period.timeZone }, insideMs);
}

/** The report's range when it holds value KPIs: from the previous period's start, which their grid reads from. */
export function reportValueRange(period: ReportPeriod): { fromMs: number; toMs: number } {
  return { fromMs: period.previous.startMs, toMs: period.endMs };
}

/** One value KPI's range queries under `r<index>-`, over `range` at `step`. */
export function planValueRow(
  kpi: ValueKpiDefinition,
  period: ReportPeriod,
  refIdPrefix: string,
  step: ValueQueryStep | undefined
): PlannedValueRow {
  if (step === undefined) {
    return { kpi, error: `no step Grafana keeps falls on the bounds of ${period.label} in ${period.timeZone}` };
  }
  const range = reportValueRange(period);
  // Above range / step, so that Grafana keeps the step as asked.
  const maxDataPoints = Math.ceil((range.toMs - range.fromMs) / step.stepMs) + 1;
  const queries = valueQueryRefs(kpi, refIdPrefix).map(({ refId, query }) =>
    rangeQueryModel(kpi.datasource, refId, query, step.stepMs, maxDataPoints, step.utcOffsetSec)
  );
  return { kpi, periods: reportValuePeriods(period, step.stepMs), refIdPrefix, queries };
}

/** A value KPI's row from the answers: a refused query marks the row naming its field, as the catalog's rows do. */
export function readValueRow(
  planned: PlannedValueRow,
  period: ReportPeriod,
  responses: ReadonlyMap<string, DsQueryResponse | Error>
): ReportRow {
  const { kpi } = planned;
  if ('error' in planned) {
    return failedReportRow(kpi, planned.error);
  }
  const response = responses.get(datasourceKey(kpi.datasource));
  if (!response || response instanceof Error) {
    return failedReportRow(kpi, response?.message ?? 'the data source did not answer');
  }
  const frames: DataFrame[] = [];
  for (const { refId } of planned.queries) {
    const result = response.results[refId];
    if (result?.error) {
      return failedReportRow(kpi, `indicator.${refId.slice(planned.refIdPrefix.length)}: ${result.error}`);
    }
    frames.push(...(result?.frames ?? []).map((json) => frameFromJson(json, refId)));
  }
  const unread = unreadableSourceReason(kpi, frames);
  if (unread !== undefined) {
    return failedReportRow(kpi, unread);
  }
  const periods = comparedValuePeriods(kpi, planned.periods, period);
  const read = valueSeriesFromFrames(frames, kpi, periods.grid, planned.refIdPrefix);
  if (!read.ok) {
    return failedReportRow(kpi, read.reason);
  }
  const evaluation = evaluateValue({
    objective: kpi.objective,
    periods,
    series: read.series,
    excluded: maintenanceMaskFor(kpi.maintenance, periods.grid),
    evaluatedAtMs: period.endMs,
  });
  return valueReportRowOf(kpi, evaluation, period);
}
