import { countsFromSlices } from './evaluate';
import type { Comparator } from '../model';
import { gridEndingAt } from '../time';
import { comparePeriods, deltaDirection, latestValue, meetsThreshold } from './trend';

const DAY = 86_400_000;
const END = Date.UTC(2026, 10, 1);

describe('comparePeriods', () => {
  test('daily conversion rate, 3-day periods: 3.3 % now vs 3.0 % before is +0.3 points, +10 %', () => {
    const grid = gridEndingAt(END, DAY, 6);
    const values = Float64Array.of(2.9, 3.0, 3.1, 3.2, 3.3, 3.4);
    const result = comparePeriods(values, grid, 3 * DAY);
    expect(result.current).toBeCloseTo(3.3, 12); // (3.2 + 3.3 + 3.4) / 3
    expect(result.previous).toBeCloseTo(3.0, 12); // (2.9 + 3.0 + 3.1) / 3
    expect(result.delta).toBeCloseTo(0.3, 12);
    expect(result.relativeDelta).toBeCloseTo(0.1, 12);
    expect(result.currentCoverage).toBe(1);
    expect(result.previousCoverage).toBe(1);
  });

  test('gaps are left out of the mean and lower the coverage', () => {
    const grid = gridEndingAt(END, DAY, 4);
    const result = comparePeriods(Float64Array.of(10, NaN, 30, NaN), grid, 2 * DAY);
    expect(result.current).toBe(30);
    expect(result.previous).toBe(10);
    expect(result.currentCoverage).toBe(0.5);
    expect(result.previousCoverage).toBe(0.5);
  });

  test('without a previous period (too short a time range) there is no delta', () => {
    const grid = gridEndingAt(END, DAY, 3);
    const result = comparePeriods(Float64Array.of(1, 2, 3), grid, 3 * DAY);
    expect(result.current).toBe(2);
    expect(result.previous).toBeNull();
    expect(result.delta).toBeNull();
    expect(result.previousCoverage).toBe(0);
  });

  test('a previous mean of 0 gives a delta but no relative delta', () => {
    const grid = gridEndingAt(END, DAY, 2);
    const result = comparePeriods(Float64Array.of(0, 5), grid, DAY);
    expect(result.delta).toBe(5);
    expect(result.relativeDelta).toBeNull();
  });

  test('an earlier instant compares the periods ending there', () => {
    const grid = gridEndingAt(END, DAY, 5);
    const result = comparePeriods(Float64Array.of(1, 2, 3, 4, 100), grid, DAY, END - DAY);
    expect(result.current).toBe(4);
    expect(result.previous).toBe(3);
  });
});

describe('latestValue', () => {
  test('is the value of the last step, and null when that step is a gap', () => {
    const grid = gridEndingAt(END, DAY, 3);
    expect(latestValue(Float64Array.of(1, 2, 3), grid)).toBe(3);
    expect(latestValue(Float64Array.of(1, 2, NaN), grid)).toBeNull();
  });
});

describe('deltaDirection', () => {
  test.each([
    ['a latency drop is better', -12, '<', 'better'],
    ['a latency rise is worse', 12, '<=', 'worse'],
    ['a conversion rise is better', 0.3, '>=', 'better'],
    ['a conversion drop is worse', -0.3, '>', 'worse'],
    ['no change is flat', 0, '<', 'flat'],
  ] as const)('%s', (_name, delta, comparator, expected) => {
    expect(deltaDirection(delta, comparator)).toBe(expected);
  });

  test('no delta, no direction', () => {
    expect(deltaDirection(null, '<')).toBeNull();
  });
});

describe('meetsThreshold', () => {
  test.each(['<', '<=', '>', '>='] as Comparator[])('agrees with countsFromSlices for %s', (comparator) => {
    const values = Float64Array.of(299, 300, 301);
    const counts = countsFromSlices(values, comparator, 300, gridEndingAt(END, DAY, 3));
    values.forEach((value, i) => expect(meetsThreshold(value, comparator, 300)).toBe(counts.good[i] === 1));
  });
});
