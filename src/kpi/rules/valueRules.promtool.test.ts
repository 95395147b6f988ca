/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// Value KPIs' rules under Prometheus' own rule engine: `promtool check rules`, and `promtool test rules` with the
// fixtures in testdata/promtool-value/, whose series cross target and warning at known times.
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { stringify } from 'yaml';
import { describeWithPromtool, runPromtool } from '../../testing/promtool';
import { valueKpi } from '../../testing/valueKpis';
import { generateRuleGroups, ruleGroupsToPrometheusFile } from './rules';

const FIXTURES = join(__dirname, '..', '..', '..', 'testdata', 'promtool-value');

/** The KPIs of value-alerts.test.yml, each over a rolling hour so the fixture stays a few hours long. */
function valueKpis() {
  const conversion = (id: string, job: string) =>
    valueKpi(
      id,
      {
        numerator: `sum(rate(shop_orders_total{job="${job}"}[$__rate_interval]))`,
        denominator: `sum(rate(shop_carts_total{job="${job}"}[$__rate_interval]))`,
        unit: 'percentunit',
      },
      { direction: 'higher', target: 0.03, warning: 0.028, window: '1h' }
    );
  return [
    conversion('shop-conversion', 'shop'),
    conversion('healthy-conversion', 'healthy'),
    valueKpi(
      'shop-cost',
      { query: 'max(shop_cost_per_request{job="shop"})', aggregation: 'mean', unit: 'USD' },
      { direction: 'lower', target: 0.12, warning: 0.15, window: '1h' },
      { alerting: { for: '30m', page: true } }
    ),
  ];
}

describeWithPromtool('value KPI rules under promtool', (promtool) => {
  let dir = '';

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'northstar-promtool-value-'));
    for (const name of readdirSync(FIXTURES)) {
      copyFileSync(join(FIXTURES, name), join(dir, name));
    }
    writeFileSync(join(dir, 'value.rules.yml'), stringify(ruleGroupsToPrometheusFile(generateRuleGroups(valueKpis()))));
  });

  afterAll(() => {
    if (dir) {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('promtool check rules accepts them', () => {
    const result = runPromtool(promtool, ['check', 'rules', 'value.rules.yml'], dir);
    expect({ status: result.status, output: result.output }).toEqual({
      status: 0,
      output: expect.stringContaining('SUCCESS'),
    });
  });

  test.each(readdirSync(FIXTURES).filter((name) => name.endsWith('.test.yml')))(
    'promtool test rules %s',
    (fixture) => {
      const result = runPromtool(promtool, ['test', 'rules', fixture], dir);
      expect({ status: result.status, output: result.output }).toEqual({
        status: 0,
        output: expect.stringContaining('SUCCESS'),
      });
    },
    60_000
  );
});
