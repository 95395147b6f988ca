/**
 * The local demo's smoke check of the catalog's rows (scripts/demo.sh, DEMO_SMOKE=1): every published KPI must
 * have a status, not no-data or an error. The PromQL KPIs are read from `northstar eval --prometheus --json`, the
 * KPIs over SQL (SLOs and value KPIs) from `northstar eval --grafana --json` through the plugin host's /api/ds/query,
 * the app's own path.
 *
 *   npx tsx demo/smokeRows.ts CATALOG PROMETHEUS_EVAL.json GRAFANA_EVAL.json
 */
import { readFileSync } from 'node:fs';
import { parseCatalog } from '../src/data/catalogYaml';
import { type CatalogKpi, isPromqlKpi } from '../src/kpi/model';

interface EvalRow {
  id: string;
  status: string;
  error?: string;
  reason?: string;
}

/** What is wrong with the catalog's published rows, one line per KPI. */
export function smokeProblems(
  kpis: readonly CatalogKpi[],
  prometheusRows: readonly EvalRow[],
  grafanaRows: readonly EvalRow[]
): string[] {
  const problems: string[] = [];
  for (const kpi of kpis.filter((candidate) => candidate.status === 'published')) {
    const promql = isPromqlKpi(kpi);
    const source = promql ? 'eval --prometheus' : 'eval --grafana';
    const row = (promql ? prometheusRows : grafanaRows).find((candidate) => candidate.id === kpi.id);
    if (row === undefined) {
      problems.push(`${kpi.id}: no row from ${source}`);
    } else if (row.status === 'no-data' || row.error !== undefined) {
      problems.push(`${kpi.id}: ${row.status} from ${source}: ${row.error ?? row.reason ?? 'no data'}`);
    }
  }
  return problems;
}

function main(): void {
  const [catalogFile, prometheusFile, grafanaFile] = process.argv.slice(2);
  if (grafanaFile === undefined) {
    throw new Error('usage: smokeRows.ts CATALOG PROMETHEUS_EVAL.json GRAFANA_EVAL.json');
  }
  const loaded = parseCatalog(catalogFile, readFileSync(catalogFile, 'utf8'));
  if (!loaded.ok) {
    throw new Error(loaded.problems.join('\n'));
  }
  const rows = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as EvalRow[];
  const problems = smokeProblems(loaded.value.kpis, rows(prometheusFile), rows(grafanaFile));
  problems.forEach((problem) => console.error(`smoke test: ${problem}`));
  process.exit(problems.length > 0 ? 1 : 0);
}

if (require.main === module) {
  try {
    main();
  } catch (error) {
    console.error(`smoke test: ${(error as Error).message}`);
    process.exit(1);
  }
}
