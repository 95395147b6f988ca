/**
 * Writes the demo catalog's Prometheus rules for the demo Prometheus, local and in docker compose:
 *
 *   npx tsx demo/rules.ts OUT_DIR
 *
 * OUT_DIR gets rules.yml (every rule, which Prometheus runs), rules-base.yml (the base records) and rules-sums.yml
 * (their daily sums), which demo/prometheus-backfill.sh backfills over the history in two passes; see demoRuleFiles. Not through the CLI, because the
 * compose step runs tsx from npx's cache.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoRuleFiles } from './ruleFiles';

function main(): void {
  const outDir = process.argv[2];
  if (!outDir) {
    throw new Error('usage: rules.ts OUT_DIR');
  }
  const { rules, base, sums } = demoRuleFiles();
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'rules.yml'), rules);
  writeFileSync(join(outDir, 'rules-base.yml'), base);
  writeFileSync(join(outDir, 'rules-sums.yml'), sums);
}

main();
