/**
 * The demo catalog's Prometheus rule files, as `northstar rules examples/catalog.yaml --scrape-interval 1m
 * [--base-records | --sum-records]` writes them (demo/backfillScript.test.ts holds them to that): `rules`, every
 * recording and alerting rule, which Prometheus runs (the KPIs over SQL have none); `base`, the base records only, which `promtool tsdb
 * create-blocks-from rules` backfills over a history; `sums`, the daily sums of the base records that windows of a
 * day and longer read, backfilled in a second pass over the first one's blocks. For the demos (demo/rules.ts) and the test Prometheus (e2e/host).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { parseCatalog } from '../src/data/catalogYaml';
import { type KpiDefinition, notPromqlKpiIds } from '../src/kpi/model';
import { baseRecordGroups, generateRuleGroups, ruleGroupsToPrometheusFile, sumRecordGroups } from '../src/kpi/rules';
import { SCRAPE_INTERVAL_SECONDS } from './metrics';

export const DEMO_CATALOG = join(__dirname, '..', 'examples', 'catalog.yaml');

/** `extraKpis`: more KPIs to record beside the demo catalog's (the test Prometheus adds a per-label one). */
export function demoRuleFiles(extraKpis: readonly KpiDefinition[] = []): { rules: string; base: string; sums: string } {
  const loaded = parseCatalog(DEMO_CATALOG, readFileSync(DEMO_CATALOG, 'utf8'));
  if (!loaded.ok) {
    throw new Error(loaded.problems.join('\n'));
  }
  // As `northstar rules` does, the KPIs over SQL are left out: Prometheus cannot run their queries.
  const leftOut = notPromqlKpiIds(loaded.value.kpis);
  const promqlKpis = loaded.value.kpis.filter((kpi) => !leftOut.has(kpi.id));
  const groups = generateRuleGroups([...promqlKpis, ...extraKpis], {
    scrapeIntervalMs: SCRAPE_INTERVAL_SECONDS * 1000,
  });
  const yaml = (value: unknown) => stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
  return {
    rules: yaml(ruleGroupsToPrometheusFile(groups)),
    base: yaml(ruleGroupsToPrometheusFile(baseRecordGroups(groups))),
    sums: yaml(ruleGroupsToPrometheusFile(sumRecordGroups(groups))),
  };
}
