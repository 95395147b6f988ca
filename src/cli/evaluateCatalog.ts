/**
 * `northstar eval`: reads each KPI from a real Prometheus (range queries over the SLO window, one value per
 * step) and evaluates it with the engine's prefix sums. A per-label KPI (`indicator.groupBy`) is read with the
 * same two queries, its series matched into instances; its row is the aggregate, with the instances worst first.
 */
import {
  chooseStepMs,
  combineMembers,
  countsFromRates,
  countsFromSlices,
  describeCap,
  evaluateKpi,
  evaluatePerLabel,
  type EvaluationInput,
  evaluationWindows,
  gcd,
  type InstanceNote,
  type KpiEvaluation,
  matchInstances,
  memberOverCompositeWindows,
  planRange,
  type RangePlan,
  resolveMembers,
} from '../kpi/evaluate';
import { formatDuration, nominalSloWindowMs, parseDuration, withMaintenance } from '../kpi/time';
import {
  type CatalogKpi,
  type CompositeKpiDefinition,
  groupByOf,
  isCompositeKpi,
  isValueKpi,
  type KpiDefinition,
  type KpiStatus,
  maxInstancesOf,
  notPromqlKpiIds,
  notPromqlNote,
  type SloKpi,
} from '../kpi/model';
import { policyWindows, resolvePolicy } from '../kpi/policy';
import { evaluateValueKpi, type ValueEvalRow } from './evaluateValueKpi';
import { PrometheusError, type PrometheusClient } from './prometheus';
import { formatValueTable } from './valueTable';

/** One row of `northstar eval --json`: an SLO's or a value KPI's, told apart by `kind`. */
export type EvalRow = SloEvalRow | ValueEvalRow;

/** The JSON shape of an SLO's row of `northstar eval --json`. */
export interface SloEvalRow {
  id: string;
  version: number;
  kind: 'slo';
  status: KpiStatus;
  sli: number | null;
  target: number;
  budgetRemaining: number | null;
  burnRates: Record<string, number | null>;
  coverage: number;
  evaluatedAt: string;
  /** Why the KPI could not be read, when Prometheus refused its queries. */
  error?: string;
  /** Per-label KPIs: the instances, worst first, at most `indicator.maxInstances` of them. */
  instances?: EvalInstanceRow[];
  /** Per-label KPIs: every instance there was, listed or not. */
  instanceCount?: number;
  /** Per-label KPIs: instances whose SLI over the SLO window is below the target. */
  belowTarget?: number;
  /** What the reader should know: more instances than `indicator.maxInstances`, series that matched nothing. */
  warnings?: string[];
}

