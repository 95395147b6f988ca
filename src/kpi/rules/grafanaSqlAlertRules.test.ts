import { buildGrafanaAlertRuleGroups, type GrafanaAlertQuery, type GrafanaAlertRule } from './index';
import { mathReferences } from './serverSideExpressions';
import type { KpiDefinition, ValueKpiDefinition } from '../model';
import {
  ALL_PAYMENTS_SQL,
  PAID_PAYMENTS_SQL,
  paymentSuccessSqlKpi,
  POSTGRES_DATASOURCE,
} from '../../testing/shopSqlKpis';
import { valueKpi } from '../../testing/valueKpis';

/** 99.5 % over 28d, default policy: page 13.44x 1h/5m or 5.6x 6h/30m; ticket 2.8x 1d/2h or 0.933…x 3d/6h. */
function paymentsKpi(change: (kpi: KpiDefinition) => void = () => {}): KpiDefinition {
  const kpi = paymentSuccessSqlKpi({ target: 0.995 });
  change(kpi);
  return kpi;
}

function rulesOf(kpi: KpiDefinition | ValueKpiDefinition): GrafanaAlertRule[] {
  const [group] = buildGrafanaAlertRuleGroups([kpi]);
  return group.rules;
}

const byRefId = (rule: GrafanaAlertRule, refId: string): GrafanaAlertQuery =>
  rule.data.find((query) => query.refId === refId)!;

/** Every refId an expression reads is a query or expression of the same rule, and the condition is one too. */
function expectClosedReferences(rule: GrafanaAlertRule): void {
  const refIds = rule.data.map((query) => query.refId);
  expect(new Set(refIds).size).toBe(refIds.length);
  expect(refIds).toContain(rule.condition);
  for (const { datasourceUid, model } of rule.data) {
    if (datasourceUid !== '__expr__') {
      continue;
    }
    const inputs = model.type === 'math' ? mathReferences(String(model.expression)) : [String(model.expression)];
    inputs.forEach((input) => expect(refIds).toContain(input));
  }
}

describe('Grafana-managed rules over SQL', () => {
  test('the page rule runs the KPI’s own SQL once per window, each over that window', () => {
    const [page] = rulesOf(paymentsKpi());
    const queries = page.data.filter((query) => query.datasourceUid === POSTGRES_DATASOURCE.uid);
    expect(queries.map((query) => [query.refId, query.relativeTimeRange.from])).toEqual([
      ['good_6h_rows', 21_600],
      ['total_6h_rows', 21_600],
      ['good_1h_rows', 3600],
      ['total_1h_rows', 3600],
      ['good_30m_rows', 1800],
      ['total_30m_rows', 1800],
      ['good_5m_rows', 300],
      ['total_5m_rows', 300],
    ]);
    expect(byRefId(page, 'good_1h_rows')).toEqual({
      refId: 'good_1h_rows',
      relativeTimeRange: { from: 3600, to: 0 },
      datasourceUid: POSTGRES_DATASOURCE.uid,
      model: {
        refId: 'good_1h_rows',
        datasource: POSTGRES_DATASOURCE,
        rawSql: PAID_PAYMENTS_SQL,
        format: 'time_series',
        intervalMs: 60_000,
        maxDataPoints: 60,
      },
    });
  });

  test('Reduce sums each window, Math turns the sums into the engine’s burn rate, Threshold fires on the condition', () => {
    const [page] = rulesOf(paymentsKpi());
    expect(byRefId(page, 'good_1h').model).toEqual({
      refId: 'good_1h',
      datasource: { type: '__expr__', uid: '__expr__' },
      type: 'reduce',
      expression: 'good_1h_rows',
      reducer: 'sum',
      settings: { mode: 'dropNN' },
    });
    expect(byRefId(page, 'burn_1h').model.expression).toBe('(1 - $good_1h / $total_1h) / (1 - 0.995)');
    expect(byRefId(page, 'burning').model.expression).toBe(
      '($burn_1h > 13.44 && $burn_5m > 13.44) || ($burn_6h > 5.6 && $burn_30m > 5.6)'
    );
    expect(page.condition).toBe('firing');
    expect(byRefId(page, 'firing').model).toMatchObject({
      type: 'threshold',
      expression: 'burning',
      conditions: [{ evaluator: { type: 'gt', params: [0] } }],
    });
    expectClosedReferences(page);
  });

  test('the ticket rule ORs the slow pairs; both rules keep their last state over no rows', () => {
    const [page, ticket] = rulesOf(paymentsKpi());
    expect(ticket.uid).toBe('nsk-payment-success-ticket');
    expect(byRefId(ticket, 'burning').model.expression).toBe(
      '($burn_1d > 2.8 && $burn_2h > 2.8) || ($burn_3d > 0.933333333333 && $burn_6h > 0.933333333333)'
    );
    expect(byRefId(ticket, 'total_3d_rows').relativeTimeRange).toEqual({ from: 259_200, to: 0 });
    // 3 days in buckets of 3 minutes: at most 1440 rows per query.
    expect(byRefId(ticket, 'total_3d_rows').model).toMatchObject({ intervalMs: 180_000, maxDataPoints: 1440 });
    expect([page.noDataState, ticket.noDataState]).toEqual(['KeepLast', 'KeepLast']);
    expect([page.for, page.keepFiringFor, ticket.for, ticket.keepFiringFor]).toEqual(['2m', '5m', '15m', '30m']);
    expect(page.labels).toMatchObject({ kpi_id: 'payment-success', severity: 'page', burnrate_tier: 'page' });
    expectClosedReferences(ticket);
  });

  test('with minEvents, each row also needs its short window to hold that many events', () => {
    const [page] = rulesOf(paymentsKpi((kpi) => (kpi.alerting = { policy: 'default', minEvents: 37 })));
    expect(byRefId(page, 'burning').model.expression).toBe(
      '($burn_1h > 13.44 && $burn_5m > 13.44 && $total_5m >= 37) || ' +
        '($burn_6h > 5.6 && $burn_30m > 5.6 && $total_30m >= 37)'
    );
  });

  test('with alerting.absent, a rule fires when the total SQL returns no rows over the shortest window', () => {
    const rules = rulesOf(paymentsKpi((kpi) => (kpi.alerting = { policy: 'default', absent: { for: '13m' } })));
    const absent = rules[2];
    expect(absent.uid).toBe('nsk-payment-success-absent');
    expect(absent.noDataState).toBe('Alerting');
    expect(absent.for).toBe('13m');
    expect(byRefId(absent, 'total_rows').relativeTimeRange).toEqual({ from: 300, to: 0 });
    expect(byRefId(absent, 'total_rows').model.rawSql).toBe(ALL_PAYMENTS_SQL);
    expectClosedReferences(absent);
  });

  test('a threshold KPI over SQL is refused naming the KPI and what to use instead', () => {
    const kpi = paymentsKpi((k) => {
      k.indicator = {
        type: 'threshold',
        query: { rawSql: 'SELECT 1' },
        comparator: '<',
        threshold: 2,
        slice: '5m',
      } as unknown as KpiDefinition['indicator'];
    });
    expect(() => buildGrafanaAlertRuleGroups([kpi])).toThrow(
      'Grafana alert rules for KPI payment-success: its indicator is threshold over SQL; Grafana-managed rules over ' +
        'SQL are made for ratio and value KPIs so far (northstar eval --grafana evaluates it)'
    );
  });
});

