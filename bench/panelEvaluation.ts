/**
 * The KPI panel's evaluation against the engine alone (issue 4): 40,000 points × 2 series (good and total
 * per-second rates at a 1m step) through src/data/frames.ts into evaluateKpi with 5 windows, against
 * countsFromRates + evaluateKpi on the same numbers already in Float64Arrays. Goal: within 3x.
 */
import type { DataFrame, FieldType } from '@grafana/data';
import { countsFromFrames, type GridOptions } from '../src/reading';
import { medianLatencyPerRound, medianRatio, middle } from './rounds';
import { countsFromRates, evaluateKpi } from '../src/kpi/evaluate';
import type { BurnRateRule } from '../src/kpi/policy';
import { gridEndingAt } from '../src/kpi/time';

const POINTS = 40_000;
const STEP_MS = 60_000;
const SLO_WINDOW_MS = POINTS * STEP_MS; // 27d18h40m: the whole series is one SLO window
const END_MS = Date.UTC(2026, 10, 1);
const TARGET = 0.999;
const ROUNDS = 9;

// page 1h/5m and ticket 6h/30m: with the SLO window, 5 windows.
const RULES: BurnRateRule[] = [
  { severity: 'page', longMs: 3_600_000, shortMs: 300_000, factor: 14.4 },
  { severity: 'ticket', longMs: 21_600_000, shortMs: 1_800_000, factor: 6 },
];

/**
 * A frame as Grafana hands it to a panel: plain arrays, `interval` on the time field. Built by hand because
 * @grafana/data does not load in Node; the field types are the strings FieldType holds.
 */
function rateFrame(refId: string, times: number[], values: number[], withInterval: boolean): DataFrame {
  return {
    refId,
    length: times.length,
    fields: [
      { name: 'Time', type: 'time' as FieldType, config: withInterval ? { interval: STEP_MS } : {}, values: times },
      { name: 'Value', type: 'number' as FieldType, config: {}, values },
    ],
  };
}

function syntheticRates() {
  const times: number[] = [];
  const good: number[] = [];
  const total: number[] = [];
  for (let i = 0; i < POINTS; i++) {
    times.push(END_MS - (POINTS - 1 - i) * STEP_MS);
    const perSecond = 100 + (i % 17);
    total.push(perSecond);
    good.push(perSecond - (i % 997 === 0 ? 5 : 0));
  }
  return { times, good, total };
}

const nameEngine = 'engine alone: countsFromRates + evaluateKpi, 5 windows (40k points x 2)';
const namePanel = 'panel: frames.ts + evaluateKpi, 5 windows (40k points x 2, interval on frames)';
const nameDerived = 'panel: frames.ts + evaluateKpi, step derived from timestamps';

/** Runs the panel benchmark and returns its lines for bench/index.ts to print. */
export async function panelEvaluationBench(): Promise<Array<[string, string]>> {
  const { times, good, total } = syntheticRates();
  const grid = gridEndingAt(END_MS, STEP_MS, POINTS);
  const goodRates = Float64Array.from(good);
  const totalRates = Float64Array.from(total);
  const framesWithInterval = [rateFrame('A', times, good, true), rateFrame('B', times, total, true)];
  const framesWithout = [rateFrame('A', times, good, false), rateFrame('B', times, total, false)];
  const gridOptions: GridOptions = { timeRange: { fromMs: grid.startMs, toMs: END_MS }, minSpanMs: SLO_WINDOW_MS };
  const queries = { type: 'ratio', goodRefId: 'A', totalRefId: 'B' } as const;
  let sink = 0;

  const evaluatePanelFrames = (series: DataFrame[]) => {
    const read = countsFromFrames(series, queries, gridOptions);
    if (!read.ok) {
      throw new Error(`bench frames unreadable: ${read.problem.code}`);
    }
    return evaluateKpi({ counts: read.result.counts, target: TARGET, sloWindowMs: SLO_WINDOW_MS, rules: RULES });
  };

  // Both paths must agree before their times mean anything.
  const engine = evaluateKpi({
    counts: countsFromRates(goodRates, totalRates, grid),
    target: TARGET,
    sloWindowMs: SLO_WINDOW_MS,
    rules: RULES,
  });
  const panel = evaluatePanelFrames(framesWithInterval);
  if (
    engine.windows.length !== 5 ||
    panel.slo.total !== engine.slo.total ||
    panel.budgetRemaining !== engine.budgetRemaining
  ) {
    throw new Error('panel and engine disagree on the bench data');
  }

  const tasks: Record<string, () => void> = {
    [nameEngine]: () => {
      const counts = countsFromRates(goodRates, totalRates, grid);
      sink += evaluateKpi({ counts, target: TARGET, sloWindowMs: SLO_WINDOW_MS, rules: RULES }).slo.total;
    },
    [namePanel]: () => {
      sink += evaluatePanelFrames(framesWithInterval).slo.total;
    },
    [nameDerived]: () => {
      sink += evaluatePanelFrames(framesWithout).slo.total;
    },
  };
  const medians = await medianLatencyPerRound(tasks, ROUNDS, { time: 250, warmup: true, warmupTime: 100 });
  const ratio = (name: string) => medianRatio(medians, name, nameEngine);
  const lines: Array<[string, string]> = [nameEngine, namePanel, nameDerived].map((name) => [
    name,
    `${middle(medians.get(name)!).toFixed(3)} ms (median of ${ROUNDS} rounds)`,
  ]);
  lines.push(['ratio panel / engine alone (goal <= 3x)', `${ratio(namePanel).toFixed(2)}x`]);
  lines.push(['ratio panel, derived step / engine alone', `${ratio(nameDerived).toFixed(2)}x`]);
  if (sink === 42) {
    lines.push(['', '']); // keeps the results observable so the work is not optimised away
  }
  return lines;
}
