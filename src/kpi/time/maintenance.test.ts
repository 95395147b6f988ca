import fc from 'fast-check';
import { parseCron } from './cron';
import {
  cronStarts,
  maintenanceAt,
  maintenanceIntervals,
  maintenanceMask,
  maintenanceOccurrences,
  nextMaintenance,
  parseInstant,
} from './maintenance';
import type { MaintenanceWindow } from '../model';
import { gridEndingAt } from './series';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const utc = (text: string) => Date.parse(text);
const iso = (ms: number) => new Date(ms).toISOString();

function starts(expression: string, timeZone: string, from: string, to: string): string[] {
  const parsed = parseCron(expression);
  if (!parsed.ok) {
    throw new Error(parsed.message);
  }
  return cronStarts(parsed.cron, timeZone, utc(from), utc(to)).map(iso);
}

describe('parseInstant', () => {
  test.each([
    ['2026-11-28T02:00:00Z', utc('2026-11-28T02:00:00Z')],
    ['2026-11-28T03:00:00+01:00', utc('2026-11-28T02:00:00Z')],
    ['2026-11-28T02:00Z', utc('2026-11-28T02:00:00Z')],
    ['2026-11-28T02:00:00', null], // no offset: which zone would it be?
    ['2026-11-28', null],
    ['next Sunday', null],
    ['2026-13-01T00:00:00Z', null],
  ])('%s reads as %p', (text, ms) => {
    expect(parseInstant(text)).toBe(ms);
  });
});

describe('cronStarts', () => {
  test('Sundays at 02:00 UTC over two weeks', () => {
    expect(starts('0 2 * * 0', 'UTC', '2026-11-22T00:00:00Z', '2026-12-07T00:00:00Z')).toEqual([
      '2026-11-22T02:00:00.000Z',
      '2026-11-29T02:00:00.000Z',
      '2026-12-06T02:00:00.000Z',
    ]);
  });

  test('in Berlin, 02:00 is 01:00 UTC in winter and 00:00 UTC in summer', () => {
    expect(starts('0 2 * * *', 'Europe/Berlin', '2026-12-01T00:00:00Z', '2026-12-02T00:00:00Z')).toEqual([
      '2026-12-01T01:00:00.000Z',
    ]);
    expect(starts('0 2 * * *', 'Europe/Berlin', '2026-07-01T00:00:00Z', '2026-07-02T00:00:00Z')).toEqual([
      '2026-07-01T00:00:00.000Z',
    ]);
  });

  test('on 29 March 2026 Berlin skips 02:00–03:00: a 02:30 start runs at 03:30 CEST, 01:30 UTC', () => {
    expect(starts('30 2 * * *', 'Europe/Berlin', '2026-03-28T00:00:00Z', '2026-03-31T00:00:00Z')).toEqual([
      '2026-03-28T01:30:00.000Z', // 02:30 CET
      '2026-03-29T01:30:00.000Z', // 02:30 does not exist; 03:30 CEST
      '2026-03-30T00:30:00.000Z', // 02:30 CEST
    ]);
  });

  test('on 25 October 2026 Berlin shows 02:30 twice: the window starts once, at the first', () => {
    expect(starts('30 2 * * *', 'Europe/Berlin', '2026-10-24T12:00:00Z', '2026-10-25T12:00:00Z')).toEqual([
      '2026-10-25T00:30:00.000Z', // 02:30 CEST, not 02:30 CET an hour later
    ]);
  });

  test('Kolkata is UTC+05:30 all year: 02:00 there is 20:30 UTC the day before', () => {
    expect(starts('0 2 * * *', 'Asia/Kolkata', '2026-11-27T12:00:00Z', '2026-11-28T12:00:00Z')).toEqual([
      '2026-11-27T20:30:00.000Z',
    ]);
  });
});

const sundayUpgrade: MaintenanceWindow = { cron: '0 2 * * 0', duration: '2h', reason: 'weekly database upgrade' };
const blackFriday: MaintenanceWindow = {
  start: '2026-11-29T03:00:00Z',
  end: '2026-11-29T05:00:00Z',
  reason: 'load balancer swap',
};

