import { valuePeriodsAt, type ValueEvaluation } from '../kpi/evaluate';
import type { ValueKpiDefinition } from '../kpi/model';
import { explainValueChange, forecastSentence, formatValueChange, formatValueTarget } from './valueWords';

const AT = Date.UTC(2026, 10, 20, 12);
const MONTH = { calendar: 'month' as const, timeZone: 'Europe/Berlin' };
const periods = valuePeriodsAt(MONTH, AT, 3_600_000);

const revenue: ValueKpiDefinition = {
  id: 'revenue',
  name: 'Revenue',
  version: 1,
  status: 'published',
  owner: 'finance',
  datasource: { type: 'prometheus', uid: 'prometheus' },
  indicator: {
    type: 'value',
    query: 'sum(rate(revenue_dollars_total[$__rate_interval]))',
    aggregation: 'sum',
    unit: 'currencyUSD',
  },
  objective: { direction: 'higher', target: 1_000_000, window: MONTH },
};
const conversion: ValueKpiDefinition = {
  ...revenue,
  id: 'conversion',
  indicator: {
    type: 'value',
    numerator: 'sum(rate(orders_total[5m]))',
    denominator: 'sum(rate(carts_total[5m]))',
    unit: 'percentunit',
  },
  objective: { direction: 'higher', target: 0.03, window: MONTH },
};
const cost: ValueKpiDefinition = {
  ...revenue,
  id: 'cost',
  indicator: { type: 'value', query: 'cost_per_request', aggregation: 'mean', unit: 'currencyUSD' },
  objective: { direction: 'lower', target: 0.4, window: '28d' },
};

function evaluation(overrides: Partial<ValueEvaluation>): ValueEvaluation {
  return {
    status: 'on-track',
    value: 800_000,
    previousValue: 1_000_000,
    forecast: 1_200_000,
    change: { absolute: 200_000, relative: 0.2, better: true },
    period: periods.current,
    previousPeriod: periods.previous,
    coverage: 1,
    evaluatedAtMs: AT,
    ...overrides,
  };
}

describe('value words', () => {
  test('the target carries the side that meets it, in the KPI’s unit', () => {
    expect(formatValueTarget(conversion)).toBe('≥ 3%');
    expect(formatValueTarget(cost)).toBe('≤ $0.400');
  });

  test('a change reads as a share of the previous value, or in the unit after a 0', () => {
    expect(formatValueChange({ absolute: 0.004, relative: 0.125, better: true }, 'percentunit')).toBe('+12.5%');
    expect(formatValueChange({ absolute: -0.1, relative: -0.2, better: false }, 'currencyUSD')).toBe('−20.0%');
    expect(formatValueChange({ absolute: 5, relative: null, better: true }, 'none')).toBe('+5');
    expect(formatValueChange(null, 'none')).toBe('—');
  });

  test('the change is explained with the previous period and whether it is better', () => {
    expect(explainValueChange(evaluation({}), 'currencyUSD')).toBe('Up 20.0% on last month ($1M): better.');
  });

  test('a total under way leads with its pace to the period’s last day', () => {
    expect(forecastSentence(revenue, evaluation({}), 'en-GB')).toBe(
      'On pace for $1.20M by 30 Nov ($800K so far); target ≥ $1M.'
    );
  });

  test('a ratio says its value so far; a rolling window its value over the window', () => {
    const conversionNow = evaluation({ value: 0.029, forecast: 0.029 });
    expect(forecastSentence(conversion, conversionNow)).toBe('2.90% this month so far; target ≥ 3%.');
    const rolling = valuePeriodsAt('28d', AT);
    const costNow = evaluation({
      value: 0.38,
      forecast: 0.38,
      period: rolling.current,
      previousPeriod: rolling.previous,
    });
    expect(forecastSentence(cost, costNow)).toBe('$0.380 last 28d; target ≤ $0.400.');
  });

  test('no value says why', () => {
    const none = evaluation({
      status: 'no-data',
      value: null,
      forecast: null,
      reason: 'the denominator is 0 over this month',
    });
    expect(forecastSentence(conversion, none)).toBe('No value: the denominator is 0 over this month; target ≥ 3%.');
  });
});
