/**
 * The renderer main thread's CPU time between two User Timing marks, from a Chromium trace: the sum of the thread
 * time (`tdur`) of its tasks in between. On a shared machine a page's wall-clock time also holds the time its thread
 * waited for a core; its CPU time moves far less with the load, so a change is judged by it.
 */
import type { Browser, Page } from 'playwright-core';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  /** Thread (CPU) duration in µs, on complete events. */
  tdur?: number;
}

/** Task events and User Timing marks; nothing else is recorded, to weigh as little as possible on the page. */
const CATEGORIES = ['disabled-by-default-devtools.timeline', 'blink.user_timing'];

export async function startTrace(browser: Browser, page: Page): Promise<void> {
  await browser.startTracing(page, { categories: CATEGORIES });
}

/** Stops the trace and sums the CPU time of the main thread's tasks that began between the marks `from` and `to`. */
export async function mainThreadCpuMs(browser: Browser, from: string, to: string): Promise<number> {
  const { traceEvents } = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
  const start = traceEvents.find((event) => event.name === from);
  const end = traceEvents.find((event) => event.name === to);
  if (!start || !end) {
    throw new Error(`the trace has no mark ${start ? to : from}`);
  }
  let cpuUs = 0;
  for (const event of traceEvents) {
    if (
      event.name === 'RunTask' &&
      event.ph === 'X' &&
      event.pid === end.pid &&
      event.tid === end.tid &&
      event.ts >= start.ts &&
      event.ts <= end.ts
    ) {
      cpuUs += event.tdur ?? 0;
    }
  }
  return cpuUs / 1000;
}
