/**
 * Parity of the Grafana-managed rules over SQL with the engine, against the plugin host and a real PostgreSQL: the
 * rules `northstar rules --format grafana` writes are evaluated as Grafana would (each SQL query over its own
 * relative time range through /api/ds/query, then Reduce, Math and Threshold as e2e/contracts/server-side-expressions.md
 * says), and every window's sums and burn rate must equal SQL's own `count(*) FILTER (…)` and the burn rates
 * `northstar eval --grafana` reports for the same data; the conditions fire when, and only when, they should.
 */
import { parse } from 'yaml';
import {
  describeWithPostgres,
  queryPostgres,
  startPostgres,
  type RunningPostgres,
} from '../../src/testing/postgresServer';
import {
  catalogYamlOf,
  paymentIncidentSql,
  paymentSuccessSqlKpi,
  SHOP_TABLES_SQL,
} from '../../src/testing/shopSqlKpis';
import { parseDuration } from '../../src/kpi/time';
import { run, tempFile } from '../../src/cli/cliTestSupport';
import type { SloEvalRow } from '../../src/cli/evaluateCatalog';
import { GrafanaClient } from '../../src/cli/grafana';
import type { GrafanaAlertRule } from '../../src/kpi/rules';
import { evaluateAlertRule, evaluateMath, type Evaluated } from './alerting/evaluateAlertRule';
import { startApiOnlyHost } from './apiOnlyHost';
import type { RunningHost } from './startHost';

const STEP_MS = 300_000;
const TOKEN = 'glsa_northstarAlertParityToken0123456789_abcdef';
// A whole step, ten minutes back: every bucket before it is complete.
const AT_MS = Math.floor(Date.now() / STEP_MS) * STEP_MS - 2 * STEP_MS;
const TARGET = 0.99;
const HOUR_MS = 3_600_000;

const CATALOG = catalogYamlOf(paymentSuccessSqlKpi({ target: TARGET, window: '28d' }));

let postgres: RunningPostgres;
let host: RunningHost;
let client: GrafanaClient;
let rules: Record<'page' | 'ticket', GrafanaAlertRule>;

const sql = <T>(text: string, values: unknown[] = []) => queryPostgres<T>(postgres.url, text, values);

/** SQL's own good and total over [at − window, at]. */
async function windowCounts(atMs: number, windowMs: number): Promise<{ good: number; total: number }> {
  const [row] = await sql<{ good: string; total: string }>(
    `SELECT count(*) FILTER (WHERE status = 'paid') AS good, count(*) AS total FROM shop.payments
     WHERE created_at >= to_timestamp($1::bigint / 1000.0) AND created_at <= to_timestamp($2::bigint / 1000.0)`,
    [atMs - windowMs, atMs]
  );
  return { good: Number(row.good), total: Number(row.total) };
}

/** The windows a rule reads, from its burn-rate expressions' refIds: `burn_1h` → 1h. */
const windowsOf = (rule: GrafanaAlertRule) =>
  rule.data.filter((query) => query.refId.startsWith('burn_')).map((query) => query.refId.slice('burn_'.length));

/** `(1h long, 5m short, factor)` per policy row, read back from the rule's `burning` formula. */
function rowsOf(rule: GrafanaAlertRule): Array<{ long: string; short: string; factor: number }> {
  const formula = String(rule.data.find((query) => query.refId === 'burning')!.model.expression);
  return [...formula.matchAll(/\$burn_(\w+) > ([\d.]+) && \$burn_(\w+) > [\d.]+/g)].map((match) => ({
    long: match[1],
    short: match[3],
    factor: Number(match[2]),
  }));
}

describe('the Math evaluator of the parity test', () => {
  test.each([
    ['(1 - $g / $t) / (1 - 0.99)', 25, { g: 30, t: 40 }],
    ['($a > 13.44 && $b > 13.44) || ($c > 5.6 && $d > 5.6)', 1, { a: 25, b: 20, c: 1, d: 1 }],
    ['($a > 13.44 && $b > 13.44) || ($c > 5.6 && $d > 5.6)', 0, { a: 25, b: 2, c: 6, d: 1 }],
    ['2 + 3 * 4 - 6 / 2', 11, {}],
  ])('%s is %s', (formula, expected, variables) => {
    const values = new Map<string, Evaluated>(Object.entries(variables));
    expect(evaluateMath(formula, values)).toBeCloseTo(expected, 9);
  });

  test('0 / 0 is NaN, which no comparison passes; a NoData input makes the formula NoData', () => {
    expect(
      evaluateMath(
        '(1 - $g / $t) / 0.01 > 1',
        new Map([
          ['g', 0],
          ['t', 0],
        ])
      )
    ).toBe(0);
    expect(
      evaluateMath(
        '$a > 1 || $b > 1',
        new Map<string, Evaluated>([
          ['a', 5],
          ['b', 'NoData'],
        ])
      )
    ).toBe('NoData');
  });
});

