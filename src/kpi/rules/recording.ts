/**
 * Recording rules: a ratio KPI's base good and total rates and its error ratio per window, a threshold or timeslice
 * KPI's slice verdicts and its share of bad slices per window, a composite's weighted error ratio from its members'
 * base records. Base records leave maintenance out, so every window derived from them does too.
 */
import { formatDuration } from '../time';
import {
  type KpiDefinition,
  PROM_GOOD_INCREASE_RECORD_PREFIX,
  PROM_LABEL_KPI_VERSION,
  PROM_TOTAL_INCREASE_RECORD_PREFIX,
  PROM_SLICE_GOOD_RECORD,
  type RatioIndicator,
  type ThresholdIndicator,
  type TimesliceIndicator,
} from '../model';
import type { RecordingRule } from './ruleGroup';
import { longWindowErrorRatioExpr, readsSums, sumRecordingRules, sumSpansMs } from './longWindows';
import { countDeltaExpr, DELTA_EVALUATION_INTERVAL_MS } from './counterDeltas';
import {
  errorRatioRecordName,
  goodRateRecordName,
  idLabel,
  kpiLabels,
  kpiWindows,
  ratioQueries,
  selector,
  sliceVerdictExpr,
  totalRateRecordName,
  weightedErrorRatioExpr,
} from '../promql';

/**
 * Good and total over the base window, the base error ratio, the exact counts per evaluation and their daily (and
 * hourly) sums that windows of a day and longer read (counterDeltas.ts, longWindows.ts), then one derived error
 * ratio per longer window.
 */
export function ratioRecordingRules(
  kpi: KpiDefinition,
  indicator: RatioIndicator,
  windowsMs: number[],
  maintenance: string | undefined
): RecordingRule[] {
  const [baseMs, ...longerMs] = windowsMs;
  const { good, total } = ratioQueries(indicator, baseMs);
  const labels = kpiLabels(kpi);
  const goodRecord = goodRateRecordName(baseMs);
  const totalRecord = totalRateRecordName(baseMs);
  const current = (record: string) => selector(record, labels);
  const countDeltas = countDeltaRules(indicator, longerMs, maintenance, labels) ?? {
    rules: [],
    summed: { good: goodRecord, total: totalRecord },
  };
  const allVersions = (record: string, windowMs: number) =>
    `sum without (${PROM_LABEL_KPI_VERSION}) (sum_over_time(${selector(record, idLabel(kpi))}[${formatDuration(windowMs)}]))`;
  return [
    { record: goodRecord, expr: outsideMaintenance(maintenance, good), labels },
    { record: totalRecord, expr: outsideMaintenance(maintenance, total), labels },
    {
      record: errorRatioRecordName(baseMs),
      expr: `1 - (${current(goodRecord)} / ${current(totalRecord)})`,
      labels,
    },
    ...countDeltas.rules,
    ...sumRecordingRules(kpi, countDeltas.summed, longerMs, labels),
    ...longerMs.map((windowMs) => ({
      record: errorRatioRecordName(windowMs),
      expr: readsSums(windowMs)
        ? longWindowErrorRatioExpr(kpi, windowMs)
        : `1 - (${allVersions(goodRecord, windowMs)} / ${allVersions(totalRecord, windowMs)})`,
      labels,
    })),
  ];
}

/**
 * The good and total events since the previous evaluation, which the sums add up instead of the base rates, when
 * the KPI has windows that read sums and both its queries are sums of one counter's rate; undefined otherwise.
 */
function countDeltaRules(
  indicator: RatioIndicator,
  longerMs: readonly number[],
  maintenance: string | undefined,
  labels: Record<string, string>
): { rules: RecordingRule[]; summed: { good: string; total: string } } | undefined {
  const good = countDeltaExpr(indicator.good);
  const total = countDeltaExpr(indicator.total);
  if (sumSpansMs(longerMs).length === 0 || good === undefined || total === undefined) {
    return undefined;
  }
  const span = formatDuration(DELTA_EVALUATION_INTERVAL_MS);
  const summed = {
    good: `${PROM_GOOD_INCREASE_RECORD_PREFIX}${span}`,
    total: `${PROM_TOTAL_INCREASE_RECORD_PREFIX}${span}`,
  };
  // As the base records: no good series yet still counts zero good events (ratioQueries).
  const zero = indicator.groupBy ? `((${total}) * 0)` : 'vector(0)';
  return {
    rules: [
      { record: summed.good, expr: outsideMaintenance(maintenance, `(${good}) or ${zero}`), labels },
      { record: summed.total, expr: outsideMaintenance(maintenance, total), labels },
    ],
    summed,
  };
}

