import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { main } from './main';

const ROOT = join(__dirname, '../..');
const VALIDATE = join(ROOT, 'testdata/validate');
const GOLDEN = join(ROOT, 'testdata/golden');
const EXAMPLE = join(ROOT, 'examples/catalog.yaml');

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['node', 'northstar', ...args], { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

function tempFile(name: string, content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'northstar-cli-')), name);
  writeFileSync(file, content);
  return file;
}

const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at \S+ \(/);

describe('northstar validate', () => {
  test.each(readdirSync(join(VALIDATE, 'good')))('good/%s is valid', async (name) => {
    const { code, stdout, stderr } = await run('validate', join(VALIDATE, 'good', name));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/KPIs? valid$/);
  });

  test.each(readdirSync(join(VALIDATE, 'bad')))('bad/%s is refused with the message it expects', async (name) => {
    const file = join(VALIDATE, 'bad', name);
    const expected = readFileSync(file, 'utf8')
      .split('\n')[0]
      .replace(/^# expect: /, '');
    const { code, stderr } = await run('validate', file);
    expect(code).toBe(1);
    expect(stderr).toContain(expected);
    // one line per problem, each naming the file
    for (const line of stderr.split('\n')) {
      expect(line.startsWith(file)).toBe(true);
    }
    noStackTrace(stderr);
  });

  test('several files: every problem of every file is listed and the exit code is 1', async () => {
    const { code, stderr, stdout } = await run(
      'validate',
      EXAMPLE,
      join(VALIDATE, 'bad/target-one.yaml'),
      join(VALIDATE, 'bad/window-zero.yaml')
    );
    expect(code).toBe(1);
    expect(stdout).toContain('4 KPIs valid');
    expect(stderr.split('\n')).toHaveLength(2);
  });

  test('a missing file is a problem, not a crash', async () => {
    const { code, stderr } = await run('validate', '/no/such/catalog.yaml');
    expect(code).toBe(1);
    expect(stderr).toBe('/no/such/catalog.yaml: no such file');
  });

  test('a published version edited in place is refused when the previous catalog is given', async () => {
    const edited = readFileSync(EXAMPLE, 'utf8').replace(
      'objective: { target: 0.999, window: 28d }',
      'objective: { target: 0.99, window: 28d }'
    );
    const { code, stderr } = await run('validate', tempFile('next.yaml', edited), '--previous', EXAMPLE);
    expect(code).toBe(1);
    expect(stderr).toContain(
      'kpis[0] (checkout-availability).version: published version 1 was changed (objective.target); publish the change as version 2'
    );
  });

  test('the same edit published as the next version passes', async () => {
    const edited = readFileSync(EXAMPLE, 'utf8')
      .replace('objective: { target: 0.999, window: 28d }', 'objective: { target: 0.99, window: 28d }')
      .replace(/id: checkout-availability\n    version: 1/, 'id: checkout-availability\n    version: 2');
    const { code, stderr } = await run('validate', tempFile('next.yaml', edited), '--previous', EXAMPLE);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  test('a 10 MB catalog validates without trouble', async () => {
    const kpi = parse(readFileSync(EXAMPLE, 'utf8')).kpis[0];
    const kpis = Array.from({ length: 17_500 }, (_, i) => ({ ...kpi, id: `kpi-${i}`, description: 'x'.repeat(250) }));
    const text = stringify(
      { apiVersion: 'northstar.dev/v1', kind: 'KpiCatalog', kpis },
      { aliasDuplicateObjects: false }
    );
    expect(text.length).toBeGreaterThan(10_000_000);
    const { code, stdout } = await run('validate', tempFile('big.yaml', text));
    expect(code).toBe(0);
    expect(stdout).toContain('17500 KPIs valid');
  }, 120_000);
});

test('a YAML alias bomb is refused with a message, not expanded', async () => {
  const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 9; i++) {
    bomb.push(
      `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
        .fill('*' + String.fromCharCode(96 + i))
        .join(',')}]`
    );
  }
  const { code, stderr } = await run('validate', tempFile('bomb.yaml', bomb.join('\n')));
  expect(code).toBe(1);
  expect(stderr).toMatch(/bomb\.yaml: Excessive alias count/);
});

describe('northstar rules', () => {
  test('the example catalog gives the committed golden rules, byte for byte', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'northstar-rules-')), 'rules.yml');
    expect((await run('rules', EXAMPLE, '-o', out)).code).toBe(0);
    const generated = readFileSync(out, 'utf8');
    if (process.env.UPDATE_GOLDEN) {
      writeFileSync(join(GOLDEN, 'catalog.rules.yml'), generated);
    }
    expect(generated).toBe(readFileSync(join(GOLDEN, 'catalog.rules.yml'), 'utf8'));
  });

  test('drafts get no rules; every rule carries kpi_id and kpi_version', async () => {
    const { stdout } = await run('rules', EXAMPLE);
    const { groups } = parse(stdout);
    expect(groups.map((g: { name: string }) => g.name)).toEqual([
      'northstar-kpi-checkout-availability',
      'northstar-kpi-search-latency',
      'northstar-kpi-login-success',
    ]);
    for (const group of groups) {
      for (const rule of group.rules) {
        expect(Object.keys(rule.labels)).toEqual(expect.arrayContaining(['kpi_id', 'kpi_version']));
      }
    }
  });

  test('an invalid catalog gives no rules and exit 1', async () => {
    const { code, stdout } = await run('rules', join(VALIDATE, 'bad/target-one.yaml'));
    expect(code).toBe(1);
    expect(stdout).toBe('');
  });
});

