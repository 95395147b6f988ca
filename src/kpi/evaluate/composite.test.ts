import fc from 'fast-check';
import { compositeKpi } from '../../testing/compositeKpi';
import {
  compositeErrorRatio,
  evaluateComposite,
  memberOverCompositeWindows,
  resolveMembers,
  type CompositeMemberInput,
} from './composite';
import { evaluateWindowTotals, evaluationWindows, type KpiEvaluation, type WindowTotals } from './evaluate';
import type { CompositeKpiDefinition, KpiDefinition } from '../model';
import type { BurnRateRule } from '../policy';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const AT = Date.UTC(2026, 10, 1);

/** Two rules whose windows are 1h, 6h, 1d, 3d; with the 28d SLO window that is five windows. */
const rules: BurnRateRule[] = [
  { severity: 'page', longMs: 6 * HOUR, shortMs: HOUR, factor: 5 },
  { severity: 'ticket', longMs: 3 * DAY, shortMs: DAY, factor: 1 },
];
const SLO = 28 * DAY;
const WINDOWS = evaluationWindows(rules, SLO);

type MemberWindow = { sli: number; events?: number; coverage?: number } | 'no-data' | 'no-traffic';

/** A member evaluated from counts: `events` requests per window (1,000 by default) at the given SLI. */
function member(kpiId: string, weight: number, byWindow: MemberWindow | ((windowMs: number) => MemberWindow)) {
  const totals = new Map<number, WindowTotals>();
  for (const windowMs of WINDOWS) {
    const spec = typeof byWindow === 'function' ? byWindow(windowMs) : byWindow;
    if (spec === 'no-data') {
      totals.set(windowMs, { good: 0, bad: 0, total: 0, validSteps: 0, expectedSteps: 100 });
    } else if (spec === 'no-traffic') {
      totals.set(windowMs, { good: 0, bad: 0, total: 0, validSteps: 100, expectedSteps: 100 });
    } else {
      const events = spec.events ?? 1000;
      const good = spec.sli * events;
      const validSteps = Math.round((spec.coverage ?? 1) * 100);
      totals.set(windowMs, { good, bad: events - good, total: events, validSteps, expectedSteps: 100 });
    }
  }
  const evaluation: KpiEvaluation = evaluateWindowTotals({ totals, target: 0.999, sloWindowMs: SLO, rules, atMs: AT });
  return { kpiId, weight, evaluation };
}

const composite = (members: CompositeMemberInput[], target = 0.98) =>
  evaluateComposite({ members, target, sloWindowMs: SLO, rules, atMs: AT });

