/**
 * Value KPIs through the engine (issue 18): 1,000 KPIs over a calendar month at a 5m step, each evaluated with the
 * month before it (the grid holds both: 17,568 steps from 1 October to 30 November). One in five of each kind:
 * numerator/denominator, sum (judged on its forecast), mean, last, max. Series are shared between KPIs of a kind,
 * which costs the engine nothing, so the figure is the engine's and not the machine's memory. Goal: under 50 ms.
 */
import { Bench } from 'tinybench';
import { evaluateValue, type ValueSeries, valuePeriodsAt } from '../src/kpi/evaluate';

const KPIS = 1000;
const WINDOW = { calendar: 'month' as const, timeZone: 'Europe/Berlin' };
const AT_MS = Date.UTC(2026, 10, 30, 12);

export async function valueEvaluationBench(): Promise<Array<[string, string]>> {
  const periods = valuePeriodsAt(WINDOW, AT_MS);
  const steps = periods.grid.length;
  const wave = (base: number, amplitude: number) =>
    Float64Array.from({ length: steps }, (_, i) => base + amplitude * Math.sin(i / 288));
  const series: ValueSeries[] = [
    { numerator: wave(3, 0.3), denominator: wave(100, 10) },
    { query: wave(50, 5), aggregation: 'sum' },
    { query: wave(0.2, 0.05), aggregation: 'mean' },
    { query: wave(120, 20), aggregation: 'last' },
    { query: wave(1.5, 0.5), aggregation: 'max' },
  ];
  const objective = { direction: 'higher' as const, target: 0.03, warning: 0.028 };
  let sink = 0;
  const evaluateAll = () => {
    for (let k = 0; k < KPIS; k++) {
      const evaluation = evaluateValue({ objective, periods, series: series[k % series.length], evaluatedAtMs: AT_MS });
      sink += evaluation.value ?? 0;
    }
  };

  // The floor: the same number of steps summed by a bare loop, so a loaded machine shows in both figures.
  const plainLoop = () => {
    const { numerator, denominator } = series[0] as { numerator: Float64Array; denominator: Float64Array };
    for (let k = 0; k < KPIS; k++) {
      let n = 0;
      let d = 0;
      for (let i = 0; i < steps; i++) {
        n += numerator[i];
        d += denominator[i];
      }
      sink += n / d;
    }
  };

  const bench = new Bench({ time: 2000, warmup: true, warmupTime: 300 });
  bench
    .add(`evaluateValue: 1,000 value KPIs, a month at 5m and the month before (${steps} steps)`, evaluateAll)
    .add(`plain loop: Σ/Σ of ${steps} steps, 1,000 times`, plainLoop);
  await bench.run();
  const means = bench.tasks.map((task) => {
    const latency = task.result && 'latency' in task.result ? task.result.latency : undefined;
    if (!latency || sink === 0) {
      throw new Error(`bench task "${task.name}" has no result`);
    }
    return latency.mean;
  });
  const [engineMs, plainMs] = means;
  return [
    ...bench.tasks.map((task, i): [string, string] => [task.name, `${means[i].toFixed(3)} ms`]),
    ['ratio 1,000 value KPIs / 50 ms goal', (engineMs / 50).toFixed(3)],
    ['ratio 1,000 value KPIs / plain loop over the same steps', `${(engineMs / plainMs).toFixed(2)}x`],
  ];
}
