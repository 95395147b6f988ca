/**
 * `northstar eval` against a real Prometheus: the engine's windows, summed from range queries of rates per
 * step, must agree with what Prometheus computes itself, sum(increase(bad[w])) / sum(increase(total[w])), at
 * the same instant.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { parseDuration } from '../kpi/time';
import { describeWithPrometheus, freePort, startPrometheus, type RunningPrometheus } from '../testing/prometheusServer';
import { counterOpenMetrics, type TrafficHour } from '../testing/syntheticTraffic';
import { PrometheusClient } from './prometheus';

jest.setTimeout(120_000);

const HOUR_SEC = 3600;
const TARGET = 0.999;
const DAYS = 8;

/** Data ends on an hour; evaluation is at :20 so no window edge meets an hour where the traffic changes. */
const END_SEC = Math.floor(Date.now() / 1000 / HOUR_SEC) * HOUR_SEC - 2 * HOUR_SEC;
const AT_SEC = END_SEC - 40 * 60;

/** Hours of the checkout service, oldest first; index from the end: hoursAgo(1) is the last hour. */
function checkoutHours(): TrafficHour[] {
  const hours: TrafficHour[] = [];
  for (let i = 0; i < DAYS * 24; i++) {
    // Steady but not flat: 5 to 20 requests/s, 0.05 % to 0.2 % errors.
    hours.push({ rate: 5 + ((i * 7) % 16), errorRatio: 0.0005 + ((i * 5) % 4) * 0.0005 });
  }
  const hoursAgo = (k: number) => hours.length - k;
  hours[hoursAgo(4)] = { rate: 10, errorRatio: 0.02 }; // a 20x burn hour: 2 % errors against a 0.1 % budget
  hours[hoursAgo(30)] = { rate: 0, errorRatio: 0 }; // zero traffic
  hours[hoursAgo(60)] = { rate: 10, errorRatio: 0.001, gap: true }; // the exporter was down
  return hours;
}

function burningHours(): TrafficHour[] {
  const hours: TrafficHour[] = Array.from({ length: DAYS * 24 }, () => ({ rate: 10, errorRatio: 0.0005 }));
  hours[hours.length - 1] = { rate: 10, errorRatio: 0.02 };
  hours[hours.length - 2] = { rate: 10, errorRatio: 0.02 };
  return hours;
}

const steady = (rate: number, errorRatio: number): TrafficHour[] =>
  Array.from({ length: DAYS * 24 }, () => ({ rate, errorRatio }));

const routesKpi = (id: string, maxInstances?: number) => ({
  ...ratioKpi(id, 'job="routes"'),
  indicator: {
    type: 'ratio',
    good: 'sum by (route) (rate(synthetic_requests_total{job="routes",code!~"5.."}[$__rate_interval]))',
    total: 'sum by (route) (rate(synthetic_requests_total{job="routes"}[$__rate_interval]))',
    groupBy: ['route'],
    ...(maxInstances === undefined ? {} : { maxInstances }),
  },
});

const ratioKpi = (id: string, selector: string, window = '7d') => ({
  id,
  version: 1,
  status: 'published',
  name: id,
  owner: 'team-test',
  datasource: { type: 'prometheus', uid: 'prometheus' },
  indicator: {
    type: 'ratio',
    good: `sum(rate(synthetic_requests_total{${selector},code!~"5.."}[$__rate_interval]))`,
    total: `sum(rate(synthetic_requests_total{${selector}}[$__rate_interval]))`,
  },
  objective: { target: TARGET, window },
});

const composite = (id: string, members: Array<{ kpi: string; weight: number }>) => ({
  id,
  version: 1,
  status: 'published',
  name: id,
  owner: 'team-test',
  indicator: { type: 'composite', members },
  objective: { target: 0.99, window: '7d' },
});

function writeCatalog(kpis: object[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'northstar-eval-'));
  const file = join(dir, 'catalog.yaml');
  writeFileSync(file, stringify({ apiVersion: 'northstar.dev/v1', kind: 'KpiCatalog', kpis }));
  return file;
}

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(__dirname, '../../bin/northstar.cjs'), ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const evalArgs = (file: string, url: string, ...more: string[]) => [
  'eval',
  file,
  '--prometheus',
  url,
  '--at',
  String(AT_SEC),
  '--scrape-interval',
  '1m',
  '--json',
  ...more,
];

