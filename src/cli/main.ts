/**
 * The `northstar` command: validate catalogs, generate Prometheus, Mimir and Grafana alerting rules and dashboards,
 * convert between catalogs, OpenSLO and Sloth, and evaluate KPIs against a real Prometheus. Problems are printed one per line; never
 * a stack trace.
 */
import { Command, CommanderError, Option } from 'commander';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { stringify } from 'yaml';
import { formatProblem, provisionedCatalogFields, publishedVersionProblems, validateCatalog } from '../kpi/catalog';
import { parseDuration } from '../kpi/time';
import {
  catalogDashboards,
  compositeDashboardProblem,
  compositeDashboards,
  dashboardJson,
  dashboardProblem,
  kpiDashboards,
} from '../dashboards/generate';
import {
  baseRecordGroups,
  buildGrafanaAlertRuleGroups,
  DEFAULT_GRAFANA_FOLDER,
  describeRecordedSeries,
  generateRuleGroups,
  grafanaAlertingFile,
  ruleGroupsToMimirFile,
  ruleGroupsToPrometheusFile,
  shardOf,
} from '../kpi/rules';
import { maintenanceRulesValidUntil } from '../kpi/promql';
import { type Catalog, type CatalogKpi, groupByOf, isCompositeKpi, isValueKpi, sourcedKpis } from '../kpi/model';
import {
  catalogToOpenSlo,
  catalogToSloth,
  compositesLeftOut,
  formatOpenSloProblem,
  formatSlothExportProblem,
  formatSlothProblem,
  openSloToCatalog,
  slothToCatalog,
} from '../kpi/formats';
import { loadCatalog, parseYamlDocuments, readText, type Loaded } from './catalogFile';
import { evaluateWithPrometheus, formatEvalTable } from './evaluateCatalog';
import { PrometheusClient, PrometheusError } from './prometheus';
import { valueKpiNotes } from './valueKpiNotes';

/** The app's plugin id (src/plugin.json), which provisioning files name. */
const PLUGIN_ID = 'northstar-kpi-app';
/** The catalog JSON Schema of this package, which catalogs written next to it point editors at. */
const PACKAGE_ROOT = join(__dirname, '..', '..');
const CATALOG_SCHEMA = join(PACKAGE_ROOT, 'schema', 'catalog.schema.json');

