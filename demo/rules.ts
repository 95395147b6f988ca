/**
 * Writes the demo catalog's Prometheus rules for the demo Prometheus, local and in docker compose:
 *
 *   npx tsx demo/rules.ts OUT_DIR
 *
 * OUT_DIR gets rules.yml (every recording and alerting rule, which Prometheus runs) and rules-base.yml (the base
 * records only, which `promtool tsdb create-blocks-from rules` backfills over the history; see
 * demo/prometheus-backfill.sh). The same as `northstar rules examples/catalog.yaml --scrape-interval 1m
 * [--base-records]`, without the CLI, because the compose step runs tsx from npx's cache.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { parseCatalog } from '../src/data/catalogYaml';
import { baseRecordGroups, generateRuleGroups, ruleGroupsToPrometheusFile } from '../src/kpi/rules';
import { SCRAPE_INTERVAL_SECONDS } from './metrics';

const CATALOG = join(__dirname, '..', 'examples', 'catalog.yaml');

function main(): void {
  const outDir = process.argv[2];
  if (!outDir) {
    throw new Error('usage: rules.ts OUT_DIR');
  }
  const loaded = parseCatalog(CATALOG, readFileSync(CATALOG, 'utf8'));
  if (!loaded.ok) {
    throw new Error(loaded.problems.join('\n'));
  }
  const groups = generateRuleGroups(loaded.value.kpis, { scrapeIntervalMs: SCRAPE_INTERVAL_SECONDS * 1000 });
  const yaml = (value: unknown) => stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'rules.yml'), yaml(ruleGroupsToPrometheusFile(groups)));
  writeFileSync(join(outDir, 'rules-base.yml'), yaml(ruleGroupsToPrometheusFile(baseRecordGroups(groups))));
}

main();
