/**
 * Grid-building from SQL-shaped frames against the Prometheus path on the same data (issue 17): 1,000,000 buckets
 * of good and total, as Grafana returns a SQL time series (one row per bucket named by its start, a time column and
 * a count column), read by countsFromFrames as buckets; and the same events as PromQL answers them (a per-second
 * rate at each step's end), read as rates. Both give the same counts on the same grid. Goal: SQL within 1.5x.
 */
import type { DataFrame, FieldType } from '@grafana/data';
import { countsFromFrames, type GridOptions } from '../src/reading';
import { medianLatencyPerRound, medianRatio, middle } from './rounds';

const ROWS = Number(process.env.SQL_BENCH_ROWS ?? 1_000_000);
const STEP_MS = 60_000;
const END_MS = Date.UTC(2026, 10, 1);
const ROUNDS = 7;

/** A frame as the panel gets it from Grafana: plain arrays, built by hand because @grafana/data needs a browser. */
function frame(refId: string, times: number[], values: number[], valueName: string, interval: boolean): DataFrame {
  return {
    refId,
    length: times.length,
    fields: [
      { name: 'time', type: 'time' as FieldType, config: interval ? { interval: STEP_MS } : {}, values: times },
      { name: valueName, type: 'number' as FieldType, config: {}, values },
    ],
  };
}

/** Good and total per bucket: 6,000 to 7,000 events a minute, a few failing every 997th. */
function syntheticData() {
  const bucketStarts: number[] = [];
  const stepEnds: number[] = [];
  const good: number[] = [];
  const total: number[] = [];
  for (let i = 0; i < ROWS; i++) {
    const start = END_MS - (ROWS - i) * STEP_MS;
    bucketStarts.push(start);
    stepEnds.push(start + STEP_MS);
    total.push(6000 + (i % 17) * 60);
    good.push(total[i] - (i % 997 === 0 ? 300 : 0));
  }
  const perSecond = (counts: number[]) => counts.map((count) => count / (STEP_MS / 1000));
  return {
    sql: [frame('good', bucketStarts, good, 'good', false), frame('total', bucketStarts, total, 'total', false)],
    prometheus: [
      frame('good', stepEnds, perSecond(good), 'Value', true),
      frame('total', stepEnds, perSecond(total), 'Value', true),
    ],
  };
}

const nameSql = 'SQL frames -> grid: 1M buckets of counts x 2 (countsFromFrames, buckets)';
const namePrometheus = 'PromQL frames -> grid: 1M per-second rates x 2 (countsFromFrames, rates)';

/** Runs the SQL frame benchmark and returns its lines for bench/index.ts to print. */
export async function sqlFramesBench(): Promise<Array<[string, string]>> {
  const { sql, prometheus } = syntheticData();
  const gridOptions: GridOptions = {
    timeRange: { fromMs: END_MS - ROWS * STEP_MS, toMs: END_MS },
    minSpanMs: ROWS * STEP_MS,
    fallbackStepMs: STEP_MS,
  };
  const read = (frames: DataFrame[], buckets: boolean) => {
    const result = countsFromFrames(
      frames,
      { type: 'ratio', goodRefId: 'good', totalRefId: 'total', buckets },
      gridOptions
    );
    if (!result.ok) {
      throw new Error(`bench frames unreadable: ${result.problem.code}`);
    }
    return result.result.counts;
  };

  // Both paths must give the same grid and counts before their times mean anything.
  const fromSql = read(sql, true);
  const fromPrometheus = read(prometheus, false);
  const sum = (values: Float64Array) => values.reduce((a, b) => a + b, 0);
  if (
    fromSql.grid.startMs !== fromPrometheus.grid.startMs ||
    fromSql.grid.length !== fromPrometheus.grid.length ||
    Math.abs(sum(fromSql.good) - sum(fromPrometheus.good)) > 1e-6 * sum(fromSql.good)
  ) {
    throw new Error('the SQL and PromQL paths disagree on the bench data');
  }

  let sink = 0;
  const tasks: Record<string, () => void> = {
    [nameSql]: () => {
      sink += read(sql, true).total.length;
    },
    [namePrometheus]: () => {
      sink += read(prometheus, false).total.length;
    },
  };
  // A read takes hundreds of ms: a few iterations per round, not tinybench's default 64.
  const medians = await medianLatencyPerRound(tasks, ROUNDS, {
    time: 0,
    iterations: 3,
    warmup: true,
    warmupIterations: 1,
    warmupTime: 0,
  });
  const ratio = medianRatio(medians, nameSql, namePrometheus);
  const lines: Array<[string, string]> = [nameSql, namePrometheus].map((name) => [
    name,
    `${middle(medians.get(name)!).toFixed(1)} ms (median of ${ROUNDS} rounds)`,
  ]);
  lines.push(['ratio SQL frames / PromQL frames -> grid, 1M rows (goal <= 1.5x)', `${ratio.toFixed(2)}x`]);
  if (sink === 42) {
    lines.push(['', '']); // keeps the results observable so the work is not optimised away
  }
  return lines;
}

/** `npx tsx bench/sqlFrames.ts`: this bench alone. */
if (require.main === module) {
  sqlFramesBench()
    .then((lines) => lines.forEach(([name, value]) => console.log(`${name}  ${value}`)))
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
