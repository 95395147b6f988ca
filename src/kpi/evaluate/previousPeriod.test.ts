import { gridEndingAt } from '../time';
import { previousPeriodReading } from './previousPeriod';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Hourly events ending at `endMs`: 100 an hour, with `bad(t)` failing in the hour that ends at t. */
function hourly(endMs: number, hours: number, bad: (t: number) => number) {
  const grid = gridEndingAt(endMs, HOUR, hours);
  const total = new Float64Array(hours).fill(100);
  const good = new Float64Array(hours);
  for (let i = 0; i < hours; i++) {
    good[i] = 100 - bad(grid.startMs + i * HOUR);
  }
  return { grid, good, total };
}

describe('the whole previous calendar period', () => {
  const berlinMonth = { calendar: 'month' as const, timeZone: 'Europe/Berlin' };
  // 15 November 2026, 12:00 UTC. Last month in Berlin: 1 October 00:00 CEST (30 September 22:00 UTC) to
  // 1 November 00:00 CET (31 October 23:00 UTC): 31 days and the hour the clocks went back, 745 hours.
  const atMs = Date.UTC(2026, 10, 15, 12);
  const octoberStart = Date.UTC(2026, 8, 30, 22);
  const octoberEnd = Date.UTC(2026, 9, 31, 23);

  test('October in Berlin: 745 hours of 100 requests, 2 failing in each of its first 100 hours: SLI 99.7315 %', () => {
    const counts = hourly(atMs, 60 * 24, (t) => (t > octoberStart && t <= octoberStart + 100 * HOUR ? 2 : 0));
    const reading = previousPeriodReading(counts, berlinMonth, atMs)!;
    expect([reading.label, reading.startMs, reading.endMs]).toEqual(['last month', octoberStart, octoberEnd]);
    // 200 bad of 74,500: 1 − 200 / 74,500 = 0.997315436…
    expect(reading.sli).toBeCloseTo(1 - 200 / 74_500, 12);
    expect(reading.coverage).toBe(1);
  });

  test('the hours around it do not count: failures just before 1 October and from 1 November leave it at 100 %', () => {
    const counts = hourly(atMs, 60 * 24, (t) => (t <= octoberStart || t > octoberEnd ? 50 : 0));
    expect(previousPeriodReading(counts, berlinMonth, atMs)!.sli).toBe(1);
  });

  test('a gap of a day is coverage, not an SLI of 100 %; no events at all is no SLI', () => {
    const counts = hourly(atMs, 60 * 24, () => 1);
    for (let i = 0; i < counts.grid.length; i++) {
      const t = counts.grid.startMs + i * HOUR;
      if (t > octoberStart && t <= octoberStart + DAY) {
        counts.good[i] = NaN;
        counts.total[i] = NaN;
      }
    }
    const reading = previousPeriodReading(counts, berlinMonth, atMs)!;
    expect(reading.coverage).toBeCloseTo(721 / 745, 12);
    expect(reading.sli).toBeCloseTo(0.99, 12);
    counts.total.fill(0);
    counts.good.fill(0);
    expect(previousPeriodReading(counts, berlinMonth, atMs)!.sli).toBeNull();
  });

  test('a range that starts inside last month gives no reading, and a rolling window has none', () => {
    expect(
      previousPeriodReading(
        hourly(atMs, 40 * 24, () => 0),
        berlinMonth,
        atMs
      )
    ).toBeUndefined();
    expect(
      previousPeriodReading(
        hourly(atMs, 60 * 24, () => 0),
        '28d',
        atMs
      )
    ).toBeUndefined();
  });
});
