import type { ValueLine } from '../kpi/evaluate';
import { valueRange } from './ValuePeriodChart';

const line = (...values: number[]): ValueLine => ({
  grid: { startMs: 0, stepMs: 60_000, length: values.length },
  values: Float64Array.from(values),
});

describe('the value chart’s range', () => {
  test('a count from 0 to 600 under a target of 1,000 starts at 0, not below it', () => {
    // Room above: (1,000 − 0) × 8 % = 80.
    expect(valueRange([line(0, 300, 600)], [1000])).toEqual([0, 1080]);
  });

  test('values away from 0 keep their room on both sides', () => {
    // 2.5 % to 3.2 % around a 3 % target: room (3.2 − 2.5) × 8 % = 0.056.
    const [min, max] = valueRange([line(2.5, 3.2)], [3]);
    expect(min).toBeCloseTo(2.444, 12);
    expect(max).toBeCloseTo(3.256, 12);
  });

  test('negative values keep their room below, and missing points are left out', () => {
    // −5 to 5 around 0: room 10 × 8 % = 0.8.
    const [min, max] = valueRange([line(-5, NaN, 5), undefined], [0]);
    expect(min).toBeCloseTo(-5.8, 12);
    expect(max).toBeCloseTo(5.8, 12);
  });
});
