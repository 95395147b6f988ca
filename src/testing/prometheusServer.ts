/**
 * Test-only: a real Prometheus (Debian package `prometheus`) on a free 127.0.0.1 port, with a TSDB backfilled
 * from OpenMetrics text by `promtool tsdb create-blocks-from openmetrics`. Missing binaries skip the tests on a
 * developer machine and fail them in CI.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findExecutable, runPromtool } from './promtool';

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
  if (findPrometheusBinaries()) {
    describe(name, body);
  } else if (process.env.CI) {
    describe(name, () => {
      test('prometheus and promtool are installed (required when CI is set)', () => {
        throw new Error(
          `prometheus or promtool not found: ${INSTALL_HINT}. CI is set, so these tests must not be skipped.`
        );
      });
    });
  } else {
    console.warn(`prometheus not found, skipping "${name}": ${INSTALL_HINT}.`);
    describe.skip(name, () => test('needs prometheus', () => undefined));
  }
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

/** Backfills `openMetrics` into a fresh TSDB and starts Prometheus on it. */
export async function startPrometheus(openMetrics: string): Promise<RunningPrometheus> {
  const binaries = findPrometheusBinaries();
  if (!binaries) {
    throw new Error(`prometheus or promtool not found: ${INSTALL_HINT}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'northstar-prom-'));
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
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`promtool backfill failed:\n${backfill.output}`);
  }
  writeFileSync(join(dir, 'prometheus.yml'), 'global:\n  scrape_interval: 1m\n');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    binaries.prometheus,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
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
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(url, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}
