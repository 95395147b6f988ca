/**
 * The demo environment end to end, without Docker: the exporter over HTTP (the metrics and labels the example
 * catalog queries, chaos and deploys), counters that continue from the history, and the history through promtool
 * and a real Prometheus into `northstar eval`, which must find data for every KPI of examples/catalog.yaml.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { runPromtool } from '../src/testing/promtool';
import {
  describeWithPrometheus,
  findPrometheusBinaries,
  freePort,
  servePrometheus,
} from '../src/testing/prometheusServer';
import { buildHistory } from './history';
import { DEMO_INSTANCE, sampleKey } from './metrics';
import { createDemoServer } from './server';
import { writeState } from './state';
import { SERVICES, type ServiceName } from './traffic';
import { Workload } from './workload';

jest.setTimeout(180_000);

const ROOT = join(__dirname, '..');
const CATALOG = join(ROOT, 'examples/catalog.yaml');
const NOW_SEC = Math.floor(Date.now() / 1000);

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Sample lines of the Prometheus text format (the exporter never escapes anything, so a regex will do). */
function parseExposition(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) {
        throw new Error(`not a sample line: ${line}`);
      }
      const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
      return { name: match[1], labels, value: Number(match[3]) };
    });
}

/** A demo exporter on a free loopback port; `clock` lets a test move time. */
const CHAOS_HEADERS = { 'X-Northstar-Chaos': '1' };

