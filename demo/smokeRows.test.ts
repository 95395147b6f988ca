import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCatalog } from '../src/data/catalogYaml';
import { smokeProblems } from './smokeRows';

const CATALOG = join(__dirname, '..', 'examples', 'catalog.yaml');

function exampleKpis() {
  const loaded = parseCatalog(CATALOG, readFileSync(CATALOG, 'utf8'));
  if (!loaded.ok) {
    throw new Error(loaded.problems.join('\n'));
  }
  return loaded.value.kpis;
}

const PROMQL_IDS = [
  'checkout-availability',
  'search-latency',
  'login-success',
  'checkout-conversion',
  'monthly-revenue',
  'cost-per-1k-requests',
  'search-index-freshness',
];
const SQL_IDS = ['payment-success', 'shop-revenue', 'orders-per-day', 'incident-mttr'];
const good = (id: string) => ({ id, status: 'ok' });
// What eval --prometheus says of a KPI over SQL: it is no-data there, and the smoke check must not read it from there.
const notPromql = { id: 'payment-success', status: 'no-data', error: 'not applicable: eval --prometheus need PromQL' };

describe('the demo smoke check of the example catalog’s rows', () => {
  test('passes when the PromQL KPIs have data from Prometheus and the SQL SLO and value KPIs through the host', () => {
    expect(smokeProblems(exampleKpis(), [...PROMQL_IDS.map(good), notPromql], SQL_IDS.map(good))).toEqual([]);
  });

  test('names a SQL value KPI the host reads no data for, not only the SQL SLO', () => {
    const grafanaRows = [
      ...SQL_IDS.filter((id) => id !== 'orders-per-day').map(good),
      { id: 'orders-per-day', status: 'no-data' },
    ];
    expect(smokeProblems(exampleKpis(), PROMQL_IDS.map(good), grafanaRows)).toEqual([
      'orders-per-day: no-data from eval --grafana: no data',
    ]);
  });

  test('names the SQL SLO when the host answers it with an error, and a PromQL KPI with no data', () => {
    const prometheusRows = [...PROMQL_IDS.slice(1).map(good), { id: 'checkout-availability', status: 'no-data' }];
    const grafanaRows = [
      ...SQL_IDS.slice(1).map(good),
      { id: 'payment-success', status: 'no-data', error: 'indicator.good: relation "shop.payments" does not exist' },
    ];
    expect(smokeProblems(exampleKpis(), prometheusRows, grafanaRows)).toEqual([
      'checkout-availability: no-data from eval --prometheus: no data',
      'payment-success: no-data from eval --grafana: indicator.good: relation "shop.payments" does not exist',
    ]);
  });

  test('names a KPI that has no row at all', () => {
    expect(smokeProblems(exampleKpis(), PROMQL_IDS.map(good), SQL_IDS.slice(1).map(good))).toEqual([
      'payment-success: no row from eval --grafana',
    ]);
  });
});
