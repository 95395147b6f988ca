import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { main } from './main';

const ROOT = join(__dirname, '../..');
const VALIDATE = join(ROOT, 'testdata/validate');
const GOLDEN = join(ROOT, 'testdata/golden');
const EXAMPLE = join(ROOT, 'examples/catalog.yaml');
const SLOTH_EXAMPLE = join(ROOT, 'examples/sloth/checkout.yaml');
const OPENSLO_EXAMPLE = join(ROOT, 'examples/openslo/checkout.yaml');

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

  test('a published version turned back into a draft at the same version is refused', async () => {
    const drafted = readFileSync(EXAMPLE, 'utf8').replace(
      /id: checkout-availability\n    version: 1\n    status: published/,
      'id: checkout-availability\n    version: 1\n    status: draft'
    );
    const { code, stderr } = await run('validate', tempFile('next.yaml', drafted), '--previous', EXAMPLE);
    expect(code).toBe(1);
    expect(stderr).toContain(
      'kpis[0] (checkout-availability).version: a draft must be at least version 2: version 1 is published'
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

/**
 * Runs a command that writes `golden` with -o and compares the file byte for byte (UPDATE_GOLDEN rewrites it). The
 * output goes next to the golden file under a temporary name, so paths relative to its folder come out the same.
 */
async function expectGolden(golden: string, ...args: string[]) {
  const out = join(dirname(golden), `.${basename(golden)}.tmp`);
  try {
    const result = await run(...args, '-o', out);
    const generated = readFileSync(out, 'utf8');
    if (process.env.UPDATE_GOLDEN) {
      writeFileSync(golden, generated);
    }
    expect(generated).toBe(readFileSync(golden, 'utf8'));
    return result;
  } finally {
    rmSync(out, { force: true });
  }
}

describe('golden files: generated artefacts of the examples, byte for byte', () => {
  test.each([
    ['Prometheus rules of the example catalog', 'testdata/golden/catalog.rules.yml', ['rules', EXAMPLE]],
    [
      'Mimir rules of the example catalog',
      'testdata/golden/catalog.mimir.yml',
      ['rules', EXAMPLE, '--format', 'mimir'],
    ],
    [
      'Grafana-managed alert rules of the example catalog',
      'testdata/golden/catalog.grafana.yml',
      ['rules', EXAMPLE, '--format', 'grafana'],
    ],
    [
      'the Sloth example as a catalog',
      'examples/sloth/checkout.catalog.yaml',
      ['convert', SLOTH_EXAMPLE, '--from', 'sloth', '--to', 'catalog'],
    ],
    [
      'the OpenSLO example as a catalog',
      'examples/openslo/checkout.catalog.yaml',
      ['convert', OPENSLO_EXAMPLE, '--from', 'openslo', '--to', 'catalog'],
    ],
    [
      'the 28d KPIs of the example catalog as Sloth specs',
      'testdata/golden/catalog.sloth.yaml',
      ['convert', EXAMPLE, '--from', 'catalog', '--to', 'sloth', '--window', '28d'],
    ],
  ])('%s (%s)', async (_name, golden, args) => {
    await expectGolden(join(ROOT, golden), ...args);
  });
});

/** A published KPI with a fixed window and a weekly cron in Berlin, which has daylight saving time. */
const BERLIN_CATALOG = [
  'apiVersion: northstar.dev/v1',
  'kind: KpiCatalog',
  'kpis:',
  '  - id: checkout',
  '    version: 1',
  '    status: published',
  '    name: Checkout',
  '    owner: team-payments',
  '    datasource: { type: prometheus, uid: prometheus }',
  '    indicator:',
  '      type: ratio',
  '      good: sum(rate(http_requests_total{code!~"5.."}[$__rate_interval]))',
  '      total: sum(rate(http_requests_total[$__rate_interval]))',
  '    objective: { target: 0.999, window: 30d }',
  '    maintenance:',
  '      - { start: "2026-11-28T02:00:00Z", end: "2026-11-28T04:00:00Z", reason: upgrade }',
  '      - { cron: "0 2 * * 0", duration: 2h, timeZone: Europe/Berlin, reason: weekly }',
  '',
].join('\n');

describe('northstar rules', () => {
  test('a per-label KPI: its records keep the route, and stderr says what it costs', async () => {
    const { code, stdout, stderr } = await run('rules', join(VALIDATE, 'good', 'per-label.yaml'));
    expect(code).toBe(0);
    // good + total + their daily sums + 8 error ratios (5m 30m 1h 2h 6h 1d 3d 28d) per route, × 20 routes at
    // most, + the objective; then the daily sums' warm-up
    expect(stderr).toContain(
      `${join(VALIDATE, 'good', 'per-label.yaml')}: note: checkout-routes: 12 recorded series per route × 20 route ` +
        'values (at most, by indicator.maxInstances) + 1 objective = 241 series\n'
    );
    const [group] = parse(stdout).groups;
    expect(group.rules[0].expr).toContain('or ((sum by (route) (rate(http_requests_total{job="checkout"}[5m]))) * 0)');
  });

  test('a maintenance cron in a zone with daylight saving time gets rules, and stderr says until when', async () => {
    const file = tempFile('berlin.yaml', BERLIN_CATALOG);
    const { code, stdout, stderr } = await run('rules', file);
    expect(code).toBe(0);
    // Generated this year: the horizon ends on New Year eleven years on.
    const until = new Date(Date.UTC(new Date().getUTCFullYear() + 11, 0, 1)).toISOString();
    expect(stderr).toContain(
      `${file}: note: kpis[0] (checkout).maintenance[1].timeZone: the rules follow Europe/Berlin's offset ` +
        `changes until ${until}; regenerate them before then\n`
    );
    const [maintenance] = parse(stdout).groups[0].rules;
    expect(maintenance.record).toBe('northstar:kpi_maintenance:bool');
    expect(maintenance.expr).toContain('hour(vector(time() + 7200)) == 2');
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

  test('--base-records keeps only the records computed from the user series, for promtool to backfill', async () => {
    const { code, stdout } = await run('rules', EXAMPLE, '--base-records', '--scrape-interval', '1m');
    expect(code).toBe(0);
    const records = parse(stdout).groups.map((group: { name: string; rules: Array<{ record?: string }> }) => [
      group.name,
      group.rules.map((rule) => rule.record),
    ]);
    expect(records).toEqual([
      [
        'northstar-kpi-checkout-availability',
        ['northstar:kpi_good:rate5m', 'northstar:kpi_total:rate5m', 'northstar:kpi_objective:ratio'],
      ],
      ['northstar-kpi-search-latency', ['northstar:kpi_slice_good:bool', 'northstar:kpi_objective:ratio']],
      [
        'northstar-kpi-login-success',
        ['northstar:kpi_good:rate5m', 'northstar:kpi_total:rate5m', 'northstar:kpi_objective:ratio'],
      ],
    ]);
  });

  test('--sum-records keeps only the daily sums, the second backfill pass, for ratio KPIs only', async () => {
    const { code, stdout, stderr } = await run('rules', EXAMPLE, '--sum-records');
    expect(code).toBe(0);
    const records = parse(stdout).groups.map((group: { name: string; rules: Array<{ record?: string }> }) => [
      group.name,
      group.rules.map((rule) => rule.record),
    ]);
    expect(records).toEqual([
      ['northstar-kpi-checkout-availability', ['northstar:kpi_good:sum1d', 'northstar:kpi_total:sum1d']],
      ['northstar-kpi-login-success', ['northstar:kpi_good:sum1d', 'northstar:kpi_total:sum1d']],
    ]);
    expect(stderr).not.toContain('daily sums');
  });

  test('--sum-records is a pass of its own, for Prometheus rule files', async () => {
    for (const args of [['--base-records'], ['--format', 'mimir']]) {
      const { code, stderr } = await run('rules', EXAMPLE, '--sum-records', ...args);
      expect(code).not.toBe(0);
      expect(stderr).toContain('--sum-records');
    }
  });

  test('the rules say on stderr when the long windows are complete and how to backfill them', async () => {
    const { code, stderr } = await run('rules', EXAMPLE);
    expect(code).toBe(0);
    expect(stderr).toContain(
      'windows of a day and longer add up daily sums of the base records (northstar:kpi_*:sum1d), which start ' +
        'when the rules are loaded: they cover their whole length after 28d.'
    );
    expect(stderr).toContain('first the --base-records file, then, with those blocks loaded, the --sum-records file');
  });

  test('--base-records is for Prometheus rule files only', async () => {
    const { code, stderr } = await run('rules', EXAMPLE, '--base-records', '--format', 'grafana');
    expect(code).not.toBe(0);
    expect(stderr).toContain('--base-records');
  });

  test('an invalid catalog gives no rules and exit 1', async () => {
    const { code, stdout } = await run('rules', join(VALIDATE, 'bad/target-one.yaml'));
    expect(code).toBe(1);
    expect(stdout).toBe('');
  });

  test('--format mimir puts the same groups under a namespace', async () => {
    const prometheus = parse((await run('rules', EXAMPLE)).stdout);
    const mimir = parse((await run('rules', EXAMPLE, '--format', 'mimir', '--namespace', 'slo')).stdout);
    expect(mimir).toEqual({ namespace: 'slo', groups: prometheus.groups });
  });

  test('--format grafana writes a provisioning file with one group per published KPI, in the chosen folder', async () => {
    const { code, stdout } = await run('rules', EXAMPLE, '--format', 'grafana', '--folder', 'SLOs', '--org-id', '2');
    expect(code).toBe(0);
    const file = parse(stdout);
    expect(file.apiVersion).toBe(1);
    expect(
      file.groups.map((g: { name: string; folder: string; orgId: number }) => [g.name, g.folder, g.orgId])
    ).toEqual([
      ['northstar-kpi-checkout-availability', 'SLOs', 2],
      ['northstar-kpi-search-latency', 'SLOs', 2],
      ['northstar-kpi-login-success', 'SLOs', 2],
    ]);
    // login-success has a custom policy with a page row and a ticket row
    expect(file.groups[2].rules.map((r: { uid: string }) => r.uid)).toEqual([
      'nsk-login-success-page',
      'nsk-login-success-ticket',
    ]);
  });

  test.each([
    [
      'an unknown format',
      ['--format', 'datadog'],
      "argument 'datadog' is invalid. Allowed choices are prometheus, mimir, grafana",
    ],
    [
      'an organisation that is not a number',
      ['--format', 'grafana', '--org-id', 'main'],
      '--org-id "main" is not a positive integer',
    ],
    ['zero shards', ['--shards', '0', '-o', '/tmp/never'], '--shards "0" is not a positive integer'],
    ['shards without a directory', ['--shards', '2'], '--shards writes one file per shard: give the directory with -o'],
  ])('%s is a usage error', async (_name, args, message) => {
    const { code, stderr } = await run('rules', EXAMPLE, ...args);
    expect(code).toBe(1);
    expect(stderr).toContain(message);
  });
});

test('--format grafana names a KPI whose data source does not speak PromQL, and writes nothing', async () => {
  const loki = readFileSync(EXAMPLE, 'utf8').replace(
    /id: login-success([\s\S]*?)datasource: \{ type: prometheus, uid: prometheus \}/,
    'id: login-success$1datasource: { type: loki, uid: logs }'
  );
  const file = tempFile('loki.yaml', loki);
  const { code, stdout, stderr } = await run('rules', file, '--format', 'grafana');
  expect(code).toBe(1);
  expect(stdout).toBe('');
  expect(stderr).toBe(
    `${file}: Grafana alert rules for KPI login-success: its data source is of type "loki"; the rules are PromQL, ` +
      'so it must be a Prometheus data source (Prometheus, Mimir, Thanos, …)'
  );
});

describe('northstar rules --shards', () => {
  function groupNames(file: string): string[] {
    return parse(readFileSync(file, 'utf8')).groups.map((g: { name: string }) => g.name);
  }

  test('splits the groups into N files, every published KPI in exactly one, by a hash of its id', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'northstar-shards-'));
    const { code, stdout } = await run('rules', EXAMPLE, '--shards', '4', '-o', dir);
    expect(code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['rules-0.yml', 'rules-1.yml', 'rules-2.yml', 'rules-3.yml']);
    // shardOf: checkout-availability → 3, search-latency → 2, login-success → 0; shard 1 is empty but written
    expect([0, 1, 2, 3].map((i) => groupNames(join(dir, `rules-${i}.yml`)))).toEqual([
      ['northstar-kpi-login-success'],
      [],
      ['northstar-kpi-search-latency'],
      ['northstar-kpi-checkout-availability'],
    ]);
    expect(stdout.split('\n')).toEqual([
      `${dir}/rules-0.yml: 1 KPI`,
      `${dir}/rules-1.yml: 0 KPIs`,
      `${dir}/rules-2.yml: 1 KPI`,
      `${dir}/rules-3.yml: 1 KPI`,
    ]);
  });

  test('a second run with fewer shards removes the files of the shards that are gone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'northstar-shards-'));
    writeFileSync(join(dir, 'notes.txt'), 'not ours');
    await run('rules', EXAMPLE, '--shards', '4', '-o', dir);
    const { stdout } = await run('rules', EXAMPLE, '--shards', '2', '-o', dir);
    expect(readdirSync(dir).sort()).toEqual(['notes.txt', 'rules-0.yml', 'rules-1.yml']);
    expect(stdout).toContain(`${dir}/rules-3.yml: removed (left from a run with more shards)`);
  });

  test('Mimir shards each get a namespace of their own, as mimirtool refuses one namespace in two files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'northstar-shards-'));
    await run('rules', EXAMPLE, '--format', 'mimir', '--shards', '2', '-o', join(dir, 'out'));
    expect([0, 1].map((i) => parse(readFileSync(join(dir, 'out', `rules-${i}.yml`), 'utf8')).namespace)).toEqual([
      'northstar-kpi-0',
      'northstar-kpi-1',
    ]);
  });

  test('Grafana shards are provisioning files of their own', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'northstar-shards-'));
    await run('rules', EXAMPLE, '--format', 'grafana', '--shards', '2', '-o', dir);
    const files = [0, 1].map((i) => parse(readFileSync(join(dir, `rules-${i}.yml`), 'utf8')));
    expect(files.map((file) => file.apiVersion)).toEqual([1, 1]);
    expect(files.flatMap((file) => file.groups.map((g: { name: string }) => g.name)).sort()).toEqual([
      'northstar-kpi-checkout-availability',
      'northstar-kpi-login-success',
      'northstar-kpi-search-latency',
    ]);
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

describe('northstar dashboards', () => {
  const outDir = () => mkdtempSync(join(tmpdir(), 'northstar-dashboards-'));

  test('--kpi writes the three dashboards of that KPI, each one line on stdout', async () => {
    const dir = outDir();
    const { code, stdout, stderr } = await run('dashboards', EXAMPLE, '--kpi', 'search-latency', '-o', dir);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([
      'search-latency.debug.json',
      'search-latency.executive.json',
      'search-latency.oncall.json',
    ]);
    expect(stdout.split('\n')).toHaveLength(3);
    const oncall = JSON.parse(readFileSync(join(dir, 'search-latency.oncall.json'), 'utf8'));
    expect(oncall).toMatchObject({ uid: 'nsk-search-latency-oncall', title: 'Search p95 latency: on-call' });
  });

  test('without --kpi: the shipped set, byte for byte the JSON in src/dashboards/json', async () => {
    const dir = outDir();
    const { code } = await run('dashboards', EXAMPLE, '-o', dir);
    expect(code).toBe(0);
    const shipped = join(ROOT, 'src/dashboards/json');
    expect(readdirSync(dir).sort()).toEqual(readdirSync(shipped).sort());
    for (const name of readdirSync(dir)) {
      expect(readFileSync(join(dir, name), 'utf8')).toBe(readFileSync(join(shipped, name), 'utf8'));
    }
  });

  test('--loki-uid gives the debug dashboards a logs panel', async () => {
    const dir = outDir();
    await run('dashboards', EXAMPLE, '--kpi', 'checkout-availability', '--loki-uid', 'loki-1', '-o', dir);
    const debug = JSON.parse(readFileSync(join(dir, 'checkout-availability.debug.json'), 'utf8'));
    expect(debug.panels.map((panel: { type: string }) => panel.type)).toContain('logs');
  });

  test('an unknown KPI is exit 1 with a message naming it, and writes nothing', async () => {
    const dir = outDir();
    const { code, stderr } = await run('dashboards', EXAMPLE, '--kpi', 'nope', '-o', dir);
    expect(code).toBe(1);
    expect(stderr).toBe(`${EXAMPLE}: no KPI with id "nope"`);
    expect(readdirSync(dir)).toEqual([]);
  });

  test('a KPI on a data source that is not Prometheus is named with its field; the others are still written', async () => {
    const catalog = parse(readFileSync(EXAMPLE, 'utf8'));
    catalog.kpis[0].datasource = { type: 'influxdb', uid: 'influx' };
    const file = tempFile('catalog.yaml', stringify(catalog));
    const dir = outDir();
    const { code, stderr } = await run('dashboards', file, '-o', dir);
    expect(code).toBe(1);
    expect(stderr).toContain(`${file}: KPI checkout-availability: datasource.type "influxdb"`);
    expect(readdirSync(dir)).toContain('login-success.oncall.json');
    expect(readdirSync(dir)).not.toContain('checkout-availability.oncall.json');
    noStackTrace(stderr);
  });

  test('-o is required', async () => {
    const { code, stderr } = await run('dashboards', EXAMPLE);
    expect(code).toBe(1);
    expect(stderr).toContain("required option '-o, --output <dir>'");
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
      'timeWindow:\n$1- duration: 1M\n$1  isRolling: false\n$1  calendar: { startTime: "2026-01-01 00:00:00", timeZone: Mars/Olympus }'
    );
    expect(calendar).not.toBe(exported);
    const { code, stdout, stderr } = await run('openslo', 'import', tempFile('calendar.yaml', calendar));
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^.*calendar\.yaml: documents\[2\] \(login-success\)\.spec\.timeWindow\[0\]\.calendar\.timeZone/
    );
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

describe('northstar convert', () => {
  test('convert --to sloth keeps a KPI with maintenance windows and warns that they stay behind', async () => {
    const file = tempFile('berlin.yaml', BERLIN_CATALOG);
    const { code, stdout, stderr } = await run('convert', file, '--from', 'catalog', '--to', 'sloth');
    expect(code).toBe(0);
    expect(stderr).toBe(
      `${file}: warning: kpis[0] (checkout).maintenance: Sloth has no maintenance windows: 2 windows are left ` +
        "out of the spec, so Sloth's rules count the events inside them and alert during them"
    );
    expect(stdout).toContain('name: checkout');
  });

  test('Sloth → catalog names every SLO field it does not carry in a note and exits 0', async () => {
    const { code, stderr } = await run('convert', SLOTH_EXAMPLE, '--from', 'sloth', '--to', 'catalog');
    expect(code).toBe(0);
    expect(stderr.split('\n')).toEqual([
      `${SLOTH_EXAMPLE}: note: documents[0] (checkout).slos[0] (requests-availability).(not carried over): ` +
        'labels.tier, alerting.name, alerting.labels.category',
      `${SLOTH_EXAMPLE}: note: documents[0] (checkout).slos[1] (requests-latency).(not carried over): ` +
        'labels.tier, alerting.name, alerting.labels.category',
      `${SLOTH_EXAMPLE}: note: documents[1] (payments-api).slos[0] (charge-success).(not carried over): alerting.name`,
    ]);
  });

  test('catalog → Sloth names each KPI it cannot write, writes the rest and exits 1', async () => {
    const { code, stdout, stderr } = await run(
      'convert',
      EXAMPLE,
      '--from',
      'catalog',
      '--to',
      'sloth',
      '--window',
      '28d'
    );
    expect(code).toBe(1);
    expect(stderr.split('\n')).toEqual([
      `${EXAMPLE}: kpis[1] (search-latency).indicator.type: threshold KPIs count good slices, not events; ` +
        "Sloth's events SLI needs error and total queries",
      `${EXAMPLE}: kpis[2] (login-success).objective.window: 7d is not the SLO period of this export (28d); ` +
        'Sloth takes the period from the command line (--default-slo-period), so export each window on its own ' +
        '(--window 7d)',
      `${EXAMPLE}: kpis[3] (checkout-conversion).status: draft KPIs are not exported: Sloth generates rules for ` +
        'every SLO it reads',
    ]);
    expect(parseAllDocuments(stdout).map((doc) => doc.toJS().slos.map((slo: { name: string }) => slo.name))).toEqual([
      ['checkout-availability'],
    ]);
  });

  test('a period Sloth has no built-in windows for gets a note on how to run sloth', async () => {
    const { stderr } = await run('convert', EXAMPLE, '--from', 'catalog', '--to', 'sloth', '--window', '7d');
    expect(stderr).toContain(
      'note: Sloth ships alert windows for 28d and 30d only; run sloth generate --default-slo-period 7d with an ' +
        'AlertWindows file for it (--alert-windows-path)'
    );
  });

  test('an SLO that cannot convert is refused by name, the rest converts, and the exit code is 1', async () => {
    const spec = readFileSync(SLOTH_EXAMPLE, 'utf8').replace(
      /sli:\n(\s+)events:\n\s+error_query: sum\(rate\(payment_charges_total[^\n]*\n\s+total_query: [^\n]*\n/,
      'sli:\n$1plugin:\n$1  id: sloth-common/payments/availability\n'
    );
    expect(spec).toContain('sloth-common/payments/availability');
    const file = tempFile('plugin.yaml', spec);
    const { code, stdout, stderr } = await run('convert', file, '--from', 'sloth', '--to', 'catalog');
    expect(code).toBe(1);
    expect(stderr).toContain(
      `${file}: documents[1] (payments-api).slos[0] (charge-success).sli.plugin: SLI plugin ` +
        '"sloth-common/payments/availability" writes its query inside Sloth'
    );
    expect(parse(stdout).kpis.map((k: { id: string }) => k.id)).toEqual([
      'checkout-requests-availability',
      'checkout-requests-latency',
    ]);
  });

  test('the Sloth period and data source of the KPIs can be given', async () => {
    const { stdout } = await run(
      'convert',
      SLOTH_EXAMPLE,
      '--from',
      'sloth',
      '--to',
      'catalog',
      '--window',
      '28d',
      '--datasource-uid',
      'mimir'
    );
    const [kpi] = parse(stdout).kpis;
    expect([kpi.objective.window, kpi.datasource]).toEqual(['28d', { type: 'prometheus', uid: 'mimir' }]);
  });

  test.each([
    ['--from is required', ['--to', 'catalog'], "required option '--from <format>' not specified"],
    ['a format we do not know', ['--from', 'pyrra', '--to', 'catalog'], "argument 'pyrra' is invalid"],
    [
      'a window that is not a duration',
      ['--from', 'sloth', '--to', 'catalog', '--window', 'month'],
      '--window "month" is not a positive duration',
    ],
  ])('%s', async (_name, args, message) => {
    const { code, stderr } = await run('convert', SLOTH_EXAMPLE, ...args);
    expect(code).toBe(1);
    expect(stderr).toContain(message);
  });

  test('catalog → catalog gives the catalog back, checked', async () => {
    const { code, stdout } = await run('convert', EXAMPLE, '--from', 'catalog', '--to', 'catalog');
    expect(code).toBe(0);
    expect(parse(stdout)).toEqual(parse(readFileSync(EXAMPLE, 'utf8')));
  });
});

describe('northstar convert: round trips of the examples', () => {
  async function convert(from: string, to: string, file: string, ...args: string[]) {
    const result = await run('convert', file, '--from', from, '--to', to, ...args);
    return tempFile(`converted.${to}.yaml`, result.stdout);
  }

  test('OpenSLO → catalog → OpenSLO keeps every field both formats have', async () => {
    const catalog = await convert('openslo', 'catalog', OPENSLO_EXAMPLE);
    const back = await convert('catalog', 'openslo', catalog);
    const slos = (file: string) =>
      parseAllDocuments(readFileSync(file, 'utf8'))
        .map((doc) => doc.toJS())
        .filter((doc) => doc.kind === 'SLO');
    const queries = (spec: Record<string, unknown>) => JSON.stringify(spec).match(/"query":"(?:[^"\\]|\\.)*"/g);
    const shared = (slo: Record<string, any>, sliOf: (slo: Record<string, any>) => Record<string, unknown>) => ({
      name: slo.metadata.name,
      displayName: slo.metadata.displayName,
      description: slo.spec.description,
      service: slo.spec.service,
      timeWindow: slo.spec.timeWindow,
      budgetingMethod: slo.spec.budgetingMethod,
      objective: {
        op: slo.spec.objectives[0].op,
        value: slo.spec.objectives[0].value,
        target: slo.spec.objectives[0].target ?? slo.spec.objectives[0].targetPercent / 100,
        timeSliceWindow: slo.spec.objectives[0].timeSliceWindow,
      },
      metrics: Object.keys(sliOf(slo).ratioMetric ?? sliOf(slo)),
      queries: queries(sliOf(slo)),
    });
    const original = readFileSync(OPENSLO_EXAMPLE, 'utf8');
    const sli = parseAllDocuments(original)
      .map((doc) => doc.toJS())
      .find((doc) => doc.kind === 'SLI');
    const inline = (slo: Record<string, any>) => slo.spec.indicator.spec;
    const referenced = (slo: Record<string, any>) => (slo.spec.indicatorRef ? sli.spec : inline(slo));
    expect(slos(back).map((slo) => shared(slo, inline))).toEqual(
      slos(OPENSLO_EXAMPLE).map((slo) => shared(slo, referenced))
    );
  });

  test('Sloth → catalog → Sloth keeps every field both formats have', async () => {
    const catalog = await convert('sloth', 'catalog', SLOTH_EXAMPLE);
    const back = await convert('catalog', 'sloth', catalog);
    const specs = (file: string) =>
      parseAllDocuments(readFileSync(file, 'utf8')).map((doc) => {
        const spec = doc.toJS();
        return {
          service: spec.service,
          owner: spec.labels?.owner,
          slos: spec.slos.map((slo: Record<string, any>) => ({
            name: slo.name,
            objective: slo.objective,
            description: slo.description,
            events: Object.values(slo.sli.events).map((q) =>
              String(q)
                .trim()
                .replace(/\{\{ \.window \}\}/g, '{{.window}}')
            ),
            page: slo.alerting.page_alert?.disable !== true,
            ticket: slo.alerting.ticket_alert?.disable !== true,
            runbook: slo.alerting.annotations?.runbook_url ?? slo.alerting.annotations?.runbook,
          })),
        };
      });
    expect(specs(back)).toEqual(specs(SLOTH_EXAMPLE));
  });

  test('catalog → OpenSLO → catalog gives the catalog back, every field', async () => {
    const back = await convert('openslo', 'catalog', await convert('catalog', 'openslo', EXAMPLE));
    expect(parse(readFileSync(back, 'utf8'))).toEqual(parse(readFileSync(EXAMPLE, 'utf8')));
  });

  test('catalog → Sloth → catalog keeps every field Sloth has; name, audience, decision and tags stay behind', async () => {
    const sloth = await convert('catalog', 'sloth', EXAMPLE, '--window', '28d');
    const [kpi] = parse(readFileSync(await convert('sloth', 'catalog', sloth, '--window', '28d'), 'utf8')).kpis;
    const [original] = parse(readFileSync(EXAMPLE, 'utf8')).kpis;
    const fields = ['id', 'version', 'status', 'description', 'owner', 'datasource', 'indicator', 'objective'];
    const pick = (k: Record<string, unknown>) => Object.fromEntries(fields.map((f) => [f, k[f]]));
    expect(pick(kpi)).toEqual(pick(original));
    expect([kpi.alerting, kpi.links]).toEqual([original.alerting, original.links]);
    // The Sloth SLO name is the display name now, and the tag remembers the Sloth service.
    expect([kpi.name, kpi.tags, kpi.audience, kpi.decision]).toEqual([
      'checkout-availability',
      ['service:team-payments'],
      undefined,
      undefined,
    ]);
  });
});

describe('examples', () => {
  const catalogs = [
    'examples/catalog.yaml',
    'examples/sloth/checkout.catalog.yaml',
    'examples/openslo/checkout.catalog.yaml',
  ];

  test('every example catalog is listed here', () => {
    const found = ['examples', 'examples/sloth', 'examples/openslo']
      .flatMap((dir) => readdirSync(join(ROOT, dir)).map((name) => `${dir}/${name}`))
      .filter((path) => /\.ya?ml$/.test(path) && readFileSync(join(ROOT, path), 'utf8').includes('kind: KpiCatalog'));
    expect(found.sort()).toEqual([...catalogs].sort());
  });

  test.each(catalogs)('%s points editors at the catalog JSON Schema with a path that resolves', (path) => {
    const first = readFileSync(join(ROOT, path), 'utf8').split('\n')[0];
    const match = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
    expect(match).not.toBeNull();
    const schema = resolve(dirname(join(ROOT, path)), match![1]);
    expect(relative(ROOT, schema)).toBe(join('schema', 'catalog.schema.json'));
    expect(existsSync(schema)).toBe(true);
  });

  test.each(catalogs)('%s is valid', async (path) => {
    const { code, stderr } = await run('validate', join(ROOT, path));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

describe('composite KPIs in the CLI', () => {
  const catalog = () =>
    tempFile(
      'composite.yaml',
      [
        'apiVersion: northstar.dev/v1',
        'kind: KpiCatalog',
        'kpis:',
        '  - id: browse',
        '    version: 1',
        '    status: published',
        '    name: Browse',
        '    owner: team-shop',
        '    datasource: { type: prometheus, uid: prometheus }',
        '    indicator: { type: ratio, good: "sum(rate(good[5m]))", total: "sum(rate(all[5m]))" }',
        '    objective: { target: 0.999, window: 28d }',
        '  - id: journey',
        '    version: 1',
        '    status: published',
        '    name: Journey',
        '    owner: team-shop',
        '    indicator: { type: composite, members: [{ kpi: browse, weight: 1 }] }',
        '    objective: { target: 0.99, window: 28d }',
        '',
      ].join('\n')
    );

  test('rules give the composite a group of its own, Prometheus and Grafana-managed alike', async () => {
    const file = catalog();
    const prometheus = await run('rules', file);
    expect(prometheus.code).toBe(0);
    // only the daily sums' warm-up, which the member browse has
    expect(prometheus.stderr.split('\n').filter((line) => !line.includes('daily sums'))).toEqual([]);
    expect((parse(prometheus.stdout) as { groups: Array<{ name: string }> }).groups.map((g) => g.name)).toEqual([
      'northstar-kpi-browse',
      'northstar-kpi-journey',
    ]);
    const grafana = await run('rules', file, '--format', 'grafana');
    expect({ code: grafana.code, stderr: grafana.stderr }).toEqual({ code: 0, stderr: '' });
    const groups = (parse(grafana.stdout) as { groups: Array<{ name: string; rules: Array<{ uid: string }> }> }).groups;
    expect(groups.map((g) => [g.name, g.rules.map((rule) => rule.uid)])).toEqual([
      ['northstar-kpi-browse', ['nsk-browse-page', 'nsk-browse-ticket']],
      ['northstar-kpi-journey', ['nsk-journey-page', 'nsk-journey-ticket']],
    ]);
  });

  test('dashboards --kpi of a composite writes its on-call and debug; the catalog set has them too', async () => {
    const file = catalog();
    const one = mkdtempSync(join(tmpdir(), 'northstar-dashboards-'));
    const single = await run('dashboards', file, '--kpi', 'journey', '-o', one);
    expect({ code: single.code, stderr: single.stderr }).toEqual({ code: 0, stderr: '' });
    expect(readdirSync(one).sort()).toEqual(['journey.debug.json', 'journey.oncall.json']);
    const oncall = JSON.parse(readFileSync(join(one, 'journey.oncall.json'), 'utf8'));
    expect(oncall).toMatchObject({ uid: 'nsk-journey-oncall', title: 'Journey: on-call' });
    const all = mkdtempSync(join(tmpdir(), 'northstar-dashboards-'));
    const catalogRun = await run('dashboards', file, '-o', all);
    expect({ code: catalogRun.code, stderr: catalogRun.stderr }).toEqual({ code: 0, stderr: '' });
    expect(readdirSync(all)).toEqual(expect.arrayContaining(['journey.oncall.json', 'journey.debug.json']));
  });

  test('dashboards of a composite whose member is not on Prometheus: exit 1, naming both', async () => {
    const file = tempFile(
      'composite-influx.yaml',
      readFileSync(catalog(), 'utf8').replace('{ type: prometheus, uid: prometheus }', '{ type: influxdb, uid: i }')
    );
    const dir = mkdtempSync(join(tmpdir(), 'northstar-dashboards-'));
    const { code, stderr } = await run('dashboards', file, '--kpi', 'journey', '-o', dir);
    expect(code).toBe(1);
    expect(stderr).toBe(
      `${file}: KPI journey: its member KPI browse: datasource.type "influxdb": the dashboards' queries are PromQL, so it must be a Prometheus data source (Prometheus, Mimir, Thanos, …)`
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  test('OpenSLO export and Sloth conversion name the composite they cannot write', async () => {
    const file = catalog();
    const openslo = await run('openslo', 'export', file);
    expect(openslo.code).toBe(0);
    expect(parseAllDocuments(openslo.stdout)).toHaveLength(1);
    expect(openslo.stderr).toMatch(/journey: left out, a composite KPI has no OpenSLO v1 form/);
    const sloth = await run('convert', file, '--from', 'catalog', '--to', 'sloth');
    expect(sloth.code).toBe(1);
    expect(sloth.stderr).toMatch(/journey.*indicator\.type.*a composite KPI has no Sloth form/);
  });
});
