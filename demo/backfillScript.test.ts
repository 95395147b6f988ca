/**
 * The demo's rules and their backfill (demo/rules.ts, demo/prometheus-backfill.sh, which docker compose and
 * scripts/demo.sh both run) on a two-day history: the rule files are the CLI's own, and the base records come out
 * with the history's whole length behind them, in a TSDB a Prometheus then serves.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import {
  describeWithPrometheus,
  findPrometheusBinaries,
  freePort,
  servePrometheus,
} from '../src/testing/prometheusServer';

const ROOT = join(__dirname, '..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
jest.setTimeout(180_000);

const END_SEC = Math.floor(Date.now() / 60_000) * 60;

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: result.status, stdout: result.stdout, output: `${result.stdout}${result.stderr}` };
}

describeWithPrometheus('the demo rules and their backfill', () => {
  const dir = mkdtempSync(join(tmpdir(), 'northstar-demo-backfill-'));
  const history = join(dir, 'history');
  const tsdb = join(dir, 'tsdb');

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('demo/rules.ts writes what `northstar rules --scrape-interval 1m` does, its --base-records and --sum-records', () => {
    expect(run(TSX, ['demo/rules.ts', history]).status).toBe(0);
    const cli = (...flags: string[]) =>
      run('node', ['bin/northstar.cjs', 'rules', 'examples/catalog.yaml', '--scrape-interval', '1m', ...flags]);
    // stdout only: the CLI's notes on stderr (the daily sums' warm-up) are not part of the rule file
    expect(readFileSync(join(history, 'rules.yml'), 'utf8')).toBe(cli().stdout);
    expect(readFileSync(join(history, 'rules-base.yml'), 'utf8')).toBe(cli('--base-records').stdout);
    expect(readFileSync(join(history, 'rules-sums.yml'), 'utf8')).toBe(cli('--sum-records').stdout);
  });

  test('prometheus-backfill.sh imports the history and records the base records and their sums over all of it', async () => {
    expect(run(TSX, ['demo/backfill.ts', history, '--days', '2', '--end', String(END_SEC)]).status).toBe(0);
    expect(run(TSX, ['demo/rules.ts', history]).status).toBe(0);
    const binaries = findPrometheusBinaries()!;
    // The script calls prometheus and promtool by name, as the image has them on PATH.
    const path = [dirname(binaries.prometheus), dirname(binaries.promtool), process.env.PATH].join(delimiter);
    const port = await freePort();
    const backfill = run('sh', ['demo/prometheus-backfill.sh'], {
      HISTORY_DIR: history,
      TSDB_DIR: tsdb,
      BACKFILL_PORT: String(port),
      HISTORY_DAYS: '2',
      PATH: path,
    });
    // The output only matters when it failed: then it says why.
    expect({ status: backfill.status, output: backfill.status === 0 ? '' : backfill.output }).toEqual({
      status: 0,
      output: '',
    });
    // A second run finds its history there and keeps the TSDB.
    expect(
      run('sh', ['demo/prometheus-backfill.sh'], { HISTORY_DIR: history, TSDB_DIR: tsdb, PATH: path }).output
    ).toContain('already holds history');

    writeFileSync(join(dir, 'prometheus.yml'), 'global:\n  scrape_interval: 1m\n');
    const prometheus = await servePrometheus(join(dir, 'prometheus.yml'), tsdb);
    try {
      const query = encodeURIComponent(
        'count_over_time(northstar:kpi_good:rate5m{kpi_id="checkout-availability"}[2d])'
      );
      const body = await (await fetch(`${prometheus.url}/api/v1/query?query=${query}&time=${END_SEC}`)).json();
      // Two days at a 1m evaluation interval: 2,880 records, less the first minutes before a 5m rate exists.
      expect(Number(body.data.result[0].value[1])).toBeGreaterThan(2800);
      // The second pass: the daily sums, read by the 1d and longer windows, recorded over the same two days.
      const sums = encodeURIComponent('count_over_time(northstar:kpi_good:sum1d{kpi_id="checkout-availability"}[2d])');
      const sumsBody = await (await fetch(`${prometheus.url}/api/v1/query?query=${sums}&time=${END_SEC}`)).json();
      expect(Number(sumsBody.data.result[0].value[1])).toBeGreaterThan(2800);
    } finally {
      await prometheus.stop();
    }
  });
});
