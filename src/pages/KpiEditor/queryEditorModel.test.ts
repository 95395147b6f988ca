import fc from 'fast-check';
import { editorQueryOf, editorStateOf, textOfEditorQuery } from './queryEditorModel';

function isJsonObject(text: string): boolean {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  } catch {
    return false;
  }
}

const PROMETHEUS = 'prometheus';
const POSTGRES = 'grafana-postgresql-datasource';
const SQL_TEXT = JSON.stringify(
  { rawSql: 'SELECT $__timeGroupAlias(at, $__interval), count(*) FROM orders', format: 'time_series' },
  null,
  2
);

describe('a KPI query in a data source editor', () => {
  test.each([
    [
      'PromQL text is a Prometheus query’s expr',
      'sum(rate(x[5m]))',
      PROMETHEUS,
      { refId: 'A', expr: 'sum(rate(x[5m]))' },
    ],
    ['an empty Prometheus query is an empty expr', '', PROMETHEUS, { refId: 'A', expr: '' }],
    [
      'a Prometheus query object keeps its fields',
      '{"expr":"up","step":"13s"}',
      PROMETHEUS,
      { refId: 'A', expr: 'up', step: '13s' },
    ],
    ['a SQL query object is given as it is', SQL_TEXT, POSTGRES, { refId: 'A', ...JSON.parse(SQL_TEXT) }],
    [
      'an empty SQL query is an empty time-series rawSql',
      '',
      POSTGRES,
      { refId: 'A', rawSql: '', format: 'time_series' },
    ],
    [
      'plain text of a SQL data source is its rawSql',
      'SELECT 1',
      'mysql',
      { refId: 'A', rawSql: 'SELECT 1', format: 'time_series' },
    ],
    ['an empty query of an unknown type is an empty object', '', 'influxdb', { refId: 'A' }],
  ])('%s', (_, text, type, expected) => {
    expect(editorQueryOf(text, type)).toEqual(expected);
  });

  test('the state the editor kept for itself is handed back, under the form’s query', () => {
    const state = { editorMode: 'builder', legendFormat: '{{route}}', expr: 'stale' };
    expect(editorQueryOf('up', PROMETHEUS, state)).toEqual({
      refId: 'A',
      editorMode: 'builder',
      legendFormat: '{{route}}',
      expr: 'up',
    });
  });

  test.each([
    [
      'a Prometheus expr with only editor state goes back to the short string',
      { refId: 'A', expr: 'sum(rate(y[1m]))', editorMode: 'code', range: true, instant: false, legendFormat: '__auto' },
      PROMETHEUS,
      'sum(rate(y[1m]))',
    ],
    [
      'a Prometheus query with a field Northstar keeps stays an object',
      { refId: 'A', expr: 'up', editorMode: 'code', step: '13s' },
      PROMETHEUS,
      '{\n  "expr": "up",\n  "step": "13s"\n}',
    ],
    [
      'a SQL query keeps its format and builder fields, not its row id',
      { refId: 'A', datasource: { uid: 'postgres' }, rawSql: 'SELECT 1', format: 'table', editorMode: 'code' },
      POSTGRES,
      '{\n  "rawSql": "SELECT 1",\n  "format": "table",\n  "editorMode": "code"\n}',
    ],
    ['an editor that wrote nothing but its row leaves the query empty', { refId: 'A', hide: false }, 'influxdb', ''],
  ])('%s', (_, query, type, expected) => {
    expect(textOfEditorQuery(query, type)).toBe(expected);
  });

  test('editor state is what the catalog does not keep', () => {
    expect(editorStateOf({ refId: 'A', expr: 'up', editorMode: 'builder', step: '13s' }, PROMETHEUS)).toEqual({
      refId: 'A',
      editorMode: 'builder',
    });
  });

  test('any PromQL text survives a trip through the Prometheus editor’s model unchanged', () => {
    // A JSON object's text is a query object, not PromQL; every other text is PromQL, selectors included.
    const promql = fc.oneof(fc.string(), fc.constant('{job="api"}')).filter((text) => !isJsonObject(text));
    fc.assert(
      fc.property(promql, (text) => {
        const editorQuery = editorQueryOf(text, PROMETHEUS, { editorMode: 'code', range: true });
        expect(textOfEditorQuery(editorQuery, PROMETHEUS)).toBe(text);
      })
    );
  });

  test('any SQL query object survives a trip through a SQL editor’s model unchanged', () => {
    const sqlQuery = fc.record({ rawSql: fc.string(), format: fc.constantFrom('time_series', 'table') });
    fc.assert(
      fc.property(sqlQuery, (query) => {
        const text = JSON.stringify(query, null, 2);
        expect(textOfEditorQuery(editorQueryOf(text, POSTGRES), POSTGRES)).toBe(text);
      })
    );
  });
});
