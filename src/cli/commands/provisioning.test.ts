import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { VALIDATE, EXAMPLE, run } from '../cliTestSupport';

describe('northstar provisioning', () => {
  test('enables the app with the catalog, read-only, with every $ escaped for Grafana', async () => {
    const { code, stdout } = await run('provisioning', EXAMPLE);
    expect(code).toBe(0);
    const [app] = parse(stdout).apps;
    expect(app).toMatchObject({ type: 'northstar-kpi-app', org_id: 1, disabled: false });
    expect(app.jsonData).toMatchObject({ provisioned: true, revision: 1 });
    const good = app.jsonData.catalog.kpis[0].indicator.good;
    expect(good).toBe('sum(rate(http_requests_total{job="checkout",code!~"5.."}[$$__rate_interval]))');
    // What Grafana reads after turning $$ back into $ is the catalog itself.
    const unescaped = JSON.parse(JSON.stringify(app.jsonData.catalog).replaceAll('$$', '$'));
    expect(unescaped).toEqual(parse(readFileSync(EXAMPLE, 'utf8')));
    // Every KPI of the example is published, so every one starts its history.
    expect(Object.keys(app.jsonData.history)).toEqual([
      'checkout-availability',
      'search-latency',
      'login-success',
      'checkout-conversion',
      'monthly-revenue',
      'cost-per-1k-requests',
      'search-index-freshness',
      'payment-success',
      'shop-revenue',
      'orders-per-day',
      'incident-mttr',
    ]);
  });

  test('an invalid catalog gives no provisioning file', async () => {
    const { code, stdout } = await run('provisioning', join(VALIDATE, 'bad/target-one.yaml'));
    expect(code).toBe(1);
    expect(stdout).toBe('');
  });
});