const RULE_FORMATS = ['prometheus', 'mimir', 'grafana'] as const;
type RuleFormat = (typeof RULE_FORMATS)[number];
const CONVERT_FORMATS = ['catalog', 'openslo', 'sloth'] as const;
type ConvertFormat = (typeof CONVERT_FORMATS)[number];
/** The SLO periods Sloth has alert windows for without an AlertWindows file. */
const SLOTH_BUILT_IN_PERIODS = ['28d', '30d'];
/** Mimir's default `ruler_max_rules_per_rule_group`; bigger groups are refused by its ruler. */
const MIMIR_DEFAULT_MAX_RULES_PER_GROUP = 20;
const SHARD_FILE = /^rules-(\d+)\.yml$/;

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
      'Northstar KPI catalog-as-code: validate catalogs, generate alerting rules and dashboards, convert OpenSLO and ' +
        'Sloth, evaluate KPIs.'
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
        const changed = previous ? publishedVersionProblems({ catalog: previous, history: {} }, catalog) : [];
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
    .description(
      'recording and multi-window multi-burn-rate alerting rules for the published KPIs: Prometheus or Mimir ' +
        'rule files, or Grafana-managed alert rules'
    )
    .argument('<file>', 'catalog YAML file')
    .option('-o, --output <path>', 'write to a file (a directory with --shards) instead of standard output')
    .addOption(
      new Option(
        '--format <format>',
        'prometheus rule file, mimir (mimirtool rules load/sync), or grafana alerting provisioning'
      )
        .choices(RULE_FORMATS)
        .default('prometheus')
    )
    .option('--shards <n>', 'split the groups into N files rules-0.yml … in the -o directory, by a hash of the KPI id')
    .option('--namespace <name>', 'mimir: the namespace of the groups (with --shards: <name>-<shard>)', 'northstar-kpi')
    .option('--folder <title>', 'grafana: the folder of the rule groups', DEFAULT_GRAFANA_FOLDER)
    .option('--org-id <id>', 'grafana: the organisation', '1')
    .option('--scrape-interval <duration>', 'scrape interval of the Prometheus the rules run in', '15s')
    .option(
      '--base-records',
      'prometheus: only the records computed from your series (good and total rates, slice verdicts, objective), ' +
        'for promtool tsdb create-blocks-from rules'
    )
    .action(async (file: string, opts: RulesOptions) => {
      const catalog = unwrap(await loadCatalog(file), io);
      if (!catalog) {
        return setExit(EXIT_INVALID);
      }
      const generatedAtMs = Date.now();
      const render = ruleRenderer(file, opts, catalog.kpis, generatedAtMs);
      // Per-label KPIs multiply their records by their label values: say what that costs (the article's F6).
      sourcedKpis(catalog.kpis)
        .filter((kpi) => kpi.status === 'published' && groupByOf(kpi).length > 0)
        .forEach((kpi) => io.err(`${file}: note: ${describeRecordedSeries(kpi)}`));
      noteOffsetChangeHorizons(file, catalog.kpis, generatedAtMs, io);
      valueKpiNotes(catalog.kpis, 'rules').forEach((note) => io.err(`${file}: ${note}`));
      const shards = opts.shards === undefined ? undefined : positiveInteger('--shards', opts.shards);
      try {
        if (shards === undefined) {
          await emit(render(catalog.kpis, undefined, io), opts.output, io);
        } else {
          await writeShards(catalog.kpis, shards, opts.output, render, io);
        }
      } catch (error) {
        if (error instanceof UsageError) {
          throw error;
        }
        io.err(`${file}: ${(error as Error).message}`);
        return setExit(EXIT_INVALID);
      }
      setExit(EXIT_OK);
    });

  program
    .command('provisioning')
    .description('a Grafana provisioning file that enables the app with this catalog, read-only in the UI')
    .argument('<file>', 'catalog YAML file')
    .option('-o, --output <file>', 'write to a file (e.g. provisioning/plugins/app.yaml) instead of standard output')
    .option('--org-id <id>', 'Grafana organisation', '1')
    .option('--default-datasource <uid>', 'data source new KPIs use by default (the config page setting)')
    .action(async (file: string, opts: { output?: string; orgId: string; defaultDatasource?: string }) => {
      const catalog = unwrap(await loadCatalog(file), io);
      if (!catalog) {
        return setExit(EXIT_INVALID);
      }
      const orgId = Number(opts.orgId);
      if (!Number.isInteger(orgId) || orgId < 1) {
        throw new UsageError(`--org-id "${opts.orgId}" is not a positive integer`);
      }
      const header = [
        `# Generated by \`northstar provisioning ${displayPath(file)}\`: edit the catalog, not this file.`,
        '# Grafana reads `$$` as a literal `$` here (it expands $VAR in provisioning files).',
        '',
      ].join('\n');
      const defaults = opts.defaultDatasource ? { defaultDatasourceUid: opts.defaultDatasource } : {};
      const jsonData = escapeForProvisioning({ ...defaults, ...provisionedCatalogFields(catalog) });
      const app = { type: PLUGIN_ID, org_id: orgId, disabled: false, jsonData };
      await emit(
        header + stringify({ apiVersion: 1, apps: [app] }, { lineWidth: 0, aliasDuplicateObjects: false }),
        opts.output,
        io
      );
      setExit(EXIT_OK);
    });

  program
    .command('convert')
    .description(
      'convert between a catalog, OpenSLO v1 documents and Sloth prometheus/v1 specs; what cannot convert is ' +
        'named on stderr (one line per SLO or KPI) and the rest still converts'
    )
    .argument('<file>', 'YAML file (OpenSLO and Sloth files may hold several documents)')
    .addOption(new Option('--from <format>', 'format of FILE').choices(CONVERT_FORMATS).makeOptionMandatory())
    .addOption(new Option('--to <format>', 'format to write').choices(CONVERT_FORMATS).makeOptionMandatory())
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .option(
      '--window <duration>',
      'sloth: the SLO period of the specs (sloth --default-slo-period, default 30d); openslo: the window of SLOs ' +
        'without timeWindow (default 28d)'
    )
    .option('--datasource-uid <uid>', 'sloth: the uid of the Prometheus data source the KPIs read', 'prometheus')
    .action(async (file: string, opts: ConvertOptions) => {
      if (opts.window !== undefined) {
        durationOption('--window', opts.window);
      }
      const read = await readCatalogAs(file, opts, io);
      if (read.catalog === undefined) {
        return setExit(EXIT_INVALID);
      }
      const written = writeCatalogAs(read.catalog, opts);
      written.problems.forEach((problem) => io.err(`${file}: ${problem}`));
      written.warnings?.forEach((warning) => io.err(`${file}: warning: ${warning}`));
      if (opts.to === 'sloth' && opts.window !== undefined && !SLOTH_BUILT_IN_PERIODS.includes(opts.window)) {
        io.err(
          `${file}: note: Sloth ships alert windows for ${SLOTH_BUILT_IN_PERIODS.join(' and ')} only; run ` +
            `sloth generate --default-slo-period ${opts.window} with an AlertWindows file for it (--alert-windows-path)`
        );
      }
      const header = opts.to === 'catalog' ? schemaHeader(opts.output) : '';
      await emit(header + written.text, opts.output, io);
      setExit(read.refused || written.problems.length > 0 ? EXIT_INVALID : EXIT_OK);
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
      compositesLeftOut(catalog).forEach((note) => io.err(`${file}: ${note}`));
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
    .command('dashboards')
    .description(
      'executive, on-call and debug dashboard JSON for one KPI (--kpi), or for the catalog: the executive ' +
        'overview of its published KPIs plus on-call and debug per published KPI'
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
          problems.length > 0 || isValueKpi(kpi)
            ? []
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
        const rows = await evaluateWithPrometheus(
          client,
          kpis,
          {
            atMs,
            scrapeIntervalMs: durationOption('--scrape-interval', opts.scrapeInterval),
            stepMs: opts.step ? durationOption('--step', opts.step) : undefined,
          },
          catalog.kpis
        );
        rows
          .flatMap((row) => (row.kind === 'slo' ? (row.warnings ?? []) : []))
          .forEach((warning) => io.err(`${file}: warning: ${warning}`));
        io.out(opts.json ? JSON.stringify(rows, null, 2) : formatEvalTable(rows));
        setExit(rows.some((row) => row.status === 'no-data') ? EXIT_NO_DATA : EXIT_OK);
      }
    );

  return program;
}

