/**
 * Frames from PostgreSQL results, against Grafana's golden files (pkg/tsdb/grafana-postgresql-datasource/testdata)
 * and the rules of e2e/contracts/ds-query-sql.md. Values are PostgreSQL's text, as the wire protocol sends them.
 */
import { sqlResultFrame, SqlFrameError, type SqlResult } from './sqlFrames';

const OID = { int8: 20, int4: 23, float8: 701, numeric: 1700, text: 25, bool: 16, timestamptz: 1184 };
const T0 = '2023-12-24 14:30:03+00';
const T1 = '2023-12-24 14:31:03+00';
const MS0 = Date.UTC(2023, 11, 24, 14, 30, 3);
const MS1 = MS0 + 60_000;

const result = (columns: Array<[string, number]>, rows: Array<Array<string | null>>): SqlResult => ({
  columns: columns.map(([name, typeOid]) => ({ name, typeOid })),
  rows,
});

describe('time_series', () => {
  test('long rows with a text column become one field per label value (golden simple)', () => {
    const frame = sqlResultFrame(
      result(
        [
          ['time', OID.timestamptz],
          ['v', OID.float8],
          ['c', OID.text],
        ],
        [
          [T0, '10', 'a'],
          [T0, '110', 'b'],
          [T1, '20', 'a'],
          [T1, '120', 'b'],
        ]
      ),
      'time_series',
      'SELECT * FROM tbl'
    );
    expect(frame).toEqual({
      schema: {
        meta: { type: 'timeseries-wide', typeVersion: [0, 1], executedQueryString: 'SELECT * FROM tbl' },
        fields: [
          { name: 'Time', type: 'time', typeInfo: { frame: 'time.Time' } },
          { name: 'v', type: 'number', typeInfo: { frame: 'float64', nullable: true }, labels: { c: 'a' } },
          { name: 'v', type: 'number', typeInfo: { frame: 'float64', nullable: true }, labels: { c: 'b' } },
        ],
      },
      data: {
        values: [
          [MS0, MS1],
          [10, 20],
          [110, 120],
        ],
      },
    });
  });

  test('two value columns and a series missing at one time: fields per label set, then per column, null where absent', () => {
    const frame = sqlResultFrame(
      result(
        [
          ['time', OID.timestamptz],
          ['good', OID.int8],
          ['total', OID.int8],
          ['route', OID.text],
        ],
        [
          [T0, '1', '2', '/pay'],
          [T1, '3', '4', '/pay'],
          [T1, '5', '6', '/browse'],
        ]
      ),
      'time_series',
      'q'
    );
    expect(frame.schema.fields.map((field) => [field.name, field.labels])).toEqual([
      ['Time', undefined],
      ['good', { route: '/pay' }],
      ['total', { route: '/pay' }],
      ['good', { route: '/browse' }],
      ['total', { route: '/browse' }],
    ]);
    expect(frame.data.values).toEqual([
      [MS0, MS1],
      [1, 3],
      [2, 4],
      [null, 5],
      [null, 6],
    ]);
  });

  test('no text column: already wide, integers become nullable float64, epoch seconds become time', () => {
    const frame = sqlResultFrame(
      result(
        [
          ['time', OID.numeric],
          ['orders', OID.int8],
          ['paid', OID.int8],
        ],
        [[String(MS0 / 1000), '7', null]]
      ),
      'time_series',
      'q'
    );
    expect(frame).toEqual({
      schema: {
        meta: { typeVersion: [0, 0], executedQueryString: 'q' },
        fields: [
          { name: 'Time', type: 'time', typeInfo: { frame: 'time.Time', nullable: true } },
          { name: 'orders', type: 'number', typeInfo: { frame: 'float64', nullable: true } },
          { name: 'paid', type: 'number', typeInfo: { frame: 'float64', nullable: true } },
        ],
      },
      data: { values: [[MS0], [7], [null]] },
    });
  });

  test('time, metric and one value: fields are named by the metric (Grafana 7 naming)', () => {
    const frame = sqlResultFrame(
      result(
        [
          ['time', OID.timestamptz],
          ['metric', OID.text],
          ['value', OID.float8],
        ],
        [
          [T0, 'paid', '3'],
          [T0, 'failed', '1'],
        ]
      ),
      'time_series',
      'q'
    );
    expect(frame.schema.fields.map((field) => [field.name, field.labels])).toEqual([
      ['Time', undefined],
      ['paid', undefined],
      ['failed', undefined],
    ]);
  });

  test('NaN and infinities are null on the wire and listed in entities', () => {
    const frame = sqlResultFrame(
      result(
        [
          ['time', OID.timestamptz],
          ['v', OID.float8],
        ],
        [
          [T0, 'NaN'],
          [T1, 'Infinity'],
        ]
      ),
      'time_series',
      'q'
    );
    expect(frame.data).toEqual({
      values: [
        [MS0, MS1],
        [null, null],
      ],
      entities: [null, { NaN: [0], Inf: [1] }],
    });
  });

  test.each([
    [
      'no time column',
      result(
        [
          ['created_at', OID.timestamptz],
          ['n', OID.int8],
        ],
        [[T0, '1']]
      ),
      "db has no time column: time column is missing; make sure your data includes a time column for time series format or switch to a table format that doesn't require it",
    ],
    [
      'rows out of order',
      result(
        [
          ['time', OID.timestamptz],
          ['n', OID.int8],
          ['c', OID.text],
        ],
        [
          [T1, '1', 'a'],
          [T0, '2', 'a'],
        ]
      ),
      'failed to convert long to wide series when converting from dataframe: long series must be sorted ascending by time to be converted',
    ],
    [
      'a null time in long rows',
      result(
        [
          ['time', OID.timestamptz],
          ['n', OID.int8],
          ['c', OID.text],
        ],
        [[null, '1', 'a']]
      ),
      'failed to convert long to wide series when converting from dataframe: unable to process the data because it contains null time values',
    ],
    [
      'a boolean value column',
      result(
        [
          ['time', OID.timestamptz],
          ['ok', OID.bool],
        ],
        [[T0, 't']]
      ),
      'convert value to float failed: unable to convert field type bool to float',
    ],
    [
      'a text time column',
      result(
        [
          ['time', OID.text],
          ['n', OID.int8],
        ],
        [['yesterday', '1']]
      ),
      'converting time columns failed: failed to convert time column: unable to convert data to a time field',
    ],
  ])('%s is Grafana’s error', (_, rows, message) => {
    expect(() => sqlResultFrame(rows, 'time_series', 'q')).toThrow(new SqlFrameError(message));
  });

  test('a text value column and no number: neither wide nor long, returned as it is without values', () => {
    const frame = sqlResultFrame(
      result(
        [
          ['time', OID.timestamptz],
          ['status', OID.text],
        ],
        [[T0, 'paid']]
      ),
      'time_series',
      'q'
    );
    expect(frame.schema.fields.map((field) => [field.name, field.type])).toEqual([
      ['Time', 'time'],
      ['status', 'string'],
    ]);
    expect(frame.data.values).toEqual([[MS0], ['paid']]);
  });
});

