import { Command, Option } from 'commander';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
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
  sumRecordGroups,
} from '../../kpi/rules';
import { type CatalogKpi, groupByOf, sourcedKpis } from '../../kpi/model';
import { grafanaRuleKpis, noteOffsetChangeHorizons, noteSumsWarmUp, promqlRuleKpis } from '../ruleNotes';
import { loadCatalog } from '../catalogFile';
import { valueKpiNotes } from '../valueKpiNotes';
import {
  EXIT_OK,
  EXIT_INVALID,
  type Io,
  UsageError,
  unwrap,
  emit,
  displayPath,
  durationOption,
} from '../commandSupport';

/** `northstar rules`. */
export function addRulesCommand(program: Command, io: Io, setExit: (code: number) => void): void {
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
    .option(
      '--sum-records',
      'prometheus: only the daily and hourly sums of the base records, for a second promtool pass after the ' +
        '--base-records one, so that windows of a day and longer have their history too'
    )
    .action(async (file: string, opts: RulesOptions) => {
      const loaded = unwrap(await loadCatalog(file), io);
      if (!loaded) {
        return setExit(EXIT_INVALID);
      }
      const applicable = opts.format === 'grafana' ? grafanaRuleKpis(loaded.kpis) : promqlRuleKpis(loaded.kpis);
      applicable.notes.forEach((note) => io.err(`${file}: ${note}`));
      const catalog = { ...loaded, kpis: applicable.kpis };
      const generatedAtMs = Date.now();
      const render = ruleRenderer(file, opts, catalog.kpis, generatedAtMs);
      // Per-label KPIs multiply their records by their label values: say what that costs (the article's F6).
      sourcedKpis(catalog.kpis)
        .filter((kpi) => kpi.status === 'published' && groupByOf(kpi).length > 0)
        .forEach((kpi) => io.err(`${file}: note: ${describeRecordedSeries(kpi)}`));
      noteOffsetChangeHorizons(file, catalog.kpis, generatedAtMs, io.err);
      noteSumsWarmUp(file, catalog.kpis, opts.format === 'grafana' || opts.baseRecords || opts.sumRecords, io.err);
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
}

const RULE_FORMATS = ['prometheus', 'mimir', 'grafana'] as const;

type RuleFormat = (typeof RULE_FORMATS)[number];

/** Mimir's default `ruler_max_rules_per_rule_group`; bigger groups are refused by its ruler. */
const MIMIR_DEFAULT_MAX_RULES_PER_GROUP = 20;

const SHARD_FILE = /^rules-(\d+)\.yml$/;

interface RulesOptions {
  output?: string;
  format: RuleFormat;
  shards?: string;
  namespace: string;
  folder: string;
  orgId: string;
  scrapeInterval: string;
  baseRecords?: boolean;
  sumRecords?: boolean;
}

/** Renders the rules of some KPIs as one file; `shard` names the file's shard (for Mimir namespaces). */
type RuleRenderer = (kpis: CatalogKpi[], shard: number | undefined, io: Io) => string;

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
  if (opts.sumRecords && (opts.format !== 'prometheus' || opts.baseRecords)) {
    throw new UsageError('--sum-records is for --format prometheus, without --base-records: a pass of its own');
  }
  const yaml = (value: unknown) => stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
  switch (opts.format) {
    case 'prometheus':
      return (kpis) => {
        const groups = generateRuleGroups(kpis, { scrapeIntervalMs, catalog, generatedAtMs });
        const backfilled = opts.baseRecords
          ? baseRecordGroups(groups)
          : opts.sumRecords
            ? sumRecordGroups(groups)
            : groups;
        return yaml(ruleGroupsToPrometheusFile(backfilled));
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

function positiveInteger(name: string, value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(number) || number < 1) {
    throw new UsageError(`${name} "${value}" is not a positive integer`);
  }
  return number;
}
