import { Command, Option } from 'commander';
import { judgeGate } from '../../kpi/evaluate';
import type { Catalog, CatalogKpi, KpiGate } from '../../kpi/model';
import { loadCatalog } from '../catalogFile';
import { durationOption, EXIT_INVALID, type Io, parseInstant, unwrap } from '../commandSupport';
import type { EvalRow } from '../evaluateCatalog';
import { checkEvaluationSource, evaluateThrough } from '../evaluateThrough';
import { formatGateLines, formatGateMarkdown, gateReport, type GateResult, type NoDataPolicy } from '../gateReport';

interface GateOptions {
  prometheus?: string;
  grafana?: string;
  at?: string;
  scrapeInterval: string;
  step?: string;
  data: NoDataPolicy;
  format: 'text' | 'markdown';
  json?: boolean;
}

type GatedKpi = CatalogKpi & { gate: KpiGate };

/** `northstar gate`: evaluates gated KPIs as `eval` does and exits 1 when a gate fails, to block a deploy. */
export function addGateCommand(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('gate')
    .description('check KPI gates before a deploy: exit 1 when a gate fails, 2 when a KPI has no data, 0 when all pass')
    .argument('<file>', 'catalog YAML file')
    .argument('[kpis...]', 'the KPIs to check (default: every published KPI with a gate)')
    .option('--prometheus <url>', 'Prometheus base URL, e.g. http://localhost:9090 (PromQL KPIs only)')
    .option(
      '--grafana <url>',
      'Grafana base URL, e.g. http://localhost:3000: every KPI through its data source, the token from GRAFANA_TOKEN'
    )
    .option('--at <time>', 'evaluation instant: RFC 3339 or Unix seconds (default: now)')
    .option('--scrape-interval <duration>', 'scrape interval, for $__rate_interval', '15s')
    .option('--step <duration>', 'query step (default: the largest step that divides every window)')
    .addOption(
      new Option('--no-data <outcome>', 'what a KPI without data does to the gate')
        .choices(['pass', 'fail'])
        .default('fail')
    )
    .addOption(
      new Option('--format <format>', 'text lines, or Markdown for a CI job summary')
        .choices(['text', 'markdown'])
        .default('text')
    )
    .addOption(new Option('--json', 'print JSON instead'))
    .action(async (file: string, ids: string[], opts: GateOptions) => {
      checkEvaluationSource(opts);
      const catalog = unwrap(await loadCatalog(file), io);
      const selected = catalog ? gatedKpis(catalog, ids, file, io) : undefined;
      if (!catalog || !selected) {
        return setExit(EXIT_INVALID);
      }
      const atMs = opts.at ? parseInstant(opts.at) : Math.floor(Date.now() / 1000) * 1000;
      const scrapeIntervalMs = durationOption('--scrape-interval', opts.scrapeInterval);
      const stepMs = opts.step ? durationOption('--step', opts.step) : undefined;
      const { rows, stale } = await evaluateThrough(opts, selected, { atMs, scrapeIntervalMs, stepMs }, catalog.kpis);
      const report = gateReport(
        selected.map((kpi, i) => (stale.has(kpi.id) ? staleResult(judged(kpi, rows[i])) : judged(kpi, rows[i]))),
        opts.data
      );
      if (opts.json) {
        io.out(JSON.stringify(report, null, 2));
      } else {
        io.out(opts.format === 'markdown' ? formatGateMarkdown(report) : formatGateLines(report));
      }
      setExit(report.exitCode);
    });
}

/** The named KPIs, each of which must exist and have a gate, or every published KPI with one. */
function gatedKpis(catalog: Catalog, ids: readonly string[], file: string, io: Io): GatedKpi[] | undefined {
  const hasGate = (kpi: CatalogKpi): kpi is GatedKpi => kpi.gate !== undefined;
  if (ids.length === 0) {
    const gated = catalog.kpis.filter((kpi) => kpi.status === 'published').filter(hasGate);
    if (gated.length === 0) {
      io.err(`${file}: no published KPI has a gate: add one, e.g. gate: { minBudgetRemaining: 0.25 }`);
      return undefined;
    }
    return gated;
  }
  const problems = ids.flatMap((id) => {
    const index = catalog.kpis.findIndex((kpi) => kpi.id === id);
    if (index < 0) {
      return [`${file}: no KPI with id "${id}"`];
    }
    const kpi = catalog.kpis[index];
    if (hasGate(kpi)) {
      return [];
    }
    const example = kpi.indicator.type === 'value' ? '{ status: [off-track] }' : '{ minBudgetRemaining: 0.25 }';
    return [`${file}: kpis[${index}] (${id}).gate: is required to gate on this KPI, e.g. gate: ${example}`];
  });
  problems.forEach((problem) => io.err(problem));
  return problems.length > 0 ? undefined : ids.map((id) => catalog.kpis.find((kpi) => kpi.id === id) as GatedKpi);
}

function judged(kpi: GatedKpi, row: EvalRow): GateResult {
  const reading =
    row.kind === 'value'
      ? { kind: 'value' as const, status: row.status }
      : { kind: 'slo' as const, status: row.status, budgetRemaining: row.budgetRemaining };
  return { id: kpi.id, name: kpi.name, ...judgeGate(kpi.gate, reading), gate: kpi.gate, evaluation: row };
}

/** A KPI whose data stopped a week ago has no verdict, however its window's old data stands. */
function staleResult(result: GateResult): GateResult {
  const evaluation = { ...result.evaluation, stale: true as const };
  return result.verdict === 'no-data'
    ? { ...result, evaluation }
    : { ...result, verdict: 'no-data', reason: 'no data in the 7 days before: stale', evaluation };
}
