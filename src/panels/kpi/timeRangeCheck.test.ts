import { checkTimeRange, relativeTimeFor } from './timeRangeCheck';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const range = (ms: number) => ({ fromMs: 1_000_000_000_000 - ms, toMs: 1_000_000_000_000 });

describe('checkTimeRange', () => {
  test('a 6h dashboard range under a 28d SLO window: fix it on the dashboard with now-28d', () => {
    expect(checkTimeRange(range(6 * HOUR), range(6 * HOUR), 28 * DAY)).toEqual({
      coveredMs: 6 * HOUR,
      windowMs: 28 * DAY,
      fixBy: 'dashboard',
      relativeFrom: 'now-28d',
    });
  });

  test('a panel with its own relative time (range unlike the dashboard) can only be fixed in the panel editor', () => {
    expect(checkTimeRange(range(6 * HOUR), range(30 * DAY), 28 * DAY)?.fixBy).toBe('panel');
  });

  test.each([
    ['exactly the window', 28 * DAY],
    ['longer than the window', 90 * DAY],
    ['within a second of it', 28 * DAY - 500],
  ])('%s is fine', (_name, ms) => {
    expect(checkTimeRange(range(ms), range(ms), 28 * DAY)).toBeNull();
  });
});

describe('relativeTimeFor', () => {
  test.each([
    [28 * DAY, '28d'],
    [36 * HOUR, '36h'],
    [90 * 60_000, '90m'],
    [1500, '2s'],
  ])('%p ms is %s in one Grafana unit', (ms, expected) => {
    expect(relativeTimeFor(ms)).toBe(expected);
  });
});