describe('table', () => {
  test('columns keep their names, order and types; only time is converted (golden table/simple)', () => {
    const frame = sqlResultFrame(
      result(
        [
          ['time', OID.timestamptz],
          ['v', OID.float8],
          ['c', OID.text],
          ['n', OID.int4],
          ['ok', OID.bool],
        ],
        [[T0, '10', 'a', '3', 'f']]
      ),
      'table',
      'q'
    );
    expect(frame.schema.fields).toEqual([
      { name: 'time', type: 'time', typeInfo: { frame: 'time.Time', nullable: true } },
      { name: 'v', type: 'number', typeInfo: { frame: 'float64', nullable: true } },
      { name: 'c', type: 'string', typeInfo: { frame: 'string', nullable: true } },
      { name: 'n', type: 'number', typeInfo: { frame: 'int32', nullable: true } },
      { name: 'ok', type: 'boolean', typeInfo: { frame: 'bool', nullable: true } },
    ]);
    expect(frame.data.values).toEqual([[MS0], [10], ['a'], [3], [false]]);
  });

  test('a table needs no time column', () => {
    const frame = sqlResultFrame(
      result(
        [
          ['status', OID.text],
          ['n', OID.int8],
        ],
        [['paid', '4']]
      ),
      'table',
      'q'
    );
    expect(frame.data.values).toEqual([['paid'], [4]]);
  });
});

test('no rows is one frame without fields, in either format', () => {
  const empty = {
    schema: { meta: { typeVersion: [0, 0], executedQueryString: 'q' }, fields: [] },
    data: { values: [] },
  };
  expect(sqlResultFrame(result([['time', OID.timestamptz]], []), 'time_series', 'q')).toEqual(empty);
  expect(sqlResultFrame(result([['x', OID.text]], []), 'table', 'q')).toEqual(empty);
});