interface DashboardsOptions {
  output: string;
  kpi?: string;
  lokiUid?: string;
  deploymentsQuery?: string;
  scrapeInterval: string;
}

interface RulesOptions {
  output?: string;
  format: RuleFormat;
  shards?: string;
  namespace: string;
  folder: string;
  orgId: string;
  scrapeInterval: string;
  baseRecords?: boolean;
}

/** Renders the rules of some KPIs as one file; `shard` names the file's shard (for Mimir namespaces). */
type RuleRenderer = (kpis: CatalogKpi[], shard: number | undefined, io: Io) => string;

/**
 * Says on stderr until when the rules follow the offset changes of each maintenance cron in a zone with daylight
 * saving time: they are written out for a horizon, after which the last offset goes on.
 */
function noteOffsetChangeHorizons(file: string, kpis: readonly CatalogKpi[], generatedAtMs: number, io: Io): void {
  kpis.forEach((kpi, kpiIndex) => {
    if (kpi.status !== 'published' || isValueKpi(kpi)) {
      return;
    }
    for (const { index, timeZone, untilMs } of maintenanceRulesValidUntil(kpi, generatedAtMs)) {
      io.err(
        `${file}: note: kpis[${kpiIndex}] (${kpi.id}).maintenance[${index}].timeZone: the rules follow ` +
          `${timeZone}'s offset changes until ${new Date(untilMs).toISOString()}; regenerate them before then`
      );
    }
  });
}

