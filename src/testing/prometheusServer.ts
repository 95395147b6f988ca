/**
 * Test-only: a real Prometheus (Debian package `prometheus`) on a free 127.0.0.1 port, with a TSDB backfilled
 * from OpenMetrics text by `promtool tsdb create-blocks-from openmetrics`. Missing binaries skip the tests on a
 * developer machine and fail them in CI.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWhenInstalled, findExecutable, runPromtool } from './promtool';

export interface RunningPrometheus {
  url: string;
  stop(): Promise<void>;
}

const INSTALL_HINT = 'install the Debian package "prometheus" (apt-get install prometheus)';

export function findPrometheusBinaries(): { prometheus: string; promtool: string } | undefined {
  const prometheus = findExecutable('prometheus', 'PROMETHEUS');
  const promtool = findExecutable('promtool', 'PROMTOOL');
  return prometheus && promtool ? { prometheus, promtool } : undefined;
}

/** `describe` for tests that need a real Prometheus: skipped with a warning locally, a failure in CI. */
export function describeWithPrometheus(name: string, body: () => void): void {
  const installed = findPrometheusBinaries() !== undefined;
  describeWhenInstalled(name, { installed, name: 'prometheus or promtool', installHint: INSTALL_HINT }, body);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))
      );
    });
  });
}

async function waitUntilReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`prometheus exited with ${child.exitCode}:\n${log()}`);
    }
    try {
      const response = await fetch(`${url}/-/ready`);
      if (response.ok) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`prometheus at ${url} was not ready within 60 s:\n${log()}`);
}

export interface PrometheusOptions {
  /** Rule file (YAML text) Prometheus evaluates every minute from its start. */
  rules?: string;
  /**
   * Recording rules (YAML text, `northstar rules --base-records`, then `--sum-records`) to backfill from `fromSec`
   * up to the start with `promtool tsdb create-blocks-from rules`, so their records have history as if the rules
   * had run all along. Several files are passes in order: each reads the records of the passes before it.
   */
  backfill?: { rules: string | readonly string[]; fromSec: number };
}

/**
 * Backfills `openMetrics` into a fresh TSDB and starts Prometheus on it, with `options.rules` loaded and, when
 * asked, recording rules backfilled (which takes a first Prometheus for promtool to query, then a restart on the
 * TSDB with the new blocks).
 */
export async function startPrometheus(
  openMetrics: string,
  options: PrometheusOptions = {}
): Promise<RunningPrometheus> {
  const binaries = findPrometheusBinaries();
  if (!binaries) {
    throw new Error(`prometheus or promtool not found: ${INSTALL_HINT}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'northstar-prom-'));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  const input = join(dir, 'series.om');
  const tsdb = join(dir, 'data');
  writeFileSync(input, openMetrics);
  const backfill = runPromtool(binaries.promtool, [
    'tsdb',
    'create-blocks-from',
    'openmetrics',
    '--max-block-duration=744h',
    input,
    tsdb,
  ]);
  if (backfill.status !== 0) {
    removeDir();
    throw new Error(`promtool backfill failed:\n${backfill.output}`);
  }
  const config = ['global:', '  scrape_interval: 1m', '  evaluation_interval: 1m'];
  if (options.rules !== undefined) {
    writeFileSync(join(dir, 'rules.yml'), options.rules);
    config.push('rule_files: [rules.yml]');
  }
  writeFileSync(join(dir, 'prometheus.yml'), `${config.join('\n')}\n`);

  const withDirRemoved = (running: RunningPrometheus): RunningPrometheus => ({
    url: running.url,
    stop: async () => {
      await running.stop();
      removeDir();
    },
  });
  try {
    let running = await launch(binaries.prometheus, join(dir, 'prometheus.yml'), tsdb);
    const { backfill } = options;
    const passes = backfill ? [backfill.rules].flat().map((rules) => ({ rules, fromSec: backfill.fromSec })) : [];
    for (const [pass, { rules, fromSec }] of passes.entries()) {
      try {
        backfillRecords(binaries.promtool, dir, tsdb, running.url, { rules, fromSec, pass });
      } finally {
        await running.stop();
      }
      // A Prometheus loads new blocks when it starts: the next pass, and the caller, read this pass's records.
      running = await launch(binaries.prometheus, join(dir, 'prometheus.yml'), tsdb);
    }
    return withDirRemoved(running);
  } catch (error) {
    removeDir();
    throw error;
  }
}

/** The recording rules evaluated over the past into blocks, moved into the TSDB for the next start to load. */
function backfillRecords(
  promtool: string,
  dir: string,
  tsdb: string,
  url: string,
  { rules, fromSec, pass }: { rules: string; fromSec: number; pass: number }
): void {
  const blocks = join(dir, `rule-blocks-${pass}`);
  const rulesFile = join(dir, `backfill-${pass}.rules.yml`);
  writeFileSync(rulesFile, rules);
  const result = runPromtool(promtool, [
    'tsdb',
    'create-blocks-from',
    'rules',
    `--start=${fromSec}`,
    `--end=${Math.floor(Date.now() / 1000)}`,
    `--url=${url}`,
    `--output-dir=${blocks}`,
    '--eval-interval=60s',
    rulesFile,
  ]);
  if (result.status !== 0) {
    throw new Error(`promtool could not backfill the rules:\n${result.output}`);
  }
  for (const block of readdirSync(blocks)) {
    renameSync(join(blocks, block), join(tsdb, block));
  }
}

/**
 * A Prometheus on a TSDB that is already there (a backfill's output), with the given configuration, on a free
 * port, ready when this resolves. Stopping it leaves the TSDB in place.
 */
export async function servePrometheus(configFile: string, tsdb: string): Promise<RunningPrometheus> {
  const binaries = findPrometheusBinaries();
  if (!binaries) {
    throw new Error(`prometheus or promtool not found: ${INSTALL_HINT}`);
  }
  return launch(binaries.prometheus, configFile, tsdb);
}

async function launch(prometheus: string, configFile: string, tsdb: string): Promise<RunningPrometheus> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    prometheus,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${tsdb}`,
      '--storage.tsdb.retention.time=3650d',
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] }
  );
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  };
  try {
    await waitUntilReady(url, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}
