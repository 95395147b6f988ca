import type { MaintenanceWindow } from '../kpi/model';
import {
  currentMaintenanceText,
  describeMaintenanceWindow,
  maintenanceInRangeText,
  nextMaintenanceText,
} from './maintenanceText';

const utc = (text: string) => Date.parse(text);
const weekly: MaintenanceWindow = { cron: '0 2 * * 0', duration: '2h', reason: 'weekly reindex' };
const upgrade: MaintenanceWindow = {
  start: '2026-11-25T10:00:00Z',
  end: '2026-11-25T10:30:00Z',
  reason: 'database upgrade',
};

describe('maintenance in words (UTC)', () => {
  test('inside a window: until when, and why', () => {
    expect(currentMaintenanceText([weekly], utc('2026-11-29T03:00:00Z'), 'utc')).toBe(
      'Maintenance until Nov 29 04:00: weekly reindex'
    );
    expect(currentMaintenanceText([weekly], utc('2026-11-29T04:00:00Z'), 'utc')).toBeNull();
  });

  test('outside: the next one', () => {
    expect(nextMaintenanceText([weekly], utc('2026-12-02T05:00:00Z'), 'utc')).toBe(
      'Next maintenance Dec 6 02:00 – Dec 6 04:00: weekly reindex'
    );
  });

  test('each window as the catalog defines it', () => {
    expect(describeMaintenanceWindow(weekly, 'utc')).toBe('every "0 2 * * 0" (UTC) for 2h: weekly reindex');
    expect(describeMaintenanceWindow(upgrade, 'utc')).toBe('Nov 25 10:00 – Nov 25 10:30: database upgrade');
  });

  test('over a burndown range: how many, how long in all, and the last one', () => {
    // 22 Nov – 2 Dec: Sundays 22 and 29 (2h each) and the 30-minute upgrade on the 25th: 3 windows, 4h 30m.
    expect(
      maintenanceInRangeText([weekly, upgrade], utc('2026-11-22T00:00:00Z'), utc('2026-12-02T00:00:00Z'), 'utc')
    ).toBe(
      '3 maintenance windows (4h 30m) left out, flat in the burndown; the last Nov 29 02:00 – Nov 29 04:00: weekly reindex'
    );
    // A window cut by the range counts only its part inside: 03:00–04:00 of the Sunday one.
    expect(maintenanceInRangeText([weekly], utc('2026-11-29T03:00:00Z'), utc('2026-11-30T00:00:00Z'), 'utc')).toBe(
      '1 maintenance window (1h) left out, flat in the burndown; the last Nov 29 02:00 – Nov 29 04:00: weekly reindex'
    );
    expect(maintenanceInRangeText([weekly], utc('2026-11-30T00:00:00Z'), utc('2026-12-01T00:00:00Z'))).toBeNull();
  });
});
