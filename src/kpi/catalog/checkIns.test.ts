import fc from 'fast-check';
import {
  CHECK_IN_MAX_LENGTH,
  type CheckIn,
  checkInProblems,
  checkInsBetween,
  checkInsOf,
  formatProblem,
  mergeCheckIns,
  readCheckIns,
} from './index';

const NOW = Date.UTC(2026, 11, 5, 20, 0); // 2026-12-05T20:00Z
const note = (id: string, date: string, at = `${date}T09:00:00.000Z`, text = `note ${id}`): CheckIn => ({
  id,
  date,
  text,
  login: 'admin',
  at,
});

describe('checkInProblems', () => {
  test('a dated incident note is fine', () => {
    const draft = { date: '2026-11-12', text: 'conversion dip: search incident INC-123, fixed on 12 Nov' };
    expect(checkInProblems('conversion', draft, NOW)).toEqual([]);
  });

  test.each([
    [
      'a 100 KB note',
      { date: '2026-11-12', text: 'x'.repeat(100_000) },
      'checkIns (conversion).text: is 100,000 characters long; a check-in takes at most 2,000',
    ],
    [
      'one character over the limit',
      { date: '2026-11-12', text: 'y'.repeat(CHECK_IN_MAX_LENGTH + 1) },
      'checkIns (conversion).text: is 2,001 characters long; a check-in takes at most 2,000',
    ],
    ['only spaces', { date: '2026-11-12', text: '   \n ' }, 'checkIns (conversion).text: is empty: say what happened'],
    [
      'a date that is no date',
      { date: '2026-02-30', text: 'dip' },
      'checkIns (conversion).date: must be a date such as 2026-11-12 (YYYY-MM-DD)',
    ],
    [
      'a date in the future everywhere',
      { date: '2026-12-07', text: 'dip' },
      'checkIns (conversion).date: is in the future: a check-in notes what happened',
    ],
  ])('%s is refused, naming the KPI and the field', (_, draft, message) => {
    expect(checkInProblems('conversion', draft, NOW).map(formatProblem)).toEqual([message]);
  });

  test('exactly the limit is accepted, and tomorrow in UTC is today somewhere', () => {
    expect(checkInProblems('conversion', { date: '2026-12-06', text: 'z'.repeat(CHECK_IN_MAX_LENGTH) }, NOW)).toEqual(
      []
    );
  });
});

describe('stored check-ins', () => {
  test('readCheckIns keeps readable notes and leaves hand-edited entries out of view', () => {
    const stored = { conversion: [note('a', '2026-11-12'), { text: 'no id' }, 42], broken: 'not a list' };
    expect(readCheckIns(stored)).toEqual({ conversion: [note('a', '2026-11-12')] });
    expect(readCheckIns(null)).toEqual({});
    expect(readCheckIns([note('a', '2026-11-12')])).toEqual({});
  });

  test('checkInsOf lists newest first: by day, then by when written', () => {
    const stored = {
      conversion: [
        note('old', '2026-10-01'),
        note('late', '2026-11-12', '2026-11-14T10:00:00.000Z'),
        note('early', '2026-11-12', '2026-11-12T08:00:00.000Z'),
      ],
    };
    expect(checkInsOf(stored, 'conversion').map((n) => n.id)).toEqual(['late', 'early', 'old']);
    expect(checkInsOf(stored, 'nothing')).toEqual([]);
  });

  test('checkInsBetween takes a note at noon UTC of its day', () => {
    const notes = [note('oct31', '2026-10-31'), note('nov1', '2026-11-01'), note('nov30', '2026-11-30')];
    // November in New York: 2026-11-01T04:00Z to 2026-12-01T05:00Z.
    const ids = checkInsBetween(notes, Date.UTC(2026, 10, 1, 4), Date.UTC(2026, 11, 1, 5)).map((n) => n.id);
    expect(ids).toEqual(['nov1', 'nov30']);
  });
});

describe('mergeCheckIns', () => {
  const arbNote = fc.record({
    id: fc.string({ minLength: 1, maxLength: 4 }),
    date: fc.constantFrom('2026-11-01', '2026-11-12'),
    text: fc.string(),
    login: fc.constant('admin'),
    at: fc.constant('2026-11-12T09:00:00.000Z'),
  });
  const arbStored = fc.dictionary(fc.constantFrom('conversion', 'checkout'), fc.array(arbNote, { maxLength: 5 }));

  test('a note is lost only if another with its id is kept: merging two lists keeps every id once', () => {
    fc.assert(
      fc.property(arbStored, arbStored, (left, right) => {
        const merged = mergeCheckIns(left, right);
        const ids = (stored: Record<string, CheckIn[]>) =>
          Object.values(stored)
            .flat()
            .map((n) => n.id);
        expect(new Set(ids(merged))).toEqual(new Set([...ids(left), ...ids(right)]));
        expect(ids(merged).length).toBe(new Set(ids(merged)).size);
      })
    );
  });

  test('merging a list with itself changes nothing', () => {
    const stored = { conversion: [note('a', '2026-11-12'), note('b', '2026-11-13')] };
    expect(mergeCheckIns(stored, stored)).toEqual(stored);
  });
});
