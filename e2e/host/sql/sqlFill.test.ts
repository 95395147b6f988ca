/**
 * Missing buckets filled as Grafana fills them for `$__timeGroup(col, interval, NULL|previous|<value>)`: LongToWide's
 * fill of a series' missing cells, then ResampleWideFrame over the range (e2e/contracts/ds-query-sql.md, "Fill").
 * Hand-worked: 5-minute buckets over 10:00–10:20, rows at 10:00 and 10:15 only.
 */
import { sqlResultFrame, type SqlResult } from './sqlFrames';
import { RESAMPLE_FAILED_NOTICE, type FillRequest } from './sqlFill';
import type { SqlFill } from './sqlMacros';

const OID = { int8: 20, text: 25, timestamptz: 1184 };
const MIN = 60_000;
const AT_10 = Date.UTC(2024, 4, 1, 10, 0);
const at = (minutes: number) => AT_10 + minutes * MIN;
const pgTime = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('.000Z', '+00');

const wideRows: SqlResult = {
  columns: [
    { name: 'time', typeOid: OID.timestamptz },
    { name: 'orders', typeOid: OID.int8 },
  ],
  rows: [
    [pgTime(at(0)), '4'],
    [pgTime(at(15)), '7'],
  ],
};

// The range starts at 10:02:30.5: Grafana aligns it down to 10:00 (whole seconds, then the interval).
const request = (fill: SqlFill): FillRequest => ({
  fill: { ...fill, intervalMs: 5 * MIN },
  fromMs: at(2.5) + 500,
  toMs: at(20),
});

describe('a wide frame is resampled onto every bucket of the range', () => {
  test.each<[string, SqlFill, Array<number | null>]>([
    ['NULL leaves empty buckets null', { mode: 'null' }, [4, null, null, 7, null]],
    ['a value fills empty buckets with it', { mode: 'value', value: 0 }, [4, 0, 0, 7, 0]],
    ['previous carries the last value forward', { mode: 'previous' }, [4, 4, 4, 7, 7]],
  ])('%s', (_, fill, orders) => {
    const frame = sqlResultFrame(wideRows, 'time_series', 'q', request(fill));
    expect(frame.data.values).toEqual([[at(0), at(5), at(10), at(15), at(20)], orders]);
    expect(frame.schema.meta).toEqual({ typeVersion: [0, 0], executedQueryString: 'q' });
  });

  test('rows between buckets go to the bucket that ends after them; the last one wins', () => {
    const between: SqlResult = {
      ...wideRows,
      rows: [
        [pgTime(at(1)), '1'],
        [pgTime(at(3)), '2'],
        [pgTime(at(5)), '3'],
        [pgTime(at(11)), '9'],
      ],
    };
    const frame = sqlResultFrame(between, 'time_series', 'q', request({ mode: 'null' }));
    // (9:55, 10:00] none, (10:00, 10:05] 1, 2, 3 → 3, (10:05, 10:10] none, (10:10, 10:15] 9, (10:15, 10:20] none.
    expect(frame.data.values[1]).toEqual([null, 3, null, 9, null]);
  });

  test('a row before the range fills `previous` from the start', () => {
    const earlier: SqlResult = { ...wideRows, rows: [[pgTime(at(-30)), '6'], ...wideRows.rows] };
    const frame = sqlResultFrame(earlier, 'time_series', 'q', request({ mode: 'previous' }));
    expect(frame.data.values[1]).toEqual([4, 4, 4, 7, 7]);
  });
});

describe('a long frame is filled per series before it is resampled', () => {
  const longRows: SqlResult = {
    columns: [
      { name: 'time', typeOid: OID.timestamptz },
      { name: 'orders', typeOid: OID.int8 },
      { name: 'status', typeOid: OID.text },
    ],
    rows: [
      [pgTime(at(0)), '4', 'paid'],
      [pgTime(at(5)), '2', 'failed'],
      [pgTime(at(10)), '5', 'paid'],
    ],
  };

  test.each<[string, SqlFill, Array<number | null>, Array<number | null>]>([
    ['NULL', { mode: 'null' }, [4, null, 5, null, null], [null, 2, null, null, null]],
    ['a value', { mode: 'value', value: 0 }, [4, 0, 5, 0, 0], [0, 2, 0, 0, 0]],
    // A series first seen at 10:05 has no earlier value: null before it, then carried forward.
    ['previous', { mode: 'previous' }, [4, 4, 5, 5, 5], [null, 2, 2, 2, 2]],
  ])('%s', (_, fill, paid, failed) => {
    const frame = sqlResultFrame(longRows, 'time_series', 'q', request(fill));
    expect(frame.schema.fields.map((field) => field.labels)).toEqual([
      undefined,
      { status: 'paid' },
      { status: 'failed' },
    ]);
    expect(frame.data.values).toEqual([[at(0), at(5), at(10), at(15), at(20)], paid, failed]);
    expect(frame.schema.meta).toMatchObject({ type: 'timeseries-wide', typeVersion: [0, 1] });
  });
});

describe('what fill leaves alone', () => {
  test('a table is not resampled', () => {
    const frame = sqlResultFrame(wideRows, 'table', 'q', request({ mode: 'value', value: 0 }));
    expect(frame.data.values).toEqual([
      [at(0), at(15)],
      [4, 7],
    ]);
  });

  test('a frame without a value column keeps its rows, with the warning Grafana adds', () => {
    const textOnly: SqlResult = {
      columns: [
        { name: 'time', typeOid: OID.timestamptz },
        { name: 'note', typeOid: OID.text },
      ],
      rows: [[pgTime(at(0)), 'deploy']],
    };
    const frame = sqlResultFrame(textOnly, 'time_series', 'q', request({ mode: 'null' }));
    expect(frame.data.values).toEqual([[at(0)], ['deploy']]);
    expect(frame.schema.meta.notices).toEqual([{ severity: 'warning', text: RESAMPLE_FAILED_NOTICE }]);
  });

  test('no rows is the empty frame, not a range of filled buckets', () => {
    const frame = sqlResultFrame({ ...wideRows, rows: [] }, 'time_series', 'q', request({ mode: 'value', value: 0 }));
    expect(frame.schema.fields).toEqual([]);
  });
});
