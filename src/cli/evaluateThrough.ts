/**
 * The one choice `eval` and `gate` share: read the KPIs through Prometheus (`--prometheus`, with the stale probe)
 * or through Grafana's /api/ds/query (`--grafana`, any data source; the token from GRAFANA_TOKEN).
 */
import type { CatalogKpi } from '../kpi/model';
import { UsageError } from './commandSupport';
import { evaluateWithPrometheus, type EvalOptions, type EvalRow } from './evaluateCatalog';
import { evaluateWithGrafana } from './evaluateWithGrafana';
import { GrafanaClient } from './grafana';
import { PrometheusClient } from './prometheus';
import { staleKpiIds } from './staleness';

export interface EvaluationSource {
  prometheus?: string;
  grafana?: string;
}

export interface EvaluatedKpis {
  /** One row per KPI, in the order given. */
  rows: EvalRow[];
  /**
   * KPIs whose series had no sample in the 7 days before: a Prometheus probe (present_over_time), so empty through
   * Grafana, where a KPI without data is no-data already.
   */
  stale: Set<string>;
}

export function checkEvaluationSource(source: EvaluationSource): void {
  if ((source.prometheus === undefined) === (source.grafana === undefined)) {
    throw new UsageError('give either --prometheus <url> or --grafana <url>');
  }
}

export async function evaluateThrough(
  source: EvaluationSource,
  kpis: readonly CatalogKpi[],
  options: EvalOptions,
  catalog: readonly CatalogKpi[]
): Promise<EvaluatedKpis> {
  if (source.grafana !== undefined) {
    const client = new GrafanaClient(source.grafana, process.env.GRAFANA_TOKEN || undefined);
    return { rows: await evaluateWithGrafana(client, kpis, options, catalog), stale: new Set() };
  }
  const client = new PrometheusClient(source.prometheus ?? '');
  const rows = await evaluateWithPrometheus(client, kpis, options, catalog);
  return { rows, stale: await staleKpiIds(client, kpis, catalog, options) };
}
