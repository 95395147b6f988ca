/**
 * An SLO whose queries are not PromQL (SQL, other types) in the report: its range queries, in its data source's own
 * model, from the previous period's start to the report's end at the report's step, added to the report's one
 * request per data source; read back as counts per step and summed per period (src/reading's periodErrorRatios).
 * PromQL SLOs ask Prometheus for each period's ratio instead (reportQuery.ts).
 */
import { dataFrameFromJSON, type DataFrame } from '@grafana/data';
import type { ReportPeriod } from '../kpi/evaluate';
import type { KpiDefinition } from '../kpi/model';
import { type DsQueryModel, kpiRangeQueryModels, periodErrorRatios, type ValueQueryStep } from '../reading';
import type { DsQueryResponse } from './dsQuery';
import { fieldOfRefId } from './catalogRangeRows';
import { reportValueRange } from './reportValueQuery';

/** One SLO's range queries in the report, under its refId prefix; or why it has none. */
export type PlannedRangeRatios =
  | { kpi: KpiDefinition; refIdPrefix: string; stepMs: number; queries: DsQueryModel[] }
  | { kpi: KpiDefinition; error: string };

/** The error ratios over the report's period and the one before; null is no data, NaN no traffic. */
export type PeriodRatios = { ratio: number | null; previous: number | null } | { error: string };

export function planRangeRatios(
  kpi: KpiDefinition,
  period: ReportPeriod,
  refIdPrefix: string,
  step: ValueQueryStep | undefined
): PlannedRangeRatios {
  if (step === undefined) {
    return { kpi, error: `no step Grafana keeps falls on the bounds of ${period.label} in ${period.timeZone}` };
  }
  const range = reportValueRange(period);
  const queries = kpiRangeQueryModels(kpi, { stepMs: step.stepMs, spanMs: range.toMs - range.fromMs, refIdPrefix });
  return { kpi, refIdPrefix, stepMs: step.stepMs, queries };
}

/** The two ratios from the data source's answer; a refused query names its field, as the catalog's rows do. */
export function readRangeRatios(
  planned: PlannedRangeRatios,
  period: ReportPeriod,
  response: DsQueryResponse
): PeriodRatios {
  if ('error' in planned) {
    return planned;
  }
  const { kpi, refIdPrefix, stepMs, queries } = planned;
  const frames: DataFrame[] = [];
  const refIds = queries.map((query) => query.refId.slice(refIdPrefix.length));
  for (const { refId } of queries) {
    const own = refId.slice(refIdPrefix.length);
    const result = response.results[refId];
    if (result?.error) {
      return { error: `${fieldOfRefId(own)} (refId ${own}): ${result.error}` };
    }
    frames.push(...(result?.frames ?? []).map((json) => ({ ...dataFrameFromJSON(json), refId: own })));
  }
  const read = periodErrorRatios(kpi, frames, [period, period.previous], {
    range: reportValueRange(period),
    stepMs,
    refIds,
  });
  return read.ok ? { ratio: read.ratios[0], previous: read.ratios[1] } : { error: read.reason };
}
