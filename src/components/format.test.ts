import {
  decimalsForTarget,
  formatBurnRate,
  formatCount,
  formatDateTime,
  formatFactor,
  formatPercent,
  formatSli,
  formatTimeSpan,
  formatValue,
  MISSING,
} from './format';

describe('format', () => {
  test.each([
    [0.9994, 2, '99.94%'],
    [0.4, 1, '40.0%'],
    [-9, 1, '-900.0%'],
    [null, 2, MISSING],
    [NaN, 2, MISSING],
  ])('formatPercent(%p, %p) is %p', (ratio, decimals, expected) => {
    expect(formatPercent(ratio, decimals)).toBe(expected);
  });

  test.each([
    [0.99997, 2, '99.99%'],
    [0.898999, 1, '89.8%'],
    [0.9993, 2, '99.93%'],
    [0.9994, 2, '99.94%'],
    [1, 2, '100.00%'],
    [null, 2, MISSING],
  ])('formatSli(%p, %p) rounds down: %p', (ratio, decimals, expected) => {
    expect(formatSli(ratio, decimals)).toBe(expected);
  });

  test.each([
    [0.999, 2],
    [0.9999, 3],
    [0.99, 1],
    [0.95, 1],
    [0.99999, 4],
    [0.999999, 4],
  ])('a target of %p shows SLIs with %p decimals', (target, decimals) => {
    expect(decimalsForTarget(target)).toBe(decimals);
  });

  test.each([
    [0.6, '0.60x'],
    [14.4, '14.4x'],
    [120.4, '120x'],
    [0, '0.00x'],
    [null, MISSING],
  ])('formatBurnRate(%p) is %p', (rate, expected) => {
    expect(formatBurnRate(rate)).toBe(expected);
  });

  test('factors read as describeRule writes them', () => {
    expect(formatFactor(13.44)).toBe('13.44x');
    expect(formatFactor(28 / 30)).toBe('0.9333x');
  });

  test.each([
    [0, 'now'],
    [30_000, '30s'],
    [45 * 60_000, '45m'],
    [5 * 3_600_000 + 12 * 60_000 + 5000, '5h 12m'],
    [3 * 86_400_000 + 4 * 3_600_000, '3d 4h'],
    [2 * 86_400_000 + 59_000, '2d'],
    [null, MISSING],
  ])('formatTimeSpan(%p) is %p', (ms, expected) => {
    expect(formatTimeSpan(ms)).toBe(expected);
  });

  test('counts are grouped, small fractional counts keep a decimal', () => {
    expect(formatCount(1_000_000)).toBe('1,000,000');
    expect(formatCount(999.6)).toBe('1,000');
    expect(formatCount(2.46)).toBe('2.5');
  });

  test("values use Grafana's unit formats", () => {
    expect(formatValue(0.25, 's')).toBe('250 ms');
    expect(formatValue(0.034, 'percentunit', 1)).toBe('3.4%');
    expect(formatValue(null, 's')).toBe(MISSING);
  });
});

describe('formatDateTime: one date style for check-ins and reviews', () => {
  const written = Date.UTC(2026, 11, 6, 1, 14, 46);
  test.each([
    ['utc', '2026-12-06 01:14:46'],
    ['Europe/Berlin', '2026-12-06 02:14:46'],
    ['America/New_York', '2026-12-05 20:14:46'],
  ])('in %s a note written at 01:14:46 UTC reads as Grafana’s YYYY-MM-DD HH:mm:ss', (timeZone, text) => {
    expect(formatDateTime(written, timeZone)).toBe(text);
  });

  test('the same style as the ISO day beside it, never the browser locale’s 12/6/2026, 1:14:46 AM', () => {
    expect(formatDateTime(written, 'utc')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });
});
