import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { ROOT, EXAMPLE, run, tempFile, noStackTrace } from '../cliTestSupport';

const VALUE_CATALOG = join(ROOT, 'testdata/validate/good/value.yaml');

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

  test('a value KPI gets its executive view only, and a note saying why, exit 0', async () => {
    const dir = outDir();
    const { code, stdout, stderr } = await run('dashboards', VALUE_CATALOG, '--kpi', 'cost-per-1k-requests', '-o', dir);
    expect(code).toBe(0);
    expect(readdirSync(dir)).toEqual(['cost-per-1k-requests.executive.json']);
    expect(stdout).toContain('Cost per 1,000 requests: executive view (uid nsk-cost-per-1k-requests-executive)');
    expect(stderr).toBe(
      `${VALUE_CATALOG}: note: kpis[2] (cost-per-1k-requests): a value KPI gets its executive view only: the ` +
        'on-call and debug dashboards show burn rates and error budgets, which only SLOs have'
    );
  });

  test('a catalog of value KPIs gets its executive overview, leading with their status per day', async () => {
    const dir = outDir();
    const { code, stderr } = await run('dashboards', VALUE_CATALOG, '-o', dir);
    expect(code).toBe(0);
    expect(readdirSync(dir)).toEqual(['executive.json']);
    expect(stderr.split('\n')).toHaveLength(3);
    const executive = JSON.parse(readFileSync(join(dir, 'executive.json'), 'utf8'));
    expect(executive.panels[0]).toMatchObject({ type: 'row', title: 'Business KPIs: status per day' });
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