describeWithPrometheus('northstar eval against a real Prometheus', () => {
  let prometheus: RunningPrometheus;
  let catalog: string;

  beforeAll(async () => {
    const idle: TrafficHour[] = Array.from({ length: DAYS * 24 }, () => ({ rate: 0, errorRatio: 0 }));
    prometheus = await startPrometheus(
      counterOpenMetrics(
        'synthetic_requests',
        [
          { labels: 'job="checkout"', hours: checkoutHours() },
          { labels: 'job="burning"', hours: burningHours() },
          { labels: 'job="idle"', hours: idle },
          // Per route: /pay 1 req/s at 5 % errors, /browse 9 req/s at 0.1 %, the whole 8 days.
          { labels: 'job="routes",route="/pay"', hours: steady(1, 0.05) },
          { labels: 'job="routes",route="/browse"', hours: steady(9, 0.001) },
          { labels: 'job="browse"', hours: steady(10, 0.001) },
          { labels: 'job="pay"', hours: steady(40, 0.004) },
        ],
        END_SEC
      )
    );
    catalog = writeCatalog([
      ratioKpi('checkout', 'job="checkout"'),
      ratioKpi('burning', 'job="burning"'),
      ratioKpi('idle', 'job="idle"'),
      ratioKpi('browse', 'job="browse"'),
      ratioKpi('pay', 'job="pay"'),
      composite('journey', [
        { kpi: 'browse', weight: 1 },
        { kpi: 'pay', weight: 3 },
      ]),
      composite('browse-or-idle', [
        { kpi: 'browse', weight: 1 },
        { kpi: 'idle', weight: 5 },
      ]),
    ]);
  });

  afterAll(async () => {
    await prometheus?.stop();
  });

  test('every window agrees with sum(increase(bad[w])) / sum(increase(total[w])) within 1 % (relative)', async () => {
    const { code, stdout, stderr } = await runCli(evalArgs(catalog, prometheus.url, '--kpi', 'checkout'));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const [row] = JSON.parse(stdout);
    expect(Object.keys(row.burnRates)).toEqual(['5m', '30m', '1h', '2h', '6h', '1d', '3d', '7d']);

    const client = new PrometheusClient(prometheus.url);
    for (const [window, burnRate] of Object.entries(row.burnRates) as Array<[string, number]>) {
      const expected = await client.instant(
        `sum(increase(synthetic_requests_total{job="checkout",code=~"5.."}[${window}])) / sum(increase(synthetic_requests_total{job="checkout"}[${window}]))`,
        AT_SEC * 1000
      );
      const ours = burnRate * (1 - TARGET);
      // Each step is rate over $__rate_interval = step + scrape (6m for a 5m step) × step, as in Grafana: the
      // scrape interval shared with the previous step weighs twice, so where traffic changes between two steps
      // the window is off by at most scrape / step of that change. Seen here: at most 0.67 % (2h), 0 for 5m.
      expect({ window, ours: Math.abs(ours - expected!) / expected! < 0.01 }).toEqual({ window, ours: true });
    }
  });

  test('the numbers are the ones built into the data: the 20x hour shows in 6h, the gap lowers 7d coverage', async () => {
    const [row] = JSON.parse((await runCli(evalArgs(catalog, prometheus.url, '--kpi', 'checkout'))).stdout);
    // The 6h window ending at :20 holds 20 min of the last hour, hours 2-6 ago in full and 40 min of hour 7 ago;
    // the 20x hour (2 % errors at 10 req/s) dominates: its 720 bad requests alone are 20x the budget of that hour.
    expect(row.burnRates['6h']).toBeGreaterThan(3);
    expect(row.burnRates['2h']).toBeLessThan(2.5);
    // 7d = 2,016 steps of 5m. A step's 6m rate window needs two samples: with none from G+1m to G+60m (G the
    // start of the gap hour), the steps ending at G+10m … G+60m have none: 11 steps.
    expect(row.coverage).toBeCloseTo(2005 / 2016, 12);
    expect(row.evaluatedAt).toBe(new Date(AT_SEC * 1000).toISOString());
    // 7d burn rate 1.357 (0.1357 % errors): 35.7 % over budget.
    expect(row.budgetRemaining).toBeCloseTo(1 - row.burnRates['7d'], 9);
  });

  test('a sustained 20x burn in the last two hours pages; zero traffic is no-traffic, not 100 %', async () => {
    const { code, stdout } = await runCli(evalArgs(catalog, prometheus.url));
    expect(code).toBe(0);
    const byId = Object.fromEntries(JSON.parse(stdout).map((row: { id: string }) => [row.id, row]));
    expect(byId.burning.status).toBe('page');
    expect(byId.burning.burnRates['1h']).toBeCloseTo(20, 1);
    expect(byId.idle.status).toBe('no-traffic');
    expect(byId.idle.sli).toBeNull();
  });

  test("a composite is the weighted mean of its members' SLIs, whatever their traffic", async () => {
    const { code, stdout, stderr } = await runCli(evalArgs(catalog, prometheus.url, '--kpi', 'journey'));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const [row] = JSON.parse(stdout);
    // browse 99.9 % (10 req/s), pay 99.6 % (40 req/s), weights 1 and 3: (0.999 + 3 × 0.996) / 4 = 3.987 / 4 =
    // 0.99675 (pooling the requests would give 1 − (10 × 0.001 + 40 × 0.004) / 50 = 0.9966 instead).
    expect(row.sli).toBeCloseTo(0.99675, 6);
    // Burn (1 − 0.99675) / (1 − 0.99) = 0.325 in every window; budget remaining 1 − 0.325 = 0.675.
    expect(row.burnRates['1h']).toBeCloseTo(0.325, 4);
    expect(row.burnRates['7d']).toBeCloseTo(0.325, 4);
    expect(row.budgetRemaining).toBeCloseTo(0.675, 4);
    // The default policy's slow ticket row, 10 % of a 7d budget in 3d, fires above 0.1 × 7d / 3d = 0.2333.
    expect(row).toMatchObject({ status: 'ticket', target: 0.99, coverage: 1 });
  });

  test("a member without traffic drops out of a composite's weights", async () => {
    const [row] = JSON.parse((await runCli(evalArgs(catalog, prometheus.url, '--kpi', 'browse-or-idle'))).stdout);
    // idle has no requests: only browse counts, 1 × 0.999 / 1.
    expect(row.sli).toBeCloseTo(0.999, 6);
    expect(row.status).toBe('ok');
  });

  test('a query that returns no series is no-data and exits 2', async () => {
    const file = writeCatalog([ratioKpi('missing', 'job="does-not-exist"')]);
    const { code, stdout } = await runCli(evalArgs(file, prometheus.url));
    expect(code).toBe(2);
    expect(JSON.parse(stdout)[0]).toMatchObject({ id: 'missing', status: 'no-data', coverage: 0, sli: null });
  });

  test('a query Prometheus refuses is no-data with its error, exit 2, and no stack trace', async () => {
    const broken = {
      ...ratioKpi('broken', 'job="checkout"'),
      // Balanced, so validation passes it on (unbalanced parentheses are refused before any query): rate() of an
      // instant vector is what Prometheus refuses.
      indicator: { type: 'ratio', good: 'sum(rate(http_requests_total))', total: 'up' },
    };
    const { code, stdout, stderr } = await runCli(evalArgs(writeCatalog([broken]), prometheus.url));
    expect(code).toBe(2);
    const [row] = JSON.parse(stdout);
    expect(row.status).toBe('no-data');
    expect(row.error).toMatch(/Prometheus refused the query \(bad_data\)/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  test('an unreachable Prometheus exits 2 with the reason', async () => {
    const port = await freePort();
    const { code, stdout } = await runCli(evalArgs(catalog, `http://127.0.0.1:${port}`, '--kpi', 'checkout'));
    expect(code).toBe(2);
    expect(JSON.parse(stdout)[0].error).toMatch(/cannot reach Prometheus at http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED/);
  });

  test('a per-label KPI: the aggregate of both routes, then /pay at 50x before /browse at 1x', async () => {
    const file = writeCatalog([routesKpi('routes')]);
    const { code, stdout, stderr } = await runCli(evalArgs(file, prometheus.url));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const [row] = JSON.parse(stdout);
    // Per second 1 × 5 % + 9 × 0.1 % = 0.059 of 10 requests fail: SLI 1 − 0.0059 = 0.9941, 5.9x the 0.1 % budget.
    expect(row.sli).toBeCloseTo(0.9941, 6);
    expect(row.burnRates['1h']).toBeCloseTo(5.9, 3);
    // Over a 7d SLO the page factor of 2 % of the budget in 1h is 0.02 × 168 = 3.36: 5.9x pages.
    expect(row.status).toBe('page');
    expect(row.instances.map((i: { name: string }) => i.name)).toEqual(['/pay', '/browse']);
    const [pay, browse] = row.instances;
    expect(pay.labels).toEqual({ route: '/pay' });
    expect(pay.burnRates['1h']).toBeCloseTo(50, 3); // 5 % / 0.1 %
    expect(pay.status).toBe('page');
    expect(browse.burnRates['1h']).toBeCloseTo(1, 3); // 0.1 % / 0.1 %
    expect(row.instanceCount).toBe(2);
    expect(row.belowTarget).toBe(1);
    // The aggregate agrees with Prometheus' own sum over both routes.
    const client = new PrometheusClient(prometheus.url);
    const expected = await client.instant(
      'sum(increase(synthetic_requests_total{job="routes",code=~"5.."}[1d])) / sum(increase(synthetic_requests_total{job="routes"}[1d]))',
      AT_SEC * 1000
    );
    expect(row.burnRates['1d'] * (1 - TARGET)).toBeCloseTo(expected!, 6);
  });

  test('above indicator.maxInstances it warns naming the KPI, the field and the count, and lists the worst', async () => {
    const file = writeCatalog([routesKpi('routes', 1)]);
    const { code, stdout, stderr } = await runCli(evalArgs(file, prometheus.url));
    expect(code).toBe(0);
    expect(stderr).toContain(
      'warning: routes: 2 instances, more than indicator.maxInstances (1); the aggregate counts them all, the 1 with the least budget left are listed'
    );
    const [row] = JSON.parse(stdout);
    expect(row.instances.map((i: { name: string }) => i.name)).toEqual(['/pay']);
    expect(row.sli).toBeCloseTo(0.9941, 6); // /browse still counts in the aggregate
    const table = await runCli(evalArgs(file, prometheus.url).filter((arg) => arg !== '--json'));
    expect(table.stdout).toMatch(/^ {2}\/pay +page +9[45]\.\d+%/m);
    expect(table.stdout).toContain('routes: 1 of 2 instances below target');
  });

  test('the step divides every window', () => {
    expect(parseDuration('7d') % parseDuration('5m')).toBe(0);
  });
});
