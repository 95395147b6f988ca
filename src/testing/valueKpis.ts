/**
 * Test-only: value KPIs of a shop whose carts counter `shop_checkouts_total{job="shop"}` has an `outcome` label
 * (`ordered` or `abandoned`), for the tests of dashboards and rules that read value KPIs; and the checkout
 * conversion of `orders_total` per `carts_created_total` that the reading, page, panel and report tests read.
 */
import type { ValueIndicator, ValueKpiDefinition, ValueObjective } from '../kpi/model';

export const SHOP_CARTS = 'shop_checkouts_total{job="shop"}';
export const SHOP_ORDERS = 'shop_checkouts_total{job="shop",outcome="ordered"}';

/** A published value KPI "<id>", version 2, owned by team-growth, on the data source "prometheus". */
export function valueKpi(
  id: string,
  indicator: Omit<ValueIndicator, 'type'>,
  objective: ValueObjective,
  overrides: Partial<Omit<ValueKpiDefinition, 'indicator' | 'objective'>> = {}
): ValueKpiDefinition {
  return {
    id,
    version: 2,
    status: 'published',
    name: `Shop ${id}`,
    owner: 'team-growth',
    datasource: { type: 'prometheus', uid: 'prometheus' },
    indicator: { type: 'value', ...indicator } as ValueIndicator,
    objective,
    ...overrides,
  };
}

export const ORDERS_RATE = 'sum(rate(orders_total[$__rate_interval]))';
export const CARTS_RATE = 'sum(rate(carts_created_total[$__rate_interval]))';

/**
 * "checkout-conversion", orders per cart created (Σ/Σ, shown as a percent): 3 % or better, at-risk from 2.8 %, over
 * a Berlin month unless `objective` says otherwise; its fields as `overrides` say (the id of a shorter name too).
 */
export function checkoutConversionKpi(
  objective: Partial<ValueObjective> = {},
  overrides: Partial<Omit<ValueKpiDefinition, 'indicator' | 'objective'>> = {}
): ValueKpiDefinition {
  return valueKpi(
    'checkout-conversion',
    { numerator: ORDERS_RATE, denominator: CARTS_RATE, unit: 'percentunit' },
    {
      direction: 'higher',
      target: 0.03,
      warning: 0.028,
      window: { calendar: 'month', timeZone: 'Europe/Berlin' },
      ...objective,
    },
    { name: 'Checkout conversion', ...overrides }
  );
}

/** Orders per cart, Σ/Σ over 7 days: 3 % or better, at-risk from 2.8 %. */
export function conversionKpi(overrides: Partial<ValueObjective> = {}): ValueKpiDefinition {
  return valueKpi(
    'conversion',
    {
      numerator: `sum(rate(${SHOP_ORDERS}[$__rate_interval]))`,
      denominator: `sum(rate(${SHOP_CARTS}[$__rate_interval]))`,
      unit: 'percentunit',
    },
    { direction: 'higher', target: 0.03, warning: 0.028, window: '7d', ...overrides }
  );
}

/** Orders this month (Europe/Berlin), a sum against a monthly target of 100,000. */
export function monthlyOrdersKpi(): ValueKpiDefinition {
  return valueKpi(
    'orders',
    { query: `sum(rate(${SHOP_ORDERS}[$__rate_interval]))`, aggregation: 'sum', unit: 'short' },
    { direction: 'higher', target: 100_000, window: { calendar: 'month', timeZone: 'Europe/Berlin' } }
  );
}

/** Abandoned carts per second, averaged over 28 days: lower is better, at most 5, off-track above 6. */
export function abandonRateKpi(): ValueKpiDefinition {
  return valueKpi(
    'abandon-rate',
    {
      query: `sum(rate(${SHOP_CARTS.replace('}', ',outcome="abandoned"}')}[$__rate_interval]))`,
      aggregation: 'mean',
      unit: 'reqps',
    },
    { direction: 'lower', target: 5, warning: 6, window: '28d' }
  );
}
