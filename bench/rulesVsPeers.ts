/**
 * `npm run bench:rules` (issue 15): what one evaluation of each window's rule costs, and how far its value is from
 * the truth, for the same SLO in Northstar's rule shape, Sloth's and Pyrra's, all in one real Prometheus.
 *
 * A spiky service (spikyTraffic.ts) is backfilled with `promtool tsdb create-blocks-from openmetrics`; the records
 * that rules read over a range are backfilled with `promtool tsdb create-blocks-from rules`, one pass per layer
 * (a pass only sees what earlier passes wrote); then each window's expression is queried once at the last scrape
 * with `stats=all`, which says how many samples it touched and how long it took. The error is measured against
 * the ratio of counts in the window, which the generator knows exactly.
 *
 * Env: BENCH_INSTANCES (default 50, so the total query selects N = 100 series), BENCH_DAYS (default 30).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { parseDuration } from '../src/kpi/time';
import type { KpiDefinition } from '../src/kpi/model';
import { selector } from '../src/kpi/promql';
import { generateRuleGroups } from '../src/kpi/rules';
import { findPrometheusBinaries, type RunningPrometheus, servePrometheus } from '../src/testing/prometheusServer';
import { pyrraShape, slothShape, SLO_WINDOW, type RecordRule, type RuleShape, type ShapeWindow } from './peerRules';
import { northstarShapes } from './northstarShape';
import { countsInWindow, type ScrapeCounts, writeSpikyTraffic } from './spikyTraffic';

const TARGET = 0.999;
const RESULTS_FILE = join(__dirname, 'results', 'rules-vs-peers.md');

/** The bench's SLO as a Northstar KPI, on the same counters as the peers' shapes. */
export const BENCH_KPI: KpiDefinition = {
  id: 'bench-availability',
  version: 1,
  status: 'published',
  name: 'Bench availability',
  description: 'Share of bench requests served without a 5xx.',
  owner: 'team-bench',
  datasource: { type: 'prometheus', uid: 'prometheus' },
  indicator: {
    type: 'ratio',
    good: 'sum(rate(http_requests_total{job="bench",code!~"5.."}[$__rate_interval]))',
    total: 'sum(rate(http_requests_total{job="bench"}[$__rate_interval]))',
  },
  objective: { target: TARGET, window: SLO_WINDOW },
  alerting: { policy: 'default' },
  links: {},
};

interface Measured {
  shape: string;
  window: string;
  samples: number;
  evalMs: number;
  errorRatio: number;
  exactErrorRatio: number;
}

interface QueryStats {
  value: number;
  samples: number;
  evalMs: number;
}

