import fc from 'fast-check';
import { formatDuration, parseDuration, tryParseDuration } from './duration';

describe('parseDuration', () => {
  test.each([
    ['5m', 300_000],
    ['28d', 28 * 86_400_000],
    ['1h30m', 5_400_000],
    ['2w', 14 * 86_400_000],
    ['1y', 365 * 86_400_000],
    ['1500ms', 1500],
    ['0s', 0],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  test.each(['28x', '', '5', 'm5', '1m1h', '-5m', '1.5h', '5 m'])('"%s" is refused with a readable message', (text) => {
    expect(() => parseDuration(text)).toThrow(/is not a duration/);
    expect(tryParseDuration(text)).toBeUndefined();
  });
});

describe('formatDuration', () => {
  test.each([
    [300_000, '5m'],
    [5_400_000, '1h30m'],
    [28 * 86_400_000, '28d'],
    [0, '0s'],
    [315_000, '5m15s'],
  ])('%d ms is %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  test('format then parse gives the same milliseconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 * 365 * 86_400_000 }), (ms) =>
        expect(parseDuration(formatDuration(ms))).toBe(ms)
      )
    );
  });
});
