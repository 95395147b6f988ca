/**
 * Windows of a day and longer for ratio KPIs (issue 15), read from records that add up counts an hour or a day at
 * a time, so that the 28d window reads 28 samples of each instead of 40,320 per-minute samples.
 *
 * Every evaluation records, from the counts since the previous evaluation (counterDeltas.ts: exact counter
 * differences; the base rates when the queries are not sums of one counter's rate),
 *   sum1d(t) = Σ counts in (t − 1d, t]      and, when a window is not whole days,   sum1h(t) likewise,
 * and a window of d days and h hours adds up sum1d(t − k·1d) for k < d and sum1h(t − d·1d − k·1h) for k < h.
 * Rule groups evaluate at fixed steps, so those offsets land on recorded samples and the terms tile (t − W, t]:
 * with counter differences the ratio is the exact ratio of counts over the window, x(t) − x(t − W).
 *
 * Why not an aligned subquery (`sum_over_time(sum1h[28d:1h])`): its steps fall on whole hours of the clock, so
 * its window ends up to an hour before the evaluation and the burn-rate alerts would see that hour late.
 * Why a union of label_replace terms rather than `a + b`: `+` drops a series missing from either side (while the
 * sums warm up, after a gap), whereas the union summed `without` its label keeps whichever terms exist.
 */
import { formatDuration } from '../time';
import { type CatalogKpi, isCompositeKpi, type KpiDefinition, PROM_LABEL_KPI_VERSION } from '../model';
import { goodSumRecordName, idLabel, kpiWindows, selector, totalSumRecordName } from '../promql';
import type { RecordingRule } from './ruleGroup';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Tells the terms of a long window apart until they are added up; never in a recorded series. */
const TERM_LABEL = 'northstar_offset';
/**
 * The sums' ranges stop one second short of a whole hour or day: Prometheus 2 includes a range's first instant,
 * which is the previous sum's last sample, and Prometheus 3 does not; one second short, both count it once.
 */
const RANGE_MARGIN_MS = 1000;

/** Whether a window is read from the sums: a day or longer, in whole hours. */
export function readsSums(windowMs: number): boolean {
  return windowMs >= DAY_MS && windowMs % HOUR_MS === 0;
}

/**
 * How long the sums must have been recorded before every long window of a published ratio KPI covers its whole
 * length: its longest window that reads them; undefined when it has none.
 */
export function sumsWarmUpMs(kpi: CatalogKpi): number | undefined {
  if (kpi.status !== 'published' || isCompositeKpi(kpi) || kpi.indicator.type !== 'ratio') {
    return undefined;
  }
  const long = kpiWindows(kpi).windowsMs.slice(1).filter(readsSums);
  return long.length === 0 ? undefined : Math.max(...long);
}

/** The spans the sums are recorded over: a day when a window reads sums, and an hour when one is not whole days. */
export function sumSpansMs(windowsMs: readonly number[]): number[] {
  const long = windowsMs.filter(readsSums);
  if (long.length === 0) {
    return [];
  }
  return [DAY_MS, ...(long.some((windowMs) => windowMs % DAY_MS !== 0) ? [HOUR_MS] : [])];
}

/** How many sum samples of good (and as many of total) a long window reads: its days plus its odd hours. */
export function sumTermCount(windowMs: number): number {
  return Math.floor(windowMs / DAY_MS) + (windowMs % DAY_MS) / HOUR_MS;
}

/**
 * The sum records the KPI's long windows read, adding up the `summed` records (the counts per evaluation, or the
 * base rates): sum1d, and sum1h when one of the windows is not whole days.
 */
export function sumRecordingRules(
  kpi: KpiDefinition,
  summed: { good: string; total: string },
  windowsMs: readonly number[],
  labels: Record<string, string>
): RecordingRule[] {
  return sumSpansMs(windowsMs).flatMap((spanMs) => {
    const range = formatDuration(spanMs - RANGE_MARGIN_MS);
    const sumOf = (record: string) =>
      `sum without (${PROM_LABEL_KPI_VERSION}) (sum_over_time(${selector(record, idLabel(kpi))}[${range}]))`;
    return [
      { record: goodSumRecordName(spanMs), expr: sumOf(summed.good), labels },
      { record: totalSumRecordName(spanMs), expr: sumOf(summed.total), labels },
    ];
  });
}

/** 1 − good / total over a long window, from the sum records (readsSums(windowMs) must hold). */
export function longWindowErrorRatioExpr(kpi: KpiDefinition, windowMs: number): string {
  return `1 - (${windowSum(kpi, goodSumRecordName, windowMs)} / ${windowSum(kpi, totalSumRecordName, windowMs)})`;
}

function windowSum(kpi: KpiDefinition, recordName: (spanMs: number) => string, windowMs: number): string {
  const days = Math.floor(windowMs / DAY_MS);
  const hours = (windowMs % DAY_MS) / HOUR_MS;
  const terms = [
    ...Array.from({ length: days }, (_, k) => ({ record: recordName(DAY_MS), offsetMs: k * DAY_MS })),
    ...Array.from({ length: hours }, (_, k) => ({
      record: recordName(HOUR_MS),
      offsetMs: days * DAY_MS + k * HOUR_MS,
    })),
  ];
  const series = (record: string) => selector(record, idLabel(kpi));
  if (terms.length === 1) {
    return `sum without (${PROM_LABEL_KPI_VERSION}) (${series(terms[0].record)})`;
  }
  const union = terms.map(({ record, offsetMs }) => {
    const offset = offsetMs === 0 ? '' : ` offset ${formatDuration(offsetMs)}`;
    return `label_replace(${series(record)}${offset}, "${TERM_LABEL}", "${formatDuration(offsetMs)}", "", "")`;
  });
  return `sum without (${PROM_LABEL_KPI_VERSION}, ${TERM_LABEL}) (${union.join(' or ')})`;
}
