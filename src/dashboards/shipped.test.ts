import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCatalog } from '../cli/catalogFile';
import { catalogDashboards, dashboardJson } from './generate';
import { includesWithDashboards, SHIPPED_CATALOG, SHIPPED_JSON_DIR } from './shipped';

const ROOT = join(__dirname, '../..');
const STALE = 'is stale: run `npm run dashboards` and commit the result';

function freshFiles() {
  const loaded = parseCatalog(SHIPPED_CATALOG, readFileSync(join(ROOT, SHIPPED_CATALOG), 'utf8'));
  if (!loaded.ok) {
    throw new Error(loaded.problems.join('\n'));
  }
  return catalogDashboards(loaded.value.kpis);
}

describe('dashboards shipped with the plugin', () => {
  const files = freshFiles();

  test('src/dashboards/json holds exactly the dashboards of the example catalog', () => {
    const committed = readdirSync(join(ROOT, SHIPPED_JSON_DIR)).filter((name) => name.endsWith('.json'));
    expect({ files: committed.sort(), hint: STALE }).toEqual({
      files: files.map((file) => file.file).sort(),
      hint: STALE,
    });
  });

  test.each(files.map((file) => [file.file, file] as const))(
    '%s is byte for byte what the builders make',
    (name, file) => {
      const committed = readFileSync(join(ROOT, SHIPPED_JSON_DIR, name), 'utf8');
      if (committed !== dashboardJson(file.dashboard)) {
        throw new Error(`${SHIPPED_JSON_DIR}/${name} ${STALE}`);
      }
    }
  );

  test('plugin.json lists every shipped dashboard at the path the build copies it to', () => {
    const pluginJson = JSON.parse(readFileSync(join(ROOT, 'src/plugin.json'), 'utf8'));
    expect({ includes: pluginJson.includes, hint: STALE }).toEqual({
      includes: includesWithDashboards(pluginJson.includes, files),
      hint: STALE,
    });
  });
});
