/**
 * Writes 30 days of demo history for the example catalog as OpenMetrics text, for
 * `promtool tsdb create-blocks-from openmetrics`: checkout requests (with a fast burn in the last 90 minutes),
 * a search latency histogram (with a slow day), login attempts and checkout conversion.
 *
 *   npx tsx demo/backfill.ts OUT.om [--days 30] [--end UNIX_SECONDS]
 */
import { createWriteStream } from 'node:fs';

const SCRAPE_SEC = 60;
const LATENCY_BUCKETS = [0.05, 0.1, 0.3, 1, Infinity];

interface Args {
  out: string;
  days: number;
  endSec: number;
}

function parseArgs(argv: string[]): Args {
  const out = argv[0];
  if (!out) {
    throw new Error('usage: backfill.ts OUT.om [--days 30] [--end UNIX_SECONDS]');
  }
  const flag = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : undefined;
  };
  const endSec = flag('--end') ?? Math.floor(Date.now() / 1000 / SCRAPE_SEC) * SCRAPE_SEC;
  return { out, days: flag('--days') ?? 30, endSec };
}

/** Deterministic noise in [0, 1), so every run writes the same history. */
function noise(seed: number): number {
  const x = Math.sin(seed * 12.9898) * 43758.5453;
  return x - Math.floor(x);
}

/** Daily traffic shape: quiet at night, busy in the afternoon (UTC). */
function diurnal(tSec: number): number {
  const hour = (tSec / 3600) % 24;
  return 0.55 + 0.45 * Math.sin(((hour - 9) / 24) * 2 * Math.PI);
}

type Sampler = (tSec: number, minutesAgo: number) => Record<string, number>;

function counterFamily(
  name: string,
  labelSets: string[],
  increments: Sampler,
  args: Args,
  write: (line: string) => void
): void {
  write(`# TYPE ${name} counter`);
  const startSec = args.endSec - args.days * 86_400;
  for (const labels of labelSets) {
    let value = 0;
    for (let t = startSec; t <= args.endSec; t += SCRAPE_SEC) {
      value += increments(t, (args.endSec - t) / 60)[labels] ?? 0;
      write(`${name}_total{${labels}} ${value.toFixed(3)} ${t}`);
    }
  }
}

function histogramFamily(name: string, job: string, p95At: (tSec: number, minutesAgo: number) => number, args: Args, write: (line: string) => void) {
  write(`# TYPE ${name} histogram`);
  const startSec = args.endSec - args.days * 86_400;
  const perBucket = LATENCY_BUCKETS.map(() => 0);
  let count = 0;
  const lines: string[][] = LATENCY_BUCKETS.map(() => []);
  const countLines: string[] = [];
  for (let t = startSec; t <= args.endSec; t += SCRAPE_SEC) {
    const requests = 30 * SCRAPE_SEC * diurnal(t);
    const p95 = p95At(t, (args.endSec - t) / 60);
    count += requests;
    LATENCY_BUCKETS.forEach((le, i) => {
      // Share of requests at or below `le` for an exponential latency with this 95th percentile.
      const share = le === Infinity ? 1 : 1 - Math.exp((-le * Math.log(20)) / p95);
      perBucket[i] += requests * share;
      lines[i].push(`${name}_bucket{job="${job}",le="${le === Infinity ? '+Inf' : le}"} ${perBucket[i].toFixed(3)} ${t}`);
    });
    countLines.push(`${name}_count{job="${job}"} ${count.toFixed(3)} ${t}`);
  }
  lines.flat().forEach(write);
  countLines.forEach(write);
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const stream = createWriteStream(args.out);
  const write = (line: string) => stream.write(line + '\n');

  counterFamily(
    'http_requests',
    ['job="checkout",code="200"', 'job="checkout",code="500"'],
    (t, minutesAgo) => {
      const requests = 20 * SCRAPE_SEC * diurnal(t);
      // 0.05 % errors (half the budget of a 99.9 % target), and a chaos burn of 2 % (20x) in the last 90 minutes.
      const errorRatio = minutesAgo < 90 ? 0.02 : 0.0003 + 0.0004 * noise(Math.floor(t / 3600));
      return { 'job="checkout",code="200"': requests * (1 - errorRatio), 'job="checkout",code="500"': requests * errorRatio };
    },
    args,
    write
  );
  counterFamily(
    'login_attempts',
    ['job="login",result="success"', 'job="login",result="failure"'],
    (t) => {
      const attempts = 5 * SCRAPE_SEC * diurnal(t);
      const failures = 0.002 + 0.002 * noise(Math.floor(t / 3600) + 7);
      return { 'job="login",result="success"': attempts * (1 - failures), 'job="login",result="failure"': attempts * failures };
    },
    args,
    write
  );
  counterFamily(
    'carts_created',
    ['job="checkout"'],
    (t) => ({ 'job="checkout"': 2 * SCRAPE_SEC * diurnal(t) }),
    args,
    write
  );
  counterFamily(
    'orders',
    ['job="checkout"'],
    (t) => ({ 'job="checkout"': 2 * SCRAPE_SEC * diurnal(t) * (0.03 + 0.01 * noise(Math.floor(t / 1800))) }),
    args,
    write
  );
  // Search p95 around 180 ms, with 5½ slow hours (450 ms) three days ago: 330 of 40,320 minutes over 300 ms
  // spend 82 % of a 99 % budget, so the KPI reads at-risk.
  const slow = (minutesAgo: number) => minutesAgo > 3 * 1440 && minutesAgo <= 3 * 1440 + 330;
  histogramFamily('http_request_duration_seconds', 'search', (t, minutesAgo) => (slow(minutesAgo) ? 0.45 : 0.15 + 0.06 * noise(Math.floor(t / 600))), args, write);
  write('# EOF');
  stream.end();
}

main();