async function startExporter(workload: Workload, clock: () => number = () => Date.now() / 1000) {
  const server = createDemoServer(workload, clock);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function scrape(url: string, service: ServiceName): Promise<Sample[]> {
  const response = await fetch(`${url}/metrics/${service}`);
  expect(response.status).toBe(200);
  return parseExposition(await response.text());
}

interface Selector {
  /** As written in the query, for the test's name. */
  text: string;
  metric: string;
  job?: string;
  /** Label matchers other than `job`: [label, operator, value]. */
  matchers: Array<[string, string, string]>;
}

/** Every `metric{matchers}` (or bare `metric[`) in the catalog's queries. */
function catalogSelectors(): Selector[] {
  const catalog = parse(readFileSync(CATALOG, 'utf8')) as { kpis: Array<{ indicator: Record<string, unknown> }> };
  const queries = catalog.kpis.flatMap((kpi) =>
    ['good', 'total', 'query', 'numerator', 'denominator']
      .map((field) => kpi.indicator[field])
      .filter((q): q is string => typeof q === 'string')
  );
  return queries.flatMap((query) =>
    // A metric name is what stands right before a `{` or a `[` (function names stand before a `(`).
    [...query.matchAll(/([a-zA-Z_:][\w:]*)(?:\{([^}]*)\}|\[)/g)].map((m) => {
      const matchers = [...(m[2] ?? '').matchAll(/(\w+)\s*(=~|!~|!=|=)\s*"([^"]*)"/g)].map(
        (x) => [x[1], x[2], x[3]] as [string, string, string]
      );
      const job = matchers.find(([label, op]) => label === 'job' && op === '=')?.[2];
      return {
        text: m[0].replace(/\[$/, ''),
        metric: m[1],
        job,
        matchers: matchers.filter(([label]) => label !== 'job'),
      };
    })
  );
}

describe('the demo exporter', () => {
  let exporter: Awaited<ReturnType<typeof startExporter>>;
  let exposition: Record<ServiceName, Sample[]>;

  beforeAll(async () => {
    exporter = await startExporter(Workload.start({ nowSec: NOW_SEC }));
    exposition = { checkout: [], search: [], login: [] };
    for (const service of SERVICES) {
      exposition[service] = await scrape(exporter.url, service);
    }
  });
  afterAll(() => exporter.close());

  test.each(catalogSelectors())('serves what examples/catalog.yaml selects with $text', (selector) => {
    const services = selector.job ? [selector.job as ServiceName] : SERVICES;
    const samples = services.flatMap((service) => exposition[service]).filter((s) => s.name === selector.metric);
    expect(samples.length).toBeGreaterThan(0);
    for (const [label, op, value] of selector.matchers) {
      const values = samples.map((sample) => sample.labels[label]);
      if (op === '=') {
        expect(values).toContain(value);
      } else {
        expect(values.every((v) => v !== undefined)).toBe(true);
      }
    }
  });

  test.each(SERVICES)('serves the freshness gauge and deploy events of %s', (service) => {
    const names = exposition[service].map((sample) => sampleKey(sample.name, sample.labels));
    expect(names).toEqual(
      expect.arrayContaining([
        'demo_data_freshness_seconds{}',
        `demo_deployments_total{service="${service}"}`,
        `demo_last_deploy_timestamp_seconds{service="${service}"}`,
      ])
    );
  });

  test('scraped series, with the job and instance Prometheus adds, are exactly the backfilled series', () => {
    const scraped = SERVICES.flatMap((service) =>
      exposition[service].map((s) => sampleKey(s.name, { ...s.labels, job: service, instance: DEMO_INSTANCE }))
    );
    const backfilled = buildHistory(NOW_SEC - (NOW_SEC % 60), 1).series.map((s) => sampleKey(s.name, s.labels));
    expect(scraped.sort()).toEqual(backfilled.sort());
  });

  test.each([
    ['service=payments&errorRate=0.05&minutes=30', 'service must be one of checkout, search, login (got "payments")'],
    ['errorRate=0.05&minutes=30', 'service must be one of checkout, search, login (it is missing)'],
    [
      'service=checkout&errorRate=5&minutes=30',
      'errorRate must be a number greater than 0 and at most 1, e.g. 0.05 for 5 % (got "5")',
    ],
    [
      'service=checkout&errorRate=0&minutes=30',
      'errorRate must be a number greater than 0 and at most 1, e.g. 0.05 for 5 % (got "0")',
    ],
    [
      'service=checkout&errorRate=abc&minutes=30',
      'errorRate must be a number greater than 0 and at most 1, e.g. 0.05 for 5 % (got "abc")',
    ],
    [
      'service=checkout&minutes=30',
      'errorRate must be a number greater than 0 and at most 1, e.g. 0.05 for 5 % (got nothing)',
    ],
    ['service=checkout&errorRate=0.05&minutes=0', 'minutes must be a number greater than 0 and at most 1440 (got "0")'],
    [
      'service=checkout&errorRate=0.05&minutes=1441',
      'minutes must be a number greater than 0 and at most 1440 (got "1441")',
    ],
    ['service=checkout&errorRate=0.05&minutes=', 'minutes must be a number greater than 0 and at most 1440 (got "")'],
    ['service=checkout&error_rate=0.05&minutes=30', 'unknown parameter "error_rate": use service, errorRate, minutes'],
  ])('POST /chaos?%s is refused with 400: %s', async (query, message) => {
    const response = await fetch(`${exporter.url}/chaos?${query}`, { method: 'POST', headers: CHAOS_HEADERS });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: message });
    expect(await (await fetch(`${exporter.url}/chaos`)).json()).toEqual({ active: [] });
  });

  test('POST /chaos without the X-Northstar-Chaos header is refused with 403 and starts nothing', async () => {
    // A web page can post a form cross-origin, but it cannot add a custom header without a CORS preflight.
    const response = await fetch(`${exporter.url}/chaos?service=checkout&errorRate=0.05&minutes=30`, {
      method: 'POST',
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      error: 'POST /chaos needs the header X-Northstar-Chaos: 1, so that no web page can start chaos',
    });
    const wrongValue = await fetch(`${exporter.url}/chaos?service=checkout&errorRate=0.05&minutes=30`, {
      method: 'POST',
      headers: { 'X-Northstar-Chaos': 'yes' },
    });
    expect(wrongValue.status).toBe(403);
    expect(await (await fetch(`${exporter.url}/chaos`)).json()).toEqual({ active: [] });
  });

  test('POST /deploy refuses an unknown service, and a wrong method or path gets 405 or 404', async () => {
    expect((await fetch(`${exporter.url}/deploy?service=nope`, { method: 'POST' })).status).toBe(400);
    const wrongMethod = await fetch(`${exporter.url}/deploy?service=login`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    expect((await fetch(`${exporter.url}/metrics/payments`)).status).toBe(404);
  });
});