/** Why a KPI or composite of the catalog cannot have its dashboards; undefined when it can (value KPIs: a note). */
function catalogKpiDashboardProblem(kpi: CatalogKpi, catalog: readonly CatalogKpi[]): string | undefined {
  if (isValueKpi(kpi)) {
    return undefined;
  }
  return isCompositeKpi(kpi) ? compositeDashboardProblem(kpi, catalog) : dashboardProblem(kpi);
}

/** `catalog`: where composites find their members, whichever shard they land in. */
function ruleRenderer(
  file: string,
  opts: RulesOptions,
  catalog: readonly CatalogKpi[],
  generatedAtMs: number
): RuleRenderer {
  const scrapeIntervalMs = durationOption('--scrape-interval', opts.scrapeInterval);
  if (opts.baseRecords && opts.format !== 'prometheus') {
    throw new UsageError('--base-records is for --format prometheus: backfilling is a Prometheus matter');
  }
  const yaml = (value: unknown) => stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
  switch (opts.format) {
    case 'prometheus':
      return (kpis) => {
        const groups = generateRuleGroups(kpis, { scrapeIntervalMs, catalog, generatedAtMs });
        return yaml(ruleGroupsToPrometheusFile(opts.baseRecords ? baseRecordGroups(groups) : groups));
      };
    case 'mimir':
      return (kpis, shard, io) => {
        const groups = generateRuleGroups(kpis, { scrapeIntervalMs, catalog, generatedAtMs });
        for (const group of groups) {
          if (group.rules.length > MIMIR_DEFAULT_MAX_RULES_PER_GROUP) {
            io.err(
              `${file}: warning: group ${group.name} has ${group.rules.length} rules; Mimir's default ` +
                `ruler_max_rules_per_rule_group is ${MIMIR_DEFAULT_MAX_RULES_PER_GROUP}`
            );
          }
        }
        // mimirtool refuses a namespace that two files repeat, so each shard is a namespace of its own.
        const namespace = shard === undefined ? opts.namespace : `${opts.namespace}-${shard}`;
        return yaml(ruleGroupsToMimirFile(groups, namespace));
      };
    case 'grafana': {
      const orgId = positiveInteger('--org-id', opts.orgId);
      const header = `# Generated by \`northstar rules ${displayPath(file)} --format grafana\`: edit the catalog, not this file.\n`;
      return (kpis) =>
        header +
        yaml(
          grafanaAlertingFile(
            buildGrafanaAlertRuleGroups(kpis, {
              folder: opts.folder,
              orgId,
              scrapeIntervalMs,
              catalog,
              generatedAtMs,
            })
          )
        );
    }
  }
}

/**
 * `--shards N`: rules-0.yml … rules-(N-1).yml in the output directory, each KPI in the shard its id hashes to.
 * Every shard file is written, empty or not, so the set of files only changes with N; rules-K.yml files of an
 * earlier run with more shards are removed, or their groups would be loaded twice.
 */
async function writeShards(
  kpis: CatalogKpi[],
  shards: number,
  output: string | undefined,
  render: RuleRenderer,
  io: Io
): Promise<void> {
  if (output === undefined) {
    throw new UsageError('--shards writes one file per shard: give the directory with -o');
  }
  await mkdir(output, { recursive: true });
  const published = kpis.filter((kpi) => kpi.status === 'published');
  for (let shard = 0; shard < shards; shard++) {
    const members = published.filter((kpi) => shardOf(kpi.id, shards) === shard);
    const path = join(output, `rules-${shard}.yml`);
    await writeFile(path, render(members, shard, io));
    io.out(`${path}: ${members.length} KPI${members.length === 1 ? '' : 's'}`);
  }
  for (const name of await readdir(output)) {
    const match = SHARD_FILE.exec(name);
    if (match && Number(match[1]) >= shards) {
      await rm(join(output, name));
      io.out(`${join(output, name)}: removed (left from a run with more shards)`);
    }
  }
}

