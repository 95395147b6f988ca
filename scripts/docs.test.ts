import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOG_DOC, catalogFieldTable, readCatalogSchema, withFieldTable } from './catalogFieldTable';
import {
  brokenLinks,
  cliFlags,
  type CommandFlags,
  flagsIn,
  flagsMissingFrom,
  headingAnchors,
  REPO_ROOT,
  relativeLinks,
  subcommandsIn,
} from './docsCheck';

const CLI_DOC = join(REPO_ROOT, 'docs/cli.md');
// Every Markdown page of the project; .config is the scaffold's, and the rest is build output or installed.
const SKIPPED = new Set(['node_modules', '.config', '.git', '.demo', 'dist', 'test-results', 'coverage']);
function markdownFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      return SKIPPED.has(entry.name) ? [] : markdownFiles(path);
    }
    return entry.name.endsWith('.md') ? [path] : [];
  });
}
const PAGES = markdownFiles(REPO_ROOT).sort();

const read = (file: string) => readFileSync(file, 'utf8');

describe('docs/cli.md and the CLI', () => {
  let commands: CommandFlags[];
  beforeAll(async () => {
    commands = await cliFlags();
  }, 120_000);

  test('finds every command, nested ones included, each with its flags', () => {
    const names = commands.map((c) => c.command);
    expect(names).toEqual(expect.arrayContaining(['validate', 'rules', 'eval', 'openslo import', 'openslo export']));
    expect(commands.find((c) => c.command === 'provisioning')?.flags).toEqual(
      expect.arrayContaining(['-o', '--output', '--org-id', '--default-datasource', '-h', '--help'])
    );
  });

  test('every flag that `northstar <command> --help` prints appears in docs/cli.md', () => {
    expect(flagsMissingFrom(read(CLI_DOC), commands)).toEqual([]);
  });

  test('a flag whose lines are deleted from docs/cli.md is reported', () => {
    const withoutFlag = read(CLI_DOC)
      .split('\n')
      .filter((line) => !line.includes('--default-datasource'))
      .join('\n');
    expect(flagsMissingFrom(withoutFlag, commands)).toEqual(['provisioning: --default-datasource']);
  });

  test('a longer flag does not stand in for a shorter one', () => {
    const rules: CommandFlags = { command: 'rules', flags: ['--format'] };
    expect(flagsMissingFrom('only --formats here', [rules])).toEqual(['rules: --format']);
    expect(flagsMissingFrom('`--format <format>`', [rules])).toEqual([]);
  });
});

describe('reading commander help', () => {
  const help = [
    'Usage: northstar openslo [options] [command]',
    '',
    'Options:',
    '  -o, --output <file>  write to a file',
    '  --base-records       only the records',
    '                       (wrapped text --not-a-flag)',
    '  -h, --help           display help for command',
    '',
    'Commands:',
    '  export [options] <file>  print a catalog',
    '  help [command]           display help for command',
    '',
  ].join('\n');

  test('lists flags, short and long, but not words in wrapped descriptions', () => {
    expect(flagsIn(help)).toEqual(['-o', '--output', '--base-records', '-h', '--help']);
  });

  test('lists subcommands without help', () => {
    expect(subcommandsIn(help)).toEqual(['export']);
  });
});

describe('relative links', () => {
  test("the pages checked include the README, Grafana's catalog page and docs/", () => {
    const names = PAGES.map((file) => file.slice(REPO_ROOT.length + 1));
    expect(names).toEqual(expect.arrayContaining(['README.md', 'src/README.md', 'docs/cli.md', 'e2e/host/README.md']));
  });

  test.each(PAGES.map((file) => [file.slice(REPO_ROOT.length + 1), file]))('every link in %s resolves', (_, file) => {
    expect(brokenLinks(file, read(file))).toEqual([]);
  });

  test('a link to a missing file or heading is reported, a URL or a link in code is not', () => {
    const file = join(REPO_ROOT, 'docs/example.md');
    const text = [
      '# Example page',
      '[ok](maths.md#per-label-kpis-indicatorgroupby) [self](#example-page) [web](https://grafana.com)',
      '[gone](nowhere.md) [bad anchor](maths.md#nowhere) `[not a link](missing.md)`',
    ].join('\n');
    expect(brokenLinks(file, text)).toEqual([
      'docs/example.md: nowhere.md (no such file)',
      'docs/example.md: maths.md#nowhere (no such heading)',
    ]);
  });

  test("heading anchors follow GitHub's rules", () => {
    const anchors = headingAnchors(
      '# The `northstar` CLI\n## Rules: what is recorded, and the warm-up\n## FAQ\n## FAQ'
    );
    expect([...anchors]).toEqual(['the-northstar-cli', 'rules-what-is-recorded-and-the-warm-up', 'faq', 'faq-1']);
  });

  test('images count as links; mailto and http do not', () => {
    expect(relativeLinks('![shot](img/a.png) [m](mailto:x@y.z) [h](http://x)')).toEqual(['img/a.png']);
  });
});

describe('the field table of docs/catalog.md', () => {
  test('is what schema/catalog.schema.json gives (npm run docs:catalog)', () => {
    const doc = read(CATALOG_DOC);
    expect(withFieldTable(doc, catalogFieldTable(readCatalogSchema()))).toBe(doc);
  });

  test('lists every field of every kind, with what the schema requires', () => {
    const table = catalogFieldTable(readCatalogSchema());
    expect(table).toContain('| `kpis[].objective.target` |  | number | yes | SLOs: share of good events or slices');
    expect(table).toContain('| `kpis[].indicator.slice` | `type: timeslice` | string |  | default `"1m"` |');
    expect(table).toContain('| `kpis[].alerting.rules[].budgetFraction` | `policy: custom` | number |  | > 0; ≤ 1 |');
  });

  test('a stale table is told apart from a current one', () => {
    const doc = read(CATALOG_DOC);
    const stale = doc.replace(/^\| `kpis\[\]\.tags` .*\n/m, '');
    expect(stale).not.toBe(doc);
    const current = withFieldTable(stale, catalogFieldTable(readCatalogSchema()));
    expect(current).not.toBe(stale);
    expect(current).toBe(doc);
  });
});
