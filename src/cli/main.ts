/**
 * The `northstar` command: validate catalogs, generate Prometheus rules, convert to and from OpenSLO and
 * evaluate KPIs against a real Prometheus. Problems are printed one per line; never a stack trace.
 */
import { Command, CommanderError, Option } from 'commander';
import { writeFile } from 'node:fs/promises';
import { stringify } from 'yaml';
import { checkPublishedVersions, provisionedCatalogFields } from '../kpi/catalog';
import { parseDuration } from '../kpi/duration';
import { catalogToOpenSlo, formatOpenSloProblem, openSloToCatalog } from '../kpi/openslo';
import { generateRuleGroups, ruleGroupsToPrometheusFile } from '../kpi/rules';
import { formatProblem, validateCatalog } from '../kpi/schema';
import { loadCatalog, parseYamlDocuments, readText, type Loaded } from './catalogFile';
import { evaluateWithPrometheus, formatEvalTable } from './evaluateCatalog';
import { PrometheusClient, PrometheusError } from './prometheus';

/** The app's plugin id (src/plugin.json), which provisioning files name. */
const PLUGIN_ID = 'northstar-kpi-app';

export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
/** `eval`: a KPI without data, or Prometheus unreachable or refusing. */
export const EXIT_NO_DATA = 2;

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

class UsageError extends Error {}

function unwrap<T>(loaded: Loaded<T>, io: Io): T | undefined {
  if (loaded.ok) {
    return loaded.value;
  }
  loaded.problems.forEach((problem) => io.err(problem));
  return undefined;
}

async function emit(text: string, output: string | undefined, io: Io): Promise<void> {
  if (output) {
    await writeFile(output, text);
  } else {
    io.out(text.endsWith('\n') ? text.slice(0, -1) : text);
  }
}

/** Parses --at: RFC 3339 or Unix seconds. */
export function parseInstant(text: string): number {
  const ms = /^\d+(\.\d+)?$/.test(text) ? Number(text) * 1000 : Date.parse(text);
  if (!Number.isFinite(ms)) {
    throw new UsageError(`--at "${text}" is neither RFC 3339 (2026-11-01T12:00:00Z) nor Unix seconds`);
  }
  return ms;
}

