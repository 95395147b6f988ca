import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { ROOT, EXAMPLE, SLOTH_EXAMPLE, OPENSLO_EXAMPLE, run, tempFile } from './cliTestSupport';

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

describe('examples', () => {
  const catalogs = [
    'examples/catalog.yaml',
    'examples/sloth/checkout.catalog.yaml',
    'examples/openslo/checkout.catalog.yaml',
  ];

  test('every example catalog is listed here', () => {
    const found = ['examples', 'examples/sloth', 'examples/openslo']
      .flatMap((dir) => readdirSync(join(ROOT, dir)).map((name) => `${dir}/${name}`))
      .filter((path) => /\.ya?ml$/.test(path) && readFileSync(join(ROOT, path), 'utf8').includes('kind: KpiCatalog'))
      // A history file is a stream of earlier versions, read by `provisioning --history` (its own tests), not a catalog.
      .filter((path) => !path.endsWith('.history.yaml'));
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
      `${file}: KPI journey: its member KPI browse: datasource.type "influxdb": the dashboards' queries are PromQL or SQL, so it must be a Prometheus data source (Prometheus, Mimir, Thanos, …) or a SQL one (PostgreSQL, MySQL)`
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
