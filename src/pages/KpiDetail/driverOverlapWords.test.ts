import { DAY_MS, valuePeriodsAt } from '../../kpi/evaluate';
import { conversionKpi } from '../../testing/valueKpis';
import { driverOverlapSentence, formatDays, offTargetSentence, valueOffTargetDays } from './driverOverlapWords';

const NOV_10 = Date.UTC(2026, 10, 10);
const days = (...dates: number[]) => dates.map((date) => Date.UTC(2026, 10, date));

describe('the overlap’s words', () => {
  test('days read as "10 Nov, 12 Nov", and a long list says how many more', () => {
    expect(formatDays(days(10, 12))).toBe('10 Nov, 12 Nov');
    expect(formatDays(days(1, 2, 3, 4, 5, 6, 7))).toBe('1 Nov, 2 Nov, 3 Nov, 4 Nov, 5 Nov and 2 more');
  });

  test.each([
    [[], 'Conversion was not off target on any day of its window, so there is no overlap to show.'],
    [days(12), 'Conversion was off target on 1 day: 12 Nov.'],
    [days(12, 14), 'Conversion was off target on 2 days: 12 Nov, 14 Nov.'],
  ])('the headline for off-target days %j', (offDays, sentence) => {
    expect(offTargetSentence('Conversion', offDays)).toBe(sentence);
  });

  test.each([
    [
      'a driver that burned on some of those days overlapped with them',
      { burningDays: days(11, 12, 14), overlap: days(12, 14) },
      'Checkout availability burned budget on 2 of the 3 off-target days (12 Nov, 14 Nov): the two overlapped in time.',
    ],
    [
      'a driver that burned on every one of those days says all',
      { burningDays: days(12, 13, 14), overlap: days(12, 13, 14) },
      'Checkout availability burned budget on all 3 off-target days (12 Nov, 13 Nov, 14 Nov): the two overlapped in time.',
    ],
    [
      'a driver that burned on other days did not coincide',
      { burningDays: days(20), overlap: [] },
      'Checkout availability burned budget on 1 day, none of which coincided with them.',
    ],
    [
      'a driver that never burned says so',
      { burningDays: [], overlap: [] },
      'Checkout availability did not burn budget faster than its SLO allows on any day.',
    ],
  ])('%s, and no sentence names a cause', (_, figures, sentence) => {
    const text = driverOverlapSentence('Checkout availability', { driverId: 'checkout', ...figures }, 3);
    expect(text).toBe(sentence);
    expect(text).not.toMatch(/caus|because|due to/i);
  });

  test.each([
    [
      1,
      days(12),
      'Checkout availability burned budget on the one off-target day (12 Nov): the two overlapped in time.',
    ],
    [
      2,
      days(12, 14),
      'Checkout availability burned budget on both off-target days (12 Nov, 14 Nov): the two overlapped in time.',
    ],
    [
      4,
      days(11, 12, 13, 14),
      'Checkout availability burned budget on all 4 off-target days (11 Nov, 12 Nov, 13 Nov, 14 Nov): the two overlapped in time.',
    ],
  ])('a driver burning on every one of %i off-target days is counted in words', (offDays, overlap, sentence) => {
    const figures = { driverId: 'checkout', burningDays: overlap, overlap };
    expect(driverOverlapSentence('Checkout availability', figures, offDays)).toBe(sentence);
  });

  test.each([
    [{ burningDays: [], overlap: [] }, 'Basket size did not miss its target on any day.'],
    [
      { burningDays: days(20, 21), overlap: [] },
      'Basket size missed its target on 2 days, none of which coincided with them.',
    ],
  ])('a value driver misses its target rather than burning budget: %j', (figures, sentence) => {
    expect(driverOverlapSentence('Basket size', { driverId: 'basket', ...figures }, 2, 'value')).toBe(sentence);
  });
});

describe('valueOffTargetDays', () => {
  test('conversion of 2.5 % on 11 Nov is off track against ≥ 3 % (warning 2.8 %); 3 % on 10 Nov is on target', () => {
    const kpi = conversionKpi({ target: 0.03, warning: 0.028, window: '7d' });
    const atMs = NOV_10 + 2 * DAY_MS;
    const periods = valuePeriodsAt('7d', atMs);
    const { grid } = periods;
    const numerator = new Float64Array(grid.length);
    const denominator = new Float64Array(grid.length).fill(100);
    for (let i = 0; i < grid.length; i++) {
      const dayMs = Math.floor((grid.startMs + (i - 1) * grid.stepMs) / DAY_MS) * DAY_MS;
      numerator[i] = dayMs === NOV_10 + DAY_MS ? 2.5 : 3;
    }
    const reading = { periods, series: { numerator, denominator } } as Parameters<typeof valueOffTargetDays>[1];
    expect(valueOffTargetDays(kpi, reading)).toEqual([NOV_10 + DAY_MS]);
  });
});
