import { exploreUrl } from './exploreUrl';
import { checkoutKpi } from '../testing/checkoutKpi';

const kpi = checkoutKpi({
  datasource: { type: 'prometheus', uid: 'prom-eu' },
  indicator: { good: 'sum(rate(ok{code!~"5.."}[$__rate_interval]))', total: 'sum(rate(all[5m]))' },
});

test('Explore opens the KPI’s good and total queries, unchanged, on its own data source', () => {
  const url = new URL(exploreUrl(kpi, 'now-1d'), 'http://grafana');
  expect(url.pathname).toBe('/explore');
  expect(url.searchParams.get('schemaVersion')).toBe('1');
  expect(JSON.parse(url.searchParams.get('panes')!)).toEqual({
    kpi: {
      datasource: 'prom-eu',
      queries: [
        { refId: 'good', expr: 'sum(rate(ok{code!~"5.."}[$__rate_interval]))', datasource: kpi.datasource },
        { refId: 'total', expr: 'sum(rate(all[5m]))', datasource: kpi.datasource },
      ],
      range: { from: 'now-1d', to: 'now' },
    },
  });
});

test('a SQL KPI’s queries open in Explore as its data source stores them: rawSql and format, no expr', () => {
  const datasource = { type: 'grafana-postgresql-datasource', uid: 'postgres' };
  const good = {
    rawSql: 'SELECT $__timeGroupAlias(at, $__interval), count(*) FILTER (WHERE ok) FROM t',
    format: 'time_series',
  };
  const total = { rawSql: 'SELECT $__timeGroupAlias(at, $__interval), count(*) FROM t', format: 'time_series' };
  const sql = checkoutKpi({ datasource, indicator: { good, total } });
  const panes = JSON.parse(new URL(exploreUrl(sql), 'http://grafana').searchParams.get('panes')!);
  expect(panes.kpi.queries).toEqual([
    { refId: 'good', ...good, datasource },
    { refId: 'total', ...total, datasource },
  ]);
});