function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('northstar')
    .description(
      'Northstar KPI catalog-as-code: validate catalogs, generate Prometheus rules, convert OpenSLO, evaluate KPIs.'
    )
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });

  program
    .command('validate')
    .description('check catalog files; exit 1 and one line per problem when one is invalid')
    .argument('<files...>', 'catalog YAML files')
    .option('--previous <file>', 'the catalog these files replace: published versions must not change')
    .action(async (files: string[], opts: { previous?: string }) => {
      const previous = opts.previous ? unwrap(await loadCatalog(opts.previous), io) : undefined;
      let invalid = opts.previous !== undefined && previous === undefined;
      for (const file of files) {
        const catalog = unwrap(await loadCatalog(file), io);
        if (!catalog) {
          invalid = true;
          continue;
        }
        const changed = previous ? checkPublishedVersions(previous, catalog) : [];
        changed.forEach((problem) => io.err(`${file}: ${formatProblem(problem)}`));
        if (changed.length > 0) {
          invalid = true;
        } else {
          io.out(`${file}: ${catalog.kpis.length} KPI${catalog.kpis.length === 1 ? '' : 's'} valid`);
        }
      }
      setExit(invalid ? EXIT_INVALID : EXIT_OK);
    });

  program
    .command('rules')
    .description('Prometheus recording and multi-window multi-burn-rate alerting rules for the published KPIs')
    .argument('<file>', 'catalog YAML file')
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .option('--scrape-interval <duration>', 'scrape interval of the Prometheus the rules run in', '15s')
    .action(async (file: string, opts: { output?: string; scrapeInterval: string }) => {
      const catalog = unwrap(await loadCatalog(file), io);
      if (!catalog) {
        return setExit(EXIT_INVALID);
      }
      const groups = generateRuleGroups(catalog.kpis, {
        scrapeIntervalMs: durationOption('--scrape-interval', opts.scrapeInterval),
      });
      await emit(stringify(ruleGroupsToPrometheusFile(groups), { lineWidth: 0 }), opts.output, io);
      setExit(EXIT_OK);
    });

  program
    .command('provisioning')
    .description('a Grafana provisioning file that enables the app with this catalog, read-only in the UI')
    .argument('<file>', 'catalog YAML file')
    .option('-o, --output <file>', 'write to a file (e.g. provisioning/plugins/app.yaml) instead of standard output')
    .option('--org-id <id>', 'Grafana organisation', '1')
    .action(async (file: string, opts: { output?: string; orgId: string }) => {
      const catalog = unwrap(await loadCatalog(file), io);
      if (!catalog) {
        return setExit(EXIT_INVALID);
      }
      const orgId = Number(opts.orgId);
      if (!Number.isInteger(orgId) || orgId < 1) {
        throw new UsageError(`--org-id "${opts.orgId}" is not a positive integer`);
      }
      const header = `# Generated by \`northstar provisioning ${file}\`: edit the catalog, not this file.\n`;
      const jsonData = escapeForProvisioning(provisionedCatalogFields(catalog));
      const app = { type: PLUGIN_ID, org_id: orgId, disabled: false, jsonData };
      await emit(
        header + stringify({ apiVersion: 1, apps: [app] }, { lineWidth: 0, aliasDuplicateObjects: false }),
        opts.output,
        io
      );
      setExit(EXIT_OK);
    });

  const openslo = program.command('openslo').description('convert between a catalog and OpenSLO v1 documents');
  openslo
    .command('export')
    .description('print a catalog as OpenSLO v1 multi-document YAML')
    .argument('<file>', 'catalog YAML file')
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .action(async (file: string, opts: { output?: string }) => {
      const catalog = unwrap(await loadCatalog(file), io);
      if (!catalog) {
        return setExit(EXIT_INVALID);
      }
      const docs = catalogToOpenSlo(catalog).map((doc) => stringify(doc, { lineWidth: 0 }));
      await emit(docs.map((doc) => `---\n${doc}`).join(''), opts.output, io);
      setExit(EXIT_OK);
    });
  openslo
    .command('import')
    .description('print OpenSLO v1 documents as a catalog; SLOs that cannot convert are named on stderr')
    .argument('<file>', 'OpenSLO YAML file (one or more documents)')
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .action(async (file: string, opts: { output?: string }) => {
      const text = unwrap(await readText(file), io);
      const docs = text === undefined ? undefined : unwrap(parseYamlDocuments(file, text), io);
      if (!docs) {
        return setExit(EXIT_INVALID);
      }
      const { catalog, problems } = openSloToCatalog(docs);
      problems.forEach((problem) => io.err(`${file}: ${formatOpenSloProblem(problem)}`));
      const checked = validateCatalog(catalog);
      if (!checked.ok) {
        checked.problems.forEach((problem) => io.err(`${file}: ${formatProblem(problem)}`));
        return setExit(EXIT_INVALID);
      }
      await emit(stringify(checked.catalog, { lineWidth: 0 }), opts.output, io);
      setExit(problems.length > 0 ? EXIT_INVALID : EXIT_OK);
    });

  program
    .command('eval')
    .description('evaluate KPIs against a Prometheus HTTP API; exit 2 when a KPI has no data')
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
        const rows = await evaluateWithPrometheus(client, kpis, {
          atMs,
          scrapeIntervalMs: durationOption('--scrape-interval', opts.scrapeInterval),
          stepMs: opts.step ? durationOption('--step', opts.step) : undefined,
        });
        io.out(opts.json ? JSON.stringify(rows, null, 2) : formatEvalTable(rows));
        setExit(rows.some((row) => row.status === 'no-data') ? EXIT_NO_DATA : EXIT_OK);
      }
    );

  return program;
}

/**
 * Grafana expands $NAME and ${NAME} in provisioning files from the environment, which would eat the
 * `$__rate_interval` in KPI queries; `$$` is its escape for a literal `$`.
 */
export function escapeForProvisioning<T>(value: T): T {
  if (typeof value === 'string') {
    return value.replaceAll('$', '$$$$') as T;
  }
  if (Array.isArray(value)) {
    return value.map((item) => escapeForProvisioning(item)) as T;
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, escapeForProvisioning(item)])) as T;
  }
  return value;
}

function durationOption(name: string, value: string): number {
  try {
    const ms = parseDuration(value);
    if (ms > 0) {
      return ms;
    }
  } catch {
    // reported below
  }
  throw new UsageError(`${name} "${value}" is not a positive duration (e.g. 15s, 5m)`);
}

/** Runs the CLI; returns the exit code instead of exiting so tests can call it in-process. */
export async function main(
  argv: string[],
  io: Io = { out: (s) => console.log(s), err: (s) => console.error(s) }
): Promise<number> {
  let exitCode = EXIT_OK;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT_OK : EXIT_INVALID;
    }
    if (error instanceof UsageError) {
      io.err(`northstar: ${error.message}`);
      return EXIT_INVALID;
    }
    if (error instanceof PrometheusError) {
      io.err(`northstar eval: ${error.message}`);
      return EXIT_NO_DATA;
    }
    io.err(`northstar: unexpected error: ${(error as Error).message ?? String(error)}`);
    return EXIT_INVALID;
  }
}