describe('evaluateComposite with hand-worked numbers', () => {
  test('browse 99.9 %, cart 99.0 %, pay 98.0 % weighted 1, 1, 2 against 98 %: SLI 98.725 %, burn 0.6375', () => {
    const result = composite([
      member('browse', 1, { sli: 0.999 }),
      member('cart', 1, { sli: 0.99 }),
      member('pay', 2, { sli: 0.98 }),
    ]);
    // (0.999 + 0.990 + 2 × 0.980) / (1 + 1 + 2) = 3.949 / 4 = 0.98725
    expect(result.sli).toBeCloseTo(0.98725, 12);
    // (1 − 0.98725) / (1 − 0.98) = 0.01275 / 0.02 = 0.6375, in every window (same SLIs everywhere)
    expect(result.burnRates['1h']).toBeCloseTo(0.6375, 12);
    expect(result.burnRates['28d']).toBeCloseTo(0.6375, 12);
    // 1 − 0.01275 / 0.02 = 0.3625
    expect(result.budgetRemaining).toBeCloseTo(0.3625, 12);
    expect(result.errorBudget).toBeNull();
    expect(result.status).toBe('ok');
    // 0.3625 × 28d / 0.6375 = 15.92… days
    expect(result.timeToExhaustionMs).toBeCloseTo((0.3625 * SLO) / 0.6375, 0);
    // Bad parts: browse 1 × 0.001, cart 1 × 0.010, pay 2 × 0.020 = 0.040; all 0.051.
    expect(result.members.map((m) => m.badShare)).toEqual([
      expect.closeTo(0.001 / 0.051, 12),
      expect.closeTo(0.01 / 0.051, 12),
      expect.closeTo(0.04 / 0.051, 12),
    ]);
    expect(result.members.map((m) => m.effectiveWeight)).toEqual([0.25, 0.25, 0.5]);
  });

  test('a member without traffic drops out of the weights', () => {
    const result = composite([member('browse', 1, { sli: 0.999 }), member('cart', 3, 'no-traffic')]);
    // Only browse counts: 1 × 0.999 / 1
    expect(result.sli).toBeCloseTo(0.999, 12);
    expect(result.members[1]).toMatchObject({ state: 'no-traffic', sli: null, effectiveWeight: 0, badShare: 0 });
    expect(result.members[0].effectiveWeight).toBe(1);
  });

  test('no member with traffic: the composite has no traffic, never 100 %', () => {
    const result = composite([member('browse', 1, 'no-traffic'), member('cart', 1, 'no-traffic')]);
    expect(result.status).toBe('no-traffic');
    expect(result.sli).toBeNull();
    expect(result.burnRates['28d']).toBeNull();
  });

  test('a member without data makes the composite no-data, even when the others are fine', () => {
    const result = composite([member('browse', 1, { sli: 1 }), member('cart', 1, 'no-data')]);
    expect(result.status).toBe('no-data');
    expect(result.sli).toBeNull();
    expect(result.coverage).toBe(0);
  });

  test('no data in the shortest window only: no-data (the exporter of one member stopped)', () => {
    const result = composite([
      member('browse', 1, { sli: 0.999 }),
      member('cart', 1, (windowMs) => (windowMs === HOUR ? 'no-data' : { sli: 0.999 })),
    ]);
    expect(result.burnRates['1h']).toBeNull();
    expect(result.sli).toBeCloseTo(0.999, 12);
    expect(result.status).toBe('no-data');
  });

  test('coverage is the lowest member coverage', () => {
    const result = composite([member('browse', 1, { sli: 0.99, coverage: 0.8 }), member('cart', 1, { sli: 0.99 })]);
    expect(result.coverage).toBeCloseTo(0.8, 6);
  });

  test('a fast burn of one member pages the composite: pay at 80 % in the last 6 hours', () => {
    const result = composite([
      member('browse', 1, { sli: 0.999 }),
      member('pay', 3, (windowMs) => (windowMs <= 6 * HOUR ? { sli: 0.8 } : { sli: 0.99 })),
    ]);
    // 1h and 6h: (0.999 + 3 × 0.8) / 4 = 0.84975, burn (1 − 0.84975) / 0.02 = 7.5125 > 5 on both: page.
    expect(result.burnRates['6h']).toBeCloseTo(7.5125, 10);
    expect(result.status).toBe('page');
    // pay's share of the bad over 28d: 3 × 0.01 / (0.001 + 0.03) = 0.9677…
    expect(result.members[1].badShare).toBeCloseTo(0.03 / 0.031, 12);
  });

  test('over budget in the SLO window: remaining below 0, and a 1.75x burn over 1d and 3d tickets', () => {
    const result = composite([member('browse', 1, { sli: 0.97 }), member('cart', 1, { sli: 0.96 })]);
    // SLI 0.965, 1 − 0.035 / 0.02 = −0.75; burn 1.75 > 1 in 3d and 1d: ticket
    expect(result.budgetRemaining).toBeCloseTo(-0.75, 12);
    expect(result.status).toBe('ticket');
  });

  test('a zero weight counts for nothing', () => {
    const result = composite([member('browse', 0, { sli: 0.5 }), member('cart', 2, { sli: 0.99 })]);
    expect(result.sli).toBeCloseTo(0.99, 12);
  });
});

const sli = fc.double({ min: 0, max: 1, noNaN: true });
const weight = fc.double({ min: 0.01, max: 100, noNaN: true });
const members = fc.array(fc.tuple(sli, weight), { minLength: 1, maxLength: 8 });

