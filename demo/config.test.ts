/**
 * The demo's configuration files agree with the code and with each other: Prometheus jobs and labels with the
 * history, the Grafana data source with the catalog and the scrape interval, the generated app provisioning with
 * examples/catalog.yaml, and docker-compose's pins with package.json and package-lock.json.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadCatalog } from '../src/cli/catalogFile';
import { main } from '../src/cli/main';
import { sourcedKpis } from '../src/kpi/model';
import { DEMO_INSTANCE, SCRAPE_INTERVAL_SECONDS } from './metrics';
import { SERVICES } from './traffic';

const ROOT = join(__dirname, '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

interface ScrapeConfig {
  job_name: string;
  metrics_path: string;
  static_configs: Array<{ targets: string[]; labels: Record<string, string> }>;
}

describe.each([
  ['demo/prometheus.yml', 'exporter:9464'],
  ['demo/prometheus.local.yml', '127.0.0.1:9464'],
])('%s', (file, target) => {
  const config = parse(read(file)) as { global: { scrape_interval: string }; scrape_configs: ScrapeConfig[] };

  test('scrapes at the history resolution', () => {
    expect(config.global.scrape_interval).toBe(`${SCRAPE_INTERVAL_SECONDS / 60}m`);
  });

  test.each(SERVICES)('has a job %s on its own path with the instance label the history writes', (service) => {
    expect(config.scrape_configs.find((job) => job.job_name === service)).toEqual({
      job_name: service,
      metrics_path: `/metrics/${service}`,
      static_configs: [{ targets: [target], labels: { instance: DEMO_INSTANCE } }],
    });
  });
});

test('the Grafana data sources have the uids the catalog uses and the scrape interval as their time interval', async () => {
  const loaded = await loadCatalog(join(ROOT, 'examples/catalog.yaml'));
  const uids = new Set(loaded.ok ? sourcedKpis(loaded.value.kpis).map((kpi) => kpi.datasource.uid) : []);
  type Provisioned = { uid: string; type: string; url: string; jsonData: Record<string, unknown> };
  const provisioned = (file: string) =>
    (parse(read(`provisioning/datasources/${file}`)) as { datasources: Provisioned[] }).datasources;
  const [prometheus] = provisioned('prometheus.yaml');
  const [postgres] = provisioned('postgres.yaml');
  expect([...uids].sort()).toEqual([postgres.uid, prometheus.uid].sort());
  expect(prometheus).toMatchObject({ url: 'http://prometheus:9090', jsonData: { timeInterval: '1m' } });
  expect(postgres).toMatchObject({
    type: 'grafana-postgresql-datasource',
    url: 'postgres:5432',
    user: 'grafana',
    jsonData: { database: 'shop', sslmode: 'disable', timeInterval: '1m' },
  });
});

describe('provisioning/plugins/app.yaml', () => {
  test('is what `npm run provisioning` writes from examples/catalog.yaml and its history', async () => {
    const out: string[] = [];
    const args = [
      'provisioning',
      'examples/catalog.yaml',
      '--history',
      'examples/catalog.history.yaml',
      '--default-datasource',
      'prometheus',
    ];
    const code = await main(['node', 'northstar', ...args], { out: (s) => out.push(s), err: (s) => out.push(s) });
    expect(code).toBe(0);
    expect(read('provisioning/plugins/app.yaml')).toBe(out.join('\n') + '\n');
  });

  test('gives the app the catalog unchanged once Grafana has turned each `$$` into `$`', async () => {
    const loaded = await loadCatalog(join(ROOT, 'examples/catalog.yaml'));
    // Grafana's provisioning splits every string on `$$`, expands $VAR in each part and joins with `$`.
    const { apps } = parse(read('provisioning/plugins/app.yaml').replace(/\$\$/g, '\u0000')) as {
      apps: Array<{ type: string; jsonData: { catalog: unknown; provisioned: boolean; revision: number } }>;
    };
    const asGrafanaReadsIt = JSON.parse(
      JSON.stringify(apps[0].jsonData)
        .replace(/\$/g, 'EXPANDED')
        .replace(/\\u0000/g, '$')
    );
    expect(apps[0].type).toBe('northstar-kpi-app');
    expect(asGrafanaReadsIt).toMatchObject({ provisioned: true, revision: 1 });
    expect(asGrafanaReadsIt.catalog).toEqual(loaded.ok ? loaded.value : undefined);
  });
});

describe('docker-compose.yml', () => {
  const compose = read('docker-compose.yml');

  test('pins Grafana to the version of the @grafana packages', () => {
    const { dependencies } = JSON.parse(read('package.json')) as { dependencies: Record<string, string> };
    expect(compose).toContain(`grafana_version: \${GRAFANA_VERSION:-${dependencies['@grafana/data']}}`);
  });

  test('runs the tsx version of package-lock.json in its node containers', () => {
    const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { version: string }> };
    const pinned = [...compose.matchAll(/tsx@([\d.]+)/g)].map((m) => m[1]);
    expect(pinned.length).toBeGreaterThan(0);
    expect(new Set(pinned)).toEqual(new Set([lock.packages['node_modules/tsx'].version]));
  });
});
