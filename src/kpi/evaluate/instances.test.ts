import fc from 'fast-check';
import { sumWindowsEndingAt } from './evaluate';
import { type EventCounts, gridEndingAt } from '../time';
import { describeCap, evaluatePerLabel, matchInstances, type InstanceCounts, type LabelledSeries } from './instances';
import { STATUS_SEVERITY_ORDER } from '../model';
import type { BurnRateRule } from '../policy';
import { instanceTotalsFromCounts } from './windowCounts';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const END = Date.UTC(2026, 10, 1);

/** Hour multiples, so an hourly grid answers every window. */
const policy: BurnRateRule[] = [
  { severity: 'page', longMs: 6 * HOUR, shortMs: HOUR, factor: 10 },
  { severity: 'ticket', longMs: 3 * DAY, shortMs: 6 * HOUR, factor: 2 },
];

const grid28d = gridEndingAt(END, HOUR, 672);

function route(
  route: string,
  total: number,
  bad: number,
  grid = grid28d
): { good: LabelledSeries; total: LabelledSeries } {
  return {
    good: { labels: { route, job: 'checkout' }, values: new Float64Array(grid.length).fill(total - bad) },
    total: { labels: { route, job: 'checkout' }, values: new Float64Array(grid.length).fill(total) },
  };
}

function instancesOf(...routes: Array<ReturnType<typeof route>>): InstanceCounts[] {
  return matchInstances(
    routes.map((r) => r.good),
    routes.map((r) => r.total),
    grid28d,
    ['route']
  ).instances;
}

describe('evaluatePerLabel with hand-worked numbers', () => {
  test('/pay 100 requests per step at 5 % errors and /browse 900 at 0.1 %: aggregate 99.41 %, /pay first at 50x', () => {
    const result = evaluatePerLabel({
      instances: instancesOf(route('/browse', 900, 0.9), route('/pay', 100, 5)),
      grid: grid28d,
      maxInstances: 50,
      target: 0.999,
      sloWindowMs: 28 * DAY,
      rules: policy,
    });
    // Per step: good 95 + 899.1 = 994.1 of 1,000, so SLI = 1 − (5 + 0.9) / 1,000 = 0.9941.
    expect(result.aggregate.sli).toBeCloseTo(0.9941, 12);
    // (5.9 / 1,000) / 0.001 = 5.9x: above the ticket factor 2, below the page factor 10.
    expect(result.aggregate.burnRates['1h']).toBeCloseTo(5.9, 9);
    expect(result.aggregate.status).toBe('ticket');
    expect(result.instances.map((i) => i.name)).toEqual(['/pay', '/browse']);
    const [pay, browse] = result.instances;
    expect(pay.labels).toEqual({ route: '/pay' });
    expect(pay.evaluation.burnRates['1h']).toBeCloseTo(50, 9); // (5 / 100) / 0.001
    expect(pay.evaluation.status).toBe('page');
    expect(pay.evaluation.budgetRemaining).toBeCloseTo(-49, 9); // 1 − 0.05 / 0.001
    expect(browse.evaluation.burnRates['1h']).toBeCloseTo(1, 9); // (0.9 / 900) / 0.001
    expect(browse.evaluation.budgetRemaining).toBeCloseTo(0, 9); // 1x for the whole window spends it exactly
    expect(result.instanceCount).toBe(2);
    expect(result.belowTarget).toBe(1); // /pay; /browse is exactly at 99.9 %
    expect(result.cap).toBeUndefined();
  });

  test('above maxInstances the aggregate counts every instance and only the worst are evaluated', () => {
    // Three routes at 10, 20 and 30 bad of 1,000 per step, limit 2: /c (3 %) and /b (2 %) are listed.
    const result = evaluatePerLabel({
      instances: instancesOf(route('/a', 1000, 10), route('/c', 1000, 30), route('/b', 1000, 20)),
      grid: grid28d,
      maxInstances: 2,
      target: 0.99,
      sloWindowMs: 28 * DAY,
      rules: policy,
    });
    expect(result.instances.map((i) => i.name)).toEqual(['/c', '/b']);
    expect(result.cap).toEqual({ field: 'indicator.maxInstances', limit: 2, count: 3 });
    // (10 + 20 + 30) bad of 3,000 per step: SLI 0.98, /a included.
    expect(result.aggregate.sli).toBeCloseTo(0.98, 12);
    expect(result.belowTarget).toBe(2); // /b and /c; /a is exactly at 99 %
    expect(describeCap('checkout', result.cap!)).toBe(
      'checkout: 3 instances, more than indicator.maxInstances (2); the aggregate counts them all, the 2 with the least budget left are listed'
    );
  });

  test('50,000 routes do not crash: 50 are evaluated and the warning says how many there were', () => {
    const grid = gridEndingAt(END, HOUR, 24);
    const good: LabelledSeries[] = [];
    const total: LabelledSeries[] = [];
    for (let i = 0; i < 50_000; i++) {
      good.push({ labels: { route: `/r${i}` }, values: new Float64Array(24).fill(100 - (i % 7)) });
      total.push({ labels: { route: `/r${i}` }, values: new Float64Array(24).fill(100) });
    }
    const { instances } = matchInstances(good, total, grid, ['route']);
    const result = evaluatePerLabel({
      instances,
      grid,
      maxInstances: 50,
      target: 0.9,
      sloWindowMs: DAY,
      rules: [{ severity: 'page', longMs: 6 * HOUR, shortMs: HOUR, factor: 10 }],
    });
    expect(result.instances).toHaveLength(50);
    expect(result.cap).toEqual({ field: 'indicator.maxInstances', limit: 50, count: 50_000 });
    // i % 7 = 6 is the worst: 6 bad of 100 per step.
    expect(result.instances.every((i) => i.evaluation.sli! < 0.940001)).toBe(true);
    expect(describeCap('checkout', result.cap!)).toContain(
      'checkout: 50,000 instances, more than indicator.maxInstances (50)'
    );
  });
});

