/**
 * PromQL text and the names of the series `northstar rules` records, shared by the live queries (src/data,
 * src/dashboards) and the rule generators (src/kpi/rules): one helper per record name, every value quoted.
 */
import { formatDuration, nominalSloWindowMs } from '../time';
import {
  type CatalogKpi,
  type KpiDefinition,
  PROM_ERROR_RATIO_RECORD_PREFIX,
  PROM_GOOD_RATE_RECORD_PREFIX,
  PROM_GOOD_SUM_RECORD_PREFIX,
  PROM_LABEL_KPI_ID,
  PROM_LABEL_KPI_VERSION,
  PROM_TOTAL_RATE_RECORD_PREFIX,
  PROM_TOTAL_SUM_RECORD_PREFIX,
} from '../model';
import { policyWindows, resolvePolicy, type BurnRateRule } from '../policy';

/** Slice of a threshold indicator, which has no slice of its own (DESIGN §2: default 1m). */
export const DEFAULT_THRESHOLD_SLICE = '1m';

/** The windows a KPI's rules look at: base (shortest) first, then longer ones, the SLO window included. */
export interface KpiWindows {
  sloWindowMs: number;
  policy: BurnRateRule[];
  /** Every distinct window, shortest first; windowsMs[0] is the base window. */
  windowsMs: number[];
}

/** The SLO window, the resolved policy and every window its rules need. */
export function kpiWindows(kpi: CatalogKpi): KpiWindows {
  // Prometheus writes windows as rolling ranges: a calendar period counts as its nominal length here.
  const sloWindowMs = nominalSloWindowMs(kpi);
  const policy = resolvePolicy(kpi.alerting, sloWindowMs);
  const windowsMs = [...new Set([...policyWindows(policy), sloWindowMs])].sort((a, b) => a - b);
  return { sloWindowMs, policy, windowsMs };
}

/** The slice a threshold or timeslice KPI is judged by; undefined for ratio KPIs. */
export function sliceOf(kpi: KpiDefinition): string | undefined {
  const { indicator } = kpi;
  return indicator.type === 'ratio'
    ? undefined
    : indicator.type === 'timeslice'
      ? indicator.slice
      : DEFAULT_THRESHOLD_SLICE;
}

/** `northstar:kpi_error_ratio:rate5m` for a 5-minute window. */
export function errorRatioRecordName(windowMs: number): string {
  return `${PROM_ERROR_RATIO_RECORD_PREFIX}${formatDuration(windowMs)}`;
}

/** `northstar:kpi_good:rate5m` for a 5-minute base window. */
export function goodRateRecordName(windowMs: number): string {
  return `${PROM_GOOD_RATE_RECORD_PREFIX}${formatDuration(windowMs)}`;
}

/** `northstar:kpi_total:rate5m` for a 5-minute base window. */
export function totalRateRecordName(windowMs: number): string {
  return `${PROM_TOTAL_RATE_RECORD_PREFIX}${formatDuration(windowMs)}`;
}

/** `northstar:kpi_good:sum1h`: the good base record's samples added up over an hour. */
export function goodSumRecordName(spanMs: number): string {
  return `${PROM_GOOD_SUM_RECORD_PREFIX}${formatDuration(spanMs)}`;
}

/** `northstar:kpi_total:sum1d`: the total base record's samples added up over a day. */
export function totalSumRecordName(spanMs: number): string {
  return `${PROM_TOTAL_SUM_RECORD_PREFIX}${formatDuration(spanMs)}`;
}

export function kpiLabels(kpi: CatalogKpi): Record<string, string> {
  return { [PROM_LABEL_KPI_ID]: kpi.id, [PROM_LABEL_KPI_VERSION]: String(kpi.version) };
}

export function idLabel(kpi: CatalogKpi): Record<string, string> {
  return { [PROM_LABEL_KPI_ID]: kpi.id };
}

/** `metric{a="x",b="y"}` with every label value quoted as a PromQL string. */
export function selector(metric: string, labels: Record<string, string>): string {
  const matchers = Object.entries(labels).map(([name, value]) => `${name}=${promqlString(value)}`);
  return `${metric}{${matchers.join(',')}}`;
}

/** A double-quoted PromQL string literal: backslash, double quote and line breaks escaped. */
export function promqlString(value: string): string {
  const escaped = value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
  return `"${escaped}"`;
}

/** A PromQL number without float noise: 1 - 0.999 is written 0.001, 0.02 × 720 is 14.4. */
export function promNumber(value: number): string {
  if (!Number.isFinite(value)) {
    throw new Error(`${value} is not a finite number`);
  }
  return String(Number(value.toPrecision(12)));
}

/** 1 − target without the noise of the subtraction: in floats 1 − 0.99999 is 0.00000999999999995. */
export function budgetShare(target: number): number {
  return Number((1 - target).toFixed(15));
}
