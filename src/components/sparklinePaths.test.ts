import fc from 'fast-check';
import { sparklinePaths, sparklineRange } from './sparklinePaths';

const grid = (length: number) => ({ startMs: 0, stepMs: 60_000, length });

describe('sparklinePaths', () => {
  test('a rising line spans the box: the lowest value at the bottom pixel, the highest at the top', () => {
    const paths = sparklinePaths(grid(3), Float64Array.of(1, 2, 3), 11, 11);
    expect(paths.line).toBe('M0,10L5,5L10,0');
    expect(paths.area).toBe('M0,11L0,10L5,5L10,0L10,11Z');
    expect(paths.targetY).toBeUndefined();
    expect(paths.dots).toEqual([]);
  });

  test('a gap breaks the line and the fill into two runs', () => {
    const paths = sparklinePaths(grid(5), Float64Array.of(0, 4, NaN, 4, 0), 9, 5);
    expect(paths.line).toBe('M0,4L2,0M6,0L8,4');
    expect(paths.area).toBe('M0,5L0,4L2,0L2,5ZM6,5L6,0L8,4L8,5Z');
  });

  test('a target outside the values widens the range so its line shows: 3 % against values of 2 to 2.5 %', () => {
    const paths = sparklinePaths(grid(2), Float64Array.of(0.02, 0.025), 21, 21, 0.03);
    expect(paths.targetY).toBe(0);
    expect(paths.line).toBe('M0,20L20,10');
  });

  test('a flat line on its target sits mid-chart, and nothing to show draws nothing', () => {
    expect(sparklinePaths(grid(2), Float64Array.of(2, 2), 11, 11, 2)).toEqual({
      line: 'M0,5L10,5',
      area: 'M0,11L0,5L10,5L10,11Z',
      dots: [],
      targetY: 5,
    });
    expect(sparklinePaths(grid(3), Float64Array.of(NaN, NaN, NaN), 11, 11)).toEqual({ line: '', area: '', dots: [] });
  });

  test('a value alone between gaps is a dot, where a path through one point would draw nothing', () => {
    // 29 six-hour steps of a week with traffic only in the last: the SLI 0.995 alone, mid-chart (its range padded).
    const values = new Float64Array(29).fill(NaN);
    values[28] = 0.995;
    expect(sparklinePaths(grid(29), values, 57, 11).dots).toEqual([{ x: 56, y: 5 }]);
    // Two lone values and a run of two: the run is a line, the lone ones dots.
    const paths = sparklinePaths(grid(6), Float64Array.of(1, NaN, 3, 3, NaN, 5), 11, 5);
    expect(paths.dots).toEqual([
      { x: 0, y: 4 },
      { x: 10, y: 0 },
    ]);
    expect(paths.line).toBe('M0,4M4,2L6,2M10,0');
  });

  test('every point and the target fall inside the box, one run per unbroken stretch of values', () => {
    const value = fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(NaN));
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 60 }),
        fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { nil: undefined }),
        fc.integer({ min: 20, max: 300 }),
        fc.integer({ min: 10, max: 100 }),
        (values, target, width, height) => {
          const paths = sparklinePaths(grid(values.length), Float64Array.from(values), width, height, target);
          const points = paths.line.match(/-?[\d.]+,-?[\d.]+/g) ?? [];
          expect(points).toHaveLength(values.filter(Number.isFinite).length);
          for (const point of points) {
            const [x, y] = point.split(',').map(Number);
            expect(x).toBeGreaterThanOrEqual(0);
            expect(x).toBeLessThanOrEqual(width - 1);
            expect(y).toBeGreaterThanOrEqual(0);
            expect(y).toBeLessThanOrEqual(height - 1);
          }
          const runs = values.filter((v, i) => Number.isFinite(v) && !Number.isFinite(values[i - 1])).length;
          expect(paths.line.split('M').length - 1).toBe(runs);
          const lone = values.filter(
            (v, i) => Number.isFinite(v) && !Number.isFinite(values[i - 1]) && !Number.isFinite(values[i + 1])
          ).length;
          expect(paths.dots).toHaveLength(lone);
          if (target !== undefined) {
            expect(paths.targetY).toBeGreaterThanOrEqual(0);
            expect(paths.targetY).toBeLessThanOrEqual(height - 1);
          }
        }
      )
    );
  });
});

describe('sparklineRange', () => {
  test('spans the finite values and the target; a flat value is padded by its own size', () => {
    expect(sparklineRange(Float64Array.of(3, NaN, 5), 9)).toEqual({ min: 3, max: 9 });
    expect(sparklineRange(Float64Array.of(-2, -2))).toEqual({ min: -4, max: 0 });
    expect(sparklineRange(Float64Array.of(NaN))).toEqual({ min: 0, max: 1 });
  });
});
