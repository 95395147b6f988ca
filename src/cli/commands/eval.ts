import { Command, Option } from 'commander';
import { loadCatalog } from '../catalogFile';
import { evaluateWithPrometheus, formatEvalTable } from '../evaluateCatalog';
import { PrometheusClient } from '../prometheus';
import { staleKpiIds } from '../staleness';
import { EXIT_OK, EXIT_INVALID, EXIT_NO_DATA, type Io, unwrap, parseInstant, durationOption } from '../commandSupport';

/** `northstar eval`. */
export function addEvalCommand(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('eval')
    .description(
      'evaluate KPIs against a Prometheus HTTP API; exit 2 when a KPI has no data or none for 7 days (stale)'
    )
    .argument('<file>', 'catalog YAML file')
    .requiredOption('--prometheus <url>', 'Prometheus base URL, e.g. http://localhost:9090')
    .option('--kpi <id>', 'only this KPI')
    .option('--at <time>', 'evaluation instant: RFC 3339 or Unix seconds (default: now)')
    .option('--scrape-interval <duration>', 'scrape interval, for $__rate_interval', '15s')
    .option('--step <duration>', 'query step (default: the largest step that divides every window)')
    .addOption(new Option('--json', 'print JSON instead of a table'))
    .action(
      async (
        file: string,
        opts: { prometheus: string; kpi?: string; at?: string; scrapeInterval: string; step?: string; json?: boolean }
      ) => {
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
        const client = new PrometheusClient(opts.prometheus);
        const scrapeIntervalMs = durationOption('--scrape-interval', opts.scrapeInterval);
        const evaluated = await evaluateWithPrometheus(
          client,
          kpis,
          { atMs, scrapeIntervalMs, stepMs: opts.step ? durationOption('--step', opts.step) : undefined },
          catalog.kpis
        );
        const stale = await staleKpiIds(client, kpis, catalog.kpis, { atMs, scrapeIntervalMs });
        const rows = evaluated.map((row) => (stale.has(row.id) ? { ...row, stale: true } : row));
        rows
          .flatMap((row) => (row.kind === 'slo' ? (row.warnings ?? []) : []))
          .forEach((warning) => io.err(`${file}: warning: ${warning}`));
        const staleLines = [...stale].map(
          (id) => `${id}: stale: no data in the 7 days before ${new Date(atMs).toISOString()}`
        );
        io.out(opts.json ? JSON.stringify(rows, null, 2) : [formatEvalTable(rows), ...staleLines].join('\n'));
        setExit(rows.some((row) => row.status === 'no-data') || stale.size > 0 ? EXIT_NO_DATA : EXIT_OK);
      }
    );
}
