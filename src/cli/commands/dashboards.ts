import type { Command } from 'commander';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  catalogDashboards,
  compositeDashboardProblem,
  compositeDashboards,
  dashboardJson,
  dashboardProblem,
  kpiDashboards,
  valueKpiDashboards,
} from '../../dashboards/generate';
import { type CatalogKpi, isCompositeKpi, isValueKpi } from '../../kpi/model';
import { loadCatalog } from '../catalogFile';
import { valueKpiNotes } from '../valueKpiNotes';
import { EXIT_OK, EXIT_INVALID, type Io, unwrap, durationOption } from '../commandSupport';

/** `northstar dashboards`. */
export function addDashboardsCommand(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('dashboards')
    .description(
      'executive, on-call and debug dashboard JSON for one KPI (--kpi; a value KPI gets its executive view ' +
        'only), or for the catalog: the executive overview of its published KPIs and value KPIs plus on-call and ' +
        'debug per published SLO'
    )
    .argument('<file>', 'catalog YAML file')
    .requiredOption('-o, --output <dir>', 'directory to write the dashboard JSON files to')
    .option('--kpi <id>', 'only this KPI: <id>.executive.json, <id>.oncall.json, <id>.debug.json')
    .option('--loki-uid <uid>', 'uid of a Loki data source: the debug dashboards get a logs panel')
    .option('--deployments-query <promql>', 'PromQL whose series mark deploys on the on-call dashboards')
    .option('--scrape-interval <duration>', "scrape interval of the KPIs' Prometheus", '15s')
    .action(async (file: string, opts: DashboardsOptions) => {
      const catalog = unwrap(await loadCatalog(file), io);
      if (!catalog) {
        return setExit(EXIT_INVALID);
      }
      const options = {
        scrapeIntervalMs: durationOption('--scrape-interval', opts.scrapeInterval),
        ...(opts.lokiUid ? { loki: { uid: opts.lokiUid } } : {}),
        ...(opts.deploymentsQuery ? { deploymentsQuery: opts.deploymentsQuery } : {}),
      };
      let files;
      let problems: string[];
      if (opts.kpi !== undefined) {
        const kpi = catalog.kpis.find((candidate) => candidate.id === opts.kpi);
        if (!kpi) {
          io.err(`${file}: no KPI with id "${opts.kpi}"`);
          return setExit(EXIT_INVALID);
        }
        problems = [catalogKpiDashboardProblem(kpi, catalog.kpis)].filter(
          (problem): problem is string => problem !== undefined
        );
        files =
          problems.length > 0
            ? []
            : isValueKpi(kpi)
              ? valueKpiDashboards(kpi, options)
              : isCompositeKpi(kpi)
                ? compositeDashboards(kpi, catalog.kpis, options)
                : kpiDashboards(kpi, options);
      } else {
        problems = catalog.kpis
          .filter((kpi) => kpi.status === 'published')
          .map((kpi) => catalogKpiDashboardProblem(kpi, catalog.kpis))
          .filter((problem): problem is string => problem !== undefined);
        files = catalogDashboards(catalog.kpis, options);
      }
      problems.forEach((problem) => io.err(`${file}: ${problem}`));
      valueKpiNotes(catalog.kpis, 'dashboards', opts.kpi).forEach((note) => io.err(`${file}: ${note}`));
      await mkdir(opts.output, { recursive: true });
      for (const generated of files) {
        const path = join(opts.output, generated.file);
        await writeFile(path, dashboardJson(generated.dashboard));
        io.out(`${path}: ${generated.dashboard.title} (uid ${generated.dashboard.uid})`);
      }
      setExit(problems.length > 0 ? EXIT_INVALID : EXIT_OK);
    });
}

interface DashboardsOptions {
  output: string;
  kpi?: string;
  lokiUid?: string;
  deploymentsQuery?: string;
  scrapeInterval: string;
}

/** Why a KPI or composite of the catalog cannot have its dashboards; undefined when it can. */
function catalogKpiDashboardProblem(kpi: CatalogKpi, catalog: readonly CatalogKpi[]): string | undefined {
  return isCompositeKpi(kpi) ? compositeDashboardProblem(kpi, catalog) : dashboardProblem(kpi);
}
