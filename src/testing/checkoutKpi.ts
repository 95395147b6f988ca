/** Test-only: the checkout KPI of DESIGN.md §2, for the tests of every layer that read a ratio KPI. */
import type {
  AlertPolicySpec,
  KpiDefinition,
  Objective,
  RatioIndicator,
  ThresholdIndicator,
  TimesliceIndicator,
} from '../kpi/model';

const CHECKOUT_GOOD = 'sum(rate(http_requests_total{job="checkout",code!~"5.."}[$__rate_interval]))';
const CHECKOUT_TOTAL = 'sum(rate(http_requests_total{job="checkout"}[$__rate_interval]))';

/**
 * What a test changes: `objective` and a ratio `indicator` are merged into the checkout ones (a threshold or
 * timeslice indicator replaces it); `alerting` without `policy` adds to the default policy, with one replaces it.
 * A field overridden with `undefined` is left out of the KPI.
 */
export interface CheckoutKpiOverrides extends Partial<Omit<KpiDefinition, 'indicator' | 'objective' | 'alerting'>> {
  indicator?: Partial<RatioIndicator> | ThresholdIndicator | TimesliceIndicator;
  objective?: Partial<Objective>;
  alerting?: AlertPolicySpec | Omit<AlertPolicySpec, 'policy'>;
}

/**
 * A published ratio KPI "checkout-availability", version 3, owned by team-payments: the share of checkout requests
 * without a 5xx, 99.9 % over 28d, default alert policy, on the data source "prometheus".
 */
export function checkoutKpi(overrides: CheckoutKpiOverrides = {}): KpiDefinition {
  const { indicator, objective, alerting, ...fields } = overrides;
  const kpi: KpiDefinition = {
    id: 'checkout-availability',
    version: 3,
    status: 'published',
    name: 'Checkout availability',
    description: 'Share of checkout requests served without a 5xx.',
    owner: 'team-payments',
    datasource: { type: 'prometheus', uid: 'prometheus' },
    indicator: mergedIndicator(indicator),
    objective: { target: 0.999, window: '28d', ...objective },
    alerting: 'alerting' in overrides ? mergedAlerting(alerting) : { policy: 'default' },
    ...fields,
  };
  return withoutUndefinedFields(kpi);
}

function mergedAlerting(alerting: CheckoutKpiOverrides['alerting']): AlertPolicySpec | undefined {
  return alerting === undefined || 'policy' in alerting ? alerting : { policy: 'default', ...alerting };
}

function mergedIndicator(indicator: CheckoutKpiOverrides['indicator']): KpiDefinition['indicator'] {
  if (indicator?.type === 'threshold' || indicator?.type === 'timeslice') {
    return indicator;
  }
  return { type: 'ratio', good: CHECKOUT_GOOD, total: CHECKOUT_TOTAL, ...indicator };
}

/** `toEqual`, schemas and serialisers then see a missing field, as in a catalog file that leaves it out. */
function withoutUndefinedFields<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