describe('evaluateComposite properties', () => {
  test('the SLI lies between the lowest and the highest member SLI', () => {
    fc.assert(
      fc.property(members, (specs) => {
        const result = composite(specs.map(([s, w], i) => member(`m${i}`, w, { sli: s })));
        const slis = specs.map(([s]) => s);
        expect(result.sli!).toBeGreaterThanOrEqual(Math.min(...slis) - 1e-12);
        expect(result.sli!).toBeLessThanOrEqual(Math.max(...slis) + 1e-12);
      })
    );
  });

  test('equal weights and equal traffic give the plain mean of the SLIs', () => {
    fc.assert(
      fc.property(fc.array(sli, { minLength: 1, maxLength: 8 }), weight, (slis, w) => {
        const result = composite(slis.map((s, i) => member(`m${i}`, w, { sli: s })));
        expect(result.sli!).toBeCloseTo(slis.reduce((a, b) => a + b, 0) / slis.length, 9);
      })
    );
  });

  test('scaling every weight by the same factor changes nothing', () => {
    fc.assert(
      fc.property(members, fc.double({ min: 0.001, max: 1000, noNaN: true }), (specs, k) => {
        const plain = composite(specs.map(([s, w], i) => member(`m${i}`, w, { sli: s })));
        const scaled = composite(specs.map(([s, w], i) => member(`m${i}`, w * k, { sli: s })));
        expect(scaled.sli!).toBeCloseTo(plain.sli!, 9);
        expect(scaled.status).toBe(plain.status);
      })
    );
  });

  test('bad shares sum to 1 whenever the composite has errors', () => {
    fc.assert(
      fc.property(members, (specs) => {
        const result = composite(specs.map(([s, w], i) => member(`m${i}`, w, { sli: s })));
        const shares = result.members.map((m) => m.badShare);
        if (shares.every((share) => share !== null)) {
          expect(shares.reduce((a, b) => a! + b!, 0)).toBeCloseTo(1, 9);
        } else {
          expect(result.sli).toBe(1);
        }
      })
    );
  });
});

const ratioKpi = (id: string, target: number): KpiDefinition => ({
  id,
  version: 1,
  status: 'published',
  name: id,
  owner: 'team',
  datasource: { type: 'prometheus', uid: 'prom' },
  indicator: { type: 'ratio', good: `good_${id}`, total: `total_${id}` },
  objective: { target, window: '7d' },
  alerting: { policy: 'default', minEvents: 10 },
});

const journey: CompositeKpiDefinition = compositeKpi(
  { browse: 1, pay: 2 },
  {
    objective: { target: 0.98, window: { calendar: 'month', timeZone: 'UTC' } },
    alerting: { policy: 'custom', rules: [{ severity: 'page', long: '1h', factor: 10 }] },
  }
);

describe('members of a composite', () => {
  test('resolve to the catalog KPIs with their weights', () => {
    const resolved = resolveMembers(journey, [ratioKpi('browse', 0.99), ratioKpi('pay', 0.999), journey]);
    expect(resolved.ok && resolved.members.map((m) => [m.kpi.id, m.weight])).toEqual([
      ['browse', 1],
      ['pay', 2],
    ]);
  });

  test('a member missing from the catalog is an error naming it', () => {
    expect(resolveMembers(journey, [ratioKpi('browse', 0.99)])).toEqual({
      ok: false,
      error: 'its member "pay" is not a valid KPI of this catalog',
    });
  });

  test("are read over the composite's window and policy, with their own target and queries", () => {
    const read = memberOverCompositeWindows(ratioKpi('pay', 0.999), journey);
    expect(read.objective).toEqual({ target: 0.999, window: { calendar: 'month', timeZone: 'UTC' } });
    expect(read.alerting).toEqual(journey.alerting);
    expect(read.indicator).toEqual(ratioKpi('pay', 0.999).indicator);
  });
});

describe('compositeErrorRatio', () => {
  test.each([
    [
      'the weighted mean: (1 × 0.01 + 3 × 0.002) / 4',
      [
        [1, 0.01],
        [3, 0.002],
      ],
      0.004,
    ],
    [
      'a member without traffic (NaN) drops out with its weight',
      [
        [1, 0.01],
        [3, NaN],
      ],
      0.01,
    ],
    [
      'no member with traffic is NaN (no traffic)',
      [
        [1, NaN],
        [3, NaN],
      ],
      NaN,
    ],
    [
      'a member without data (null) makes it null (no data)',
      [
        [1, 0.01],
        [3, null],
      ],
      null,
    ],
  ] as Array<[string, Array<[number, number | null]>, number | null]>)('%s', (_, members, expected) => {
    const ratio = compositeErrorRatio(members.map(([weight, errorRatio]) => ({ weight, errorRatio })));
    if (expected === null || Number.isNaN(expected)) {
      expect(ratio).toBe(expected);
    } else {
      expect(ratio).toBeCloseTo(expected, 12);
    }
  });
});
