import { parseDuration } from './duration';
import { burnRateFactor, decide, describeRule, policyWindows, resolvePolicy } from './policy';

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