describe('maintenanceIntervals', () => {
  test('a recurring and a fixed window that overlap merge into one interval', () => {
    // Sunday 29 November: 02:00–04:00 from the cron, 03:00–05:00 fixed: 02:00–05:00 together.
    const intervals = maintenanceIntervals(
      [sundayUpgrade, blackFriday],
      utc('2026-11-28T00:00:00Z'),
      utc('2026-11-30T00:00:00Z')
    );
    expect(intervals.map(({ startMs, endMs }) => [iso(startMs), iso(endMs)])).toEqual([
      ['2026-11-29T02:00:00.000Z', '2026-11-29T05:00:00.000Z'],
    ]);
  });

  test('an occurrence that started before the range still counts: it intersects it', () => {
    const intervals = maintenanceIntervals([sundayUpgrade], utc('2026-11-29T03:00:00Z'), utc('2026-11-29T03:30:00Z'));
    expect(intervals).toEqual([{ startMs: utc('2026-11-29T02:00:00Z'), endMs: utc('2026-11-29T04:00:00Z') }]);
  });

  test('the end is exclusive: a range starting at 04:00 sees nothing', () => {
    expect(maintenanceIntervals([sundayUpgrade], utc('2026-11-29T04:00:00Z'), utc('2026-11-29T06:00:00Z'))).toEqual([]);
  });

  test('no windows, no intervals', () => {
    expect(maintenanceIntervals(undefined, 0, DAY)).toEqual([]);
  });
});

describe('maintenanceAt and nextMaintenance', () => {
  test('inside the Sunday window it names the reason and when it ends', () => {
    const now = maintenanceAt([sundayUpgrade, blackFriday], utc('2026-11-29T03:30:00Z'));
    // Both hold 03:30; the fixed one lasts longer (05:00), so that is when maintenance ends.
    expect(now).toEqual({
      startMs: utc('2026-11-29T03:00:00Z'),
      endMs: utc('2026-11-29T05:00:00Z'),
      reason: 'load balancer swap',
      index: 1,
    });
    expect(maintenanceAt([sundayUpgrade], utc('2026-11-29T04:00:00Z'))).toBeNull();
  });

  test('on a Wednesday the next window is Sunday 02:00', () => {
    const next = nextMaintenance([sundayUpgrade], utc('2026-12-02T04:30:00Z'));
    expect(next && [iso(next.startMs), iso(next.endMs), next.reason]).toEqual([
      '2026-12-06T02:00:00.000Z',
      '2026-12-06T04:00:00.000Z',
      'weekly database upgrade',
    ]);
  });
});

describe('maintenanceMask', () => {
  const grid = gridEndingAt(utc('2026-11-29T06:00:00Z'), 5 * MINUTE, 72); // 00:05 … 06:00

  test('02:00–04:00 on a 5m grid excludes the 24 steps 02:05 … 04:00', () => {
    // Step t holds (t − 5m, t]: the step at 02:00 ends as maintenance starts, the one at 04:00 ends with it.
    const mask = maintenanceMask([{ startMs: utc('2026-11-29T02:00:00Z'), endMs: utc('2026-11-29T04:00:00Z') }], grid);
    const excluded = [...mask].flatMap((bit, i) => (bit ? [iso(grid.startMs + i * grid.stepMs)] : []));
    expect(excluded).toHaveLength(24);
    expect([excluded[0], excluded.at(-1)]).toEqual(['2026-11-29T02:05:00.000Z', '2026-11-29T04:00:00.000Z']);
  });

  test('a window starting or ending mid-step excludes the whole step', () => {
    // 02:02–02:11 touches (02:00, 02:05], (02:05, 02:10] and (02:10, 02:15].
    const mask = maintenanceMask([{ startMs: utc('2026-11-29T02:02:00Z'), endMs: utc('2026-11-29T02:11:00Z') }], grid);
    expect(mask.reduce((a, b) => a + b, 0)).toBe(3);
  });

  test('intervals outside the grid exclude nothing', () => {
    const mask = maintenanceMask([{ startMs: 0, endMs: HOUR }], grid);
    expect(mask.every((bit) => bit === 0)).toBe(true);
  });
});

