import { parseDuration } from '../time';
import fc from 'fast-check';
import { burnRateFactor, decide, describeRule, policyWindows, resolvePolicy, sloReadSpanMs } from './policy';

const DAY = 86_400_000;

describe('default policy factors', () => {
  test.each([
    ['a 30d window gives the workbook factors 14.4 / 6 / 3 / 1', 30, [14.4, 6, 3, 1]],
    ['a 28d window gives 13.44 / 5.6 / 2.8 / 0.9333', 28, [13.44, 5.6, 2.8, 0.9333333333]],
    ['a 7d window gives 3.36 / 1.4 / 0.7 / 0.2333', 7, [3.36, 1.4, 0.7, 0.2333333333]],
  ])('%s', (_name, days, expected) => {
    const rules = resolvePolicy({ policy: 'default' }, days * DAY);
    rules.forEach((rule, i) => expect(rule.factor).toBeCloseTo(expected[i], 8));
    expect(rules.map((r) => r.severity)).toEqual(['page', 'page', 'ticket', 'ticket']);
  });

  test('short windows are a twelfth of the long ones', () => {
    const rules = resolvePolicy(undefined, 30 * DAY);
    expect(rules.map((r) => [r.longMs, r.shortMs])).toEqual(
      ['1h/5m', '6h/30m', '1d/2h', '3d/6h'].map((pair) => pair.split('/').map(parseDuration))
    );
  });

  test('2 % of a 30d budget in 1h is 14.4x: 0.02 × 720h / 1h', () => {
    expect(burnRateFactor(0.02, 30 * DAY, 3_600_000)).toBeCloseTo(14.4, 12);
  });
});

describe('custom policies', () => {
  test('the article rule "page when burn rate > 2x over a short window" is one row with a factor', () => {
    const [rule] = resolvePolicy(
      { policy: 'custom', rules: [{ severity: 'page', factor: 2, long: '1h', short: '5m' }] },
      28 * DAY
    );
    expect(rule).toEqual({
      severity: 'page',
      longMs: 3_600_000,
      shortMs: 300_000,
      factor: 2,
      budgetFraction: undefined,
    });
    expect(describeRule(rule)).toBe('page 1h/5m > 2x');
  });

  test('a budget fraction with no short window takes long / 12', () => {
    const [rule] = resolvePolicy(
      { policy: 'custom', rules: [{ severity: 'ticket', budgetFraction: 0.1, long: '12h' }] },
      30 * DAY
    );
    expect(rule.shortMs).toBe(3_600_000);
    expect(rule.factor).toBeCloseTo(6, 12); // 0.1 × 720h / 12h
  });

  test('policyWindows lists every distinct window, shortest first', () => {
    expect(policyWindows(resolvePolicy(undefined, 30 * DAY)).map((w) => w / 60_000)).toEqual([
      5, 30, 60, 120, 360, 1440, 4320,
    ]);
  });
});

describe('how far back an SLO is read', () => {
  const HOUR_MS = 3_600_000;
  const DAY_MS = 24 * HOUR_MS;
  test.each<[string, Parameters<typeof sloReadSpanMs>[0], number]>([
    ['28d: its window, past the default policy’s 3d', { objective: { target: 0.99, window: '28d' } }, 28 * DAY_MS],
    ['1d: the default ticket row’s 3d, past its window', { objective: { target: 0.99, window: '1d' } }, 3 * DAY_MS],
    [
      'a Berlin month: its longest, 31d and the hour of a summer-time change',
      { objective: { target: 0.99, window: { calendar: 'month', timeZone: 'Europe/Berlin' } } },
      31 * DAY_MS + HOUR_MS,
    ],
    [
      '6h with a custom 1h/5m row: its window',
      {
        objective: { target: 0.99, window: '6h' },
        alerting: { policy: 'custom', rules: [{ severity: 'page', long: '1h', short: '5m', factor: 2 }] },
      },
      6 * HOUR_MS,
    ],
  ])('%s', (_name, kpi, spanMs) => {
    expect(sloReadSpanMs(kpi)).toBe(spanMs);
  });
});

