/**
 * The macro table of e2e/contracts/ds-query-sql.md, case by case, against hand-written expansions. The range is
 * 2024-05-01T10:00:00Z to 2024-05-01T16:00:30.5Z (epoch seconds 1714557600 and 1714579230), the interval 5 minutes.
 */
import { expandSqlMacros, goFloat, rfc3339Nano, SqlMacroError, type SqlMacroContext } from './sqlMacros';

const FROM_MS = Date.UTC(2024, 4, 1, 10, 0, 0);
const TO_MS = Date.UTC(2024, 4, 1, 16, 0, 30, 500);
const context: SqlMacroContext = { fromMs: FROM_MS, toMs: TO_MS, intervalMs: 300_000, nowMs: Date.UTC(2024, 1, 1) };

const expand = (sql: string, overrides: Partial<SqlMacroContext> = {}) =>
  expandSqlMacros(sql, { ...context, ...overrides }).sql;

describe('each macro expands as Grafana’s PostgreSQL backend expands it', () => {
  test.each([
    ['$__time(created_at)', 'created_at AS "time"'],
    ['$__timeEpoch(created_at)', 'extract(epoch from created_at) as "time"'],
    ['$__timeFilter(created_at)', "created_at BETWEEN '2024-05-01T10:00:00Z' AND '2024-05-01T16:00:30.5Z'"],
    ['$__timeFrom()', "'2024-05-01T10:00:00Z'"],
    ['$__timeTo()', "'2024-05-01T16:00:30.5Z'"],
    ['$__timeGroup(created_at, 5m)', 'floor(extract(epoch from created_at)/300)*300'],
    ["$__timeGroup(created_at, '1h')", 'floor(extract(epoch from created_at)/3600)*3600'],
    ['$__timeGroup(created_at, 500ms)', 'floor(extract(epoch from created_at)/0.5)*0.5'],
    ['$__timeGroupAlias(created_at, $__interval)', 'floor(extract(epoch from created_at)/300)*300 AS "time"'],
    ['$__unixEpochFilter(ts)', 'ts >= 1714557600 AND ts <= 1714579230'],
    ['$__unixEpochFrom() .. $__unixEpochTo()', '1714557600 .. 1714579230'],
    ['$__unixEpochNanoFilter(ts)', 'ts >= 1714557600000000000 AND ts <= 1714579230500000000'],
    ['$__unixEpochNanoFrom() $__unixEpochNanoTo()', '1714557600000000000 1714579230500000000'],
    ['$__unixEpochGroup(ts, 10m)', 'floor((ts)/600)*600'],
    ['$__unixEpochGroupAlias(ts, 1d)', 'floor((ts)/86400)*86400 AS "time"'],
    ['$__interval / $__interval_ms', '5m / 300000'],
  ])('%s → %s', (raw, expected) => {
    expect(expand(raw)).toBe(expected);
  });

  test.each([
    [90_000, '1m'],
    [3_600_000, '1h'],
    [172_800_000, '2d'],
    [500, '500ms'],
  ])('an interval of %i ms is $__interval %s (the largest whole unit, truncated)', (intervalMs, expected) => {
    expect(expand('$__interval', { intervalMs })).toBe(expected);
  });

  test('February is 29 days long in a leap year: $__timeGroup(col, 1M) from 2024-02-01 is 2505600 s', () => {
    expect(expand('$__timeGroup(t, 1M)')).toBe('floor(extract(epoch from t)/2.5056e+06)*2.5056e+06');
  });

  test('a $__timeGroup followed by a comma is read as $__timeGroupAlias (dashboards from before Grafana 5.3)', () => {
    expect(expand('SELECT $__timeGroup(t, 5m), count(*) FROM x GROUP BY 1')).toBe(
      'SELECT floor(extract(epoch from t)/300)*300 AS "time", count(*) FROM x GROUP BY 1'
    );
    expect(expand('ORDER BY $__timeGroup(t, 5m)) x')).toBe('ORDER BY floor(extract(epoch from t)/300)*300) x');
  });

  test('a full KPI query: every macro in place, the rest of the statement untouched', () => {
    const raw =
      "SELECT $__timeGroupAlias(created_at, $__interval), count(*) FILTER (WHERE status = 'paid') AS good\n" +
      'FROM shop.orders WHERE $__timeFilter(created_at) GROUP BY 1 ORDER BY 1';
    expect(expand(raw)).toBe(
      'SELECT floor(extract(epoch from created_at)/300)*300 AS "time", ' +
        "count(*) FILTER (WHERE status = 'paid') AS good\n" +
        "FROM shop.orders WHERE created_at BETWEEN '2024-05-01T10:00:00Z' AND '2024-05-01T16:00:30.5Z' GROUP BY 1 ORDER BY 1"
    );
  });
});

describe('fill, the third argument of a group macro', () => {
  test.each([
    ['NULL', { mode: 'null', intervalMs: 300_000 }],
    ['previous', { mode: 'previous', intervalMs: 300_000 }],
    ['0', { mode: 'value', value: 0, intervalMs: 300_000 }],
    ['1.5', { mode: 'value', value: 1.5, intervalMs: 300_000 }],
  ])('%s is noted for the frame and left out of the SQL', (argument, fill) => {
    const expanded = expandSqlMacros(`$__timeGroupAlias(t, 5m, ${argument})`, context);
    expect(expanded).toEqual({ sql: 'floor(extract(epoch from t)/300)*300 AS "time"', fill });
  });

  test('without the argument there is no fill', () => {
    expect(expandSqlMacros('$__timeGroup(t, 5m)', context).fill).toBeUndefined();
  });
});

describe('bad macros are errors with Grafana’s message', () => {
  test.each([
    ['$__timeGroup(t)', 'macro __timeGroup needs time column and interval and optional fill value'],
    ['$__unixEpochGroupAlias(t)', 'macro __unixEpochGroup needs time column and interval and optional fill value'],
    ['$__timeGroup(t, soon)', 'error parsing interval soon'],
    ['$__timeGroup(t, 300)', 'error parsing interval 300'],
    ['$__timeGroup(t, 5m, zero)', 'error parsing fill value zero'],
    ['$__timeFiltr(t)', 'unknown macro "__timeFiltr"'],
    ['$__timeFiltr(t) AND $__nope(u)', 'unknown macro "__timeFiltr"'],
  ])('%s: %s', (raw, message) => {
    expect(() => expandSqlMacros(raw, context)).toThrow(new SqlMacroError(message));
  });
});

describe('the formats Go writes', () => {
  test.each([
    [Date.UTC(2024, 0, 2, 3, 4, 5), '2024-01-02T03:04:05Z'],
    [Date.UTC(2024, 0, 2, 3, 4, 5, 120), '2024-01-02T03:04:05.12Z'],
    [Date.UTC(2024, 0, 2, 3, 4, 5, 7), '2024-01-02T03:04:05.007Z'],
  ])('RFC3339Nano of %i is %s', (ms, text) => {
    expect(rfc3339Nano(ms)).toBe(text);
  });

  test.each([
    [300, '300'],
    [0.5, '0.5'],
    [604_800, '604800'],
    [1_000_000, '1e+06'],
    [2_592_000, '2.592e+06'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
  ])('%%v of %d is %s', (value, text) => {
    expect(goFloat(value)).toBe(text);
  });
});
