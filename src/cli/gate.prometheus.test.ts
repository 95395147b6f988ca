/**
 * `northstar gate` against a real Prometheus: one SLO keeps 80 % of its budget and passes a 25 % gate, one keeps
 * 10 % and fails it, a value KPI on track passes a gate on off-track, and a KPI whose series do not exist has no
 * data. The exit code is what a CI job acts on; the Markdown is what its summary shows.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { describeWithPrometheus, startPrometheus, type RunningPrometheus } from '../testing/prometheusServer';
import { counterOpenMetrics, type TrafficHour } from '../testing/syntheticTraffic';
import { ROOT, run, tempFile } from './cliTestSupport';

jest.setTimeout(120_000);

const HOUR_SEC = 3600;
const DAYS = 8;
const END_SEC = Math.floor(Date.now() / 1000 / HOUR_SEC) * HOUR_SEC - 2 * HOUR_SEC;
const AT_SEC = END_SEC - 40 * 60;

/** A constant error ratio: every window's error ratio is exactly it, so the budget left is 1 - ratio / 0.001. */
const steady = (errorRatio: number): TrafficHour[] =>
  Array.from({ length: DAYS * 24 }, () => ({ rate: 10, errorRatio }));

const requests = (job: string, code?: string) =>
  `sum(rate(synthetic_requests_total{job="${job}"${code ? `,code=${code}` : ''}}[$__rate_interval]))`;

const slo = (id: string, job: string, name: string) => ({
  id,
  version: 1,
  status: 'published',
  name,
  owner: 'team-test',
  datasource: { type: 'prometheus', uid: 'prometheus' },
  indicator: { type: 'ratio', good: requests(job, '"200"'), total: requests(job) },
  objective: { target: 0.999, window: '7d' },
  gate: { minBudgetRemaining: 0.25 },
});

const KPIS = [
  slo('search-latency', 'healthy', 'Search | latency'),
  slo('checkout-availability', 'burning', 'Checkout <b>availability</b>'),
  {
    id: 'success-share',
    version: 1,
    status: 'published',
    name: 'Success share',
    owner: 'team-test',
    datasource: { type: 'prometheus', uid: 'prometheus' },
    indicator: {
      type: 'value',
      numerator: requests('healthy', '"200"'),
      denominator: requests('healthy'),
      unit: 'percentunit',
    },
    objective: { direction: 'higher', target: 0.999, window: '7d' },
    gate: { status: ['off-track'] },
  },
  slo('orphan', 'nothing-here', 'Orphan'),
  { ...slo('ungated', 'burning', 'Ungated'), gate: undefined },
];

/** The `northstar gate` command of a CI example, as arguments: up to its pipe or redirection, quotes removed. */
function gateArgsIn(script: string, catalog: string, prometheusUrl: string): string[] {
  const command = script.slice(script.indexOf('npx northstar gate') + 'npx northstar '.length).split(/\s[|>]/)[0];
  return command
    .trim()
    .split(/\s+/)
    .map((word) => word.replace(/^"|"$/g, ''))
    .map((word) => (word === 'examples/catalog.yaml' ? catalog : word === '$PROMETHEUS_URL' ? prometheusUrl : word));
}

const CI_EXAMPLES = {
  'GitHub Actions': () => {
    const workflow = parse(readFileSync(join(ROOT, 'docs/ci/github-actions-deploy-gate.yml'), 'utf8'));
    const steps: Array<{ run?: string }> = workflow.jobs['kpi-gate'].steps;
    expect(workflow.jobs.deploy.needs).toBe('kpi-gate');
    return steps.find((step) => step.run?.includes('northstar gate'))!.run!;
  },
  'GitLab CI': () => {
    const pipeline = parse(readFileSync(join(ROOT, 'docs/ci/gitlab-ci-deploy-gate.yml'), 'utf8'));
    expect(pipeline.deploy.needs).toEqual(['kpi-gate']);
    return (pipeline['kpi-gate'].script as string[]).find((line) => line.includes('northstar gate'))!;
  },
};

