import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCatalog } from '../cli/catalogFile';
import { catalogDashboards, dashboardJson } from './generate';
import { includesWithDashboards, pluginJsonWithIncludes, SHIPPED_CATALOG, SHIPPED_JSON_DIR } from './shipped';

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

describe('pluginJsonWithIncludes: npm run dashboards writes plugin.json in its own layout', () => {
  const text = [
    '{',
    '  "info": {',
    '    "screenshots": [{ "name": "KPI catalog", "path": "img/screenshots/catalog.png" }]',
    '  },',
    '  "includes": [',
    '    {',
    '      "type": "page",',
    '      "name": "Catalog"',
    '    }',
    '  ],',
    '  "dependencies": { "plugins": [] }',
    '}',
    '',
  ].join('\n');

  test('the same text when the list is unchanged, so the file is not touched', () => {
    expect(pluginJsonWithIncludes(text, [{ type: 'page', name: 'Catalog' }])).toBe(text);
  });

  test('a new dashboard changes the list alone: the one-line screenshot and dependencies stay as they are', () => {
    const dashboard = { type: 'dashboard', name: 'Login: debug', path: 'dashboards/json/login.debug.json' };
    const written = pluginJsonWithIncludes(text, [{ type: 'page', name: 'Catalog' }, dashboard])!;
    expect(JSON.parse(written).includes).toEqual([{ type: 'page', name: 'Catalog' }, dashboard]);
    expect(written.split('\n').slice(0, 5)).toEqual(text.split('\n').slice(0, 5));
    expect(written).toContain('    {\n      "type": "dashboard",\n      "name": "Login: debug",');
    expect(written.endsWith('  ],\n  "dependencies": { "plugins": [] }\n}\n')).toBe(true);
  });

  test('a text without a top-level includes list is refused rather than guessed at', () => {
    expect(pluginJsonWithIncludes('{ "type": "app" }', [])).toBeUndefined();
  });
});