/** One instance of a per-label KPI: its groupBy labels and its evaluation. */
export interface EvalInstanceRow {
  labels: Record<string, string>;
  name: string;
  status: KpiStatus;
  sli: number | null;
  budgetRemaining: number | null;
  burnRates: Record<string, number | null>;
  coverage: number;
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

/** Good and total of a per-label KPI, each series apart, matched into instances and evaluated. */
async function evaluateInstances(
  client: PrometheusClient,
  plan: RangePlan,
  engine: Omit<EvaluationInput, 'counts' | 'readTotals'>
) {
  const { grid, queries, kpi } = plan;
  const { good, total } = queries as { good: string; total: string };
  const seconds = grid.stepMs / 1000;
  const perStep = (series: Array<{ labels: Record<string, string>; values: Float64Array }>) =>
    series.map(({ labels, values }) => ({ labels, values: values.map((rate) => rate * seconds) }));
  const [goodSeries, totalSeries] = await Promise.all([
    client.rangeSeriesOnGrid(good, grid.startMs, grid.stepMs, grid.length),
    client.rangeSeriesOnGrid(total, grid.startMs, grid.stepMs, grid.length),
  ]);
  const groupBy = groupByOf(kpi);
  const { instances, notes } = matchInstances(perStep(goodSeries), perStep(totalSeries), grid, groupBy);
  const result = evaluatePerLabel({
    ...engine,
    instances,
    grid,
    maxInstances: maxInstancesOf(kpi),
    maintenance: kpi.maintenance,
  });
  const warnings = [
    ...(result.cap ? [describeCap(kpi.id, result.cap)] : []),
    ...notes.filter((note) => note.code === 'good-without-total').map((note) => describeNote(kpi.id, note)),
  ];
  return {
    ...toRow(kpi, result.aggregate),
    instances: result.instances.map(({ labels, name, evaluation }) => ({
      labels,
      name,
      status: evaluation.status,
      sli: evaluation.sli,
      budgetRemaining: evaluation.budgetRemaining,
      burnRates: evaluation.burnRates,
      coverage: evaluation.coverage,
    })),
    instanceCount: result.instanceCount,
    belowTarget: result.belowTarget,
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

function describeNote(kpiId: string, note: InstanceNote): string {
  return note.code === 'good-without-total'
    ? `${kpiId}: ${note.instance} has good events but no total series; left out`
    : `${kpiId}: ${note.instance} has no good series; all its events count as bad`;
}

/** What the engine needs of a planned KPI besides its counts. */
function engineInput(plan: RangePlan, atMs: number): Omit<EvaluationInput, 'counts'> {
  const { kpi } = plan;
  return {
    target: kpi.objective.target,
    sloWindowMs: plan.sloWindowMs,
    rules: plan.rules,
    atMs,
    minEvents: kpi.alerting?.minEvents,
    calendar: plan.calendar,
  };
}

async function evaluatePlan(client: PrometheusClient, plan: RangePlan, atMs: number): Promise<KpiEvaluation> {
  const { kpi } = plan;
  return evaluateKpi({
    ...engineInput(plan, atMs),
    ...withMaintenance(kpi.maintenance, await readCounts(client, plan), atMs),
  });
}

/**
 * A composite: every member read over the composite's windows, on one step for all of them (so a calendar
 * period so far is the same length for each), then combined.
 */
async function evaluateCompositeKpi(
  client: PrometheusClient,
  composite: CompositeKpiDefinition,
  catalog: readonly CatalogKpi[],
  options: EvalOptions
): Promise<KpiEvaluation> {
  const resolved = resolveMembers(composite, catalog);
  if (!resolved.ok) {
    throw new PrometheusError(resolved.error);
  }
  const members = resolved.members.map(({ kpi, weight }) => ({
    kpi: memberOverCompositeWindows(kpi, composite),
    weight,
  }));
  const nominalMs = nominalSloWindowMs(composite);
  const windows = [...policyWindows(resolvePolicy(composite.alerting, nominalMs)), nominalMs];
  const stepMs = options.stepMs ?? members.map(({ kpi }) => chooseStepMs(kpi, windows)).reduce(gcd);
  const plans = members.map(({ kpi }) => planRange(kpi, { ...options, stepMs }));
  const evaluations: KpiEvaluation[] = [];
  for (const plan of plans) {
    evaluations.push(await evaluatePlan(client, plan, options.atMs));
  }
  return combineMembers(
    composite,
    members.map(({ kpi, weight }, i) => ({ kpiId: kpi.id, weight, evaluation: evaluations[i] }))
  );
}

/** An SLO's row from its evaluation. */
export function toRow(kpi: SloKpi, evaluation: KpiEvaluation): SloEvalRow {
  return {
    id: kpi.id,
    version: kpi.version,
    kind: 'slo',
    status: evaluation.status,
    sli: evaluation.sli,
    target: kpi.objective.target,
    budgetRemaining: evaluation.budgetRemaining,
    burnRates: evaluation.burnRates,
    coverage: evaluation.coverage,
    evaluatedAt: new Date(evaluation.evaluatedAtMs).toISOString(),
  };
}

/**
 * Evaluates KPIs one after another (a catalog refresh must not hammer Prometheus); composites read their members
 * from `catalog` (the whole catalog, when `kpis` is a selection of it).
 */
export async function evaluateWithPrometheus(
  client: PrometheusClient,
  kpis: readonly CatalogKpi[],
  options: EvalOptions,
  catalog: readonly CatalogKpi[] = kpis
): Promise<EvalRow[]> {
  const rows: EvalRow[] = [];
  const notPromql = notPromqlKpiIds(catalog);
  for (const kpi of kpis) {
    if (notPromql.has(kpi.id) && !isValueKpi(kpi)) {
      rows.push(noDataRow(kpi, options.atMs, `${notPromqlNote(kpi, 'eval --prometheus')}; eval --grafana reads it`));
      continue;
    }
    try {
      if (isCompositeKpi(kpi)) {
        rows.push(toRow(kpi, await evaluateCompositeKpi(client, kpi, catalog, options)));
        continue;
      }
      if (isValueKpi(kpi)) {
        rows.push(await evaluateValueKpi(client, kpi, options));
        continue;
      }
      const plan = planRange(kpi, options);
      if (groupByOf(kpi).length > 0) {
        rows.push(await evaluateInstances(client, plan, engineInput(plan, options.atMs)));
        continue;
      }
      rows.push(toRow(kpi, await evaluatePlan(client, plan, options.atMs)));
    } catch (error) {
      if (!(error instanceof PrometheusError)) {
        throw error;
      }
      rows.push(noDataRow(kpi, options.atMs, error.message));
    }
  }
  return rows;
}

/** The row of an SLO that could not be read: no data, every window's burn rate null, and why. */
export function noDataRow(kpi: CatalogKpi, atMs: number, error: string): SloEvalRow {
  const nominalMs = nominalSloWindowMs(kpi);
  const burnRates = Object.fromEntries(
    evaluationWindows(resolvePolicy(kpi.alerting, nominalMs), nominalMs).map((w) => [formatDuration(w), null])
  );
  return {
    id: kpi.id,
    version: kpi.version,
    kind: 'slo',
    status: 'no-data',
    sli: null,
    target: kpi.objective.target,
    budgetRemaining: null,
    burnRates,
    coverage: 0,
    evaluatedAt: new Date(atMs).toISOString(),
    error,
  };
}

const percent = (value: number | null, digits = 3) => (value === null ? '—' : `${(value * 100).toFixed(digits)}%`);
const rate = (value: number | null) => (value === null ? '—' : `${value.toFixed(2)}x`);

/**
 * A readable table: one line per SLO, burn rates per window; the value KPIs' table below it, which reads their
 * periods in their zones from `kpis`.
 */
export function formatEvalTable(all: EvalRow[], kpis: readonly CatalogKpi[]): string {
  const rows = all.filter((row): row is SloEvalRow => row.kind === 'slo');
  const values = formatValueTable(
    all.filter((row): row is ValueEvalRow => row.kind === 'value'),
    kpis
  );
  if (rows.length === 0 && values.length > 0) {
    return values.join('\n');
  }
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
  const cells = (
    name: string,
    row: Pick<SloEvalRow, 'status' | 'sli' | 'budgetRemaining' | 'burnRates' | 'coverage'>,
    version: string,
    target: string
  ) => [
    name,
    version,
    row.status,
    percent(row.sli),
    target,
    percent(row.budgetRemaining, 1),
    ...windows.map((w) => (w in row.burnRates ? rate(row.burnRates[w]) : '')),
    percent(row.coverage, 1),
  ];
  // A per-label KPI's instances follow its aggregate row, indented, worst first.
  const lines = rows.flatMap((row) => [
    cells(row.id, row, String(row.version), percent(row.target)),
    ...(row.instances ?? []).map((instance) => cells(`  ${instance.name}`, instance, '', '')),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((line) => line[i].length)));
  const render = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  const errors = rows.filter((row) => row.error).map((row) => `${row.id}: ${row.error}`);
  const summaries = rows
    .filter((row) => row.instanceCount !== undefined)
    .map((row) => `${row.id}: ${row.belowTarget} of ${row.instanceCount} instances below target`);
  const valueTable = values.length > 0 ? ['', ...values] : [];
  return [render(header), ...lines.map(render), ...summaries, ...errors, ...valueTable].join('\n');
}