describeWithPrometheus('northstar gate against a real Prometheus', () => {
  let prometheus: RunningPrometheus;
  let catalog: string;
  const gate = (...args: string[]) =>
    run('gate', catalog, ...args, '--prometheus', prometheus.url, '--at', String(AT_SEC), '--scrape-interval', '1m');

  beforeAll(async () => {
    prometheus = await startPrometheus(
      counterOpenMetrics(
        'synthetic_requests',
        [
          { labels: 'job="healthy"', hours: steady(0.0002) },
          { labels: 'job="burning"', hours: steady(0.0009) },
        ],
        END_SEC
      )
    );
    catalog = tempFile('catalog.yaml', stringify({ apiVersion: 'northstar.dev/v1', kind: 'KpiCatalog', kpis: KPIS }));
  });

  afterAll(async () => {
    await prometheus?.stop();
  });

  test('every gate passes: exit 0, one line per KPI', async () => {
    const { code, stdout, stderr } = await gate('search-latency', 'success-share');
    expect(stderr).toBe('');
    expect(stdout.split('\n')).toEqual([
      'PASS  search-latency  80.0 % of the error budget left; the gate requires at least 25.0 %',
      'PASS  success-share   on-track; the gate fails on off-track',
      'gate passed: 0 failed, 2 passed, 0 without data',
    ]);
    expect(code).toBe(0);
  });

  test('a failing gate exits 1, and the Markdown summary puts it first, names escaped', async () => {
    const { code, stdout } = await gate('--format', 'markdown');
    expect(stdout.split('\n')).toEqual([
      '### ❌ Northstar KPI gate failed',
      '',
      `1 failed, 2 passed, 1 without data, evaluated at ${new Date(AT_SEC * 1000).toISOString()}.`,
      '',
      '| Result | KPI | Reading |',
      '| --- | --- | --- |',
      '| ❌ fail | Checkout &lt;b&gt;availability&lt;/b&gt; (`checkout-availability`) | 10.0 % of the error budget left, below the 25.0 % the gate requires |',
      '| ⚠️ no data | Orphan (`orphan`) | no data: the error budget left is unknown |',
      '| ✅ pass | Search \\| latency (`search-latency`) | 80.0 % of the error budget left; the gate requires at least 25.0 % |',
      '| ✅ pass | Success share (`success-share`) | on-track; the gate fails on off-track |',
    ]);
    expect(code).toBe(1);
  });

  test('a KPI without data exits 2, unless --no-data pass lets it through', async () => {
    const strict = await gate('search-latency', 'orphan');
    expect(strict.stdout.split('\n')).toEqual([
      'PASS     search-latency  80.0 % of the error budget left; the gate requires at least 25.0 %',
      'NO DATA  orphan          no data: the error budget left is unknown',
      'gate failed: 0 failed, 1 passed, 1 without data',
    ]);
    expect(strict.code).toBe(2);
    const lenient = await gate('search-latency', 'orphan', '--no-data', 'pass');
    expect(lenient.stdout).toContain('NO DATA (passes: --no-data pass)  orphan');
    expect(lenient.code).toBe(0);
  });

  test('--json carries the verdicts and the evaluations they read', async () => {
    const { code, stdout } = await gate('checkout-availability', '--json');
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ passed: false, exitCode: 1, noData: 'fail' });
    expect(report.results).toHaveLength(1);
    expect(report.results[0]).toMatchObject({
      id: 'checkout-availability',
      verdict: 'fail',
      gate: { minBudgetRemaining: 0.25 },
      // A 0.9x burn over 3d is above the 7d window's ticket factor (10 % of the budget in 3d: 0.233).
      evaluation: { kind: 'slo', status: 'ticket' },
    });
    expect(report.results[0].evaluation.budgetRemaining).toBeCloseTo(0.1, 9);
    expect(code).toBe(1);
  });

  test('a named KPI without a gate is refused before anything is evaluated', async () => {
    const { code, stderr } = await gate('ungated');
    expect(stderr).toBe(
      `${catalog}: kpis[4] (ungated).gate: is required to gate on this KPI, e.g. gate: { minBudgetRemaining: 0.25 }`
    );
    expect(code).toBe(1);
  });

  test.each(Object.keys(CI_EXAMPLES))(
    'the %s example runs its gate and is blocked by the failing one',
    async (name) => {
      const script = CI_EXAMPLES[name as keyof typeof CI_EXAMPLES]();
      const args = gateArgsIn(script, catalog, prometheus.url);
      expect(args).toEqual(['gate', catalog, '--prometheus', prometheus.url, '--format', 'markdown']);
      const { code, stdout } = await run(...args, '--at', String(AT_SEC), '--scrape-interval', '1m');
      expect(stdout).toMatch(/^### ❌ Northstar KPI gate failed$/m);
      expect(code).toBe(1);
    }
  );
});