describe('northstar provisioning', () => {
  test('enables the app with the catalog, read-only, with every $ escaped for Grafana', async () => {
    const { code, stdout } = await run('provisioning', EXAMPLE);
    expect(code).toBe(0);
    const [app] = parse(stdout).apps;
    expect(app).toMatchObject({ type: 'northstar-kpi-app', org_id: 1, disabled: false });
    expect(app.jsonData).toMatchObject({ provisioned: true, revision: 1 });
    const good = app.jsonData.catalog.kpis[0].indicator.good;
    expect(good).toBe('sum(rate(http_requests_total{job="checkout",code!~"5.."}[$$__rate_interval]))');
    // What Grafana reads after turning $$ back into $ is the catalog itself.
    const unescaped = JSON.parse(JSON.stringify(app.jsonData.catalog).replaceAll('$$', '$'));
    expect(unescaped).toEqual(parse(readFileSync(EXAMPLE, 'utf8')));
    // Published KPIs start their history; the draft has none yet.
    expect(Object.keys(app.jsonData.history)).toEqual(['checkout-availability', 'search-latency', 'login-success']);
  });

  test('an invalid catalog gives no provisioning file', async () => {
    const { code, stdout } = await run('provisioning', join(VALIDATE, 'bad/target-one.yaml'));
    expect(code).toBe(1);
    expect(stdout).toBe('');
  });
});

describe('northstar openslo', () => {
  test('export gives the committed golden OpenSLO documents', async () => {
    const { code, stdout } = await run('openslo', 'export', EXAMPLE);
    expect(code).toBe(0);
    if (process.env.UPDATE_GOLDEN) {
      writeFileSync(join(GOLDEN, 'catalog.openslo.yaml'), stdout + '\n');
    }
    expect(stdout + '\n').toBe(readFileSync(join(GOLDEN, 'catalog.openslo.yaml'), 'utf8'));
    expect(parseAllDocuments(stdout)).toHaveLength(4);
  });

  test('a catalog exported and imported again is equal in every field', async () => {
    const exported = tempFile('openslo.yaml', (await run('openslo', 'export', EXAMPLE)).stdout);
    const { code, stdout, stderr } = await run('openslo', 'import', exported);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(parse(stdout)).toEqual(parse(readFileSync(EXAMPLE, 'utf8')));
  });

  test('an SLO we cannot convert is named on stderr while the others still convert', async () => {
    const exported = (await run('openslo', 'export', EXAMPLE)).stdout;
    const calendar = exported.replace(
      /timeWindow:\n(\s+)- duration: 7d\n\s+isRolling: true/,
      'timeWindow:\n$1- duration: 1M\n$1  isRolling: false\n$1  calendar: { startTime: "2026-01-01 00:00:00", timeZone: UTC }'
    );
    expect(calendar).not.toBe(exported);
    const { code, stdout, stderr } = await run('openslo', 'import', tempFile('calendar.yaml', calendar));
    expect(code).toBe(1);
    expect(stderr).toMatch(/^.*calendar\.yaml: documents\[2\] \(login-success\)\.spec\.timeWindow/);
    expect(parse(stdout).kpis.map((k: { id: string }) => k.id)).toEqual([
      'checkout-availability',
      'search-latency',
      'checkout-conversion',
    ]);
  });

  test('a YAML syntax error names line and column', async () => {
    const { code, stderr } = await run(
      'openslo',
      'import',
      tempFile('broken.yaml', 'apiVersion: openslo/v1\nkind: [SLO\n')
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(/broken\.yaml:\d+:\d+: YAML syntax error/);
  });
});

describe('northstar eval arguments', () => {
  test('a bad --at is a usage error naming both accepted forms', async () => {
    const { code, stderr } = await run('eval', EXAMPLE, '--prometheus', 'http://127.0.0.1:9', '--at', 'yesterday');
    expect(code).toBe(1);
    expect(stderr).toBe('northstar: --at "yesterday" is neither RFC 3339 (2026-11-01T12:00:00Z) nor Unix seconds');
  });

  test('an unknown --kpi is named', async () => {
    const { code, stderr } = await run('eval', EXAMPLE, '--prometheus', 'http://127.0.0.1:9', '--kpi', 'nope');
    expect(code).toBe(1);
    expect(stderr).toContain('no KPI with id "nope"');
  });

  test('--prometheus is required', async () => {
    const { code, stderr } = await run('eval', EXAMPLE);
    expect(code).toBe(1);
    expect(stderr).toContain("required option '--prometheus <url>' not specified");
  });
});
