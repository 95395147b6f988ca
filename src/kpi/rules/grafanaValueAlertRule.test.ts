import { abandonRateKpi, conversionKpi, monthlyOrdersKpi } from '../../testing/valueKpis';
import { buildGrafanaAlertRuleGroups, toProvisionedAlertRule } from './grafanaAlertRules';

const NOW_MS = Date.UTC(2026, 10, 20);
const groupOf = (kpi: Parameters<typeof buildGrafanaAlertRuleGroups>[0][number], dashboardUrl?: string) =>
  buildGrafanaAlertRuleGroups([kpi], { generatedAtMs: NOW_MS, dashboardUrl: () => dashboardUrl })[0];

describe("a value KPI's Grafana-managed rule", () => {
  const group = groupOf(conversionKpi(), '/d/nsk-conversion-executive');
  const [rule] = group.rules;

  test('one rule in its own group, every 5m: a ticket once off-track for 1h', () => {
    expect(group).toMatchObject({ name: 'northstar-kpi-conversion', folder: 'Northstar KPI', interval: '5m' });
    expect(group.rules).toHaveLength(1);
    expect(rule).toMatchObject({
      uid: 'nsk-conversion-offtrack',
      title: 'Shop conversion (conversion): ticket when off-track',
      condition: 'C',
      for: '1h',
      noDataState: 'OK',
      execErrState: 'KeepLast',
      labels: { severity: 'ticket', kpi_id: 'conversion', kpi_version: '2', owner: 'team-growth' },
      annotations: expect.objectContaining({ dashboard_url: '/d/nsk-conversion-executive' }),
    });
  });

  test('A reads the value over the 7d window from raw series, B reduces it dropping NaN, C is below the warning', () => {
    const [a, b, c] = rule.data;
    expect(a).toMatchObject({
      refId: 'A',
      relativeTimeRange: { from: 604_800, to: 0 },
      datasourceUid: 'prometheus',
      model: {
        expr:
          '(sum(rate(shop_checkouts_total{job="shop",outcome="ordered"}[7d]))) / ' +
          '(sum(rate(shop_checkouts_total{job="shop"}[7d])))',
        instant: true,
      },
    });
    expect(b.model).toMatchObject({ type: 'reduce', expression: 'A', reducer: 'last', settings: { mode: 'dropNN' } });
    expect(c.model).toMatchObject({
      type: 'threshold',
      expression: 'B',
      conditions: [{ evaluator: { type: 'lt', params: [0.028] } }],
    });
  });

  test('lower is better: above the warning; alerting.page: true makes it a page after its own for', () => {
    const [cost] = groupOf({ ...abandonRateKpi(), alerting: { for: '2h', page: true } }).rules;
    expect(cost.data[2].model).toMatchObject({ conditions: [{ evaluator: { type: 'gt', params: [6] } }] });
    expect(cost).toMatchObject({
      for: '2h',
      labels: { severity: 'page' },
      title: expect.stringContaining('page when'),
    });
  });

  test('without a warning the threshold is the target', () => {
    const [orders] = groupOf(monthlyOrdersKpi()).rules;
    expect(orders.data[2].model).toMatchObject({ conditions: [{ evaluator: { type: 'lt', params: [100_000] } }] });
  });

  test('a value KPI on a data source without PromQL is refused, naming the KPI and the type', () => {
    const influx = { ...conversionKpi(), datasource: { type: 'influxdb', uid: 'i' } };
    expect(() => groupOf(influx)).toThrow(
      'Grafana alert rules for KPI conversion: its data source is of type "influxdb"'
    );
  });

  test('its API body keeps the three queries and the condition', () => {
    expect(toProvisionedAlertRule(group, rule, 'folder-uid')).toMatchObject({
      folderUID: 'folder-uid',
      ruleGroup: 'northstar-kpi-conversion',
      condition: 'C',
      keep_firing_for: '0s',
      data: [
        expect.objectContaining({ refId: 'A' }),
        expect.objectContaining({ refId: 'B' }),
        expect.objectContaining({ refId: 'C' }),
      ],
    });
  });
});
