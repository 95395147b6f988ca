import { gridEndingAt } from '../kpi/series';
import { sparklineFields } from './TrendSparkline';

describe('sparklineFields', () => {
  test('times from the grid, gaps as nulls and the value range Sparkline needs', () => {
    const grid = gridEndingAt(10_000, 1000, 3);
    const { x, y } = sparklineFields(grid, Float64Array.of(2, NaN, 5));
    expect(x.values).toEqual([8000, 9000, 10_000]);
    expect(y.values).toEqual([2, null, 5]);
    expect(y.state?.range).toEqual({ min: 2, max: 5, delta: 3 });
  });

  test('an all-gap series gets a range all the same', () => {
    const { y } = sparklineFields(gridEndingAt(0, 1000, 2), Float64Array.of(NaN, NaN));
    expect(y.state?.range).toEqual({ min: 0, max: 1, delta: 1 });
  });
});