describe('chaos, deploys and counters over time', () => {
  test('chaos fails its share of requests until it ends, and a deploy is counted', async () => {
    let nowSec = NOW_SEC;
    const exporter = await startExporter(Workload.start({ nowSec }), () => nowSec);
    const total = async (service: ServiceName, code: string) =>
      (await scrape(exporter.url, service)).find((s) => s.name === 'http_requests_total' && s.labels.code === code)!
        .value;
    try {
      const started = await fetch(`${exporter.url}/chaos?service=checkout&errorRate=0.5&minutes=30`, {
        method: 'POST',
        headers: CHAOS_HEADERS,
      });
      expect(started.status).toBe(200);
      expect(await (await fetch(`${exporter.url}/chaos`)).json()).toEqual({
        active: [
          {
            service: 'checkout',
            errorRate: 0.5,
            until: new Date((NOW_SEC + 1800) * 1000).toISOString(),
            minutesLeft: 30,
          },
        ],
      });
      nowSec += 600;
      const [ok, failed] = [await total('checkout', '200'), await total('checkout', '500')];
      expect(failed / (ok + failed)).toBeCloseTo(0.5, 1);
      expect(await total('search', '500')).toBeLessThan(0.01 * (await total('search', '200')));

      nowSec += 1800;
      expect(await (await fetch(`${exporter.url}/chaos`)).json()).toEqual({ active: [] });

      const deploys = async () =>
        (await scrape(exporter.url, 'login')).filter((s) => s.name.startsWith('demo_') && s.name.includes('deploy'));
      const before = await deploys();
      expect((await fetch(`${exporter.url}/deploy?service=login`, { method: 'POST' })).status).toBe(200);
      const after = await deploys();
      const value = (samples: Sample[], name: string) => samples.find((s) => s.name === name)!.value;
      expect(value(after, 'demo_deployments_total')).toBe(value(before, 'demo_deployments_total') + 1);
      expect(value(after, 'demo_last_deploy_timestamp_seconds')).toBe(nowSec);
    } finally {
      await exporter.close();
    }
  });

  test('counters continue from the history and from the previous run, never going back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'northstar-demo-state-'));
    const statePath = join(dir, 'state.json');
    try {
      const historyEnd = NOW_SEC - (NOW_SEC % 60) - 600;
      const history = buildHistory(historyEnd, 1);
      writeState(statePath, history.state);
      const backfilled = (name: string, labels: Record<string, string>) =>
        history.state.counters.checkout.find((s) => sampleKey(s.name, s.labels) === sampleKey(name, labels))!.value;

      // Ten minutes after the history ends: its totals plus about ten minutes of traffic.
      const first = Workload.start({ statePath, nowSec: historyEnd + 600 });
      const firstRun = parseExposition(await first.scrape('checkout', historyEnd + 600));
      const requests = firstRun.find((s) => s.name === 'http_requests_total' && s.labels.code === '200')!.value;
      const rate = first.model.ratesAt('checkout', historyEnd + 300).requestsPerSecond;
      expect(requests - backfilled('http_requests_total', { code: '200' })).toBeGreaterThan(0.95 * 600 * rate);
      expect(requests - backfilled('http_requests_total', { code: '200' })).toBeLessThan(1.05 * 600 * rate);

      // A restart reads what the first run wrote when it was scraped: nothing Prometheus saw can go back.
      const second = Workload.start({ statePath, nowSec: historyEnd + 660 });
      const secondRun = parseExposition(await second.scrape('checkout', historyEnd + 660));
      const byKey = new Map(secondRun.map((s) => [sampleKey(s.name, s.labels), s.value]));
      for (const sample of firstRun.filter((s) => !s.name.startsWith('demo_data') && !s.name.includes('timestamp'))) {
        expect(byKey.get(sampleKey(sample.name, sample.labels))).toBeGreaterThanOrEqual(sample.value);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describeWithPrometheus('the demo history in a real Prometheus', () => {
  const dir = mkdtempSync(join(tmpdir(), 'northstar-demo-'));
  const historyEnd = NOW_SEC - (NOW_SEC % 60);
  let url = '';
  let stopPrometheus: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    const binaries = findPrometheusBinaries()!;
    const backfill = spawnSync(
      join(ROOT, 'node_modules/.bin/tsx'),
      [join(ROOT, 'demo/backfill.ts'), join(dir, 'history'), '--end', String(historyEnd)],
      { encoding: 'utf8' }
    );
    expect(backfill.stderr).toBe('');
    expect(backfill.status).toBe(0);
    const tsdb = join(dir, 'tsdb');
    const imported = runPromtool(binaries.promtool, [
      'tsdb',
      'create-blocks-from',
      'openmetrics',
      '--max-block-duration=744h',
      join(dir, 'history/history.om'),
      tsdb,
    ]);
    expect(imported.status).toBe(0);

    // The local demo's own configuration; nothing listens on the exporter port, so scrapes fail harmlessly.
    const config = readFileSync(join(ROOT, 'demo/prometheus.local.yml'), 'utf8').replace(
      '127.0.0.1:9464',
      `127.0.0.1:${await freePort()}`
    );
    writeFileSync(join(dir, 'prometheus.yml'), config);
    const prometheus = await servePrometheus(join(dir, 'prometheus.yml'), tsdb);
    stopPrometheus = prometheus.stop;
    url = prometheus.url;
  });

  afterAll(async () => {
    await stopPrometheus();
    rmSync(dir, { recursive: true, force: true });
  });

  // The KPIs over SQL read the shop's PostgreSQL, not this Prometheus (demo/shop/shopStory.test.ts holds them).
  const catalogKpis = (
    parse(readFileSync(CATALOG, 'utf8')) as {
      kpis: Array<{ id: string; datasource: { type: string }; indicator: { type: string } }>;
    }
  ).kpis.filter((kpi) => kpi.datasource.type === 'prometheus');
  const sloIds = catalogKpis.filter((kpi) => kpi.indicator.type !== 'value').map((kpi) => kpi.id);
  const valueIds = catalogKpis.filter((kpi) => kpi.indicator.type === 'value').map((kpi) => kpi.id);

  function evalAtEnd(id: string) {
    const result = spawnSync(
      'node',
      [
        join(ROOT, 'bin/northstar.cjs'),
        'eval',
        CATALOG,
        '--prometheus',
        url,
        '--scrape-interval',
        '1m',
        '--at',
        String(historyEnd),
        '--kpi',
        id,
        '--json',
      ],
      { encoding: 'utf8' }
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    return (JSON.parse(result.stdout) as Array<Record<string, unknown>>)[0];
  }

  test.each(sloIds)('northstar eval finds data for the SLO %s at the end of the history', (id) => {
    expect(evalAtEnd(id)).toMatchObject({ id, status: 'ok', coverage: 1 });
  });

  test('the value KPIs are believable at the end of the history, and compare with a whole previous period', () => {
    const rows = Object.fromEntries(valueIds.map((id) => [id, evalAtEnd(id)]));
    expect(Object.keys(rows)).toEqual([
      'checkout-conversion',
      'monthly-revenue',
      'cost-per-1k-requests',
      'search-index-freshness',
    ]);
    const conversion = rows['checkout-conversion'];
    expect(conversion).toMatchObject({ kind: 'value', status: 'on-track', coverage: 1 });
    expect(conversion.value).toBeGreaterThan(0.03);
    expect(conversion.value).toBeLessThan(0.036);
    // The 62-day history holds last month whole: its revenue nearly met the month's target of 31.5 million.
    const revenue = rows['monthly-revenue'];
    expect(revenue.previousValue).toBeGreaterThan(27_000_000);
    expect(revenue.previousValue).toBeLessThan(31_500_000);
    expect(rows['cost-per-1k-requests']).toMatchObject({ status: 'on-track', coverage: 1 });
    expect(rows['cost-per-1k-requests'].value).toBeGreaterThan(0.065);
    expect(rows['cost-per-1k-requests'].value).toBeLessThan(0.075);
    // The index refreshes every 5 minutes this week; the week before held the three-hour stall 9 days ago. Its
    // peak (10,800 s as the stall ends) is read at the app's step for a week, 30m (two weeks and a day in at most
    // 2,000 points, from 30m up), so the max lands anywhere from one step before it.
    const freshness = rows['search-index-freshness'];
    expect(freshness).toMatchObject({ status: 'on-track', coverage: 1 });
    expect(freshness.value).toBeLessThanOrEqual(300);
    expect(freshness.previousValue).toBeGreaterThanOrEqual(3 * 3600 - 1800);
    expect(freshness.previousValue).toBeLessThanOrEqual(3 * 3600 + 300);
  });

  test('the slow burn is in the history: checkout-availability was at ticket during it', () => {
    const incident = buildHistory(historyEnd, 1).model.incidents.find((i) => i.service === 'checkout')!;
    const result = spawnSync(
      'node',
      [
        join(ROOT, 'bin/northstar.cjs'),
        'eval',
        CATALOG,
        '--prometheus',
        url,
        '--scrape-interval',
        '1m',
        '--at',
        String(incident.endSec - 3600),
        '--kpi',
        'checkout-availability',
        '--json',
      ],
      { encoding: 'utf8' }
    );
    expect(JSON.parse(result.stdout)[0].status).toBe('ticket');
  });
});