async function main(): Promise<void> {
  const binaries = findPrometheusBinaries();
  if (!binaries) {
    throw new Error('prometheus and promtool are needed: apt-get install prometheus');
  }
  const instances = Number(process.env.BENCH_INSTANCES ?? 50);
  const days = Number(process.env.BENCH_DAYS ?? 30);
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'northstar-bench-rules-'));
  let prometheus: RunningPrometheus | undefined;
  try {
    // The last scrape: 17 minutes past an hour, so that no window happens to start on a whole hour.
    const endSec = Math.floor(Date.now() / 3_600_000) * 3600 - 2 * 3600 + 17 * 60;
    const openMetrics = join(dir, 'series.om');
    const counts = writeSpikyTraffic(openMetrics, { instances, days, endSec });
    log(`wrote ${2 * instances} series × ${counts.good.length} scrapes`, started);
    const tsdb = join(dir, 'data');
    promtool(binaries.promtool, [
      'tsdb',
      'create-blocks-from',
      'openmetrics',
      '--max-block-duration=744h',
      openMetrics,
      tsdb,
    ]);
    rmSync(openMetrics);
    log('backfilled the raw series', started);
    const config = join(dir, 'prometheus.yml');
    writeFileSync(config, 'global:\n  evaluation_interval: 1m\n');
    prometheus = await servePrometheus(config, tsdb);

    const [group] = generateRuleGroups([BENCH_KPI]);
    const shapes = [...northstarShapes(BENCH_KPI, group), slothShape(), pyrraShape()];
    // Every rule is evaluated where a rule group would: at one of the backfilled records' evaluation times.
    let evalSec = endSec;
    for (const [index, layer] of historyLayers(shapes).entries()) {
      const { rules } = layer;
      backfillRules(binaries.promtool, dir, tsdb, layer, evalSec, prometheus.url);
      await prometheus.stop();
      prometheus = await servePrometheus(config, tsdb);
      if (index === 0) {
        evalSec = (await query(prometheus.url, `timestamp(${selector(rules[0].record, rules[0].labels)})`, endSec))
          .value;
      }
      log(`backfilled ${rules.map((rule) => rule.record).join(', ')}`, started);
    }
    // Each selector of a query looks its series up in every block of the whole query's range, so a long window's
    // chain of offset terms costs terms × blocks. promtool writes 2h blocks, one set per pass; a long-running
    // Prometheus compacts them into blocks of days. The SLO window is measured on both layouts.
    const backfilledBlocks = blockCount(tsdb);
    log(`the TSDB holds ${backfilledBlocks} blocks`, started);
    const sloWindows = shapes.flatMap((shape) =>
      shape.windows.filter((window) => window.window === SLO_WINDOW).map((window) => ({ shape: shape.name, window }))
    );
    const beforeCompaction = await Promise.all(
      sloWindows.map(({ shape, window }) => measureWindow(prometheus!.url, shape, window, evalSec, counts))
    );
    const compactedBlocks = await awaitCompaction(tsdb, started);

    const measured: Measured[] = [];
    for (const shape of shapes) {
      for (const window of shape.windows) {
        measured.push(await measureWindow(prometheus.url, shape.name, window, evalSec, counts));
      }
      for (const rule of shape.shared) {
        const { samples, evalMs } = await query(prometheus.url, rule.expr, evalSec, false);
        measured.push({
          shape: shape.name,
          window: rule.record,
          samples,
          evalMs,
          errorRatio: NaN,
          exactErrorRatio: NaN,
        });
      }
    }
    const wallSec = (performance.now() - started) / 1000;
    const text = resultsText(measured, { series: 2 * instances, days, wallSec }, {
      backfilledBlocks,
      compactedBlocks,
      beforeCompaction,
    });
    console.log(text);
    mkdirSync(dirname(RESULTS_FILE), { recursive: true });
    writeFileSync(RESULTS_FILE, text);
  } finally {
    await prometheus?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

interface HistoryLayer {
  rules: RecordRule[];
  /** Moments before the evaluation to backfill; every minute of the SLO window when undefined. */
  readAtMs?: number[];
}

/** The shapes' history records by layer: layer n reads what layer n − 1 wrote, so it is backfilled after it. */
function historyLayers(shapes: readonly RuleShape[]): HistoryLayer[] {
  const layers: HistoryLayer[] = [];
  for (const { layer, readAtMs, ...rule } of shapes.flatMap((shape) => shape.history)) {
    layers[layer] ??= { rules: [], readAtMs };
    if (!layers[layer].rules.some((known) => known.record === rule.record && known.expr === rule.expr)) {
      layers[layer].rules.push(rule);
    }
    if (readAtMs === undefined) {
      layers[layer].readAtMs = undefined;
    }
  }
  return layers.filter((layer) => layer !== undefined);
}

/**
 * The rules evaluated every minute (over the SLO window and twenty minutes more for the 5m rates, or around each
 * moment the windows read) up to `endSec`, into blocks moved into the TSDB. One group name and file for every
 * layer, so that Prometheus puts every layer's evaluations at the same second of the minute, as it would for one
 * group.
 */
function backfillRules(
  promtoolPath: string,
  dir: string,
  tsdb: string,
  layer: HistoryLayer,
  endSec: number,
  url: string
): void {
  const file = join(dir, 'history.rules.yml');
  const blocks = join(dir, 'rule-blocks');
  writeFileSync(file, stringify({ groups: [{ name: 'bench-history', rules: layer.rules }] }, { lineWidth: 0 }));
  const spans: Array<[number, number]> =
    layer.readAtMs === undefined
      ? [[endSec - parseDuration(SLO_WINDOW) / 1000 - 20 * 60, endSec]]
      : layer.readAtMs.map((ms) => [endSec - ms / 1000 - 90, endSec - ms / 1000 + 30]);
  for (const [startSec, spanEndSec] of spans) {
    promtool(promtoolPath, [
      'tsdb',
      'create-blocks-from',
      'rules',
      `--start=${startSec}`,
      `--end=${spanEndSec}`,
      `--url=${url}`,
      `--output-dir=${blocks}`,
      '--eval-interval=60s',
      file,
    ]);
  }
  if (!existsSync(blocks)) {
    throw new Error(`promtool wrote no blocks for ${layer.rules.map((rule) => rule.record).join(', ')}`);
  }
  for (const block of readdirSync(blocks)) {
    renameSync(join(blocks, block), join(tsdb, block));
  }
  rmSync(blocks, { recursive: true, force: true });
}

function blockCount(tsdb: string): number {
  return readdirSync(tsdb).filter((name) => /^[0-9A-Z]{26}$/.test(name)).length;
}

/**
 * Waits for Prometheus's own compaction (its loop runs once a minute) to merge the backfilled blocks: until the block
 * count has fallen and then held for 30 s, or 8 minutes at most. Returns the count it settled at.
 */
async function awaitCompaction(tsdb: string, started: number): Promise<number> {
  const initial = blockCount(tsdb);
  const deadline = performance.now() + 480_000;
  let last = initial;
  let steadySince = performance.now();
  while (performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const now = blockCount(tsdb);
    if (now !== last) {
      last = now;
      steadySince = performance.now();
    } else if (now < initial && performance.now() - steadySince >= 30_000) {
      break;
    }
  }
  log(`Prometheus compacted ${initial} blocks into ${last}`, started);
  return last;
}

async function measureWindow(
  url: string,
  shape: string,
  window: ShapeWindow,
  evalSec: number,
  counts: ScrapeCounts
): Promise<Measured> {
  const value = await query(url, window.errorRatio, evalSec);
  let { samples, evalMs } = value;
  if (window.rules) {
    const costs = await Promise.all(window.rules.map((rule) => query(url, rule, evalSec, false)));
    samples = costs.reduce((sum, cost) => sum + cost.samples, 0);
    evalMs = costs.reduce((sum, cost) => sum + cost.evalMs, 0);
  }
  const exact = countsInWindow(counts, evalSec, parseDuration(window.window) / 1000);
  return {
    shape,
    window: window.window,
    samples,
    evalMs,
    errorRatio: value.value,
    exactErrorRatio: 1 - exact.good / exact.total,
  };
}

/** One instant query with `stats=all`, three times: the value, the samples touched and the fastest evaluation. */
async function query(url: string, expr: string, timeSec: number, single = true): Promise<QueryStats> {
  let best: QueryStats | undefined;
  for (let run = 0; run < 3; run++) {
    const params = new URLSearchParams({ query: expr, time: String(timeSec), stats: 'all' });
    const response = await fetch(`${url}/api/v1/query?${params}`);
    const body = (await response.json()) as PromResponse;
    if (body.status !== 'success' || !body.data) {
      throw new Error(`query failed: ${expr}\n${body.error ?? response.statusText}`);
    }
    const result = body.data.result;
    if (single && result.length !== 1) {
      throw new Error(`expected one series from ${expr}, got ${result.length}`);
    }
    const stats: QueryStats = {
      value: Number(result[0]?.value[1]),
      samples: body.data.stats?.samples?.totalQueryableSamples ?? NaN,
      evalMs: (body.data.stats?.timings?.evalTotalTime ?? NaN) * 1000,
    };
    best = best === undefined || stats.evalMs < best.evalMs ? stats : best;
  }
  return best!;
}

interface PromResponse {
  status: string;
  error?: string;
  data?: {
    result: Array<{ metric: Record<string, string>; value: [number, string] }>;
    stats?: { timings?: { evalTotalTime?: number }; samples?: { totalQueryableSamples?: number } };
  };
}

function promtool(path: string, args: string[]): void {
  const result = spawnSync(path, args, { encoding: 'utf8', timeout: 900_000, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new Error(`promtool ${args.slice(0, 3).join(' ')} failed:\n${result.stdout}${result.stderr}`);
  }
}

function log(message: string, started: number): void {
  console.error(`[${((performance.now() - started) / 1000).toFixed(0)} s] ${message}`);
}

interface BlockLayout {
  backfilledBlocks: number;
  compactedBlocks: number;
  /** The SLO window of each shape, measured on the backfilled blocks before Prometheus compacted them. */
  beforeCompaction: readonly Measured[];
}

function resultsText(
  rows: readonly Measured[],
  run: { series: number; days: number; wallSec: number },
  layout: BlockLayout
): string {
  const budget = 1 - TARGET;
  const relative = (value: number, exact: number) => Math.abs(value - exact) / Math.abs(exact);
  const lines = [
    '# Rule cost and accuracy: Northstar, Sloth and Pyrra in one Prometheus',
    '',
    `\`npm run bench:rules\`: ${run.days} days of a spiky service (daily rhythm, 10x night/day, short error bursts), ` +
      `scraped every 15 s, N = ${run.series} series in the total query; SLO 99.9 % over ${SLO_WINDOW}. Each ` +
      "window queried once at the rules' evaluation time with `stats=all` (fastest of three runs) after Prometheus compacted the backfilled blocks; the error is " +
      'against the exact ratio of counts in the window. Shared rows are records every evaluation runs for the ' +
      'windows to read. ' +
      `Wall time of this run: ${run.wallSec.toFixed(0)} s.`,
    '',
    '| Shape | Window or record | Samples per evaluation | Evaluation (ms) | Burn-rate error (relative) |',
    '| --- | --- | ---: | ---: | ---: |',
  ];
  for (const row of rows) {
    const error = Number.isNaN(row.exactErrorRatio)
      ? 'shared'
      : relative(row.errorRatio, row.exactErrorRatio).toExponential(1);
    lines.push(`| ${row.shape} | ${row.window} | ${format(row.samples)} | ${row.evalMs.toFixed(2)} | ${error} |`);
  }
  lines.push('', `## The ${SLO_WINDOW} SLO window`, '');
  lines.push(
    '| Shape | Samples per evaluation | SLI error (relative) | Budget left error (relative) | All windows and shared records: samples per evaluation |'
  );
  lines.push('| --- | ---: | ---: | ---: | ---: |');
  for (const shape of [...new Set(rows.map((row) => row.shape))]) {
    const ofShape = rows.filter((row) => row.shape === shape);
    const slo = ofShape.find((row) => row.window === SLO_WINDOW);
    if (!slo) {
      continue;
    }
    const sliError = relative(1 - slo.errorRatio, 1 - slo.exactErrorRatio);
    const budgetError = relative(1 - slo.errorRatio / budget, 1 - slo.exactErrorRatio / budget);
    const all = ofShape.reduce((sum, row) => sum + row.samples, 0);
    lines.push(
      `| ${shape} | ${format(slo.samples)} | ${sliError.toExponential(1)} | ${budgetError.toExponential(1)} | ${format(all)} |`
    );
  }
  lines.push('', `## The ${SLO_WINDOW} window and the TSDB's blocks`, '');
  lines.push(
    `The tables above are measured after Prometheus compacted the ${format(layout.backfilledBlocks)} blocks that ` +
      `the backfill wrote (2h each, one set per promtool pass) into ${format(layout.compactedBlocks)}, as a ` +
      "long-running Prometheus keeps them. A query looks each of its selectors up in every block of the query's " +
      `range, so the cost of a window read as a chain of offset terms grows with terms × blocks. The ${SLO_WINDOW} ` +
      'window on both layouts, in the same run:',
    '',
    '| Shape | Evaluation (ms), backfilled blocks | Evaluation (ms), compacted | Samples per evaluation |',
    '| --- | ---: | ---: | ---: |'
  );
  for (const before of layout.beforeCompaction) {
    const after = rows.find((row) => row.shape === before.shape && row.window === before.window);
    lines.push(
      `| ${before.shape} | ${before.evalMs.toFixed(2)} | ${after ? after.evalMs.toFixed(2) : '—'} | ${format(before.samples)} |`
    );
  }
  lines.push('', ...WARM_UP);
  return `${lines.join('\n')}\n`;
}

/** What the table cannot show: how long the daily sums take to cover the long windows, and how backfill helps. */
const WARM_UP = [
  '## Warm-up of the daily sums',
  '',
  'Windows of a day and longer add up `northstar:kpi_{good,total}:sum1d`, daily sums of the per-minute counts that ' +
    'every evaluation records. A sum exists only from when the rules are loaded, so a window covers its whole ' +
    'length only after that long: 1d after a day, the 28d SLO window after 28 days; until then it is the ratio of ' +
    'the history it has, as before. Backfilling the base records alone (`northstar rules --base-records`, one ' +
    '`promtool tsdb create-blocks-from rules` pass) no longer fills the long windows, because the sums read the ' +
    'base records and promtool evaluates every rule of a pass against the TSDB as it was before the pass. Run a ' +
    "second pass, once the first pass's blocks are loaded, with `northstar rules --sum-records`: the long windows " +
    'then have the whole backfilled history at once. `northstar rules` says so on stderr.',
];

function format(value: number): string {
  return Math.round(value).toLocaleString('en');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