/** The good/bad verdict of each slice, then the share of bad slices per window. */
export function sliceRecordingRules(
  kpi: KpiDefinition,
  indicator: ThresholdIndicator | TimesliceIndicator,
  windowsMs: number[],
  scrapeIntervalMs: number,
  maintenance: string | undefined
): RecordingRule[] {
  const labels = kpiLabels(kpi);
  const slices = selector(PROM_SLICE_GOOD_RECORD, idLabel(kpi));
  const overVersions = (fn: string, window: string) =>
    `sum without (${PROM_LABEL_KPI_VERSION}) (${fn}(${slices}[${window}]))`;
  return [
    {
      record: PROM_SLICE_GOOD_RECORD,
      expr: outsideMaintenance(maintenance, sliceVerdictExpr(indicator, scrapeIntervalMs)),
      labels,
    },
    ...windowsMs.map((windowMs) => {
      const window = formatDuration(windowMs);
      // good slices / all slices, added up over kpi_version so that a new version keeps the history
      return {
        record: errorRatioRecordName(windowMs),
        expr: `1 - (${overVersions('sum_over_time', window)} / ${overVersions('count_over_time', window)})`,
        labels,
      };
    }),
  ];
}

/** A member's good and total events over a window, from its base records, over every kpi_version. */
function memberCounts(member: KpiDefinition, windowMs: number): { good: string; total: string } {
  const range = `[${formatDuration(windowMs)}]`;
  const overVersions = (fn: string, record: string) =>
    `sum without (${PROM_LABEL_KPI_VERSION}) (${fn}(${selector(record, idLabel(member))}${range}))`;
  if (member.indicator.type !== 'ratio') {
    return {
      good: overVersions('sum_over_time', PROM_SLICE_GOOD_RECORD),
      total: overVersions('count_over_time', PROM_SLICE_GOOD_RECORD),
    };
  }
  const baseMs = kpiWindows(member).windowsMs[0];
  return {
    good: overVersions('sum_over_time', goodRateRecordName(baseMs)),
    total: overVersions('sum_over_time', totalRateRecordName(baseMs)),
  };
}

/**
 * The composite's error ratio over a window, Σ wᵢ·(1 − SLIᵢ) / Σ wᵢ, as PromQL:
 *   ((sum(w1 * ER1) or vector(0)) + …) / ((count(ER1) * w1 or vector(0)) + …)  and on () (every member has samples)
 * where ERᵢ = `1 - (goodᵢ / totalᵢ) >= 0`. A member without traffic has 0 / 0 = NaN, which fails `>= 0`: its term
 * and its weight drop out (`or vector(0)` stands in for them), as the engine drops it. When every member drops out
 * the ratio is 0 / 0, NaN, which no alert condition passes: no traffic. A member without samples in the window
 * makes the whole expression empty (the `and on ()`): no data, never a mean of the rest. Each sum makes the
 * member's series label-less, so the members add up whatever their labels.
 */
export function compositeErrorRatioExpr(
  members: ReadonlyArray<{ kpi: KpiDefinition; weight: number }>,
  windowMs: number
): string {
  return weightedErrorRatioExpr(
    members.map(({ kpi, weight }) => {
      const counts = memberCounts(kpi, windowMs);
      return { weight, errorRatio: `1 - (${counts.good} / ${counts.total})`, samples: counts.total };
    })
  );
}

/**
 * A base record with no sample while maintenance lasts, so every window's sums leave those steps out as the
 * engine does. The condition is inlined rather than read from the record: base records must need no other record.
 */
function outsideMaintenance(condition: string | undefined, expr: string): string {
  return condition === undefined ? expr : `(${expr}) unless on () (${condition})`;
}
