/** @jest-environment jsdom */
import { getValueFormats } from '@grafana/data';
import Ajv2020 from 'ajv/dist/2020';
import { catalogJsonSchema, parseKpi } from './schema';
import { GRAFANA_UNIT_IDS, isGrafanaUnit } from './grafanaUnits';

function conversion(): Record<string, unknown> {
  return {
    id: 'checkout-conversion',
    version: 3,
    status: 'published',
    name: 'Checkout conversion',
    owner: 'team-growth',
    datasource: { type: 'prometheus', uid: 'prom' },
    indicator: {
      type: 'value',
      numerator: 'sum(rate(orders_total[$__rate_interval]))',
      denominator: 'sum(rate(carts_created_total[$__rate_interval]))',
      unit: 'percentunit',
    },
    objective: { direction: 'higher', target: 0.03, warning: 0.028, window: { calendar: 'month', timeZone: 'UTC' } },
  };
}

const problemsOf = (kpi: Record<string, unknown>) => {
  const parsed = parseKpi(kpi);
  return parsed.ok ? [] : parsed.problems.map((problem) => `${problem.path}: ${problem.message}`);
};

describe('value KPI schema', () => {
  test('a numerator/denominator value KPI parses as it was written', () => {
    const parsed = parseKpi(conversion());
    expect(parsed.ok && parsed.kpi.objective).toEqual(conversion().objective);
    expect(parsed.ok && parsed.kpi.indicator.type).toBe('value');
  });

  test.each([
    ['a target above 1 in a currency', { direction: 'higher', target: 1_250_000, window: '28d' }, 'currencyUSD'],
    ['a negative target in degrees', { direction: 'lower', target: -18, warning: -16, window: '7d' }, 'celsius'],
    ['a custom suffix unit', { direction: 'higher', target: 42, window: '28d' }, 'suffix:/user'],
  ])('accepts %s', (_, objective, unit) => {
    const kpi = conversion();
    kpi.indicator = { type: 'value', query: 'sum(rate(x_total[5m]))', aggregation: 'sum', unit };
    kpi.objective = objective;
    expect(problemsOf(kpi)).toEqual([]);
  });

  test.each([
    [
      { direction: 'higher', target: 0.03, warning: 0.03, window: '28d' },
      'objective.warning: must be below the target 0.03',
    ],
    [
      { direction: 'lower', target: 0.12, warning: 0.11, window: '28d' },
      'objective.warning: must be above the target 0.12',
    ],
    [{ direction: 'sideways', target: 0.03, window: '28d' }, 'objective.direction: '],
    [
      { direction: 'higher', target: -0.5, window: '28d' },
      'objective.target: must not be negative in unit percentunit',
    ],
  ])('refuses objective %j, naming the field', (objective, expected) => {
    const kpi = { ...conversion(), objective };
    expect(problemsOf(kpi).join('\n')).toContain(expected);
  });

  test('a numerator with an unclosed parenthesis is refused, naming the field', () => {
    const kpi = conversion();
    kpi.indicator = { ...(kpi.indicator as object), numerator: 'sum(rate(orders_total[5m])' };
    expect(problemsOf(kpi)).toEqual(['indicator.numerator: unbalanced parentheses: 1 "(" not closed']);
  });

  test('an SLO keeps its share target and refuses the value-only fields', () => {
    const slo = {
      ...conversion(),
      indicator: { type: 'ratio', good: 'sum(rate(ok_total[5m]))', total: 'sum(rate(all_total[5m]))' },
      objective: { target: 1.5, warning: 0.9, window: '28d' },
    };
    expect(problemsOf(slo)).toEqual([
      'objective.target: must be between 0 and 1 (exclusive)',
      'objective.warning: applies to value KPIs only: an SLO is judged by its error budget',
    ]);
  });

  test('a value KPI refuses groupBy, which only ratio SLOs have', () => {
    const kpi = conversion();
    kpi.indicator = { ...(kpi.indicator as object), groupBy: ['route'] };
    expect(problemsOf(kpi)).toEqual(['indicator.groupBy: unknown field']);
  });
});

describe('Grafana unit ids', () => {
  test('every id on the fixed list is one the @grafana/data we build with knows', () => {
    const known = new Set(getValueFormats().flatMap((category) => category.submenu.map((unit) => unit.value)));
    expect([...GRAFANA_UNIT_IDS].filter((id) => !known.has(id))).toEqual([]);
  });

  test.each([
    ['percentunit', true],
    ['currency:CHF', true],
    ['dollars', false],
    ['suffix:', false],
    ['dateTimeAsIso', false],
  ])('%s → %s', (unit, expected) => {
    expect(isGrafanaUnit(unit)).toBe(expected);
  });
});

describe("a value KPI's alerting", () => {
  test.each([
    ['for and page', { for: '2h', page: true }],
    ['for alone', { for: '30m' }],
    ['nothing: the defaults (a ticket after 1h)', {}],
  ])('accepts %s', (_, alerting) => {
    expect(problemsOf({ ...conversion(), alerting })).toEqual([]);
  });

  test.each([
    ['a burn-rate policy', { policy: 'default' }, 'alerting.policy: a burn-rate policy applies to SLOs only'],
    ['a for that is no duration', { for: '0m' }, 'alerting.for: must be a positive duration such as 5m, 1h or 28d'],
    ['a page that is no boolean', { page: 'yes' }, 'alerting.page: must be a boolean, got the text "yes"'],
    ['an SLO tier in place of page', { page: { enabled: true } }, 'alerting.page: must be a boolean, got'],
  ])('refuses %s, naming the field', (_, alerting, problem) => {
    expect(problemsOf({ ...conversion(), alerting })).toEqual([expect.stringContaining(problem)]);
  });

  test('an SLO is refused for and page without a policy, naming alerting.policy', () => {
    const slo = {
      ...conversion(),
      indicator: { type: 'ratio', good: 'sum(rate(a[5m]))', total: 'sum(rate(b[5m]))' },
      objective: { target: 0.99, window: '28d' },
      alerting: { for: '1h' },
    };
    expect(problemsOf(slo)).toEqual([
      'alerting.policy: is required for an SLO: "default" or "custom" (for and page alone are for value KPIs)',
    ]);
  });

  test('the JSON Schema takes it, and still tells the SLO policies from it', () => {
    const ajv = new Ajv2020({ strict: false });
    const validate = ajv.compile(catalogJsonSchema());
    const catalog = (kpi: Record<string, unknown>) => ({
      apiVersion: 'northstar.dev/v1',
      kind: 'KpiCatalog',
      kpis: [kpi],
    });
    const slo = {
      ...conversion(),
      indicator: { type: 'ratio', good: 'g', total: 't' },
      objective: { target: 0.99, window: '28d' },
    };
    expect(validate(catalog({ ...conversion(), alerting: { for: '2h', page: true } }))).toBe(true);
    expect(validate(catalog({ ...slo, alerting: { policy: 'default' } }))).toBe(true);
    expect(validate(catalog({ ...slo, alerting: { policy: 'default', page: true } }))).toBe(false);
  });
});
