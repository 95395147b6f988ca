import fc from 'fast-check';
import { parseDuration } from './duration';
import { grafanaRange } from './sloWindow';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('ranges Grafana reads', () => {
  test('one number and one unit: 28d stays, the longest month (31d 1h) reads 32d, 90 minutes 90m', () => {
    expect(grafanaRange(28 * DAY)).toBe('28d');
    expect(grafanaRange(31 * DAY + HOUR)).toBe('32d');
    expect(grafanaRange(2 * (31 * DAY + HOUR))).toBe('63d');
    expect(grafanaRange(90 * MINUTE)).toBe('90m');
    expect(grafanaRange(6 * HOUR)).toBe('6h');
  });

  test('never shorter than asked, and always one unit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 * 24 * 60 }), (minutes) => {
        const text = grafanaRange(minutes * MINUTE);
        expect(text).toMatch(/^\d+[mhd]$/);
        expect(parseDuration(text)).toBeGreaterThanOrEqual(minutes * MINUTE);
      })
    );
  });
});
