/**
 * Many short rounds, each task's median latency per round: on a shared 2-core machine other work comes and goes,
 * so a ratio is taken per round (times measured together) and the median over rounds reported.
 */
import { Bench, type BenchOptions } from 'tinybench';

export type BenchTasks = Record<string, () => unknown>;

/** Each task's median latency (ms) in each of `rounds` rounds of `options`. */
export async function medianLatencyPerRound(
  tasks: BenchTasks,
  rounds: number,
  options: BenchOptions
): Promise<Map<string, number[]>> {
  const medians = new Map<string, number[]>(Object.keys(tasks).map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    const bench = new Bench(options);
    for (const [name, fn] of Object.entries(tasks)) {
      bench.add(name, fn);
    }
    await bench.run();
    for (const name of Object.keys(tasks)) {
      const result = bench.getTask(name)?.result;
      const p50 = result && 'latency' in result ? result.latency.p50 : undefined;
      if (p50 === undefined) {
        throw new Error(`bench task "${name}" has no result`);
      }
      medians.get(name)!.push(p50);
    }
  }
  return medians;
}

/** The middle value (the upper one of an even count). */
export const middle = (xs: readonly number[]): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];

/** The median over rounds of `name`'s time over `baseline`'s in the same round. */
export function medianRatio(medians: ReadonlyMap<string, number[]>, name: string, baseline: string): number {
  const base = medians.get(baseline)!;
  return middle(medians.get(name)!.map((ms, i) => ms / base[i]));
}
