import type { ValueKpiDefinition } from '../../kpi/model';
import { problemAt } from '../../kpi/catalog';
import { catalogToYaml, parseCatalog } from '../../data/catalogYaml';
import { checkoutKpi } from '../../testing/checkoutKpi';
import { checkForm, emptyForm, formFromKpi, type KpiForm } from './kpiForm';

const CONVERSION: ValueKpiDefinition = {
  id: 'checkout-conversion',
  version: 3,
  status: 'published',
  name: 'Checkout conversion',
  owner: 'team-growth',
  audience: ['executive'],
  datasource: { type: 'prometheus', uid: 'prom-eu' },
  indicator: {
    type: 'value',
    numerator: 'sum(rate(orders_total[$__rate_interval]))',
    denominator: 'sum(rate(carts_created_total[$__rate_interval]))',
    unit: 'percentunit',
  },
  objective: {
    direction: 'higher',
    target: 0.031,
    warning: 0.027,
    window: { calendar: 'month', timeZone: 'Europe/Berlin' },
  },
  links: { runbook: 'https://runbooks.example.com/conversion' },
};

const COST: ValueKpiDefinition = {
  id: 'cost-per-1k-requests',
  version: 1,
  status: 'draft',
  name: 'Cost per 1,000 requests',
  owner: 'team-platform',
  datasource: { type: 'prometheus', uid: 'prometheus' },
  indicator: {
    type: 'value',
    query: 'sum(cloud_cost_per_1k_requests_dollars)',
    aggregation: 'mean',
    unit: 'currencyUSD',
  },
  objective: { direction: 'lower', target: 0.42, window: '28d' },
  maintenance: [{ cron: '0 2 * * 0', duration: '2h', reason: 'weekly billing export' }],
};

const check = (form: KpiForm, kpi: ValueKpiDefinition) => checkForm(form, kpi.version, kpi.status);

describe('the editor form of a value KPI', () => {
  test.each([
    ['a conversion ratio judged per calendar month in Berlin, with a warning', CONVERSION],
    ['a mean cost over 28 days, lower is better, with maintenance', COST],
    [
      'a revenue sum (any number, not a share) with its alerting kept',
      {
        ...COST,
        indicator: {
          type: 'value' as const,
          query: 'sum(rate(revenue_dollars_total[$__rate_interval]))',
          aggregation: 'sum' as const,
          unit: 'currencyUSD',
        },
        objective: {
          direction: 'higher' as const,
          target: 1_250_000,
          window: { calendar: 'quarter' as const, timeZone: 'UTC' },
        },
      },
    ],
  ])('%s survives form, YAML and back to the form unchanged', (_name, kpi) => {
    const checked = check(formFromKpi(kpi), kpi);
    expect(checked).toEqual({ ok: true, kpi });

    const yaml = catalogToYaml({ apiVersion: 'northstar.dev/v1', kind: 'KpiCatalog', kpis: [kpi] });
    const parsed = parseCatalog('catalog.yaml', yaml);
    expect(parsed.ok && formFromKpi(parsed.value.kpis[0])).toEqual(formFromKpi(kpi));
  });

  test('the target and warning are typed in the unit, not in percent: 0.031 stays 0.031', () => {
    const form = formFromKpi(CONVERSION);
    expect([form.valueTarget, form.warning, form.unit]).toEqual(['0.031', '0.027', 'percentunit']);
    const checked = check({ ...form, valueTarget: '0.035', warning: '' }, CONVERSION);
    expect(checked.ok && checked.kpi.objective).toEqual({
      direction: 'higher',
      target: 0.035,
      window: { calendar: 'month', timeZone: 'Europe/Berlin' },
    });
  });

  test('switching to a ratio SLO and back keeps every value field as typed', () => {
    const value = formFromKpi(CONVERSION);
    const asSlo: KpiForm = { ...value, indicatorType: 'ratio', good: 'sum(rate(ok[5m]))', total: 'sum(rate(all[5m]))' };
    const sloChecked = check(asSlo, CONVERSION);
    expect(sloChecked.ok && sloChecked.kpi.indicator).toEqual({
      type: 'ratio',
      good: 'sum(rate(ok[5m]))',
      total: 'sum(rate(all[5m]))',
    });
    // The SLO gets its burn-rate policy and its target in percent; the value fields wait unchanged.
    expect(sloChecked.ok && sloChecked.kpi.alerting).toEqual({ policy: 'default' });
    expect(check({ ...asSlo, indicatorType: 'value' }, CONVERSION)).toEqual({ ok: true, kpi: CONVERSION });
  });

  test('a threshold KPI’s query and unit carry over to a value KPI', () => {
    const threshold: KpiForm = {
      ...emptyForm({ type: 'prometheus', uid: 'prometheus' }),
      indicatorType: 'threshold',
      query: 'histogram_quantile(0.95, sum by (le) (rate(lead_time_seconds_bucket[1h])))',
      unit: 's',
    };
    const value: KpiForm = { ...threshold, indicatorType: 'value', valueMeasure: 'query', aggregation: 'last' };
    const checked = checkForm(
      { ...value, id: 'lead-time', name: 'Lead time', owner: 'team-dev', valueTarget: '86400', direction: 'lower' },
      1,
      'draft'
    );
    expect(checked.ok && checked.kpi.indicator).toEqual({
      type: 'value',
      query: 'histogram_quantile(0.95, sum by (le) (rate(lead_time_seconds_bucket[1h])))',
      aggregation: 'last',
      unit: 's',
    });
  });

  test('a value KPI is written without a burn-rate policy, whatever the form held for SLOs', () => {
    const form: KpiForm = { ...formFromKpi(checkoutKpi()), ...formFromKpi(CONVERSION), policy: 'custom' };
    const checked = check(form, CONVERSION);
    expect(checked.ok && 'alerting' in checked.kpi).toBe(false);
  });

  test.each<[string, Partial<KpiForm>, string, string]>([
    [
      'a warning on the wrong side of the target',
      { warning: '0.035' },
      'objective.warning',
      'must be below the target 0.031 when higher is better: the KPI is at-risk between warning and target',
    ],
    [
      'a negative share',
      { valueTarget: '-0.03', warning: '' },
      'objective.target',
      'must not be negative in unit percentunit: a share cannot be below 0',
    ],
    [
      'a unit Grafana does not know',
      { unit: 'dollars' },
      'indicator.unit',
      'must be a Grafana unit id such as percentunit, currencyUSD, s or short (or suffix:…, prefix:…)',
    ],
    ['a numerator without a denominator', { denominator: '' }, 'indicator.denominator', 'query must not be empty'],
    [
      'a target that is not a number',
      { valueTarget: 'three percent' },
      'objective.target',
      'must be a number, got the text "three percent"',
    ],
  ])('%s is named at its field', (_name, change, path, message) => {
    const checked = check({ ...formFromKpi(CONVERSION), ...change }, CONVERSION);
    expect(checked.ok ? undefined : problemAt(checked.problems, path)).toBe(message);
  });
});
