/**
 * Catalog rows of SLOs whose queries are not PromQL (SQL, other types): the generic path of the KPI page and the
 * panel (range queries at the KPI's step → frames → grid → engine) inside the catalog's one request per data
 * source. PromQL KPIs keep their instant window counts (catalogQuery.ts); these read their whole SLO window, and
 * their sparkline comes from the same counts, so one query per indicator field serves the whole row.
 */
import { type EventCounts, gridEndingAt, gridTimeAt } from '../kpi/time';
import type { KpiDefinition } from '../kpi/model';
import type { DsQueryBatch } from '../reading';
import type { DsQueryResponse } from './dsQuery';
import { evaluateRange, planKpiRange, readKpiRange, type RangePlan } from './kpiRangeQuery';
import type { CatalogRowResult, KpiTrend } from './catalogQuery';

/** A KPI read through its range queries, under its own refId prefix. */
export interface PlannedRangeRow {
  kpi: KpiDefinition;
  prefix: string;
  plan: RangePlan;
}

/** Adds the KPI's range queries to the batch, whose range must reach back to rangeRowStartMs. */
export function planRangeRow(kpi: KpiDefinition, prefix: string, batch: DsQueryBatch): PlannedRangeRow {
  const plan = planKpiRange(kpi, batch.range.toMs, { refIdPrefix: prefix });
  plan.queries.forEach((query) => batch.add(query));
  return { kpi, prefix, plan };
}

/** Where the KPI's range must start for a refresh at `atMs`: its SLO window and policy windows. */
export function rangeRowStartMs(kpi: KpiDefinition, atMs: number): number {
  return planKpiRange(kpi, atMs).fromMs;
}

/** The row from its data source's answer: a failed query is the row's error, naming the field and the refId. */
export function readRangeRow(
  planned: PlannedRangeRow,
  response: DsQueryResponse,
  range: { fromMs: number; toMs: number },
  trend: { spanMs: number; stepMs: number }
): CatalogRowResult {
  const { kpi, prefix, plan } = planned;
  const read = readKpiRange(response, plan, range, prefix);
  const failed = read.errors[0];
  if (failed) {
    return { kpiId: kpi.id, error: `${fieldOfRefId(failed.refId)} (refId ${failed.refId}): ${failed.message}` };
  }
  const checked = evaluateRange(kpi, read);
  if (!checked.ok) {
    return { kpiId: kpi.id, error: `${checked.problem.title}: ${checked.problem.detail}` };
  }
  const { evaluation, counts, previousPeriod } = checked.value;
  return {
    kpiId: kpi.id,
    evaluation,
    trend: trendFromCounts(counts, range.toMs, trend),
    ...(previousPeriod ? { previous: { label: previousPeriod.label, sli: previousPeriod.sli } } : {}),
  };
}

const FIELD_OF_REF_ID: Readonly<Record<string, string>> = {
  good: 'indicator.good',
  total: 'indicator.total',
  value: 'indicator.query',
};

/** The catalog field a range query's refId stands for: `indicator.good`, `indicator.query`. */
export function fieldOfRefId(refId: string): string {
  return FIELD_OF_REF_ID[refId] ?? refId;
}

/**
 * The SLI per trend step from the counts per KPI step: good / total of the KPI steps ending in each trend step
 * (on the PromQL rows' grid: aligned to the trend step, ending at or before `atMs`); NaN without traffic.
 */
export function trendFromCounts(
  counts: EventCounts,
  atMs: number,
  { spanMs, stepMs }: { spanMs: number; stepMs: number }
): KpiTrend {
  const grid = gridEndingAt(Math.floor(atMs / stepMs) * stepMs, stepMs, spanMs / stepMs + 1);
  const good = new Float64Array(grid.length);
  const total = new Float64Array(grid.length);
  const firstEndMs = grid.startMs;
  for (let i = 0; i < counts.grid.length; i++) {
    const t = gridTimeAt(counts.grid, i);
    // The trend step ending at T holds the KPI steps ending in (T − step, T].
    const slot = Math.ceil((t - firstEndMs) / stepMs);
    if (slot < 0 || slot >= grid.length || counts.excluded?.[i] || !(counts.total[i] >= 0)) {
      continue;
    }
    good[slot] += Number.isFinite(counts.good[i]) ? counts.good[i] : 0;
    total[slot] += counts.total[i];
  }
  const sli = new Float64Array(grid.length);
  for (let j = 0; j < grid.length; j++) {
    sli[j] = total[j] > 0 ? good[j] / total[j] : NaN;
  }
  return { grid, sli };
}