describe('properties of maintenanceIntervals', () => {
  const base = utc('2026-01-01T00:00:00Z');
  const fixedWindow = fc
    .record({ start: fc.integer({ min: 0, max: 20 * 24 * 60 }), minutes: fc.integer({ min: 1, max: 3 * 24 * 60 }) })
    .map(({ start, minutes }): MaintenanceWindow => ({
      start: iso(base + start * MINUTE),
      end: iso(base + (start + minutes) * MINUTE),
      reason: 'fixed',
    }));
  const cronWindow = fc
    .record({
      minute: fc.integer({ min: 0, max: 59 }),
      hour: fc.constantFrom('*', '2', '1-4', '*/6'),
      weekday: fc.constantFrom('*', '0', '1-5'),
      minutes: fc.integer({ min: 1, max: 180 }),
      timeZone: fc.constantFrom('UTC', 'Asia/Kolkata'),
    })
    .map(({ minute, hour, weekday, minutes, timeZone }): MaintenanceWindow => ({
      cron: `${minute} ${hour} * * ${weekday}`,
      duration: `${minutes}m`,
      timeZone,
      reason: 'recurring',
    }));
  const range = fc
    .record({ from: fc.integer({ min: 0, max: 25 * 24 * 60 }), minutes: fc.integer({ min: 1, max: 7 * 24 * 60 }) })
    .map(({ from, minutes }) => ({ fromMs: base + from * MINUTE, toMs: base + (from + minutes) * MINUTE }));
  const windows = fc.array(fc.oneof(fixedWindow, cronWindow), { maxLength: 4 });

  /** Independent of cronStarts: is some minute in (p − duration, p] one the cron fires at, read in its zone? */
  function coveredByBruteForce(list: readonly MaintenanceWindow[], atMs: number): boolean {
    return list.some((window) => {
      if ('start' in window) {
        return utc(window.start) <= atMs && atMs < utc(window.end);
      }
      const [minute, hour, , , weekday] = window.cron.split(' ');
      const durationMinutes = Number(window.duration.slice(0, -1));
      const offsetMinutes = window.timeZone === 'Asia/Kolkata' ? 330 : 0;
      const latestStart = Math.floor(atMs / MINUTE) * MINUTE;
      for (let at = latestStart; at > atMs - durationMinutes * MINUTE; at -= MINUTE) {
        const local = new Date(at + offsetMinutes * MINUTE);
        if (
          fieldAllows(minute, local.getUTCMinutes()) &&
          fieldAllows(hour, local.getUTCHours()) &&
          fieldAllows(weekday, local.getUTCDay())
        ) {
          return true;
        }
      }
      return false;
    });
  }

  function fieldAllows(field: string, value: number): boolean {
    if (field === '*') {
      return true;
    }
    if (field.startsWith('*/')) {
      return value % Number(field.slice(2)) === 0;
    }
    const [low, high = low] = field.split('-').map(Number);
    return value >= low && value <= high;
  }

  test('merged intervals are sorted and disjoint, and each one intersects the range', () => {
    fc.assert(
      fc.property(windows, range, (list, { fromMs, toMs }) => {
        const intervals = maintenanceIntervals(list, fromMs, toMs);
        intervals.forEach((interval, i) => {
          expect(interval.startMs).toBeLessThan(interval.endMs);
          expect(interval.startMs).toBeLessThan(toMs);
          expect(interval.endMs).toBeGreaterThan(fromMs);
          if (i > 0) {
            expect(interval.startMs).toBeGreaterThan(intervals[i - 1].endMs);
          }
        });
      }),
      { numRuns: 200 }
    );
  });

  test('a point of the range is inside an interval iff some window covers it', () => {
    fc.assert(
      fc.property(windows, range, fc.double({ min: 0, max: 1, noNaN: true }), (list, { fromMs, toMs }, where) => {
        const atMs = Math.min(fromMs + Math.floor(where * (toMs - fromMs)), toMs - 1);
        const intervals = maintenanceIntervals(list, fromMs, toMs);
        const inside = intervals.some((interval) => interval.startMs <= atMs && atMs < interval.endMs);
        expect(inside).toBe(coveredByBruteForce(list, atMs));
        expect(maintenanceAt(list, atMs) !== null).toBe(inside);
      }),
      { numRuns: 300 }
    );
  });

  test('occurrences name the window they come from', () => {
    const occurrences = maintenanceOccurrences(
      [blackFriday, sundayUpgrade],
      utc('2026-11-29T00:00:00Z'),
      utc('2026-11-30T00:00:00Z')
    );
    expect(occurrences.map((o) => [o.index, o.reason])).toEqual([
      [1, 'weekly database upgrade'],
      [0, 'load balancer swap'],
    ]);
  });
});
