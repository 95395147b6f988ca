import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { VALIDATE, EXAMPLE, run, tempFile, BERLIN_CATALOG } from '../cliTestSupport';

describe('northstar rules', () => {
  test('a per-label KPI: its records keep the route, and stderr says what it costs', async () => {
    const { code, stdout, stderr } = await run('rules', join(VALIDATE, 'good', 'per-label.yaml'));
    expect(code).toBe(0);
    // good + total + their counts per minute + their daily sums + 8 error ratios (5m 30m 1h 2h 6h 1d 3d 28d) per
    // route, × 20 routes at
    // maxInstances, + the objective; then the daily sums' warm-up
    expect(stderr).toContain(
      `${join(VALIDATE, 'good', 'per-label.yaml')}: note: checkout-routes: 14 recorded series per route × 20 route ` +
        'values (assuming indicator.maxInstances of them; the rules record every value Prometheus has) + 1 objective = 281 series\n'
    );
    const [group] = parse(stdout).groups;
    expect(group.rules[0].expr).toContain('or ((sum by (route) (rate(http_requests_total{job="checkout"}[5m]))) * 0)');
  });

  test.each(['prometheus', 'mimir'])(
    '--format %s: SQL KPIs are named as not applicable, the PromQL ones still get their rules',
    async (format) => {
      const file = join(VALIDATE, 'good', 'sql.yaml');
      const { code, stdout, stderr } = await run('rules', file, '--format', format);
      expect(code).toBe(0);
      expect(stderr).toContain(
        `${file}: note: kpis[0] (payment-success): not applicable: Prometheus rules need PromQL, and its queries ` +
          "are grafana-postgresql-datasource (uid postgres) queries in that data source's own model\n"
      );
      expect(stderr).toContain(`${file}: note: kpis[1] (order-latency): not applicable:`);
      // A draft gets no rules and so no note.
      expect(stderr).not.toContain('signups-influx');
      const groups: Array<{ name: string; rules: Array<{ expr: string }> }> = parse(stdout).groups;
      expect(groups.map((group) => group.name)).toEqual(['northstar-kpi-api-availability-object']);
      // The `{ expr }` object is read as its PromQL.
      expect(groups[0].rules[0].expr).toContain('sum(rate(http_requests_total{code!~"5.."}[5m]))');
    }
  );

  test('--format grafana writes the SQL ratio KPI’s rules over its SQL and names the SQL threshold KPI', async () => {
    const file = join(VALIDATE, 'good', 'sql.yaml');
    const { code, stdout, stderr } = await run('rules', file, '--format', 'grafana');
    expect(code).toBe(0);
    expect(stderr).toContain(
      `${file}: note: kpis[1] (order-latency): not applicable: Grafana-managed rules over SQL are made for ratio ` +
        'and value KPIs so far, and its indicator is threshold'
    );
    expect(stderr).not.toContain('payment-success');
    type Rule = {
      uid: string;
      condition: string;
      data: Array<{ refId: string; datasourceUid: string; model: Record<string, unknown> }>;
    };
    const groups: Array<{ name: string; rules: Rule[] }> = parse(stdout.replace(/^#.*\n/, '')).groups;
    expect(groups.map((group) => group.name)).toEqual([
      'northstar-kpi-payment-success',
      'northstar-kpi-api-availability-object',
    ]);
    const [page] = groups[0].rules;
    expect(page.uid).toBe('nsk-payment-success-page');
    const oneHour = page.data.find((query) => query.refId === 'total_1h_rows')!;
    expect(oneHour.datasourceUid).toBe('postgres');
    expect(oneHour.model.rawSql).toContain('count(*) AS total');
    // The provisioning file escapes `$` in text Grafana expands, never in the query models it reads raw.
    expect(page.data.find((query) => query.refId === 'burn_1h')!.model.expression).toBe(
      '(1 - $good_1h / $total_1h) / (1 - 0.995)'
    );
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
      // the published value KPIs get their off-track rules (valueRules.ts)
      'northstar-kpi-checkout-conversion',
      'northstar-kpi-monthly-revenue',
      'northstar-kpi-cost-per-1k-requests',
      'northstar-kpi-search-index-freshness',
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
        [
          'northstar:kpi_good:rate5m',
          'northstar:kpi_total:rate5m',
          'northstar:kpi_good:increase1m',
          'northstar:kpi_total:increase1m',
          'northstar:kpi_objective:ratio',
        ],
      ],
      ['northstar-kpi-search-latency', ['northstar:kpi_slice_good:bool', 'northstar:kpi_objective:ratio']],
      [
        'northstar-kpi-login-success',
        [
          'northstar:kpi_good:rate5m',
          'northstar:kpi_total:rate5m',
          'northstar:kpi_good:increase1m',
          'northstar:kpi_total:increase1m',
          'northstar:kpi_objective:ratio',
        ],
      ],
      // a value KPI's base records: its queries every 5m, and its target and warning (label bound)
      ...[
        ['checkout-conversion', 'ratio'],
        ['monthly-revenue', 'query'],
        ['cost-per-1k-requests', 'ratio'],
        ['search-index-freshness', 'query'],
      ].map(([id, measure]) => [
        `northstar-kpi-${id}`,
        [
          ...(measure === 'ratio'
            ? ['northstar:kpi_value_numerator:rate5m', 'northstar:kpi_value_denominator:rate5m']
            : ['northstar:kpi_value_query:5m']),
          'northstar:kpi_value_target',
          'northstar:kpi_value_target',
        ],
      ]),
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
      ['northstar-kpi-checkout-conversion', 'SLOs', 2],
      ['northstar-kpi-monthly-revenue', 'SLOs', 2],
      ['northstar-kpi-cost-per-1k-requests', 'SLOs', 2],
      ['northstar-kpi-search-index-freshness', 'SLOs', 2],
      // Over SQL: Grafana-managed rules run the KPI's own SQL with server-side expressions.
      ['northstar-kpi-payment-success', 'SLOs', 2],
      ['northstar-kpi-shop-revenue', 'SLOs', 2],
      ['northstar-kpi-orders-per-day', 'SLOs', 2],
      ['northstar-kpi-incident-mttr', 'SLOs', 2],
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
  // The example's value KPIs add a note each; the one error is the Loki KPI's.
  expect(stderr.split('\n').filter((line) => !line.includes(': note: '))).toEqual([
    `${file}: Grafana alert rules for KPI login-success: its data source is of type "loki"; the rules are PromQL, ` +
      'so it must be a Prometheus data source (Prometheus, Mimir, Thanos, …)',
  ]);
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
    // shardOf: checkout-availability → 3, search-latency → 2, login-success → 0; shard 1 is empty but written.
    // The four value KPIs land in shards 0, 2, 2 and 3 with their off-track groups.
    expect([0, 1, 2, 3].map((i) => groupNames(join(dir, `rules-${i}.yml`)))).toEqual([
      ['northstar-kpi-login-success', 'northstar-kpi-checkout-conversion'],
      [],
      ['northstar-kpi-search-latency', 'northstar-kpi-cost-per-1k-requests', 'northstar-kpi-search-index-freshness'],
      ['northstar-kpi-checkout-availability', 'northstar-kpi-monthly-revenue'],
    ]);
    expect(stdout.split('\n')).toEqual([
      `${dir}/rules-0.yml: 2 KPIs`,
      `${dir}/rules-1.yml: 0 KPIs`,
      `${dir}/rules-2.yml: 3 KPIs`,
      `${dir}/rules-3.yml: 2 KPIs`,
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
      'northstar-kpi-checkout-conversion',
      'northstar-kpi-cost-per-1k-requests',
      'northstar-kpi-incident-mttr',
      'northstar-kpi-login-success',
      'northstar-kpi-monthly-revenue',
      'northstar-kpi-orders-per-day',
      'northstar-kpi-payment-success',
      'northstar-kpi-search-index-freshness',
      'northstar-kpi-search-latency',
      'northstar-kpi-shop-revenue',
    ]);
  });
});
