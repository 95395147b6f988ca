/**
 * Creates the shop's tables in PostgreSQL and writes their history, ending where the Prometheus history ends:
 *
 *   npx tsx demo/shopHistory.ts --postgres URL --state DIR/state.json [--days 90]
 *
 * The state file (demo/backfill.ts wrote it) says when the history ends, so the two histories share their
 * incidents. A shop that already has payments is kept as it is: the live writer continues it.
 */
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { writeShopHistory } from './shop/shopHistory';
import { applyShopSchema, lastPaymentSec } from './shop/shopDatabase';
import { readState } from './state';
import { TrafficModel } from './traffic';

const DEFAULT_DAYS = 90;
const USAGE = `usage: shopHistory.ts --postgres URL --state STATE_FILE [--days ${DEFAULT_DAYS}]`;

function parseCommandLine(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      postgres: { type: 'string' },
      state: { type: 'string' },
      days: { type: 'string', default: String(DEFAULT_DAYS) },
    },
  });
  if (values.postgres === undefined || values.state === undefined) {
    throw new Error(USAGE);
  }
  const days = Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > 366) {
    throw new Error(`--days must be a whole number from 1 to 366 (got "${values.days}")\n${USAGE}`);
  }
  const state = readState(values.state);
  if (!state) {
    throw new Error(`${values.state} does not exist: run demo/backfill.ts first, it says when the history ends`);
  }
  return { postgresUrl: values.postgres, days, historyEndSec: state.historyEndSec };
}

async function main(): Promise<void> {
  const { postgresUrl, days, historyEndSec } = parseCommandLine(process.argv.slice(2));
  const db = new Client({ connectionString: postgresUrl });
  await db.connect();
  try {
    await applyShopSchema(db);
    const last = await lastPaymentSec(db);
    if (last !== undefined) {
      console.log(`shop: kept the shop's tables, whose latest payment is at ${new Date(last * 1000).toISOString()}`);
      return;
    }
    await db.query('BEGIN');
    const summary = await writeShopHistory(db, new TrafficModel(historyEndSec), days);
    await db.query('COMMIT');
    console.log(
      `shop: ${summary.orders.toLocaleString('en')} orders, ${summary.failedPayments.toLocaleString('en')} failed ` +
        `payments and ${summary.incidents} incidents over ${days} days up to ${new Date(historyEndSec * 1000).toISOString()}`
    );
  } finally {
    await db.end();
  }
}

main().catch((error: unknown) => {
  console.error(`shop: ${(error as Error).message}`);
  process.exit(1);
});
