import fc from 'fast-check';
import { parseDuration } from './duration';
import { evaluateKpi } from './evaluate';
import type { KpiDefinition } from './model';
import { checkoutKpi } from '../testing/checkoutKpi';
import { rangeStepMs } from './plan';
import { resolvePolicy } from './policy';
import { gridEndingAt } from './series';
import { offGridWindows, totalsFromCounts, windowCountRefIds } from './windowCounts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const kpiWithWindow = (window: KpiDefinition['objective']['window']): KpiDefinition =>
  checkoutKpi({ objective: { window } });

describe('which windows a coarse grid cannot answer', () => {
  // The default policy's windows: 5m, 30m, 1h, 2h, 6h, 1d, 3d.
  const rules = resolvePolicy(undefined, 30 * DAY);

  test('at the default 5m step every window is whole steps', () => {
    expect(offGridWindows(rules, 5 * MINUTE)).toEqual([]);
  });

  test('at 15m only 5m is off the grid; at 20m also 30m (1.5 steps), while 2h is 6 steps', () => {
    expect(offGridWindows(rules, 15 * MINUTE)).toEqual([5 * MINUTE]);
    expect(offGridWindows(rules, 20 * MINUTE)).toEqual([5 * MINUTE, 30 * MINUTE]);
  });

  test('a 90d window needs 15m steps: 90d / 5m = 25,920 points, three times the 10,000 a query may hold', () => {
    expect(rangeStepMs(kpiWithWindow('28d'))).toBe(5 * MINUTE);
    expect(rangeStepMs(kpiWithWindow('90d'))).toBe(15 * MINUTE);
    // The longest quarter is 92 days: 26,496 five-minute steps, still three times.
    expect(rangeStepMs(kpiWithWindow({ calendar: 'quarter', timeZone: 'Europe/Berlin' }))).toBe(15 * MINUTE);
  });

  test('every window it names is off the grid and every window it leaves out is whole steps', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 * 24 * 60 }), (stepMinutes) => {
        const stepMs = stepMinutes * MINUTE;
        const off = new Set(offGridWindows(rules, stepMs));
        for (const rule of rules) {
          for (const windowMs of [rule.longMs, rule.shortMs]) {
            expect(off.has(windowMs)).toBe(windowMs < stepMs || windowMs % stepMs !== 0);
          }
        }
      })
    );
  });
});

describe('a window read from two instant counts', () => {
  test('refIds say the window', () => {
    expect(windowCountRefIds(5 * MINUTE)).toEqual({ good: 'good@5m', total: 'total@5m' });
  });

  test('no total series is no data; no good series with a total is all bad; good above total is clamped', () => {
    expect(totalsFromCounts(null, null).validSteps).toBe(0);
    expect(totalsFromCounts(5, null).validSteps).toBe(0);
    expect(totalsFromCounts(null, 300)).toEqual({ good: 0, bad: 300, total: 300, validSteps: 1, expectedSteps: 1 });
    expect(totalsFromCounts(301, 300)).toEqual({ good: 300, bad: 0, total: 300, validSteps: 1, expectedSteps: 1 });
    expect(totalsFromCounts(0, 0)).toEqual({ good: 0, bad: 0, total: 0, validSteps: 1, expectedSteps: 1 });
  });

  test('the counts replace what a 15m grid cannot sum: the 5m window burns at 50x and the KPI pages', () => {
    // A 90d KPI at 99.9 %, read at 15m steps: 9,000 requests per step with 0.1 % bad (a 1x burn) everywhere, and in
    // the last 5 minutes 3,000 requests of which 150 failed: (150 / 3,000) / 0.001 = 50x. The 1h window is 4 steps:
    // make the last hour as bad, 36,000 requests, 1,800 failed, also 50x: the 14.4x page row fires on both.
    const stepMs = 15 * MINUTE;
    const length = (90 * DAY) / stepMs;
    const grid = gridEndingAt(Date.UTC(2026, 11, 1), stepMs, length);
    const total = new Float64Array(length).fill(9000);
    const good = new Float64Array(length).fill(9000 - 9);
    for (let i = length - 4; i < length; i++) {
      good[i] = 9000 - 450;
    }
    const rules = resolvePolicy(undefined, 90 * DAY);
    const input = { counts: { grid, good, total }, target: 0.999, sloWindowMs: 90 * DAY, rules };

    const gridOnly = evaluateKpi(input);
    expect(gridOnly.windows.find((w) => w.window === '5m')?.state).toBe('no-data');
    expect(gridOnly.status).toBe('no-data');

    const read = evaluateKpi({
      ...input,
      readTotals: new Map([[parseDuration('5m'), totalsFromCounts(2850, 3000)]]),
    });
    const fiveMinutes = read.windows.find((w) => w.window === '5m')!;
    expect(fiveMinutes.burnRate).toBeCloseTo(50, 9);
    expect(read.windows.find((w) => w.window === '1h')!.burnRate).toBeCloseTo(50, 9);
    expect(read.status).toBe('page');
  });
});