describe('decide', () => {
  const rules = resolvePolicy(undefined, 30 * DAY);
  const burns = (long: number | null, short: number | null) => (w: number) =>
    w === rules[0].longMs ? long : w === rules[0].shortMs ? short : 0;

  test.each([
    ['both windows above 14.4 fire', 15, 15, true],
    ['a long window alone does not fire (the burn has stopped)', 15, 1, false],
    ['a short spike alone does not fire', 1, 100, false],
    ['exactly the factor does not fire: it must be above', 14.4, 14.4, false],
    ['no traffic in a window cannot fire', 15, null, false],
  ])('%s', (_name, long, short, firing) => {
    expect(decide(rules, burns(long, short))[0].firing).toBe(firing);
  });
});

describe('the low-traffic guard', () => {
  // page 1h/5m above 14.4x; with a 99.9 % target a 10 % error ratio is a 100x burn.
  const [pageRule] = resolvePolicy({ policy: 'default' }, parseDuration('30d'));
  const burning = () => 100;

  test.each([
    ['12 events in the 5m window, 50 required: held back', 12, 50, false, true],
    ['exactly 50 events, 50 required: fires', 50, 50, true, false],
    ['no events counted in the short window: held back', null, 50, false, true],
  ])('%s', (_name, events, minEvents, firing, heldBack) => {
    const [decision] = decide([pageRule], burning, { minEvents, eventsIn: () => events });
    expect(decision).toMatchObject({ firing, heldBackByLowTraffic: heldBack });
  });

  test('a rule that does not burn is never "held back"', () => {
    const [decision] = decide([pageRule], () => 1, { minEvents: 50, eventsIn: () => 3 });
    expect(decision).toMatchObject({ firing: false, heldBackByLowTraffic: false });
  });

  test('the guard only ever silences: with it, a rule fires only if it fires without it and has the events', () => {
    const rules = resolvePolicy({ policy: 'default' }, parseDuration('28d'));
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.double({ min: 0, max: 200, noNaN: true }), { nil: null }), {
          minLength: 8,
          maxLength: 8,
        }),
        fc.array(fc.option(fc.nat(1000), { nil: null }), { minLength: 8, maxLength: 8 }),
        fc.integer({ min: 1, max: 500 }),
        (rates, counts, minEvents) => {
          const windows = policyWindows(rules);
          const burnRateOf = (w: number) => rates[windows.indexOf(w)] ?? null;
          const eventsIn = (w: number) => counts[windows.indexOf(w)] ?? null;
          const unguarded = decide(rules, burnRateOf);
          const guarded = decide(rules, burnRateOf, { minEvents, eventsIn });
          guarded.forEach((decision, i) => {
            expect(decision.firing).toBe(unguarded[i].firing && (eventsIn(decision.rule.shortMs) ?? 0) >= minEvents);
            expect(decision.heldBackByLowTraffic).toBe(unguarded[i].firing && !decision.firing);
          });
        }
      )
    );
  });
});

describe('alert tiers', () => {
  test('turning the ticket tier off leaves the two page rows of the default policy: 14.4x and 6x for 30d', () => {
    const rules = resolvePolicy({ policy: 'default', ticket: { enabled: false } }, parseDuration('30d'));
    expect(rules.map(describeRule)).toEqual(['page 1h/5m > 14.4x', 'page 6h/30m > 6x']);
  });

  test('a severity name or a for of its own does not change which rules there are', () => {
    const named = resolvePolicy({ policy: 'default', page: { severity: 'critical', for: '1m' } }, parseDuration('28d'));
    expect(named).toEqual(resolvePolicy({ policy: 'default' }, parseDuration('28d')));
  });
});