interface ConvertOptions {
  from: ConvertFormat;
  to: ConvertFormat;
  output?: string;
  window?: string;
  datasourceUid: string;
}

/** The catalog in FILE, whatever its format; what could not convert is printed, and `refused` says so. */
async function readCatalogAs(
  file: string,
  opts: ConvertOptions,
  io: Io
): Promise<{ catalog?: Catalog; refused: boolean }> {
  if (opts.from === 'catalog') {
    return { catalog: unwrap(await loadCatalog(file), io), refused: false };
  }
  const text = unwrap(await readText(file), io);
  const docs = text === undefined ? undefined : unwrap(parseYamlDocuments(file, text), io);
  if (!docs) {
    return { refused: true };
  }
  let imported: Catalog;
  let refused: boolean;
  if (opts.from === 'openslo') {
    const result = openSloToCatalog(docs, opts.window !== undefined ? { defaultWindow: opts.window } : {});
    result.problems.forEach((problem) => io.err(`${file}: ${formatOpenSloProblem(problem)}`));
    imported = result.catalog;
    refused = result.problems.length > 0;
  } else {
    const result = slothToCatalog(docs, {
      ...(opts.window !== undefined ? { window: opts.window } : {}),
      datasource: { type: 'prometheus', uid: opts.datasourceUid },
    });
    result.problems.forEach((problem) => io.err(`${file}: ${formatSlothProblem(problem)}`));
    result.notes.forEach((note) => io.err(`${file}: note: ${formatSlothProblem(note)}`));
    imported = result.catalog;
    refused = result.problems.length > 0;
  }
  const checked = validateCatalog(imported);
  if (!checked.ok) {
    checked.problems.forEach((problem) => io.err(`${file}: ${formatProblem(problem)}`));
    return { refused: true };
  }
  return { catalog: checked.catalog, refused };
}

function writeCatalogAs(
  catalog: Catalog,
  opts: ConvertOptions
): { text: string; problems: string[]; warnings?: string[] } {
  const yaml = (value: unknown) => stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
  const documents = (docs: unknown[]) => docs.map((doc) => `---\n${yaml(doc)}`).join('');
  switch (opts.to) {
    case 'catalog':
      return { text: yaml(catalog), problems: [] };
    case 'openslo':
      return { text: documents(catalogToOpenSlo(catalog)), problems: compositesLeftOut(catalog) };
    case 'sloth': {
      const { specs, problems, warnings } = catalogToSloth(
        catalog,
        opts.window !== undefined ? { window: opts.window } : {}
      );
      return {
        text: documents(specs),
        problems: problems.map(formatSlothExportProblem),
        warnings: warnings.map(formatSlothExportProblem),
      };
    }
  }
}

/**
 * `# yaml-language-server: $schema=…` for a catalog written inside this repository, with the path from its folder,
 * so editors validate it as you type; nothing for standard output or files elsewhere.
 */
function schemaHeader(output: string | undefined): string {
  if (output === undefined || relative(PACKAGE_ROOT, resolve(output)).startsWith('..')) {
    return '';
  }
  const path = relative(dirname(resolve(output)), CATALOG_SCHEMA)
    .split('\\')
    .join('/');
  return `# yaml-language-server: $schema=${path}\n`;
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

function positiveInteger(name: string, value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(number) || number < 1) {
    throw new UsageError(`${name} "${value}" is not a positive integer`);
  }
  return number;
}

/** A path for a generated file's header: relative to the working directory, so checkouts in other places agree. */
function displayPath(file: string): string {
  const relativePath = relative(process.cwd(), file);
  return relativePath && !relativePath.startsWith('..') && !isAbsolute(relativePath) ? relativePath : file;
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
