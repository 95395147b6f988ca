import type { AlertingRule, RecordingRule } from './ruleGroup';
import { baseRecordGroups, generateRuleGroups } from './rules';
import { abandonRateKpi, conversionKpi, monthlyOrdersKpi, valueKpi } from '../../testing/valueKpis';
import type { ValueAggregation, ValueKpiDefinition } from '../model';

const NOW_MS = Date.UTC(2026, 10, 20);
const groupOf = (kpi: ValueKpiDefinition) => generateRuleGroups([kpi], { generatedAtMs: NOW_MS })[0];
const recordOf = (kpi: ValueKpiDefinition, name: string) =>
  groupOf(kpi).rules.find((rule): rule is RecordingRule => 'record' in rule && rule.record === name);
const alertOf = (kpi: ValueKpiDefinition) => groupOf(kpi).rules.find((rule): rule is AlertingRule => 'alert' in rule)!;

describe('the rules of a value KPI', () => {
  test('a ratio records numerator and denominator over 5m, then Σ/Σ over its window across versions', () => {
    const group = groupOf(conversionKpi());
    expect(group.interval).toBe('5m');
    expect(group.rules.map((rule) => ('record' in rule ? rule.record : rule.alert))).toEqual([
      'northstar:kpi_value_numerator:rate5m',
      'northstar:kpi_value_denominator:rate5m',
      'northstar:kpi_value:7d',
      'northstar:kpi_value_target',
      'northstar:kpi_value_target',
      'NorthstarKpiValueOffTrack',
    ]);
    expect(recordOf(conversionKpi(), 'northstar:kpi_value_numerator:rate5m')?.expr).toBe(
      'sum(rate(shop_checkouts_total{job="shop",outcome="ordered"}[5m]))'
    );
    expect(recordOf(conversionKpi(), 'northstar:kpi_value:7d')?.expr).toBe(
      'sum without (kpi_version) (sum_over_time(northstar:kpi_value_numerator:rate5m{kpi_id="conversion"}[7d])) / ' +
        'sum without (kpi_version) (sum_over_time(northstar:kpi_value_denominator:rate5m{kpi_id="conversion"}[7d]))'
    );
  });

  test('a monthly sum is the mean rate over the rolling 30 days times its 2,592,000 seconds', () => {
    expect(recordOf(monthlyOrdersKpi(), 'northstar:kpi_value:30d')?.expr).toBe(
      '(sum without (kpi_version) (sum_over_time(northstar:kpi_value_query:5m{kpi_id="orders"}[30d])) / ' +
        'sum without (kpi_version) (count_over_time(northstar:kpi_value_query:5m{kpi_id="orders"}[30d]))) * 2592000'
    );
  });

  test.each([
    ['min', 'min without (kpi_version) (min_over_time(northstar:kpi_value_query:5m{kpi_id="q"}[7d]))'],
    ['max', 'max without (kpi_version) (max_over_time(northstar:kpi_value_query:5m{kpi_id="q"}[7d]))'],
    ['last', 'last_over_time(northstar:kpi_value_query:5m{kpi_id="q",kpi_version="2"}[7d])'],
  ] as const)('%s folds the 5m samples of the window', (aggregation: ValueAggregation, expr) => {
    const kpi = valueKpi(
      'q',
      { query: 'max(x)', aggregation, unit: 'short' },
      { direction: 'higher', target: 1, window: '7d' }
    );
    expect(recordOf(kpi, 'northstar:kpi_value:7d')?.expr).toBe(expr);
  });

  test('off-track past the warning for 1h by default is a ticket, labelled with the KPI and its owner', () => {
    expect(alertOf(conversionKpi())).toMatchObject({
      expr: '(northstar:kpi_value:7d{kpi_id="conversion",kpi_version="2"}) < 0.028',
      for: '1h',
      labels: { severity: 'ticket', kpi_id: 'conversion', kpi_version: '2', owner: 'team-growth' },
    });
  });

  test('lower is better: off-track above the warning; alerting.for and page: true change when and how', () => {
    const kpi = { ...abandonRateKpi(), alerting: { for: '3h', page: true } };
    expect(alertOf(kpi)).toMatchObject({
      expr: '(northstar:kpi_value:28d{kpi_id="abandon-rate",kpi_version="2"}) > 6',
      for: '3h',
      labels: { severity: 'page' },
    });
    expect(alertOf({ ...abandonRateKpi(), alerting: { page: false } }).labels.severity).toBe('ticket');
  });

  test('without a warning, off-track is past the target', () => {
    expect(alertOf(monthlyOrdersKpi()).expr).toBe(
      '(northstar:kpi_value:30d{kpi_id="orders",kpi_version="2"}) < 100000'
    );
  });

  test('catalog text in the annotations comes out verbatim, not as a Go template', () => {
    const kpi = { ...conversionKpi(), name: 'Conversion {{ $value }}' };
    expect(alertOf(kpi).annotations.summary).toBe('Conversion {{ "{{" }} $value }} is off-track');
  });

  test('in a maintenance window the base records leave the steps out and the alert stays quiet', () => {
    const kpi = {
      ...conversionKpi(),
      maintenance: [{ start: '2026-11-28T02:00:00Z', end: '2026-11-28T04:00:00Z', reason: 'migration' }],
    };
    expect(recordOf(kpi, 'northstar:kpi_value_numerator:rate5m')?.expr).toMatch(
      /^\(sum\(rate\(.*\)\) unless on \(\) \(/
    );
    expect(alertOf(kpi).expr).toContain(
      'unless on (kpi_id) (northstar:kpi_maintenance:bool{kpi_id="conversion",kpi_version="2"} == 1)'
    );
  });

  test('the base records and the target are what a backfill can compute; the derived value and alert are not', () => {
    const [base] = baseRecordGroups([groupOf(conversionKpi())]);
    expect(base.rules.map((rule) => ('record' in rule ? rule.record : rule.alert))).toEqual([
      'northstar:kpi_value_numerator:rate5m',
      'northstar:kpi_value_denominator:rate5m',
      'northstar:kpi_value_target',
      'northstar:kpi_value_target',
    ]);
  });

  test('drafts and retired value KPIs have no rules', () => {
    expect(
      generateRuleGroups([
        { ...conversionKpi(), status: 'draft' },
        { ...conversionKpi(), status: 'retired' },
      ])
    ).toEqual([]);
  });
});