describe('evaluatePerLabel with windows read as instant counts', () => {
  // A 2h grid over 28 days (336 steps): the policy's 1h window is half a step, so it comes as counts per route.
  const grid = gridEndingAt(END, 2 * HOUR, 336);
  const perStep = (name: string, total: number, bad: number) => route(name, total, bad, grid);
  const { instances } = matchInstances(
    [perStep('/pay', 200, 10).good, perStep('/browse', 1800, 1.8).good, perStep('/cart', 20, 0).good],
    [perStep('/pay', 200, 10).total, perStep('/browse', 1800, 1.8).total, perStep('/cart', 20, 0).total],
    grid,
    ['route']
  );
  const lastHour = instanceTotalsFromCounts(
    [
      { labels: { route: '/pay' }, value: 80 },
      { labels: { route: '/browse' }, value: 899.1 },
    ],
    [
      { labels: { route: '/pay' }, value: 100 },
      { labels: { route: '/browse' }, value: 900 },
    ],
    ['route']
  );
  const result = evaluatePerLabel({
    instances,
    grid,
    maxInstances: 50,
    target: 0.999,
    sloWindowMs: 28 * DAY,
    rules: policy,
    readTotals: new Map([[HOUR, lastHour]]),
  });
  const of = (name: string) => result.instances.find((instance) => instance.name === name)!.evaluation;

  test("each route's 1h window is its own count: /pay 20 of 100 failed, 200x; /browse 0.9 of 900, 1x", () => {
    expect(of('/pay').burnRates['1h']).toBeCloseTo(200, 9); // (20 / 100) / 0.001
    expect(of('/browse').burnRates['1h']).toBeCloseTo(1, 9); // (0.9 / 900) / 0.001
    // The 6h window is three steps of the grid: /pay's 5 % there, 50x.
    expect(of('/pay').burnRates['6h']).toBeCloseTo(50, 9);
    expect(of('/pay').status).toBe('page');
  });

  test("the KPI's 1h window is the sum of the routes' counts: 20.9 of 1,000 failed, 20.9x", () => {
    expect(result.aggregate.burnRates['1h']).toBeCloseTo(20.9, 9); // ((20 + 0.9) / (100 + 900)) / 0.001
    expect(result.aggregate.windows.find((w) => w.window === '1h')?.total).toBe(1000);
  });

  test('a route on the grid without a count in the window has no data there, never OK', () => {
    expect(of('/cart').windows.find((w) => w.window === '1h')?.state).toBe('no-data');
    expect(of('/cart').status).toBe('no-data');
    expect(result.instances.map((instance) => instance.name)).toEqual(['/cart', '/pay', '/browse']);
  });
});

describe('matchInstances', () => {
  const grid = gridEndingAt(END, HOUR, 3);
  const series = (labels: Record<string, string>, ...values: number[]): LabelledSeries => ({
    labels,
    values: Float64Array.from(values),
  });

  test('a route with total but no good series failed every request where it had traffic', () => {
    const { instances, notes } = matchInstances([], [series({ route: '/pay' }, 4, NaN, 6)], grid, ['route']);
    expect(Array.from(instances[0].counts.good)).toEqual([0, NaN, 0]);
    expect(notes).toEqual([{ code: 'total-without-good', instance: '/pay' }]);
  });

  test('a step where good is missing but total is there counts as all bad', () => {
    const { instances } = matchInstances(
      [series({ route: '/pay' }, 3, NaN, NaN)],
      [series({ route: '/pay' }, 4, 5, NaN)],
      grid,
      ['route']
    );
    expect(Array.from(instances[0].counts.good)).toEqual([3, 0, NaN]);
  });

  test('good without total is ignored, with a note', () => {
    const { instances, notes } = matchInstances(
      [series({ route: '/pay' }, 1, 1, 1), series({ route: '/ghost' }, 1, 1, 1)],
      [series({ route: '/pay' }, 2, 2, 2)],
      grid,
      ['route']
    );
    expect(instances.map((i) => i.name)).toEqual(['/pay']);
    expect(notes).toEqual([{ code: 'good-without-total', instance: '/ghost' }]);
  });

  test('series with the same groupBy values (other labels kept by the query) are summed', () => {
    const { instances } = matchInstances(
      [series({ route: '/pay', code: '200' }, 5, NaN, 1), series({ route: '/pay', code: '201' }, 2, 3, NaN)],
      [series({ route: '/pay', code: '200' }, 9, 9, 9)],
      grid,
      ['route']
    );
    expect(Array.from(instances[0].counts.good)).toEqual([7, 3, 1]);
    expect(instances[0].labels).toEqual({ route: '/pay' });
  });

  test('several labels name an instance by name=value', () => {
    const { instances } = matchInstances(
      [series({ route: '/pay', region: 'eu' }, 1, 1, 1)],
      [series({ route: '/pay', region: 'eu' }, 1, 1, 1)],
      grid,
      ['route', 'region']
    );
    expect(instances[0].name).toBe('route=/pay, region=eu');
  });
});

