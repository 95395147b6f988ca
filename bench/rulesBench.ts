/**
 * Rule generation and validation for a 5,000-KPI catalog (issue 7): validating the catalog, generating the
 * Prometheus and the Grafana-managed rules and writing them as YAML, with the rules per KPI; `promtool check rules`
 * on the generated file when promtool is installed; and what one evaluation of the recording rules reads from
 * Prometheus for a 1,000- and a 5,000-KPI catalog, before (every window from the raw queries) and now (base window
 * recorded once, longer windows derived), per src/kpi/rules/ruleCost.ts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from 'tinybench';
import { stringify } from 'yaml';
import {
  buildGrafanaAlertRuleGroups,
  catalogRuleCost,
  generateRuleGroups,
  grafanaAlertingFile,
  ruleGroupsToPrometheusFile,
} from '../src/kpi/rules';
import { sourcedKpis } from '../src/kpi/model';
import { validateCatalog } from '../src/kpi/catalog';
import { findPromtool } from '../src/testing/promtool';
import { generatedCatalog } from './catalogFixture';

const KPIS = 5000;
/** Series each KPI's good and total queries select, for the cost figures. */
const RAW_SERIES = 100;

export async function rulesBench(): Promise<Array<[string, string]>> {
  const catalog = generatedCatalog(KPIS);
  const yaml = (value: unknown) => stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
  let sink = 0;
  // Seconds per run for the YAML task: three runs each, after one warm-up run, instead of tinybench's 64.
  const bench = new Bench({ time: 0, iterations: 3, warmup: true, warmupTime: 0, warmupIterations: 1 });
  bench
    .add('validate 5,000-KPI catalog (parsed objects)', () => {
      sink += validateCatalog(catalog).ok ? 1 : 0;
    })
    .add('generate Prometheus rules for 5,000 KPIs', () => {
      sink += generateRuleGroups(catalog.kpis).length;
    })
    .add('generate + write Prometheus rule YAML, 5,000 KPIs', () => {
      sink += yaml(ruleGroupsToPrometheusFile(generateRuleGroups(catalog.kpis))).length;
    })
    .add('generate Grafana-managed rules for 5,000 KPIs', () => {
      sink += grafanaAlertingFile(buildGrafanaAlertRuleGroups(sourcedKpis(catalog.kpis))).groups.length;
    });
  await bench.run();

  const lines: Array<[string, string]> = bench.tasks.map((task) => {
    const latency = task.result && 'latency' in task.result ? task.result.latency : undefined;
    return [task.name, latency ? `${latency.mean.toFixed(1)} ms` : 'no result'];
  });
  const groups = generateRuleGroups(catalog.kpis);
  const rules = groups.reduce((n, group) => n + group.rules.length, 0);
  lines.push(['Prometheus rules per KPI (5,000-KPI catalog, mean)', (rules / groups.length).toFixed(2)]);
  const grafanaRules = buildGrafanaAlertRuleGroups(sourcedKpis(catalog.kpis)).reduce(
    (n, group) => n + group.rules.length,
    0
  );
  lines.push(['Grafana-managed rules per KPI (5,000-KPI catalog, mean)', (grafanaRules / groups.length).toFixed(2)]);
  lines.push(promtoolCheck(yaml(ruleGroupsToPrometheusFile(groups))));

  for (const count of [1000, 5000]) {
    const { before, after } = catalogRuleCost(sourcedKpis(generatedCatalog(count).kpis), { rawSeries: RAW_SERIES });
    const label = `${count.toLocaleString('en')}-KPI catalog, N = ${RAW_SERIES} series per query`;
    lines.push([
      `series selected per rule evaluation, ${label}`,
      `${fmt(before.series)} before → ${fmt(after.series)} now`,
    ]);
    lines.push([
      `samples per rule evaluation, ${label}`,
      `${fmt(before.samples)} before → ${fmt(after.samples)} now (${(before.samples / after.samples).toFixed(0)}x fewer)`,
    ]);
  }
  if (sink === 42) {
    lines.push(['', '']); // keeps the results observable so the work is not optimised away
  }
  return lines;
}

/** One timed `promtool check rules` of the 5,000-KPI rule file: the check CI runs. */
function promtoolCheck(text: string): [string, string] {
  const name = 'promtool check rules, 5,000-KPI rule file (one run)';
  const promtool = findPromtool();
  if (promtool === undefined) {
    return [name, 'skipped: promtool not installed'];
  }
  const dir = mkdtempSync(join(tmpdir(), 'northstar-bench-'));
  try {
    const file = join(dir, 'rules.yml');
    writeFileSync(file, text);
    const start = performance.now();
    const result = spawnSync(promtool, ['check', 'rules', file], { encoding: 'utf8', timeout: 300_000 });
    const ms = performance.now() - start;
    const found = /SUCCESS: (\d+) rules found/.exec(result.stdout ?? '');
    return [name, found ? `${ms.toFixed(0)} ms, ${found[1]} rules` : `failed: ${(result.stderr ?? '').trim()}`];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function fmt(value: number): string {
  return Math.round(value).toLocaleString('en');
}
