/**
 * Test-only: a per-label KPI's good and total range queries read from a real Prometheus on a plan's grid, matched
 * into instances and evaluated at the grid's end, as the panel reads its frames.
 */
import type { PrometheusClient } from '../cli/prometheus';
import { groupByOf, maxInstancesOf } from '../kpi/model';
import {
  evaluatePerLabel,
  matchInstances,
  type PerLabelEvaluation,
  type PerLabelInput,
  type RangePlan,
} from '../kpi/evaluate';

export async function readPerLabel(
  client: PrometheusClient,
  queries: { good: string; total: string },
  plan: RangePlan,
  readTotals?: PerLabelInput['readTotals']
): Promise<PerLabelEvaluation> {
  const { grid, kpi } = plan;
  const [good, total] = await Promise.all(
    [queries.good, queries.total].map((query) =>
      client.rangeSeriesOnGrid(query, grid.startMs, grid.stepMs, grid.length)
    )
  );
  // Prometheus answers per-second rates; the engine counts events per step.
  const perStep = (series: typeof good) =>
    series.map(({ labels, values }) => ({ labels, values: values.map((rate) => (rate * grid.stepMs) / 1000) }));
  const { instances } = matchInstances(perStep(good), perStep(total), grid, groupByOf(kpi));
  return evaluatePerLabel({
    instances,
    grid,
    maxInstances: maxInstancesOf(kpi),
    target: kpi.objective.target,
    sloWindowMs: plan.sloWindowMs,
    rules: plan.rules,
    atMs: grid.startMs + (grid.length - 1) * grid.stepMs,
    readTotals,
  });
}
