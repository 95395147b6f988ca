import { Command, Option } from 'commander';
import { loadCatalog } from '../catalogFile';
import { formatEvalTable } from '../evaluateCatalog';
import { checkEvaluationSource, evaluateThrough } from '../evaluateThrough';
import { EXIT_OK, EXIT_INVALID, EXIT_NO_DATA, type Io, unwrap, parseInstant, durationOption } from '../commandSupport';

interface EvalOptions {
  prometheus?: string;
  grafana?: string;
  kpi?: string;
  at?: string;
  scrapeInterval: string;
  step?: string;
  json?: boolean;
}

/** `northstar eval`. */
export function addEvalCommand(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('eval')
    .description(
      "evaluate KPIs against a Prometheus HTTP API, or any data source through Grafana's /api/ds/query; " +
        'exit 2 when a KPI has no data'
    )
    .argument('<file>', 'catalog YAML file')
    .option('--prometheus <url>', 'Prometheus base URL, e.g. http://localhost:9090 (PromQL KPIs only)')
    .option(
      '--grafana <url>',
      'Grafana base URL, e.g. http://localhost:3000: every KPI through its data source, the token from GRAFANA_TOKEN'
    )
    .option('--kpi <id>', 'only this KPI')
    .option('--at <time>', 'evaluation instant: RFC 3339 or Unix seconds (default: now)')
    .option('--scrape-interval <duration>', 'scrape interval, for $__rate_interval', '15s')
    .option('--step <duration>', 'query step (default: the largest step that divides every window)')
    .addOption(new Option('--json', 'print JSON instead of a table'))
    .action(async (file: string, opts: EvalOptions) => {
      checkEvaluationSource(opts);
      const catalog = unwrap(await loadCatalog(file), io);
      if (!catalog) {
        return setExit(EXIT_INVALID);
      }
      const kpis = catalog.kpis.filter((kpi) => (opts.kpi ? kpi.id === opts.kpi : kpi.status === 'published'));
      if (opts.kpi && kpis.length === 0) {
        io.err(`${file}: no KPI with id "${opts.kpi}"`);
        return setExit(EXIT_INVALID);
      }
      const atMs = opts.at ? parseInstant(opts.at) : Math.floor(Date.now() / 1000) * 1000;
      const options = {
        atMs,
        scrapeIntervalMs: durationOption('--scrape-interval', opts.scrapeInterval),
        stepMs: opts.step ? durationOption('--step', opts.step) : undefined,
      };
      const { rows, stale } = await evaluateThrough(opts, kpis, options, catalog.kpis);
      const marked = rows.map((row) => (stale.has(row.id) ? { ...row, stale: true } : row));
      const staleLines = [...stale].map(
        (id) => `${id}: stale: no data in the 7 days before ${new Date(atMs).toISOString()}`
      );
      marked
        .flatMap((row) => (row.kind === 'slo' ? (row.warnings ?? []) : []))
        .forEach((warning) => io.err(`${file}: warning: ${warning}`));
      io.out(opts.json ? JSON.stringify(marked, null, 2) : [formatEvalTable(marked, kpis), ...staleLines].join('\n'));
      setExit(marked.some((row) => row.status === 'no-data') || stale.size > 0 ? EXIT_NO_DATA : EXIT_OK);
    });
}