describe('evaluatePerLabel properties', () => {
  const grid = gridEndingAt(END, HOUR, 24);
  const instanceArb = fc.array(
    fc.record({
      total: fc.integer({ min: 0, max: 1000 }),
      badShare: fc.double({ min: 0, max: 1, noNaN: true }),
    }),
    { minLength: 24, maxLength: 24 }
  );
  const sloTotals = (counts: EventCounts) => sumWindowsEndingAt(counts, 23, [24])[0];

  test('the aggregate holds the sums of its instances, which come worst first and at most maxInstances', () => {
    fc.assert(
      fc.property(
        fc.array(instanceArb, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 8 }),
        (routes, max) => {
          const good = routes.map((steps, r) => ({
            labels: { route: `/r${r}` },
            values: Float64Array.from(steps, (s) => Math.round(s.total * (1 - s.badShare))),
          }));
          const total = routes.map((steps, r) => ({
            labels: { route: `/r${r}` },
            values: Float64Array.from(steps, (s) => s.total),
          }));
          const { instances } = matchInstances(good, total, grid, ['route']);
          const result = evaluatePerLabel({
            instances,
            grid,
            maxInstances: max,
            target: 0.99,
            sloWindowMs: DAY,
            rules: [{ severity: 'page', longMs: 6 * HOUR, shortMs: HOUR, factor: 10 }],
          });
          const sums = instances.map((i) => sloTotals(i.counts));
          expect(result.aggregate.slo.total).toBe(sums.reduce((sum, t) => sum + t.total, 0));
          expect(result.aggregate.slo.bad).toBe(sums.reduce((sum, t) => sum + t.bad, 0));
          expect(result.instances.length).toBe(Math.min(max, routes.length));
          const severities = result.instances.map((i) => STATUS_SEVERITY_ORDER.indexOf(i.evaluation.status));
          expect(severities).toEqual([...severities].sort((a, b) => a - b));
          // Kept instances have at least the SLO-window error ratio of every one left out.
          const ratio = (t: { bad: number; total: number }) => (t.total > 0 ? t.bad / t.total : -1);
          const keptKeys = new Set(result.instances.map((i) => i.key));
          const kept = instances.filter((i) => keptKeys.has(i.key)).map((i) => ratio(sloTotals(i.counts)));
          const left = instances.filter((i) => !keptKeys.has(i.key)).map((i) => ratio(sloTotals(i.counts)));
          expect(left.every((l) => kept.every((k) => k >= l))).toBe(true);
        }
      )
    );
  });
});

describe('maintenance in a per-label KPI', () => {
  test('the steps in maintenance leave the whole KPI and every route alike', () => {
    // /pay fails 50 of 100 requests in the last 2 hours, which are maintenance and so left out. Over 6h that leaves
    // 4 hours of 100 requests with 0.1 bad each: (0.4 / 400) / 0.001 = 1x; the aggregate with /browse (900 at 0.9
    // bad): (0.4 + 3.6) / (400 + 3,600) / 0.001 = 1x.
    const pay = route('/pay', 100, 0.1);
    pay.good.values[grid28d.length - 1] = 50;
    pay.good.values[grid28d.length - 2] = 50;
    const input = {
      instances: instancesOf(route('/browse', 900, 0.9), pay),
      grid: grid28d,
      maxInstances: 50,
      target: 0.999,
      sloWindowMs: 28 * DAY,
      rules: policy,
    };
    // The window holds the last two hourly steps, (END − 2h, END], and the instant END itself.
    const maintenance = [
      { start: new Date(END - 2 * HOUR).toISOString(), end: new Date(END + HOUR).toISOString(), reason: 'upgrade' },
    ];
    const masked = evaluatePerLabel({ ...input, maintenance });
    const payMasked = masked.instances.find((i) => i.name === '/pay')!;
    expect(payMasked.evaluation.burnRates['6h']).toBeCloseTo(1, 9);
    expect(masked.aggregate.burnRates['6h']).toBeCloseTo(1, 9);
    expect(masked.aggregate.status).toBe('maintenance');

    // Without the mask the same data burns: (2 × 50 + 4 × 0.1) / 600 / 0.001 = 167.3x over 6h for /pay.
    const open = evaluatePerLabel(input);
    expect(open.instances[0].name).toBe('/pay');
    expect(open.instances[0].evaluation.burnRates['6h']).toBeCloseTo(100.4 / 600 / 0.001, 6);
  });
});
