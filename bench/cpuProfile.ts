/**
 * `BENCH_PROFILE=dir npm run bench:ui`: Chromium's CPU profile of each measured phase, written as `<phase>.cpuprofile`
 * (open it in Chrome DevTools' Performance panel or speedscope) with a summary: the functions that took the most
 * samples, named by the built plugin's source maps (file:line of src/), so the share of each part of the page's
 * work can be compared before and after a change on a loaded machine, where wall-clock figures lie.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { SourceMapConsumer } from 'source-map-js';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Sampling every 200 µs: the first screen is a few hundred ms of work, so a few thousand samples. */
const SAMPLING_INTERVAL_US = 200;
/** BENCH_PROFILE_TOP: how many functions each list names. */
const TOP_FUNCTIONS = Number(process.env.BENCH_PROFILE_TOP ?? 25);

/** Records a phase's CPU profile when BENCH_PROFILE names a folder; otherwise does nothing. */
export class PhaseProfiler {
  private session?: CDPSession;

  private constructor(
    private readonly dir: string | undefined,
    private readonly distDir: string
  ) {}

  static async attach(page: Page, distDir: string, dir = process.env.BENCH_PROFILE): Promise<PhaseProfiler> {
    const profiler = new PhaseProfiler(dir || undefined, distDir);
    if (profiler.dir) {
      mkdirSync(profiler.dir, { recursive: true });
      profiler.session = await page.context().newCDPSession(page);
      await profiler.session.send('Profiler.enable');
      await profiler.session.send('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
    }
    return profiler;
  }

  async start(): Promise<void> {
    await this.session?.send('Profiler.start');
  }

  /** Stops the phase's profile, writes it and its summary, and prints the summary. */
  async stop(phase: string): Promise<void> {
    if (!this.session || !this.dir) {
      return;
    }
    const { profile } = (await this.session.send('Profiler.stop')) as unknown as { profile: CpuProfile };
    writeFileSync(join(this.dir, `${phase}.cpuprofile`), JSON.stringify(profile));
    const summary = summarise(profile, this.distDir);
    writeFileSync(join(this.dir, `${phase}.txt`), summary);
    console.log(`\nCPU profile of ${phase} (${join(this.dir, `${phase}.cpuprofile`)}):\n${summary}`);
  }
}

/**
 * Self and total time per function, plugin code named by file:line in src/, the busiest first. With `under`
 * (BENCH_PROFILE_UNDER, e.g. "readCatalogResults"), only the samples inside a function whose name holds it count.
 */
export function summarise(profile: CpuProfile, distDir: string, under = process.env.BENCH_PROFILE_UNDER): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  profile.nodes.forEach((node) => node.children?.forEach((child) => parentOf.set(child, node.id)));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const names = new SourceNames(distDir);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let allUs = 0;
  let idleUs = 0;
  for (const [id, us] of selfUs) {
    if (under) {
      let inside = false;
      for (let at: number | undefined = id; at !== undefined && !inside; at = parentOf.get(at)) {
        inside = names.of(byId.get(at)!.callFrame).includes(under);
      }
      if (!inside) {
        continue;
      }
    }
    const node = byId.get(id)!;
    const name = names.of(node.callFrame);
    if (name === '(idle)' || name === '(program)') {
      idleUs += name === '(idle)' ? us : 0;
    }
    allUs += us;
    self.set(name, (self.get(name) ?? 0) + us);
    // A recursive function counts once per sample in its total.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const ancestor = names.of(byId.get(at)!.callFrame);
      if (!seen.has(ancestor)) {
        seen.add(ancestor);
        total.set(ancestor, (total.get(ancestor) ?? 0) + us);
      }
    }
  }
  const busyUs = allUs - idleUs;
  const ms = (us: number) => `${(us / 1000).toFixed(1).padStart(8)} ms`;
  const share = (us: number) => `${((100 * us) / busyUs).toFixed(1).padStart(5)} %`;
  const top = (table: Map<string, number>) =>
    [...table]
      .filter(([name]) => name !== '(idle)' && name !== '(root)')
      .sort((a, b) => b[1] - a[1])
      .slice(0, TOP_FUNCTIONS)
      .map(([name, us]) => `  ${ms(us)} ${share(us)}  ${name}`)
      .join('\n');
  return [
    `busy ${ms(busyUs)} (idle ${ms(idleUs)}); shares are of the busy time`,
    'self time:',
    top(self),
    'total time (the function and what it called):',
    top(total),
    '',
  ].join('\n');
}

/** Names a call frame by its original source position when the plugin's source map has one. */
class SourceNames {
  private readonly maps = new Map<string, SourceMapConsumer | undefined>();
  private readonly cache = new Map<string, string>();

  constructor(private readonly distDir: string) {}

  of({ functionName, url, lineNumber, columnNumber }: CallFrame): string {
    const key = `${functionName}|${url}|${lineNumber}|${columnNumber}`;
    let name = this.cache.get(key);
    if (name === undefined) {
      name = this.resolve(functionName, url, lineNumber, columnNumber);
      this.cache.set(key, name);
    }
    return name;
  }

  private resolve(functionName: string, url: string, line: number, column: number): string {
    if (!url) {
      return functionName || '(anonymous)';
    }
    const map = this.mapOf(url);
    const original = map?.originalPositionFor({ line: line + 1, column });
    if (original?.source) {
      const source = original.source.replace(/^webpack:\/\/[^/]*\//, '').replace(/^\.\//, '');
      return `${original.name ?? functionName ?? '(anonymous)'} ${source}:${original.line}`;
    }
    return `${functionName || '(anonymous)'} ${basename(url.split('?')[0])}:${line + 1}`;
  }

  private mapOf(url: string): SourceMapConsumer | undefined {
    const file = basename(url.split('?')[0]);
    if (!this.maps.has(file)) {
      const path = join(this.distDir, `${file}.map`);
      this.maps.set(file, existsSync(path) ? new SourceMapConsumer(JSON.parse(readFileSync(path, 'utf8'))) : undefined);
    }
    return this.maps.get(file);
  }
}