describeWithPostgres('Grafana-managed rules over SQL against PostgreSQL', () => {
  beforeAll(async () => {
    postgres = await startPostgres();
    await sql(SHOP_TABLES_SQL + paymentIncidentSql(AT_MS));
    host = await startApiOnlyHost('northstar-sql-alert-parity-', {
      postgresUrl: postgres.url,
      serviceAccount: { token: TOKEN, role: 'Viewer' },
    });
    client = new GrafanaClient(host.url, TOKEN);
    const { code, stdout, stderr } = await run('rules', tempFile('sql-rules.yaml', CATALOG), '--format', 'grafana');
    expect([code, stderr]).toEqual([0, '']);
    const [page, ticket] = parse(stdout).groups[0].rules as GrafanaAlertRule[];
    rules = { page, ticket };
  }, 120_000);

  afterAll(async () => {
    delete process.env.GRAFANA_TOKEN;
    await host?.stop();
    await postgres?.stop();
  });

  test('every window’s sums and burn rate equal SQL’s count(*) FILTER and the engine’s burn rate', async () => {
    process.env.GRAFANA_TOKEN = TOKEN;
    const at = new Date(AT_MS).toISOString();
    const evaluated = await run('eval', tempFile('sql.yaml', CATALOG), '--grafana', host.url, '--at', at, '--json');
    const [row] = JSON.parse(evaluated.stdout) as SloEvalRow[];
    expect(row.error).toBeUndefined();
    for (const severity of ['page', 'ticket'] as const) {
      const values = await evaluateAlertRule(client, rules[severity], AT_MS);
      for (const window of windowsOf(rules[severity])) {
        const { good, total } = await windowCounts(AT_MS, parseDuration(window));
        expect(total).toBeGreaterThan(0);
        expect([window, values.get(`good_${window}`), values.get(`total_${window}`)]).toEqual([window, good, total]);
        const burn = (1 - good / total) / (1 - TARGET);
        expect([window, values.get(`burn_${window}`)]).toEqual([window, expect.closeTo(burn, 9)]);
        expect([window, row.burnRates[window]]).toEqual([window, expect.closeTo(burn, 9)]);
      }
    }
  });

  test.each([
    ['during the incident', AT_MS],
    ['three hours before it', AT_MS - 3 * HOUR_MS],
  ])('%s, each rule fires exactly when one of its rows burns over both windows', async (_when, atMs) => {
    for (const severity of ['page', 'ticket'] as const) {
      const values = await evaluateAlertRule(client, rules[severity], atMs);
      const burns = new Map<string, number>();
      for (const window of windowsOf(rules[severity])) {
        const { good, total } = await windowCounts(atMs, parseDuration(window));
        burns.set(window, (1 - good / total) / (1 - TARGET));
      }
      const expected = rowsOf(rules[severity]).some(
        ({ long, short, factor }) => burns.get(long)! > factor && burns.get(short)! > factor
      );
      expect([severity, values.get('firing')]).toEqual([severity, Number(expected)]);
    }
  });

  test('the incident pages (25x over 1h and 5m against 13.44x); before it, nothing pages', async () => {
    const during = await evaluateAlertRule(client, rules.page, AT_MS);
    expect(during.get('burn_1h')).toBeCloseTo(25, 9);
    expect(during.get('firing')).toBe(1);
    const before = await evaluateAlertRule(client, rules.page, AT_MS - 3 * HOUR_MS);
    expect(before.get('firing')).toBe(0);
  });

  test('with no rows in its windows, the rule is NoData (its noDataState KeepLast holds the last state), never 0', async () => {
    const values = await evaluateAlertRule(client, rules.page, AT_MS - 40 * 24 * HOUR_MS);
    expect(values.get('total_1h_rows')).toBe('NoData');
    expect(values.get('burn_1h')).toBe('NoData');
    expect(values.get('firing')).toBe('NoData');
    expect(rules.page.noDataState).toBe('KeepLast');
  });
});