describe('the off-track rule of a value KPI over SQL', () => {
  const ordersSql = (column: string) =>
    `SELECT $__timeGroupAlias(created_at, $__interval), count(*) AS ${column} FROM shop.orders ` +
    'WHERE $__timeFilter(created_at) GROUP BY 1 ORDER BY 1';

  test('a ratio: both sums over the window, then Σ numerator / Σ denominator below the warning', () => {
    const kpi = valueKpi(
      'conversion',
      { numerator: { rawSql: ordersSql('orders') }, denominator: { rawSql: ordersSql('carts') }, unit: 'percentunit' },
      { direction: 'higher', target: 0.03, warning: 0.028, window: '7d' },
      { datasource: POSTGRES_DATASOURCE }
    );
    const [group] = buildGrafanaAlertRuleGroups([kpi]);
    expect(group.interval).toBe('5m');
    const [rule] = group.rules;
    expect(rule.uid).toBe('nsk-conversion-offtrack');
    expect(byRefId(rule, 'numerator_rows').relativeTimeRange).toEqual({ from: 604_800, to: 0 });
    expect(byRefId(rule, 'value').model.expression).toBe('$numerator / $denominator');
    expect(byRefId(rule, 'firing').model).toMatchObject({
      expression: 'value',
      conditions: [{ evaluator: { type: 'lt', params: [0.028] } }],
    });
    expect([rule.noDataState, rule.for]).toEqual(['OK', '1h']);
    expectClosedReferences(rule);
  });

  test.each([
    ['sum', 'sum'],
    ['mean', 'mean'],
    ['max', 'max'],
  ] as const)(
    'a %s query is its buckets reduced by %s; lower is better fires above the target',
    (aggregation, reducer) => {
      const kpi = valueKpi(
        'mttr',
        { query: { rawSql: ordersSql('minutes') }, aggregation, unit: 'm' },
        { direction: 'lower', target: 45, window: '30d' },
        { datasource: POSTGRES_DATASOURCE }
      );
      const [rule] = rulesOf(kpi);
      expect(byRefId(rule, 'value').model).toMatchObject({ type: 'reduce', expression: 'value_rows', reducer });
      expect(byRefId(rule, 'firing').model.conditions).toEqual([{ evaluator: { type: 'gt', params: [45] } }]);
      expectClosedReferences(rule);
    }
  );
});
