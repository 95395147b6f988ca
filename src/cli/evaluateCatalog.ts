/**
 * `northstar eval`: reads each KPI from a real Prometheus (range queries over the SLO window, one value per
 * step) and evaluates it with the engine's prefix sums.
 */
import { formatDuration, parseDuration } from '../kpi/duration';
import { countsFromRates, countsFromSlices, evaluateKpi, evaluationWindows, type KpiEvaluation } from '../kpi/evaluate';
import type { KpiDefinition, KpiStatus } from '../kpi/model';
import { withMaintenance } from '../kpi/maintenance';
import { planRange, type RangePlan } from '../kpi/plan';
import { PrometheusError, type PrometheusClient } from './prometheus';

/** The JSON shape of one row of `northstar eval --json`. */
export interface EvalRow {
  id: string;
  version: number;
  status: KpiStatus;
  sli: number | null;
  target: number;
  budgetRemaining: number | null;
  burnRates: Record<string, number | null>;
  coverage: number;
  evaluatedAt: string;
  /** Why the KPI could not be read, when Prometheus refused its queries. */
  error?: string;
}

export interface EvalOptions {
  atMs: number;
  scrapeIntervalMs: number;
  stepMs?: number;
}

async function readCounts(client: PrometheusClient, plan: RangePlan) {
  const { grid, queries, kpi } = plan;
  if ('value' in queries) {
    const values = await client.rangeOnGrid(queries.value, grid.startMs, grid.stepMs, grid.length);
    const indicator = kpi.indicator as Extract<KpiDefinition['indicator'], { comparator: unknown }>;
    return countsFromSlices(values, indicator.comparator, indicator.threshold, grid);
  }
  const [good, total] = await Promise.all([
    client.rangeOnGrid(queries.good, grid.startMs, grid.stepMs, grid.length),
    client.rangeOnGrid(queries.total, grid.startMs, grid.stepMs, grid.length),
  ]);
  return countsFromRates(good, total, grid);
}

function toRow(kpi: KpiDefinition, evaluation: KpiEvaluation): EvalRow {
  return {
    id: kpi.id,
    version: kpi.version,
    status: evaluation.status,
    sli: evaluation.sli,
    target: kpi.objective.target,
    budgetRemaining: evaluation.budgetRemaining,
    burnRates: evaluation.burnRates,
    coverage: evaluation.coverage,
    evaluatedAt: new Date(evaluation.evaluatedAtMs).toISOString(),
  };
}

/** Evaluates KPIs one after another (a catalog refresh must not hammer Prometheus). */
export async function evaluateWithPrometheus(
  client: PrometheusClient,
  kpis: KpiDefinition[],
  options: EvalOptions
): Promise<EvalRow[]> {
  const rows: EvalRow[] = [];
  for (const kpi of kpis) {
    const plan = planRange(kpi, options);
    try {
      const counts = await readCounts(client, plan);
      rows.push(
        toRow(
          kpi,
          evaluateKpi({
            ...withMaintenance(kpi.maintenance, counts, options.atMs),
            target: kpi.objective.target,
            sloWindowMs: plan.sloWindowMs,
            rules: plan.rules,
            atMs: options.atMs,
            minEvents: kpi.alerting?.minEvents,
            calendar: plan.calendar,
          })
        )
      );
    } catch (error) {
      if (!(error instanceof PrometheusError)) {
        throw error;
      }
      const burnRates = Object.fromEntries(
        evaluationWindows(plan.rules, plan.sloWindowMs).map((w) => [formatDuration(w), null])
      );
      rows.push({
        id: kpi.id,
        version: kpi.version,
        status: 'no-data',
        sli: null,
        target: kpi.objective.target,
        budgetRemaining: null,
        burnRates,
        coverage: 0,
        evaluatedAt: new Date(options.atMs).toISOString(),
        error: error.message,
      });
    }
  }
  return rows;
}

const percent = (value: number | null, digits = 3) => (value === null ? '—' : `${(value * 100).toFixed(digits)}%`);
const rate = (value: number | null) => (value === null ? '—' : `${value.toFixed(2)}x`);

/** A readable table: one line per KPI, burn rates per window. */
export function formatEvalTable(rows: EvalRow[]): string {
  const windows = [...new Set(rows.flatMap((row) => Object.keys(row.burnRates)))].sort(
    (a, b) => parseDuration(a) - parseDuration(b)
  );
  const header = [
    'KPI',
    'VERSION',
    'STATUS',
    'SLI',
    'TARGET',
    'BUDGET LEFT',
    ...windows.map((w) => `BURN ${w}`),
    'COVERAGE',
  ];
  const lines = rows.map((row) => [
    row.id,
    String(row.version),
    row.status,
    percent(row.sli),
    percent(row.target),
    percent(row.budgetRemaining, 1),
    ...windows.map((w) => (w in row.burnRates ? rate(row.burnRates[w]) : '')),
    percent(row.coverage, 1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((line) => line[i].length)));
  const render = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  const errors = rows.filter((row) => row.error).map((row) => `${row.id}: ${row.error}`);
  return [render(header), ...lines.map(render), ...errors].join('\n');
}
