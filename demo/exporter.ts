/**
 * The demo workload as a process: checkout, search and login traffic as Prometheus metrics, chaos and deploys.
 *
 *   npx tsx demo/exporter.ts [--port 9464] [--host 127.0.0.1] [--state .demo/history/state.json] [--postgres URL]
 *
 * With --state it continues the counters of the history demo/backfill.ts wrote (and of its own previous run).
 * With --postgres it also writes the shop's orders, payments and chaos incidents into the shop's tables
 * (demo/shopHistory.ts created them), continuing from their latest payment.
 */
import { parseArgs } from 'node:util';
import { Pool } from 'pg';
import { createDemoServer } from './server';
import { ShopWriter, resumeFromSec } from './shop/shopWriter';
import { Workload } from './workload';

const TICK_MS = 1000;
/** Orders are inserted in small batches: a KPI's newest 1m bucket fills as it would from a real shop. */
const SHOP_TICK_MS = 5000;

function fail(message: string): never {
  console.error(`exporter: ${message}`);
  process.exit(1);
}

function main(): void {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '9464' },
      host: { type: 'string', default: '127.0.0.1' },
      state: { type: 'string' },
      postgres: { type: 'string' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    fail(`--port must be a TCP port number (got "${values.port}")`);
  }
  const now = () => Date.now() / 1000;
  let workload: Workload;
  try {
    workload = Workload.start({ statePath: values.state, nowSec: now() });
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.state === undefined) {
    console.warn('exporter: no --state file, so every counter starts at zero');
  }

  const server = createDemoServer(workload, now);
  const ticker = setInterval(() => workload.advance(now()), TICK_MS);
  const shop = values.postgres === undefined ? undefined : startShop(values.postgres, workload, now);
  server.on('error', (error: NodeJS.ErrnoException) => {
    fail(
      error.code === 'EADDRINUSE'
        ? `port ${port} on ${values.host} is already in use: pass another --port`
        : `cannot listen on ${values.host}:${port}: ${error.message}`
    );
  });
  server.listen(port, values.host, () => {
    console.log(`exporter: demo workload on http://${values.host}:${port} (GET / lists the endpoints)`);
  });

  const stop = async () => {
    clearInterval(ticker);
    await shop?.stop();
    server.close();
    // The next start continues from here instead of from the last scrape.
    await workload.saveState(now());
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** Writes the shop's activity every few seconds; one write at a time, and a refused one is retried. */
function startShop(postgresUrl: string, workload: Workload, now: () => number): { stop(): Promise<void> } {
  const pool = new Pool({ connectionString: postgresUrl, max: 2 });
  pool.on('error', (error) => console.warn(`exporter: shop database connection lost: ${error.message}`));
  let writer: ShopWriter | undefined;
  let writing = Promise.resolve();
  const tick = () => {
    writing = writing
      .then(async () => {
        if (!writer) {
          const fromSec = await resumeFromSec(pool, workload.model);
          writer = new ShopWriter(pool, workload.model, fromSec);
          console.log(
            `exporter: writing the shop's orders and payments from ${new Date(fromSec * 1000).toISOString()}`
          );
        }
        const nowSec = now();
        await writer.advance(nowSec, workload.chaos.errorRate('checkout', nowSec), workload.chaos.list(nowSec));
      })
      .catch((error: unknown) => console.warn(`exporter: shop database: ${(error as Error).message} (retrying)`));
  };
  tick();
  const ticker = setInterval(tick, SHOP_TICK_MS);
  return {
    stop: async () => {
      clearInterval(ticker);
      tick();
      await writing;
      await pool.end();
    },
  };
}

main();
