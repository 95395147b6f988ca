/**
 * Test-only: a throwaway PostgreSQL cluster (Debian's `postgresql` binaries) in a temporary directory, on a free
 * 127.0.0.1 port with its unix socket in that directory, for tests that need a real SQL database. PostgreSQL
 * refuses to run as root, so as root the cluster is created and run as the `postgres` user. Missing binaries skip
 * the tests on a developer machine and fail them in CI, as for Prometheus.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from './prometheusServer';
import { describeWhenInstalled, findExecutable } from './promtool';

export interface RunningPostgres {
  /** `postgresql://postgres@127.0.0.1:<port>/postgres`, trust authentication. */
  url: string;
  /** The cluster's temporary directory (data and socket); gone after `stop`. */
  dir: string;
  stop(): Promise<void>;
}

const INSTALL_HINT = 'install the Debian package "postgresql" (apt-get install postgresql) or set POSTGRES_BIN';
const DEBIAN_ROOT = '/usr/lib/postgresql';
const READY_TIMEOUT_MS = 30_000;

/** The folder holding `initdb` and `postgres`: $POSTGRES_BIN, else Debian's newest version, else PATH. */
export function findPostgresBinaries(
  env: NodeJS.ProcessEnv = process.env
): { initdb: string; postgres: string } | undefined {
  const dirs = env.POSTGRES_BIN ? [env.POSTGRES_BIN] : debianBinDirs();
  for (const dir of dirs) {
    const initdb = join(dir, 'initdb');
    const postgres = join(dir, 'postgres');
    if (existsSync(initdb) && existsSync(postgres)) {
      return { initdb, postgres };
    }
  }
  if (env.POSTGRES_BIN) {
    return undefined;
  }
  const initdb = findExecutable('initdb', 'INITDB', env);
  const postgres = findExecutable('postgres', 'POSTGRES', env);
  return initdb && postgres ? { initdb, postgres } : undefined;
}

function debianBinDirs(): string[] {
  if (!existsSync(DEBIAN_ROOT)) {
    return [];
  }
  return readdirSync(DEBIAN_ROOT)
    .filter((version) => /^\d+$/.test(version))
    .sort((a, b) => Number(b) - Number(a))
    .map((version) => join(DEBIAN_ROOT, version, 'bin'));
}

/** `describe` for tests that need a real PostgreSQL: skipped with a warning locally, a failure in CI. */
export function describeWithPostgres(name: string, body: () => void): void {
  const installed = findPostgresBinaries() !== undefined;
  describeWhenInstalled(name, { installed, name: 'initdb or postgres', installHint: INSTALL_HINT }, body);
}

/** As root, the uid and gid of the `postgres` user, whom PostgreSQL accepts; otherwise the current user. */
function clusterOwner(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) {
    return undefined;
  }
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  const uid = id('-u');
  const gid = id('-g');
  if (uid.status !== 0 || gid.status !== 0) {
    throw new Error('PostgreSQL refuses to run as root and there is no "postgres" user to run it as');
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

async function waitUntilReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`postgres exited with ${child.exitCode}:\n${log()}`);
    }
    const client = new Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('select 1');
      return;
    } catch {
      // still starting
    } finally {
      await client.end().catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`postgres at ${url} was not ready within ${READY_TIMEOUT_MS / 1000} s:\n${log()}`);
}

/** `text` (with `$1`… bound to `values`) on a connection of its own, closed before this resolves: its rows. */
export async function queryPostgres<T>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/** A fresh cluster, ready when this resolves; `stop` shuts it down and removes its directory. */
export async function startPostgres(): Promise<RunningPostgres> {
  const binaries = findPostgresBinaries();
  if (!binaries) {
    throw new Error(`initdb or postgres not found: ${INSTALL_HINT}`);
  }
  const owner = clusterOwner();
  const dir = mkdtempSync(join(tmpdir(), 'northstar-pg-'));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  if (owner) {
    chownSync(dir, owner.uid, owner.gid);
  }
  const data = join(dir, 'data');
  const init = spawnSync(
    binaries.initdb,
    ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'],
    { encoding: 'utf8', timeout: 120_000, ...owner, env: { ...process.env, TZ: 'UTC' } }
  );
  if (init.status !== 0) {
    removeDir();
    throw new Error(`initdb failed:\n${init.stdout ?? ''}${init.stderr ?? ''}${init.error?.message ?? ''}`);
  }
  const port = await freePort();
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  const child = spawn(
    binaries.postgres,
    // fsync off: a test cluster is thrown away, and on a shared two-core machine syncs only cost time.
    [
      '-D',
      data,
      '-p',
      String(port),
      '-k',
      dir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
      '-c',
      'TimeZone=UTC',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], ...owner }
  );
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const stopServer = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      // SIGINT is PostgreSQL's "fast" shutdown: open sessions are ended rather than waited for.
      child.kill('SIGINT');
      await exited;
    }
  };
  try {
    await waitUntilReady(url, child, () => output);
  } catch (error) {
    await stopServer();
    removeDir();
    throw error;
  }
  return {
    url,
    dir,
    stop: async () => {
      await stopServer();
      removeDir();
    },
  };
}
