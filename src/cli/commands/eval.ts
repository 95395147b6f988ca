import { Command, Option } from 'commander';
import { loadCatalog } from '../catalogFile';
import { type EvalRow, evaluateWithPrometheus, formatEvalTable } from '../evaluateCatalog';
import { evaluateWithGrafana } from '../evaluateWithGrafana';
import { GrafanaClient } from '../grafana';
import { PrometheusClient } from '../prometheus';
import { staleKpiIds } from '../staleness';
import {
  EXIT_OK,
  EXIT_INVALID,
  EXIT_NO_DATA,
  type Io,
  unwrap,
  parseInstant,
  durationOption,
  UsageError,
} from '../commandSupport';

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
      if ((opts.prometheus === undefined) === (opts.grafana === undefined)) {
        throw new UsageError('give either --prometheus <url> or --grafana <url>');
      }
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
      if (opts.grafana !== undefined) {
        const client = new GrafanaClient(opts.grafana, process.env.GRAFANA_TOKEN || undefined);
        return report(await evaluateWithGrafana(client, kpis, options, catalog.kpis), []);
      }
      // Staleness is a Prometheus probe (present_over_time); through Grafana a KPI without data is no-data already.
      const client = new PrometheusClient(opts.prometheus ?? '');
      const evaluated = await evaluateWithPrometheus(client, kpis, options, catalog.kpis);
      const stale = await staleKpiIds(client, kpis, catalog.kpis, options);
      report(
        evaluated.map((row) => (stale.has(row.id) ? { ...row, stale: true } : row)),
        [...stale].map((id) => `${id}: stale: no data in the 7 days before ${new Date(atMs).toISOString()}`)
      );

      function report(rows: EvalRow[], staleLines: string[]): void {
        rows
          .flatMap((row) => (row.kind === 'slo' ? (row.warnings ?? []) : []))
          .forEach((warning) => io.err(`${file}: warning: ${warning}`));
        io.out(opts.json ? JSON.stringify(rows, null, 2) : [formatEvalTable(rows), ...staleLines].join('\n'));
        setExit(rows.some((row) => row.status === 'no-data') || staleLines.length > 0 ? EXIT_NO_DATA : EXIT_OK);
      }
    });
}
