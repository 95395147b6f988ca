import fc from 'fast-check';
import { gridEndingAt, parseDuration } from '../time';
import { evaluateKpi } from './evaluate';
import { instanceKey, type KpiDefinition } from '../model';
import { checkoutKpi } from '../../testing/checkoutKpi';
import { rangeStepMs } from './plan';
import { resolvePolicy } from '../policy';
import { instanceTotalsFromCounts, offGridWindows, totalsFromCounts, windowCountRefIds } from './windowCounts';

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

describe("a per-label KPI's instant counts, paired per instance", () => {
  const at = (route: string, value: number, job = 'checkout') => ({ labels: { route, job }, value });

  test('each route gets its own totals, and the KPI the sum of them', () => {
    const read = instanceTotalsFromCounts(
      // /ghost has good but no total: nothing to be a share of, so it is left out.
      [at('/pay', 285), at('/browse', 1348.65, 'a'), at('/browse', 1348.65, 'b'), at('/ghost', 10)],
      // /browse comes as two series (the query kept job): added up. /cart has no good series: all 50 failed.
      [at('/pay', 300), at('/browse', 1350, 'a'), at('/browse', 1350, 'b'), at('/cart', 50)],
      ['route']
    );
    const of = (route: string) => read.byInstance.get(instanceKey({ route }, ['route']));
    expect(of('/pay')).toEqual({ good: 285, bad: 15, total: 300, validSteps: 1, expectedSteps: 1 });
    expect(of('/browse')?.total).toBe(2700);
    expect(of('/browse')?.bad).toBeCloseTo(2.7, 9); // 2,700 − 2 × 1,348.65
    expect(of('/cart')).toEqual({ good: 0, bad: 50, total: 50, validSteps: 1, expectedSteps: 1 });
    expect(of('/ghost')).toBeUndefined();
    // The KPI: 300 + 2,700 + 50 = 3,050 requests, 15 + 2.7 + 50 = 67.7 of them failed.
    expect(read.aggregate.total).toBe(3050);
    expect(read.aggregate.bad).toBeCloseTo(67.7, 9);
    expect(read.aggregate.validSteps).toBe(1);
  });

  test('no total series at all is no data for the KPI, never zero errors', () => {
    const read = instanceTotalsFromCounts([at('/pay', 285)], [], ['route']);
    expect(read.byInstance.size).toBe(0);
    expect(read.aggregate.validSteps).toBe(0);
  });

  test('the KPI holds the sum of its instances, and no instance has more good than all its events', () => {
    const count = fc.record({
      route: fc.constantFrom('/a', '/b', '/c'),
      value: fc.double({ min: 0, max: 1e6, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(count), fc.array(count), (good, total) => {
        const read = instanceTotalsFromCounts(
          good.map(({ route, value }) => at(route, value)),
          total.map(({ route, value }) => at(route, value)),
          ['route']
        );
        const instances = [...read.byInstance.values()];
        const sum = instances.reduce((acc, totals) => acc + totals.total, 0);
        expect(read.aggregate.total).toBeCloseTo(sum, 6);
        expect(read.aggregate.good + read.aggregate.bad).toBeCloseTo(read.aggregate.total, 6);
        for (const totals of instances) {
          expect(totals.good).toBeLessThanOrEqual(totals.total);
          expect(totals.bad).toBeGreaterThanOrEqual(0);
        }
        expect(read.aggregate.validSteps).toBe(instances.length > 0 ? 1 : 0);
      })
    );
  });
});
