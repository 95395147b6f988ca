// Writes the dashboards of the demo catalog to src/dashboards/json/ and lists them in src/plugin.json, so the
// plugin ships them (`npm run dashboards`; src/dashboards/shipped.test.ts fails when they are stale).
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { loadCatalog } from '../src/cli/catalogFile';
import { catalogDashboards, dashboardJson } from '../src/dashboards/generate';
import {
  includesWithDashboards,
  pluginJsonWithIncludes,
  SHIPPED_CATALOG,
  SHIPPED_JSON_DIR,
} from '../src/dashboards/shipped';

const ROOT = join(__dirname, '..');

async function main(): Promise<number> {
  const loaded = await loadCatalog(join(ROOT, SHIPPED_CATALOG));
  if (!loaded.ok) {
    loaded.problems.forEach((problem) => console.error(problem));
    return 1;
  }
  const files = catalogDashboards(loaded.value.kpis);
  const dir = join(ROOT, SHIPPED_JSON_DIR);
  mkdirSync(dir, { recursive: true });
  // Dashboards of KPIs that left the catalog go too, or the plugin would keep shipping them.
  for (const name of readdirSync(dir).filter((name) => name.endsWith('.json'))) {
    rmSync(join(dir, name));
  }
  for (const file of files) {
    writeFileSync(join(dir, file.file), dashboardJson(file.dashboard));
    console.log(`wrote ${join(SHIPPED_JSON_DIR, file.file)}`);
  }
  const pluginJsonPath = join(ROOT, 'src/plugin.json');
  const text = readFileSync(pluginJsonPath, 'utf8');
  const includes = includesWithDashboards(JSON.parse(text).includes ?? [], files);
  const spliced = pluginJsonWithIncludes(text, includes);
  if (spliced === undefined) {
    console.error('src/plugin.json: no top-level "includes" list to write the dashboards into');
    return 1;
  }
  if (spliced !== text) {
    // The repository's Prettier settings (printWidth 120), so the new list reads as the rest of the file.
    const options = await resolveConfig(pluginJsonPath);
    writeFileSync(pluginJsonPath, await format(spliced, { ...options, parser: 'json', filepath: pluginJsonPath }));
  }
  console.log(`listed ${files.length} dashboards in src/plugin.json`);
  return 0;
}

main().then((code) => {
  process.exitCode = code;
});
