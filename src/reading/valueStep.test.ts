import fc from 'fast-check';
import { valuePeriodsAt } from '../kpi/evaluate';
import type { ObjectiveWindow } from '../kpi/model';
import { alignedToStep, GRAFANA_MAX_POINTS, valueQueryStep } from './valueStep';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** 25 Nov 2026, 12:07 UTC: not on any step, as a refresh never is. */
const AT = Date.UTC(2026, 10, 25, 12, 7);

describe('valueQueryStep: one step per period, whoever asks', () => {
  test.each<[string, ObjectiveWindow, number, number]>([
    ['a Berlin week: 30m (15 days are 720 points)', { calendar: 'week', timeZone: 'Europe/Berlin' }, 30 * MINUTE, 3600],
    [
      'a Berlin month: 1h (63 days are 1,512 points; 30m would be 3,024)',
      { calendar: 'month', timeZone: 'Europe/Berlin' },
      HOUR,
      3600,
    ],
    [
      'a Kathmandu quarter (+05:45): 3h on its own midnights (185 days are 1,480 points; 2h would be 2,220)',
      { calendar: 'quarter', timeZone: 'Asia/Kathmandu' },
      3 * HOUR,
      20_700,
    ],
    [
      'a Berlin quarter from July: 1h, as its summer and winter midnights (22:00 and 23:00 UTC) share no coarser step',
      { calendar: 'quarter', timeZone: 'Europe/Berlin' },
      HOUR,
      3600,
    ],
    ['a rolling 28d: 1h on UTC (57 days are 1,368 points)', '28d', HOUR, 0],
    ['a rolling 7h13m: 1m, the only round step that divides it', '7h13m', MINUTE, 0],
  ])('%s', (_, window, stepMs, utcOffsetSec) => {
    expect(valueQueryStep(window, AT)).toEqual({ stepMs, utcOffsetSec });
  });

  test('the same step whatever the moment in the period: a Berlin month reads at 1h on its first and last day', () => {
    const berlinMonth = { calendar: 'month' as const, timeZone: 'Europe/Berlin' };
    expect(valueQueryStep(berlinMonth, Date.UTC(2026, 10, 1, 0, 3))?.stepMs).toBe(HOUR);
    expect(valueQueryStep(berlinMonth, Date.UTC(2026, 10, 30, 22, 59))?.stepMs).toBe(HOUR);
  });

  test('a week beside a quarter keeps its 30m over the catalog’s 185 days; past 229 days Grafana would coarsen it', () => {
    const berlinWeek = { calendar: 'week' as const, timeZone: 'Europe/Berlin' };
    expect(valueQueryStep(berlinWeek, AT, 185 * DAY)?.stepMs).toBe(30 * MINUTE);
    expect(valueQueryStep(berlinWeek, AT, 400 * DAY)?.stepMs).toBe(HOUR);
  });

  test('a Kathmandu quarter’s bounds fall on its 3h steps: 30 Jun, 30 Sep and 31 Dec at 18:15 UTC', () => {
    const kathmandu = { calendar: 'quarter' as const, timeZone: 'Asia/Kathmandu' };
    const step = valueQueryStep(kathmandu, AT)!;
    const { previous, current } = valuePeriodsAt(kathmandu, alignedToStep(AT, step), step.stepMs);
    expect([previous.startMs, current.startMs, current.endMs]).toEqual([
      Date.UTC(2026, 5, 30, 18, 15),
      Date.UTC(2026, 8, 30, 18, 15),
      Date.UTC(2026, 11, 31, 18, 15),
    ]);
    // 12:07 UTC is 17:52 in Kathmandu: the step before it began at 15:00 there, 09:15 UTC.
    expect(alignedToStep(AT, step)).toBe(Date.UTC(2026, 10, 25, 9, 15));
  });

  test('property: the step falls on both periods’ bounds and stays within Grafana’s 11,000 points', () => {
    const windows = fc.oneof(
      fc.constantFrom<ObjectiveWindow>('1h', '7d', '28d', '30d', '90d'),
      fc.record({
        calendar: fc.constantFrom('week' as const, 'month' as const, 'quarter' as const),
        timeZone: fc.constantFrom('UTC', 'Europe/Berlin', 'Asia/Kolkata', 'Asia/Kathmandu', 'America/St_Johns'),
      })
    );
    fc.assert(
      fc.property(windows, fc.integer({ min: 0, max: 366 * DAY }), (window, offsetMs) => {
        const atMs = Date.UTC(2026, 0, 1) + offsetMs;
        const step = valueQueryStep(window, atMs);
        if (step === undefined) {
          throw new Error(`no step for ${JSON.stringify(window)}`);
        }
        const { current, previous } = valuePeriodsAt(window, alignedToStep(atMs, step), step.stepMs);
        expect(current.endMs - previous.startMs + DAY).toBeLessThanOrEqual(GRAFANA_MAX_POINTS * step.stepMs);
        for (const bound of [previous.startMs, current.startMs, current.endMs]) {
          expect(alignedToStep(bound, step)).toBe(bound);
        }
      })
    );
  });
});
