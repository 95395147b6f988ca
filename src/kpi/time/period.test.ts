import fc from 'fast-check';
import { CALENDAR_UNITS } from '../model';
import { calendarPeriodAt, isTimeZone, LONGEST_PERIOD_MS, previousCalendarPeriod } from './period';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const utc = (text: string) => Date.parse(text);
const iso = (ms: number) => new Date(ms).toISOString();

describe('calendarPeriodAt', () => {
  test('a Berlin March runs from CET midnight to CEST midnight: 31 days less the hour DST takes', () => {
    const march = calendarPeriodAt('month', 'Europe/Berlin', utc('2026-03-15T12:00:00Z'));
    expect([iso(march.startMs), iso(march.endMs)]).toEqual(['2026-02-28T23:00:00.000Z', '2026-03-31T22:00:00.000Z']);
    expect(march.endMs - march.startMs).toBe(31 * DAY - HOUR);
  });

  test('a Berlin October gets the hour back: 31 days and one hour', () => {
    const october = calendarPeriodAt('month', 'Europe/Berlin', utc('2026-10-31T23:30:00Z'));
    // 23:30Z on 31 October is 00:30 on 1 November in Berlin: the next month already.
    expect(iso(october.startMs)).toBe('2026-10-31T23:00:00.000Z');
    const previous = calendarPeriodAt('month', 'Europe/Berlin', utc('2026-10-31T22:59:59Z'));
    expect([iso(previous.startMs), iso(previous.endMs)]).toEqual([
      '2026-09-30T22:00:00.000Z',
      '2026-10-31T23:00:00.000Z',
    ]);
    expect(previous.endMs - previous.startMs).toBe(31 * DAY + HOUR);
  });

  test('a New York quarter: Q2 from 1 April to 1 July, EDT midnights', () => {
    const q2 = calendarPeriodAt('quarter', 'America/New_York', utc('2026-05-10T00:00:00Z'));
    expect([iso(q2.startMs), iso(q2.endMs)]).toEqual(['2026-04-01T04:00:00.000Z', '2026-07-01T04:00:00.000Z']);
  });

  test('ISO weeks start on Monday, also across a new year', () => {
    const week = calendarPeriodAt('week', 'UTC', utc('2026-12-01T21:00:00Z'));
    expect([iso(week.startMs), iso(week.endMs)]).toEqual(['2026-11-30T00:00:00.000Z', '2026-12-07T00:00:00.000Z']);
    const newYear = calendarPeriodAt('week', 'UTC', utc('2027-01-01T12:00:00Z'));
    expect(iso(newYear.startMs)).toBe('2026-12-28T00:00:00.000Z');
  });

  test('Tokyo is ahead of UTC: its December starts on 30 November at 15:00 UTC', () => {
    const december = calendarPeriodAt('month', 'Asia/Tokyo', utc('2026-11-30T16:00:00Z'));
    expect(iso(december.startMs)).toBe('2026-11-30T15:00:00.000Z');
  });

  test('the same period last time is the whole previous one', () => {
    const last = previousCalendarPeriod('quarter', 'Europe/Berlin', utc('2026-12-01T21:00:00Z'));
    expect([iso(last.startMs), iso(last.endMs)]).toEqual(['2026-06-30T22:00:00.000Z', '2026-09-30T22:00:00.000Z']);
  });

  test('property: the period holds the instant, fits the longest length, and periods follow each other without a gap', () => {
    const zones = [
      'UTC',
      'Europe/Berlin',
      'America/New_York',
      'America/Santiago',
      'Australia/Lord_Howe',
      'Asia/Kolkata',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...CALENDAR_UNITS),
        fc.constantFrom(...zones),
        fc.integer({ min: utc('1995-01-01T00:00:00Z'), max: utc('2035-01-01T00:00:00Z') }),
        (unit, zone, atMs) => {
          const period = calendarPeriodAt(unit, zone, atMs);
          expect(period.startMs).toBeLessThanOrEqual(atMs);
          expect(period.endMs).toBeGreaterThan(atMs);
          expect(period.endMs - period.startMs).toBeLessThanOrEqual(LONGEST_PERIOD_MS[unit]);
          // The instant before the start lies in the previous period, whose end is this start.
          expect(calendarPeriodAt(unit, zone, period.startMs - 1).endMs).toBe(period.startMs);
          expect(calendarPeriodAt(unit, zone, period.endMs).startMs).toBe(period.endMs);
        }
      ),
      { numRuns: 300 }
    );
  });
});

describe('isTimeZone', () => {
  test.each([
    ['Europe/Berlin', true],
    ['UTC', true],
    ['Mars/Olympus', false],
    ['', false],
    ['Europe/Berlin ', false],
  ])('%s → %s', (zone, known) => {
    expect(isTimeZone(zone)).toBe(known);
  });
});
