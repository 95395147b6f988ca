/**
 * `npx tsx bench/profileSummary.ts <file.cpuprofile>`: the summary of a profile bench:ui wrote, again, with
 * BENCH_PROFILE_TOP and BENCH_PROFILE_UNDER to look closer (e.g. BENCH_PROFILE_UNDER=readCatalogResults).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../e2e/host/startHost';
import { summarise } from './cpuProfile';

const [file] = process.argv.slice(2);
if (!file) {
  console.error('usage: npx tsx bench/profileSummary.ts <file.cpuprofile>');
  process.exit(2);
}
console.log(summarise(JSON.parse(readFileSync(file, 'utf8')), join(REPO_ROOT, 'dist')));
