import { offsetTransitions, zoneOffsetMs } from './zoneOffsets';

const HOUR_S = 3600;

describe('offsetTransitions', () => {
  test('Berlin in 2026: CET to CEST on 29 March at 01:00 UTC, back on 25 October at 01:00 UTC', () => {
    expect(offsetTransitions('Europe/Berlin', Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1))).toEqual([
      { atMs: Date.UTC(2026, 2, 29, 1), beforeSeconds: HOUR_S, afterSeconds: 2 * HOUR_S },
      { atMs: Date.UTC(2026, 9, 25, 1), beforeSeconds: 2 * HOUR_S, afterSeconds: HOUR_S },
    ]);
  });

  test('Lord Howe moves by half an hour: +11:00 to +10:30 on 5 April 2026 at 02:00 local (15:00 UTC on the 4th)', () => {
    const [first] = offsetTransitions('Australia/Lord_Howe', Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1));
    expect(first).toEqual({ atMs: Date.UTC(2026, 3, 4, 15), beforeSeconds: 11 * HOUR_S, afterSeconds: 10.5 * HOUR_S });
  });

  test.each(['UTC', 'Asia/Kolkata', 'Asia/Tokyo'])('%s keeps one offset: no change in twelve years', (zone) => {
    expect(offsetTransitions(zone, Date.UTC(2025, 0, 1), Date.UTC(2037, 0, 1))).toEqual([]);
  });

  test('twelve years of New York: two changes a year, each an hour, alternating', () => {
    const changes = offsetTransitions('America/New_York', Date.UTC(2025, 0, 1), Date.UTC(2037, 0, 1));
    expect(changes).toHaveLength(24);
    changes.forEach(({ beforeSeconds, afterSeconds }, i) => {
      expect(afterSeconds - beforeSeconds).toBe(i % 2 === 0 ? HOUR_S : -HOUR_S);
    });
  });

  test('the offset just before and at a change differ as the change says', () => {
    for (const { atMs, beforeSeconds, afterSeconds } of offsetTransitions(
      'Europe/Berlin',
      Date.UTC(2025, 0, 1),
      Date.UTC(2037, 0, 1)
    )) {
      expect(zoneOffsetMs(atMs - 1000, 'Europe/Berlin')).toBe(beforeSeconds * 1000);
      expect(zoneOffsetMs(atMs, 'Europe/Berlin')).toBe(afterSeconds * 1000);
    }
  });
});
