import fc from 'fast-check';
import { shadedSpans } from './maintenanceShading';

const HOUR_MS = 3_600_000;
// 25 hourly steps from midnight: the axis runs from 00:00 to 24:00, 24 hours wide.
const grid = { startMs: Date.UTC(2026, 10, 28), stepMs: HOUR_MS, length: 25 };

describe('shadedSpans', () => {
  test('a window 02:00–04:00 covers 2/24 of the axis from 2/24 on', () => {
    const [span] = shadedSpans(grid, [{ startMs: grid.startMs + 2 * HOUR_MS, endMs: grid.startMs + 4 * HOUR_MS }]);
    expect(span.left).toBeCloseTo(2 / 24, 12);
    expect(span.width).toBeCloseTo(2 / 24, 12);
  });

  test('a window open at both ends of the axis is clipped to it: from 22:00 to past the end is 2/24 wide', () => {
    const [span] = shadedSpans(grid, [{ startMs: grid.startMs + 22 * HOUR_MS, endMs: grid.startMs + 30 * HOUR_MS }]);
    expect(span.left).toBeCloseTo(22 / 24, 12);
    expect(span.width).toBeCloseTo(2 / 24, 12);
    const [before] = shadedSpans(grid, [{ startMs: grid.startMs - 5 * HOUR_MS, endMs: grid.startMs + 3 * HOUR_MS }]);
    expect(before).toEqual({ left: 0, width: 3 / 24 });
  });

  test('a window off the axis, or a one-step grid, shades nothing', () => {
    expect(shadedSpans(grid, [{ startMs: grid.startMs - 3 * HOUR_MS, endMs: grid.startMs - HOUR_MS }])).toEqual([]);
    expect(shadedSpans({ ...grid, length: 1 }, [{ startMs: grid.startMs, endMs: grid.startMs + HOUR_MS }])).toEqual([]);
  });

  test('every span lies within the axis and is as wide as the part of its window on it', () => {
    fc.assert(
      fc.property(fc.integer({ min: -48, max: 48 }), fc.integer({ min: 1, max: 48 }), (startHour, hours) => {
        const interval = {
          startMs: grid.startMs + startHour * HOUR_MS,
          endMs: grid.startMs + (startHour + hours) * HOUR_MS,
        };
        const onAxisHours = Math.max(0, Math.min(startHour + hours, 24) - Math.max(startHour, 0));
        const spans = shadedSpans(grid, [interval]);
        expect(spans).toHaveLength(onAxisHours > 0 ? 1 : 0);
        for (const { left, width } of spans) {
          expect(left).toBeGreaterThanOrEqual(0);
          expect(left + width).toBeLessThanOrEqual(1 + 1e-12);
          expect(width).toBeCloseTo(onAxisHours / 24, 12);
        }
      })
    );
  });
});
