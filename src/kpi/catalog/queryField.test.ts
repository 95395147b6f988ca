/**
 * Query fields in the data source's own model: PromQL text (the short form of `{ expr }`), `{ rawSql, format }` for
 * SQL data sources, any object for other types; each checked against the KPI's data source type.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { formatProblem } from './problems';
import { validateCatalog } from './schema';
import { checkoutKpi } from '../../testing/checkoutKpi';

const ROOT = join(__dirname, '../../..');
const catalogOf = (...kpis: unknown[]) => ({ apiVersion: 'northstar.dev/v1', kind: 'KpiCatalog', kpis });
const SQL = 'SELECT $__timeGroupAlias(created_at, $__interval), count(*) AS n FROM shop.payments GROUP BY 1 ORDER BY 1';

function withQueries(type: string, good: unknown, total: unknown = { rawSql: SQL }): unknown {
  return { ...checkoutKpi(), datasource: { type, uid: 'db' }, indicator: { type: 'ratio', good, total } };
}

function problemsOf(kpi: unknown): string[] {
  const result = validateCatalog(catalogOf(kpi));
  return result.ok ? [] : result.problems.map(formatProblem);
}

describe('query objects are accepted where they fit the data source', () => {
  test.each([
    ['a SQL time series', 'grafana-postgresql-datasource', { rawSql: SQL, format: 'time_series' }],
    ['a SQL table, on MySQL', 'mysql', { rawSql: SQL, format: 'table' }],
    ['a SQL query without format (Grafana reads it as a time series)', 'postgres', { rawSql: SQL }],
    [
      'an editor-saved SQL query with its own extra fields',
      'mysql',
      { rawSql: SQL, editorMode: 'code', rawQuery: true },
    ],
    ['any object on a type Northstar does not know', 'influxdb', { query: 'from(bucket: "x")' }],
  ])('%s', (_, type, good) => {
    expect(problemsOf(withQueries(type, good, good))).toEqual([]);
  });

  test('a Prometheus KPI takes `{ expr }` and the string beside each other', () => {
    const kpi = withQueries(
      'prometheus',
      { expr: 'sum(rate(ok_total[5m]))', legendFormat: 'good' },
      'sum(rate(all[5m]))'
    );
    expect(problemsOf(kpi)).toEqual([]);
  });

  test('the objects come back exactly as written: nothing in the catalog is rewritten', () => {
    const good = { rawSql: SQL, format: 'time_series', editorMode: 'code', sql: { columns: [] } };
    const result = validateCatalog(catalogOf(withQueries('mysql', good)));
    expect(result.ok && result.catalog.kpis[0].indicator).toEqual({ type: 'ratio', good, total: { rawSql: SQL } });
  });
});

describe('a query that does not fit its data source names the KPI and the field', () => {
  const at = (field: string) => `kpis[0] (checkout-availability).indicator.${field}`;
  test.each([
    [
      'SQL without rawSql',
      withQueries('grafana-postgresql-datasource', { format: 'time_series' }),
      'good',
      'needs rawSql',
    ],
    ['SQL with an empty rawSql', withQueries('mysql', { rawSql: '  ' }), 'good', 'needs rawSql'],
    [
      'a PromQL object on SQL',
      withQueries('mysql', { expr: 'up' }),
      'good',
      'is a PromQL query object (expr), but mysql runs SQL',
    ],
    ['PromQL text on SQL', withQueries('postgres', 'sum(up)'), 'good', 'is PromQL text, but postgres runs SQL'],
    [
      'a SQL format Grafana has not',
      withQueries('mysql', { rawSql: SQL, format: 'timeseries' }),
      'good',
      'format must be time_series or table',
    ],
    [
      'a SQL object on Prometheus',
      withQueries('prometheus', 'up', { rawSql: SQL }),
      'total',
      'is a SQL query object (rawSql)',
    ],
    ['a Prometheus object without expr', withQueries('prometheus', { legendFormat: 'x' }, 'up'), 'good', 'needs expr'],
    ['unbalanced PromQL in expr', withQueries('prometheus', { expr: 'sum(rate(x[5m])' }, 'up'), 'good', 'parenthes'],
    ['an empty object on any type', withQueries('influxdb', {}, { q: 1 }), 'good', 'is an empty query object'],
  ])('%s', (_, kpi, field, message) => {
    const problems = problemsOf(kpi);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`${at(field)}: `);
    expect(problems[0]).toContain(message);
  });

  test('a value KPI’s numerator is checked the same way', () => {
    const { alerting: _policy, ...slo } = checkoutKpi();
    const kpi = {
      ...slo,
      datasource: { type: 'mysql', uid: 'db' },
      indicator: { type: 'value', numerator: 'sum(x)', denominator: { rawSql: SQL }, unit: 'percentunit' },
      objective: { direction: 'higher', target: 0.03, window: '28d' },
    };
    expect(problemsOf(kpi)).toEqual([
      expect.stringContaining(
        'kpis[0] (checkout-availability).indicator.numerator: is PromQL text, but mysql runs SQL'
      ),
    ]);
  });
});

describe('every example and fixture catalog still validates, its queries unchanged', () => {
  const goodDir = join(ROOT, 'testdata/validate/good');
  const files = [
    join(ROOT, 'examples/catalog.yaml'),
    join(ROOT, 'examples/sloth/checkout.catalog.yaml'),
    join(ROOT, 'examples/openslo/checkout.catalog.yaml'),
    ...readdirSync(goodDir).map((name) => join(goodDir, name)),
  ];
  const QUERY_FIELDS = ['good', 'total', 'query', 'numerator', 'denominator'];

  test.each(files)('%s', (file) => {
    const input = parse(readFileSync(file, 'utf8')) as { kpis: Array<{ indicator: Record<string, unknown> }> };
    const result = validateCatalog(input);
    expect(result.ok ? [] : result.problems).toEqual([]);
    const queriesOf = (indicator: Record<string, unknown>) =>
      QUERY_FIELDS.filter((field) => field in indicator).map((field) => indicator[field]);
    const read = result.ok ? result.catalog.kpis.map((kpi) => queriesOf(kpi.indicator as never)) : [];
    expect(read).toEqual(input.kpis.map((kpi) => queriesOf(kpi.indicator)));
  });
});
