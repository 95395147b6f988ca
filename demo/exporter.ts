/**
 * The demo workload as a process: checkout, search and login traffic as Prometheus metrics, chaos and deploys.
 *
 *   npx tsx demo/exporter.ts [--port 9464] [--host 127.0.0.1] [--state .demo/history/state.json]
 *
 * With --state it continues the counters of the history demo/backfill.ts wrote (and of its own previous run).
 */
import { parseArgs } from 'node:util';
import { createDemoServer } from './server';
import { Workload } from './workload';

const TICK_MS = 1000;

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
    server.close();
    // The next start continues from here instead of from the last scrape.
    await workload.saveState(now());
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main();
