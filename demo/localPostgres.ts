/**
 * The local demo's PostgreSQL (scripts/demo.sh), started as the tests start theirs (src/testing/postgresServer.ts):
 * Debian's binaries, a cluster in a temporary directory on a free 127.0.0.1 port, run as the `postgres` user when
 * started as root. It holds the `shop` database docker-compose has too:
 *
 *   npx tsx demo/localPostgres.ts --url-file .demo/postgres.url
 *
 * Once the database is ready its connection URL is written to the URL file, which the script waits for. SIGINT or
 * SIGTERM stops the cluster and removes its directory: the demo writes its history afresh on every run.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { startPostgres } from '../src/testing/postgresServer';

const SHOP_DATABASE = 'shop';

async function main(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { 'url-file': { type: 'string' } } });
  const urlFile = values['url-file'];
  if (urlFile === undefined) {
    throw new Error('usage: localPostgres.ts --url-file FILE');
  }
  rmSync(urlFile, { force: true });
  const postgres = await startPostgres();
  let stopping = false;
  const stop = () => {
    if (stopping) {
      return;
    }
    stopping = true;
    rmSync(urlFile, { force: true });
    postgres.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`postgres: ${(error as Error).message}`);
        process.exit(1);
      }
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  try {
    const admin = new Client({ connectionString: postgres.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${SHOP_DATABASE}`).finally(() => admin.end());
  } catch (error) {
    // Not left running without its database: the demo would wait for a URL that never comes.
    await postgres.stop();
    throw error;
  }
  const shopUrl = new URL(postgres.url);
  shopUrl.pathname = `/${SHOP_DATABASE}`;
  writeFileSync(urlFile, `${shopUrl.href}\n`);
  console.log(`postgres: ${shopUrl.href} (cluster in ${postgres.dir})`);
}

main().catch((error: unknown) => {
  console.error(`postgres: ${(error as Error).message}`);
  process.exit(1);
});
