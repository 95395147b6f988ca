import { parseCron, shortestGapMs } from './cron';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function cronOf(expression: string) {
  const parsed = parseCron(expression);
  if (!parsed.ok) {
    throw new Error(parsed.message);
  }
  return parsed.cron;
}

describe('parseCron', () => {
  test('lists, ranges and steps expand to the values they allow', () => {
    const cron = cronOf('5/20 1-3,22 */10 1,7 1-5');
    expect(cron.minutes).toEqual([5, 25, 45]); // from 5 to 59 in steps of 20
    expect(cron.hours).toEqual([1, 2, 3, 22]);
    expect([...cron.daysOfMonth]).toEqual([1, 11, 21, 31]);
    expect([...cron.months]).toEqual([1, 7]);
    expect([...cron.daysOfWeek]).toEqual([1, 2, 3, 4, 5]);
    expect([cron.dayOfMonthRestricted, cron.dayOfWeekRestricted]).toEqual([false, true]);
  });

  test('day of week 7 is Sunday, like 0', () => {
    expect([...cronOf('0 2 * * 7').daysOfWeek]).toEqual([0]);
  });

  test.each([
    ['61 2 * * 0', 'minute 61 is out of range 0–59'],
    ['0 24 * * 0', 'hour 24 is out of range 0–23'],
    ['0 2 0 * *', 'day of month 0 is out of range 1–31'],
    ['0 2 * 13 *', 'month 13 is out of range 1–12'],
    ['0 2 * * 8', 'day of week 8 is out of range 0–7'],
    ['0 5-2 * * *', 'hour range 5-2 runs backwards'],
    ['0 */0 * * *', 'hour step must be at least 1'],
    ['0 two * * *', 'hour "two" is not a number, *, a range a-b or a step */n'],
    ['0 2 * *', 'must have 5 fields (minute hour day-of-month month day-of-week), got 4'],
    ['', 'must have 5 fields (minute hour day-of-month month day-of-week), got 0'],
  ])('"%s" is refused: %s', (expression, message) => {
    expect(parseCron(expression)).toEqual({ ok: false, message });
  });
});

describe('shortestGapMs', () => {
  test.each([
    ['0 2 * * 0', 7 * DAY], // Sundays at 02:00
    ['*/15 * * * *', 15 * MINUTE],
    ['0 2,22 * * *', 4 * HOUR], // 22:00 to 02:00 the next day
    ['0 2 * * 1-5', DAY], // Monday to Friday: one day apart within the week
    ['0 2 1 * *', 28 * DAY], // 1 February to 1 March in a common year
    ['0 3 13 * 5', DAY], // day 13 OR a Friday: Thursday 13th then Friday 14th
  ])('"%s": %d ms between two starts at the least', (expression, gap) => {
    expect(shortestGapMs(cronOf(expression))).toBe(gap);
  });

  test('a cron no day matches never fires', () => {
    expect(shortestGapMs(cronOf('0 0 31 2 *'))).toBeNull();
  });
});
