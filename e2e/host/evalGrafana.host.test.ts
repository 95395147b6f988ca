/**
 * `northstar eval --grafana` against the plugin host and a real PostgreSQL: a payment-success SLO over SQL, read
 * through `/api/ds/query` as the app reads it. Parity: its SLI, every burn rate and its budget equal SQL's own
 * `count(*) FILTER (…)` over each window [at − W, at).
 */
import {
  describeWithPostgres,
  queryPostgres,
  startPostgres,
  type RunningPostgres,
} from '../../src/testing/postgresServer';
import {
  ALL_PAYMENTS_SQL,
  catalogYamlOf,
  paymentIncidentSql,
  paymentSuccessSqlKpi,
  shopBucketSql,
  SHOP_TABLES_SQL,
} from '../../src/testing/shopSqlKpis';
import { parseDuration } from '../../src/kpi/time';
import { run, tempFile } from '../../src/cli/cliTestSupport';
import type { SloEvalRow } from '../../src/cli/evaluateCatalog';
import { startApiOnlyHost } from './apiOnlyHost';
import type { RunningHost } from './startHost';

const STEP_MS = 300_000;
const TOKEN = 'glsa_northstarEvalTestToken0123456789_abcdef012';
// A whole step, ten minutes back: every bucket before it is complete.
const AT_MS = Math.floor(Date.now() / STEP_MS) * STEP_MS - 2 * STEP_MS;
const TARGET = 0.99;

const paymentTypo = paymentSuccessSqlKpi(
  { target: TARGET },
  {
    id: 'payment-typo',
    name: 'Payment success (a typo in its table)',
    indicator: {
      type: 'ratio',
      good: { rawSql: shopBucketSql('count(*) AS good', 'paymnts') },
      total: { rawSql: ALL_PAYMENTS_SQL },
    },
  }
);
const CATALOG = catalogYamlOf(paymentSuccessSqlKpi({ target: TARGET }), paymentTypo);

let postgres: RunningPostgres;
let host: RunningHost;

const sql = <T>(text: string, values: unknown[] = []) => queryPostgres<T>(postgres.url, text, values);

/** SQL's own good and total over [AT − window, AT). */
async function windowCounts(windowMs: number): Promise<{ good: number; total: number }> {
  const [row] = await sql<{ good: string; total: string }>(
    `SELECT count(*) FILTER (WHERE status = 'paid') AS good, count(*) AS total FROM shop.payments
     WHERE created_at >= to_timestamp($1::bigint / 1000.0) AND created_at < to_timestamp($2::bigint / 1000.0)`,
    [AT_MS - windowMs, AT_MS]
  );
  return { good: Number(row.good), total: Number(row.total) };
}

describeWithPostgres('northstar eval --grafana over PostgreSQL', () => {
  beforeAll(async () => {
    postgres = await startPostgres();
    // Three failed payments after AT must not count.
    await sql(SHOP_TABLES_SQL + paymentIncidentSql(AT_MS, 3));
    host = await startApiOnlyHost('northstar-eval-grafana-', {
      postgresUrl: postgres.url,
      serviceAccount: { token: TOKEN, role: 'Viewer' },
    });
  }, 120_000);

  afterAll(async () => {
    delete process.env.GRAFANA_TOKEN;
    await host?.stop();
    await postgres?.stop();
  });

  async function evalRows(): Promise<{ code: number; rows: SloEvalRow[]; stderr: string }> {
    process.env.GRAFANA_TOKEN = TOKEN;
    const file = tempFile('sql.yaml', CATALOG);
    const at = new Date(AT_MS).toISOString();
    const { code, stdout, stderr } = await run('eval', file, '--grafana', host.url, '--at', at, '--json');
    return { code, rows: stdout ? (JSON.parse(stdout) as SloEvalRow[]) : [], stderr };
  }

  test('SLI, every burn rate and the budget equal SQL’s own counts over each window', async () => {
    const { rows } = await evalRows();
    const row = rows.find((candidate) => candidate.id === 'payment-success')!;
    expect(row.error).toBeUndefined();
    const slo = await windowCounts(parseDuration('28d'));
    // The incident makes the short windows burn; a sanity check that the data is what the numbers are about.
    expect(slo.total).toBeGreaterThan(5000);
    expect(row.sli).toBeCloseTo(slo.good / slo.total, 12);
    expect(row.budgetRemaining).toBeCloseTo(1 - (slo.total - slo.good) / ((1 - TARGET) * slo.total), 9);
    const windows = Object.keys(row.burnRates);
    expect(windows.length).toBeGreaterThanOrEqual(5);
    for (const window of windows) {
      const { good, total } = await windowCounts(parseDuration(window));
      expect(total).toBeGreaterThan(0);
      expect([window, row.burnRates[window]]).toEqual([window, expect.closeTo((1 - good / total) / (1 - TARGET), 9)]);
    }
    expect(row.burnRates['1h']).toBeGreaterThan(14.4);
    expect(row.status).toBe('page');
  });

  test('a query PostgreSQL refuses is the KPI’s error, naming it and the query; the other KPI still evaluates', async () => {
    const { code, rows } = await evalRows();
    const typo = rows.find((candidate) => candidate.id === 'payment-typo')!;
    expect(typo.status).toBe('no-data');
    expect(typo.error).toBe(
      'payment-typo: indicator.good (refId good): db query error: ERROR: relation "shop.paymnts" does not exist (SQLSTATE 42P01)'
    );
    expect(code).toBe(2);
  });

  test('a wrong token is a clear error for every KPI, not a crash', async () => {
    process.env.GRAFANA_TOKEN = 'glsa_wrong';
    const file = tempFile('sql.yaml', CATALOG);
    const { stdout } = await run('eval', file, '--grafana', host.url, '--json');
    const rows = JSON.parse(stdout) as SloEvalRow[];
    expect(rows.map((row) => row.error)).toEqual([
      expect.stringContaining('the token was refused: set GRAFANA_TOKEN'),
      expect.stringContaining('the token was refused: set GRAFANA_TOKEN'),
    ]);
  });

  test.each([
    [0.9, 1, 'fail'],
    [0.1, 0, 'pass'],
  ])(
    'northstar gate --grafana judges the SQL SLO’s budget against minBudgetRemaining %s: exit %s',
    async (minBudgetRemaining, exitCode, verdict) => {
      process.env.GRAFANA_TOKEN = TOKEN;
      const gated = catalogYamlOf(
        paymentSuccessSqlKpi({ target: TARGET }, { gate: { minBudgetRemaining } }),
        paymentTypo
      );
      const file = tempFile('gated.yaml', gated);
      const at = new Date(AT_MS).toISOString();
      const { code, stdout } = await run('gate', file, 'payment-success', '--grafana', host.url, '--at', at, '--json');
      const slo = await windowCounts(parseDuration('28d'));
      const budgetRemaining = 1 - (slo.total - slo.good) / ((1 - TARGET) * slo.total);
      // The data leaves about a quarter of the budget: between the two gates.
      expect(budgetRemaining).toBeGreaterThan(0.1);
      expect(budgetRemaining).toBeLessThan(0.9);
      expect(code).toBe(exitCode);
      expect(stdout).toContain('payment-success');
      expect(stdout).toContain(`"${verdict}"`);
    }
  );
});
