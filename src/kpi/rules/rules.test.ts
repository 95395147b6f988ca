import type { CompositeKpiDefinition, KpiDefinition } from '../model';
import { checkoutKpi } from '../../testing/checkoutKpi';
import { compositeKpi } from '../../testing/compositeKpi';
import {
  generateRuleGroups,
  promNumber,
  promqlString,
  rawErrorRatioExpr,
  ruleGroupsToMimirFile,
  ruleGroupsToPrometheusFile,
  shardOf,
  type AlertingRule,
  type RecordingRule,
  type RuleGroup,
} from './rules';

const GOOD = 'sum(rate(http_requests_total{job="checkout",code!~"5.."}[$__rate_interval]))';
const TOTAL = 'sum(rate(http_requests_total{job="checkout"}[$__rate_interval]))';
const LATENCY = 'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[$__rate_interval])))';

/** A published ratio KPI, 99.9 % over 30d (factors 14.4 / 6 / 3 / 1); version 7 so it cannot pass for a count. */
function baseKpi(): KpiDefinition {
  return checkoutKpi({
    version: 7,
    indicator: { good: GOOD, total: TOTAL },
    objective: { target: 0.999, window: '30d' },
    links: { runbook: 'https://runbooks.example.com/checkout' },
  });
}

function withKpi(change: (kpi: KpiDefinition) => void): KpiDefinition {
  const kpi = baseKpi(); // a fresh object each call, so changes never leak between cases
  change(kpi);
  return kpi;
}

function onlyGroup(kpi: KpiDefinition, scrapeIntervalMs?: number): RuleGroup {
  const groups = generateRuleGroups([kpi], { scrapeIntervalMs });
  expect(groups).toHaveLength(1);
  return groups[0];
}

function recordingRules(group: RuleGroup): RecordingRule[] {
  return group.rules.filter((rule): rule is RecordingRule => 'record' in rule);
}

function alertingRules(group: RuleGroup): AlertingRule[] {
  return group.rules.filter((rule): rule is AlertingRule => 'alert' in rule);
}

function recordExpr(group: RuleGroup, record: string): string | undefined {
  return recordingRules(group).find((rule) => rule.record === record)?.expr;
}

const LABELS = { kpi_id: 'checkout-availability', kpi_version: '7' };
const SEL = '{kpi_id="checkout-availability",kpi_version="7"}';
/** Derived windows select the records of every version of the KPI. */
const ID = '{kpi_id="checkout-availability"}';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The expression of a window derived from the 5m good and total records. */
function derived(window: string): string {
  return (
    `1 - (sum without (kpi_version) (sum_over_time(northstar:kpi_good:rate5m${ID}[${window}]))` +
    ` / sum without (kpi_version) (sum_over_time(northstar:kpi_total:rate5m${ID}[${window}])))`
  );
}

describe('generateRuleGroups: recording rules of a ratio KPI', () => {
  test('a ratio KPI records good and total over the 5m base window, every error ratio, then its objective', () => {
    const group = onlyGroup(baseKpi());
    expect(group.name).toBe('northstar-kpi-checkout-availability');
    expect(group.interval).toBeUndefined();
    expect(recordingRules(group).map((rule) => [rule.record, rule.labels])).toEqual([
      ['northstar:kpi_good:rate5m', LABELS],
      ['northstar:kpi_total:rate5m', LABELS],
      ['northstar:kpi_error_ratio:rate5m', LABELS],
      ['northstar:kpi_error_ratio:rate30m', LABELS],
      ['northstar:kpi_error_ratio:rate1h', LABELS],
      ['northstar:kpi_error_ratio:rate2h', LABELS],
      ['northstar:kpi_error_ratio:rate6h', LABELS],
      ['northstar:kpi_error_ratio:rate1d', LABELS],
      ['northstar:kpi_error_ratio:rate3d', LABELS],
      ['northstar:kpi_error_ratio:rate30d', LABELS],
      ['northstar:kpi_objective:ratio', LABELS],
    ]);
  });

  test.each([
    [
      'the good rate is the user query over 5m, or 0 when no good series exists',
      'northstar:kpi_good:rate5m',
      '(sum(rate(http_requests_total{job="checkout",code!~"5.."}[5m]))) or vector(0)',
    ],
    [
      'the total rate is the user query over 5m, without a fallback (no traffic must stay no ratio)',
      'northstar:kpi_total:rate5m',
      'sum(rate(http_requests_total{job="checkout"}[5m]))',
    ],
    [
      'the 5m error ratio divides the two records of this evaluation',
      'northstar:kpi_error_ratio:rate5m',
      `1 - (northstar:kpi_good:rate5m${SEL} / northstar:kpi_total:rate5m${SEL})`,
    ],
    ['the 1h error ratio adds up an hour of 5m records', 'northstar:kpi_error_ratio:rate1h', derived('1h')],
    ['the SLO-window error ratio adds up 30d of 5m records', 'northstar:kpi_error_ratio:rate30d', derived('30d')],
    ['the objective is the target as a constant vector', 'northstar:kpi_objective:ratio', 'vector(0.999)'],
  ])('%s', (_name, record, expected) => {
    expect(recordExpr(onlyGroup(baseKpi()), record)).toBe(expected);
  });

  test('no rule evaluates the user queries over a window longer than the base window', () => {
    const exprs = recordingRules(onlyGroup(baseKpi())).map((rule) => rule.expr);
    expect(exprs.filter((expr) => expr.includes('http_requests_total'))).toHaveLength(2);
    expect(exprs.join(' ')).not.toMatch(/http_requests_total\{[^}]*\}\[(?!5m\])/);
  });

  test('$__interval and $__range in a ratio query also become the base window', () => {
    const kpi = withKpi((k) => {
      k.indicator = {
        type: 'ratio',
        good: 'sum(increase(good_total[$__range])) / ${__interval}',
        total: 'x[${__range}]',
      };
    });
    const group = onlyGroup(kpi);
    expect(recordExpr(group, 'northstar:kpi_good:rate5m')).toBe('(sum(increase(good_total[5m])) / 5m) or vector(0)');
    expect(recordExpr(group, 'northstar:kpi_total:rate5m')).toBe('x[5m]');
  });

  test('an SLO window that is also a policy window is recorded once', () => {
    const kpi = withKpi((k) => {
      k.objective.window = '3d';
    });
    expect(recordingRules(onlyGroup(kpi)).map((rule) => rule.record)).toEqual([
      'northstar:kpi_good:rate5m',
      'northstar:kpi_total:rate5m',
      'northstar:kpi_error_ratio:rate5m',
      'northstar:kpi_error_ratio:rate30m',
      'northstar:kpi_error_ratio:rate1h',
      'northstar:kpi_error_ratio:rate2h',
      'northstar:kpi_error_ratio:rate6h',
      'northstar:kpi_error_ratio:rate1d',
      'northstar:kpi_error_ratio:rate3d',
      'northstar:kpi_objective:ratio',
    ]);
  });

  test('a custom policy whose shortest window is 3m records good and total over 3m and derives 11m from them', () => {
    const kpi = withKpi((k) => {
      k.alerting = { policy: 'custom', rules: [{ severity: 'page', factor: 2, long: '11m', short: '3m' }] };
    });
    const group = onlyGroup(kpi);
    expect(recordExpr(group, 'northstar:kpi_good:rate3m')).toBe(
      '(sum(rate(http_requests_total{job="checkout",code!~"5.."}[3m]))) or vector(0)'
    );
    expect(recordExpr(group, 'northstar:kpi_error_ratio:rate11m')).toBe(
      `1 - (sum without (kpi_version) (sum_over_time(northstar:kpi_good:rate3m${ID}[11m]))` +
        ` / sum without (kpi_version) (sum_over_time(northstar:kpi_total:rate3m${ID}[11m])))`
    );
  });
});

describe('generateRuleGroups: recording rules of threshold and timeslice KPIs', () => {
  const threshold = withKpi((k) => {
    k.indicator = { type: 'threshold', query: LATENCY, comparator: '<', threshold: 0.3, unit: 's' };
  });
  const timeslice = withKpi((k) => {
    k.indicator = {
      type: 'timeslice',
      query: 'sum(increase(orders_total[$__interval])) / sum(increase(visits_total[${__rate_interval}])) + $__range',
      comparator: '>=',
      threshold: 0.03,
      slice: '5m',
    };
  });

  test.each([
    ['a threshold KPI is evaluated once per 1m slice', threshold, '1m'],
    ['a timeslice KPI is evaluated once per slice of its own', timeslice, '5m'],
  ])('%s: the group interval is the slice', (_name, kpi, interval) => {
    expect(onlyGroup(kpi).interval).toBe(interval);
  });

  test('a slice KPI records the verdict of each slice, every error ratio, then its objective', () => {
    expect(recordingRules(onlyGroup(threshold)).map((rule) => rule.record)).toEqual([
      'northstar:kpi_slice_good:bool',
      'northstar:kpi_error_ratio:rate5m',
      'northstar:kpi_error_ratio:rate30m',
      'northstar:kpi_error_ratio:rate1h',
      'northstar:kpi_error_ratio:rate2h',
      'northstar:kpi_error_ratio:rate6h',
      'northstar:kpi_error_ratio:rate1d',
      'northstar:kpi_error_ratio:rate3d',
      'northstar:kpi_error_ratio:rate30d',
      'northstar:kpi_objective:ratio',
    ]);
  });

  test.each([
    [
      'a threshold verdict compares the query with $__rate_interval = max(1m + 15s, 4 × 15s)',
      threshold,
      undefined,
      'northstar:kpi_slice_good:bool',
      '(histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[1m15s])))) < bool 0.3',
    ],
    [
      'a threshold verdict uses the scrape interval it is given: max(1m + 30s, 4 × 30s) = 2m',
      threshold,
      30_000,
      'northstar:kpi_slice_good:bool',
      '(histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[2m])))) < bool 0.3',
    ],
    [
      'a timeslice verdict sets $__interval and $__range to its slice and $__rate_interval to 5m + 15s',
      timeslice,
      undefined,
      'northstar:kpi_slice_good:bool',
      '(sum(increase(orders_total[5m])) / sum(increase(visits_total[5m15s])) + 5m) >= bool 0.03',
    ],
    [
      'a window is the share of bad slices recorded in it, across versions',
      timeslice,
      undefined,
      'northstar:kpi_error_ratio:rate6h',
      `1 - (sum without (kpi_version) (sum_over_time(northstar:kpi_slice_good:bool${ID}[6h]))` +
        ` / sum without (kpi_version) (count_over_time(northstar:kpi_slice_good:bool${ID}[6h])))`,
    ],
    [
      'the SLO window is derived the same way, without a 30d subquery',
      threshold,
      undefined,
      'northstar:kpi_error_ratio:rate30d',
      `1 - (sum without (kpi_version) (sum_over_time(northstar:kpi_slice_good:bool${ID}[30d]))` +
        ` / sum without (kpi_version) (count_over_time(northstar:kpi_slice_good:bool${ID}[30d])))`,
    ],
  ])('%s', (_name, kpi, scrapeIntervalMs, record, expected) => {
    expect(recordExpr(onlyGroup(kpi, scrapeIntervalMs), record)).toBe(expected);
  });
});

describe('rawErrorRatioExpr: the error ratio without recorded series', () => {
  test.each([
    [
      'a ratio KPI over 1h evaluates the user queries over 1h',
      baseKpi(),
      HOUR,
      '1 - (((sum(rate(http_requests_total{job="checkout",code!~"5.."}[1h]))) or vector(0)) / (sum(rate(http_requests_total{job="checkout"}[1h]))))',
    ],
    [
      'a ratio KPI over its 30d SLO window evaluates them over 30d',
      baseKpi(),
      30 * DAY,
      '1 - (((sum(rate(http_requests_total{job="checkout",code!~"5.."}[30d]))) or vector(0)) / (sum(rate(http_requests_total{job="checkout"}[30d]))))',
    ],
    [
      'a threshold KPI averages its 1m slices through a subquery',
      withKpi((k) => {
        k.indicator = { type: 'threshold', query: 'max(queue_depth)', comparator: '<', threshold: 100 };
      }),
      6 * HOUR,
      '1 - avg_over_time(((max(queue_depth)) < bool 100)[6h:1m])',
    ],
    [
      'a timeslice KPI steps its subquery by its own slice',
      withKpi((k) => {
        k.indicator = { type: 'timeslice', query: 'min(up)', comparator: '>', threshold: 0, slice: '2m' };
      }),
      5 * MINUTE,
      '1 - avg_over_time(((min(up)) > bool 0)[5m:2m])',
    ],
  ])('%s', (_name, kpi, windowMs, expected) => {
    expect(rawErrorRatioExpr(kpi, windowMs, 15_000)).toBe(expected);
  });

  test('no raw expression reads a northstar: series', () => {
    for (const windowMs of [5 * MINUTE, HOUR, 3 * DAY, 30 * DAY]) {
      expect(rawErrorRatioExpr(baseKpi(), windowMs, 15_000)).not.toContain('northstar:');
    }
  });
});

describe('generateRuleGroups: which KPIs get rules', () => {
  test.each([
    ['a draft KPI has no rules', 'draft' as const],
    ['a retired KPI has no rules', 'retired' as const],
  ])('%s', (_name, status) => {
    const kpi = withKpi((k) => {
      k.status = status;
    });
    expect(generateRuleGroups([kpi])).toEqual([]);
  });

  test('each published KPI gets its own group, in catalog order', () => {
    const kpis = [
      withKpi((k) => {
        k.id = 'search-latency';
      }),
      withKpi((k) => {
        k.id = 'draft-one';
        k.status = 'draft';
      }),
      baseKpi(),
    ];
    expect(generateRuleGroups(kpis).map((group) => group.name)).toEqual([
      'northstar-kpi-search-latency',
      'northstar-kpi-checkout-availability',
    ]);
  });

  test('a KPI whose window is not a duration is named in the error', () => {
    const kpi = withKpi((k) => {
      k.objective.window = 'a month';
    });
    expect(() => generateRuleGroups([kpi])).toThrow(
      /^rules for KPI checkout-availability: "a month" is not a duration/
    );
  });
});

describe('generateRuleGroups: alerting rules', () => {
  const PAGE_EXPR =
    `(northstar:kpi_error_ratio:rate1h${SEL} > (14.4 * 0.001) and northstar:kpi_error_ratio:rate5m${SEL} > (14.4 * 0.001))` +
    ` or (northstar:kpi_error_ratio:rate6h${SEL} > (6 * 0.001) and northstar:kpi_error_ratio:rate30m${SEL} > (6 * 0.001))`;
  const TICKET_EXPR =
    `(northstar:kpi_error_ratio:rate1d${SEL} > (3 * 0.001) and northstar:kpi_error_ratio:rate2h${SEL} > (3 * 0.001))` +
    ` or (northstar:kpi_error_ratio:rate3d${SEL} > (1 * 0.001) and northstar:kpi_error_ratio:rate6h${SEL} > (1 * 0.001))`;

  test('the default policy gives one alert per severity, page first, its rows OR-ed', () => {
    const alerts = alertingRules(onlyGroup(baseKpi()));
    expect(alerts.map((alert) => [alert.alert, alert.labels.severity, alert.for, alert.expr])).toEqual([
      ['NorthstarKpiErrorBudgetBurn', 'page', '2m', PAGE_EXPR],
      ['NorthstarKpiErrorBudgetBurn', 'ticket', '15m', TICKET_EXPR],
    ]);
  });

  test('with the low-traffic guard each row also needs its short window to hold minEvents requests', () => {
    const kpi = { ...baseKpi(), alerting: { policy: 'default' as const, minEvents: 250 } };
    const [page] = alertingRules(onlyGroup(kpi));
    // events in the short window = mean recorded 5m rate over it × its seconds, over every kpi_version
    const events = (window: string, seconds: number) =>
      `on (kpi_id) (sum without (kpi_version) (avg_over_time(northstar:kpi_total:rate5m${ID}[${window}])) * ${seconds} >= 250)`;
    expect(page.expr).toBe(
      `(northstar:kpi_error_ratio:rate1h${SEL} > (14.4 * 0.001) and northstar:kpi_error_ratio:rate5m${SEL} > (14.4 * 0.001) and ${events('5m', 300)})` +
        ` or (northstar:kpi_error_ratio:rate6h${SEL} > (6 * 0.001) and northstar:kpi_error_ratio:rate30m${SEL} > (6 * 0.001) and ${events('30m', 1800)})`
    );
  });

  test('alert control: the page tier named critical with its own for, the ticket tier off, an absent-data alert', () => {
    const kpi: KpiDefinition = {
      ...baseKpi(),
      alerting: {
        policy: 'default',
        page: { severity: 'critical', for: '1m' },
        ticket: { enabled: false },
        absent: { for: '10m', severity: 'warning' },
      },
    };
    const alerts = alertingRules(onlyGroup(kpi));
    expect(alerts.map((alert) => [alert.alert, alert.labels.severity, alert.labels.burnrate_tier, alert.for])).toEqual([
      ['NorthstarKpiErrorBudgetBurn', 'critical', 'page', '1m'],
      ['NorthstarKpiDataAbsent', 'warning', undefined, '10m'],
    ]);
    expect(alerts[1].expr).toBe(`absent(northstar:kpi_total:rate5m${SEL})`);
    expect(alerts[1].labels).toEqual({ severity: 'warning', ...LABELS, owner: 'team-payments' });
  });

  test('alerts come after the recording rules they read, so one evaluation sees fresh ratios', () => {
    const kinds = onlyGroup(baseKpi()).rules.map((rule) => ('record' in rule ? 'record' : 'alert'));
    expect(kinds.indexOf('alert')).toBe(kinds.lastIndexOf('record') + 1);
  });

  test('an alert carries severity, KPI id, version and owner labels', () => {
    const [page] = alertingRules(onlyGroup(baseKpi()));
    expect(page.labels).toEqual({
      severity: 'page',
      burnrate_tier: 'page',
      kpi_id: 'checkout-availability',
      kpi_version: '7',
      owner: 'team-payments',
    });
  });

  test('an alert explains itself: summary, the windows and factors in words, and the runbook', () => {
    const [page, ticket] = alertingRules(onlyGroup(baseKpi()));
    expect(page.annotations).toEqual({
      summary: 'Checkout availability burns its error budget too fast',
      description:
        'Checkout availability (checkout-availability v7, target 99.9 % over 30d) is burning its error budget ' +
        'faster than the policy allows: over both the last 1h and the last 5m at more than 14.4x the sustainable ' +
        'rate (error ratio above 1.44 %, 2 % of the budget gone in 1h), or over both the last 6h and the last 30m ' +
        'at more than 6x (error ratio above 0.6 %, 5 % of the budget gone in 6h). At 1x the budget lasts exactly 30d.',
      runbook_url: 'https://runbooks.example.com/checkout',
    });
    expect(ticket.annotations.description).toBe(
      'Checkout availability (checkout-availability v7, target 99.9 % over 30d) is burning its error budget ' +
        'faster than the policy allows: over both the last 1d and the last 2h at more than 3x the sustainable ' +
        'rate (error ratio above 0.3 %, 10 % of the budget gone in 1d), or over both the last 3d and the last 6h ' +
        'at more than 1x (error ratio above 0.1 %, 10 % of the budget gone in 3d). At 1x the budget lasts exactly 30d.'
    );
  });

  test('an alert of a KPI without a runbook has no runbook_url', () => {
    const kpi = withKpi((k) => {
      k.links = { dashboard: 'https://grafana.example.com/d/checkout' };
    });
    const [page] = alertingRules(onlyGroup(kpi));
    expect(Object.keys(page.annotations)).toEqual(['summary', 'description']);
  });

  test.each([
    [
      'a 28d window gives a page factor of 13.44 and a slowest ticket factor of 0.933333333333',
      withKpi((k) => {
        k.objective.window = '28d';
      }),
      ['(13.44 * 0.001)', '(5.6 * 0.001)', '(2.8 * 0.001)', '(0.933333333333 * 0.001)'],
    ],
    [
      'a target of 99.95 % writes its budget as 0.0005, without float noise',
      withKpi((k) => {
        k.objective.target = 0.9995;
      }),
      ['(14.4 * 0.0005)', '(6 * 0.0005)', '(3 * 0.0005)', '(1 * 0.0005)'],
    ],
    [
      'a target of 99.999 % writes its budget as 0.00001, although 1 - 0.99999 is 0.00000999999999995 in floats',
      withKpi((k) => {
        k.objective.target = 0.99999;
      }),
      ['(14.4 * 0.00001)', '(6 * 0.00001)', '(3 * 0.00001)', '(1 * 0.00001)'],
    ],
    [
      'a 7d window gives factors 3.36, 1.4, 0.7 and 0.233333333333',
      withKpi((k) => {
        k.objective.window = '7d';
      }),
      ['(3.36 * 0.001)', '(1.4 * 0.001)', '(0.7 * 0.001)', '(0.233333333333 * 0.001)'],
    ],
  ])('%s', (_name, kpi, thresholds) => {
    const exprs = alertingRules(onlyGroup(kpi))
      .map((alert) => alert.expr)
      .join(' ');
    const found = [...new Set(exprs.match(/\([0-9.]+ \* [0-9.]+\)/g))];
    expect(found).toEqual(thresholds);
  });

  test('a custom policy with a raw factor gives one page alert and records only its windows', () => {
    const kpi = withKpi((k) => {
      k.alerting = { policy: 'custom', rules: [{ severity: 'page', factor: 2, long: '11m', short: '3m' }] };
    });
    const group = onlyGroup(kpi);
    expect(recordingRules(group).map((rule) => rule.record)).toEqual([
      'northstar:kpi_good:rate3m',
      'northstar:kpi_total:rate3m',
      'northstar:kpi_error_ratio:rate3m',
      'northstar:kpi_error_ratio:rate11m',
      'northstar:kpi_error_ratio:rate30d',
      'northstar:kpi_objective:ratio',
    ]);
    const alerts = alertingRules(group);
    expect(alerts).toHaveLength(1);
    expect(alerts[0].labels.severity).toBe('page');
    expect(alerts[0].expr).toBe(
      `(northstar:kpi_error_ratio:rate11m${SEL} > (2 * 0.001) and northstar:kpi_error_ratio:rate3m${SEL} > (2 * 0.001))`
    );
    expect(alerts[0].annotations.description).toBe(
      'Checkout availability (checkout-availability v7, target 99.9 % over 30d) is burning its error budget ' +
        'faster than the policy allows: over both the last 11m and the last 3m at more than 2x the sustainable ' +
        'rate (error ratio above 0.2 %). At 1x the budget lasts exactly 30d.'
    );
  });

  test('a custom ticket-only policy with a budget fraction gives one ticket alert, short window defaulting to long / 12', () => {
    const kpi = withKpi((k) => {
      k.alerting = { policy: 'custom', rules: [{ severity: 'ticket', budgetFraction: 0.05, long: '12h' }] };
    });
    const alerts = alertingRules(onlyGroup(kpi));
    expect(alerts.map((alert) => [alert.labels.severity, alert.for, alert.expr])).toEqual([
      [
        'ticket',
        '15m',
        `(northstar:kpi_error_ratio:rate12h${SEL} > (3 * 0.001) and northstar:kpi_error_ratio:rate1h${SEL} > (3 * 0.001))`,
      ],
    ]);
  });
});

describe('generateRuleGroups: per-label KPIs (indicator.groupBy)', () => {
  const GOOD_BY_ROUTE = 'sum by (route) (rate(http_requests_total{job="checkout",code!~"5.."}[$__rate_interval]))';
  const TOTAL_BY_ROUTE = 'sum by (route) (rate(http_requests_total{job="checkout"}[$__rate_interval]))';
  const byRoute = (minEvents?: number) =>
    withKpi((kpi) => {
      kpi.indicator = { type: 'ratio', good: GOOD_BY_ROUTE, total: TOTAL_BY_ROUTE, groupBy: ['route'] };
      kpi.alerting = minEvents === undefined ? { policy: 'default' } : { policy: 'default', minEvents };
    });

  test('a route without good events gets a zero with its own labels, not a label-less vector(0)', () => {
    const good = recordingRules(onlyGroup(byRoute())).find((rule) => rule.record === 'northstar:kpi_good:rate5m')!;
    expect(good.expr).toBe(
      '(sum by (route) (rate(http_requests_total{job="checkout",code!~"5.."}[5m]))) or ' +
        '((sum by (route) (rate(http_requests_total{job="checkout"}[5m]))) * 0)'
    );
  });

  test('the low-traffic guard matches per route', () => {
    const [page] = alertingRules(onlyGroup(byRoute(100)));
    expect(page.expr).toContain('and on (kpi_id, route) (sum without (kpi_version) (avg_over_time(');
  });

  test('the summary names the instance through the alert labels, after escaping the catalog text', () => {
    const kpi = byRoute();
    kpi.name = 'Checkout {{ odd }}';
    const [page] = alertingRules(onlyGroup(kpi));
    expect(page.annotations.summary).toBe(
      'Checkout {{ "{{" }} odd }} burns its error budget too fast for route {{ $labels.route }}'
    );
  });

  test('several labels are all named', () => {
    const kpi = byRoute();
    kpi.indicator = {
      type: 'ratio',
      good: 'sum by (route, region) (rate(good[5m]))',
      total: 'sum by (route, region) (rate(total[5m]))',
      groupBy: ['route', 'region'],
    };
    const [page] = alertingRules(onlyGroup(kpi));
    expect(page.annotations.summary).toMatch(/for route \{\{ \$labels\.route \}\}, region \{\{ \$labels\.region \}\}$/);
  });

  test('the raw error ratio keeps the routes too', () => {
    expect(rawErrorRatioExpr(byRoute(), 3_600_000, 15_000)).toBe(
      '1 - (((sum by (route) (rate(http_requests_total{job="checkout",code!~"5.."}[1h]))) or ' +
        '((sum by (route) (rate(http_requests_total{job="checkout"}[1h]))) * 0)) / ' +
        '(sum by (route) (rate(http_requests_total{job="checkout"}[1h]))))'
    );
  });
});

describe('escaping', () => {
  const awkward = withKpi((k) => {
    k.id = 'odd"id\\x';
    k.name = 'Search {{ $value }}';
    k.owner = 'team-{{search}}';
  });

  test('label values in alert selectors are quoted PromQL strings', () => {
    const [page] = alertingRules(onlyGroup(awkward));
    expect(page.expr).toContain(
      'northstar:kpi_error_ratio:rate1h{kpi_id="odd\\"id\\\\x",kpi_version="7"} > (14.4 * 0.001)'
    );
  });

  test('recording rule labels keep the raw value, which Prometheus does not template', () => {
    const [first] = recordingRules(onlyGroup(awkward));
    expect(first.labels).toEqual({ kpi_id: 'odd"id\\x', kpi_version: '7' });
  });

  test('alert labels and annotations print "{{" literally instead of running it as a Go template', () => {
    const [page] = alertingRules(onlyGroup(awkward));
    expect(page.labels.owner).toBe('team-{{ "{{" }}search}}');
    expect(page.annotations.summary).toBe('Search {{ "{{" }} $value }} burns its error budget too fast');
  });

  test.each([
    ['a plain value is just quoted', 'checkout', '"checkout"'],
    ['a double quote is escaped', 'a"b', '"a\\"b"'],
    ['a backslash is escaped first, so it cannot swallow the quote', 'a\\', '"a\\\\"'],
    ['a line break is written as \\n', 'a\nb', '"a\\nb"'],
  ])('promqlString: %s', (_name, value, expected) => {
    expect(promqlString(value)).toBe(expected);
  });

  test.each([
    ['1 - 0.999 is written 0.001', 1 - 0.999, '0.001'],
    ['0.02 × 720 is written 14.4', 0.02 * 720, '14.4'],
    ['a whole number has no decimals', 6, '6'],
    ['a number of any size is written as JavaScript would, which PromQL reads', 1e-7, '1e-7'],
  ])('promNumber: %s', (_name, value, expected) => {
    expect(promNumber(value)).toBe(expected);
  });
});

describe('ruleGroupsToPrometheusFile', () => {
  test('wraps the groups as {groups} and leaves unset optional fields out instead of writing null', () => {
    const file = ruleGroupsToPrometheusFile(generateRuleGroups([baseKpi()]));
    expect(Object.keys(file)).toEqual(['groups']);
    expect(Object.keys(file.groups[0])).toEqual(['name', 'rules']);
    expect(Object.keys(file.groups[0].rules[0])).toEqual(['record', 'expr', 'labels']);
    expect(Object.keys(file.groups[0].rules[11])).toEqual(['alert', 'expr', 'for', 'labels', 'annotations']);
  });

  test('keeps a group interval when one is set, and copies rather than shares the rules', () => {
    const groups = generateRuleGroups([baseKpi()]).map((group) => ({ ...group, interval: '1m' }));
    const file = ruleGroupsToPrometheusFile(groups);
    expect(file.groups[0].interval).toBe('1m');
    expect(file.groups[0].rules).toEqual(groups[0].rules);
    expect(file.groups[0].rules[0]).not.toBe(groups[0].rules[0]);
  });

  test('an empty catalog gives an empty rule file', () => {
    expect(ruleGroupsToPrometheusFile(generateRuleGroups([]))).toEqual({ groups: [] });
  });
});

describe('ruleGroupsToMimirFile', () => {
  test('puts the same groups under the namespace mimirtool loads them into', () => {
    const groups = generateRuleGroups([baseKpi()]);
    const file = ruleGroupsToMimirFile(groups, 'northstar-kpi');
    expect(Object.keys(file)).toEqual(['namespace', 'groups']);
    expect(file.namespace).toBe('northstar-kpi');
    expect(file.groups).toEqual(ruleGroupsToPrometheusFile(groups).groups);
  });
});

describe('shardOf', () => {
  test('a KPI always lands in the same shard', () => {
    expect(shardOf('checkout-availability', 7)).toBe(shardOf('checkout-availability', 7));
  });

  test.each([
    ['checkout-availability', 4, 3],
    ['search-latency', 4, 2],
    ['login-success', 4, 0],
    ['checkout-availability', 1, 0],
  ])('%s among %i shards goes to shard %i, a hash of its id', (id, shards, expected) => {
    expect(shardOf(id, shards)).toBe(expected);
  });

  test('1,000 KPIs spread over 4 shards within 15 % of an even share', () => {
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 1000; i++) {
      counts[shardOf(`service-${i}-kpi`, 4)]++;
    }
    for (const count of counts) {
      expect(Math.abs(count - 250)).toBeLessThan(250 * 0.15);
    }
  });

  test.each([0, -1, 1.5])('%s shards is refused', (shards) => {
    expect(() => shardOf('x', shards)).toThrow(`${shards} shards: give a whole number of at least 1`);
  });
});

describe('composite KPIs', () => {
  const slices: KpiDefinition = {
    ...baseKpi(),
    id: 'checkout-latency',
    indicator: { type: 'threshold', query: LATENCY, comparator: '<', threshold: 0.3 },
  };
  const journey: CompositeKpiDefinition = compositeKpi(
    { 'checkout-availability': 1, 'checkout-latency': 2.5 },
    {
      version: 2,
      owner: 'team-journeys',
      objective: { target: 0.99, window: '7d' },
      alerting: { policy: 'custom', rules: [{ severity: 'page', long: '1h', short: '5m', factor: 10 }] },
    }
  );

  test("one group of error ratios per own window, read from the members' base records, and its alerts", () => {
    const [, , group] = generateRuleGroups([baseKpi(), slices, journey]);
    expect(group.name).toBe('northstar-kpi-journey');
    const records = group.rules.filter((rule): rule is RecordingRule => 'record' in rule);
    expect(records.map((rule) => rule.record)).toEqual([
      'northstar:kpi_error_ratio:rate5m',
      'northstar:kpi_error_ratio:rate1h',
      'northstar:kpi_error_ratio:rate7d',
      'northstar:kpi_objective:ratio',
    ]);
    expect(records[1].labels).toEqual({ kpi_id: 'journey', kpi_version: '2' });
    // A ratio member is read from its good and total rates, a slice member from its slice verdicts.
    expect(records[1].expr).toContain(
      'sum without (kpi_version) (sum_over_time(northstar:kpi_total:rate5m{kpi_id="checkout-availability"}[1h]))'
    );
    expect(records[1].expr).toContain(
      'sum without (kpi_version) (count_over_time(northstar:kpi_slice_good:bool{kpi_id="checkout-latency"}[1h]))'
    );
    expect(records[1].expr).toContain('count(');
    expect(records[1].expr).toContain(' * 2.5 or vector(0))');
    const alerts = group.rules.filter((rule): rule is AlertingRule => 'alert' in rule);
    // 10x of a 1 % budget: 0.1, over the composite's own recorded ratios.
    expect(alerts.map((rule) => rule.expr)).toEqual([
      '(northstar:kpi_error_ratio:rate1h{kpi_id="journey",kpi_version="2"} > (10 * 0.01) and northstar:kpi_error_ratio:rate5m{kpi_id="journey",kpi_version="2"} > (10 * 0.01))',
    ]);
  });

  test("a composite's own maintenance window records its state and holds its alerts", () => {
    const maintained: CompositeKpiDefinition = {
      ...journey,
      maintenance: [{ start: '2026-11-28T02:00:00Z', end: '2026-11-28T04:00:00Z', reason: 'journey rebuild' }],
    };
    const [, , group] = generateRuleGroups([baseKpi(), slices, maintained]);
    const records = group.rules.filter((rule): rule is RecordingRule => 'record' in rule);
    expect(records[0]).toMatchObject({
      record: 'northstar:kpi_maintenance:bool',
      labels: { kpi_id: 'journey', kpi_version: '2' },
    });
    // 2026-11-28T02:00Z is 1,795,831,200 s since the epoch; 04:00Z two hours (7,200 s) later.
    expect(records[0].expr).toContain('1795831200');
    expect(records[0].expr).toContain('1795838400');
    const alerts = group.rules.filter((rule): rule is AlertingRule => 'alert' in rule);
    expect(alerts[0].expr).toMatch(
      /unless on \(kpi_id\) \(northstar:kpi_maintenance:bool\{kpi_id="journey",kpi_version="2"\} == 1\)$/
    );
  });

  test('members come from the whole catalog when the KPIs are a part of it (a shard)', () => {
    const groups = generateRuleGroups([journey], { catalog: [baseKpi(), slices, journey] });
    expect(groups.map((group) => group.name)).toEqual(['northstar-kpi-journey']);
  });

  test('a member missing from the catalog is an error naming the composite', () => {
    expect(() => generateRuleGroups([baseKpi(), journey])).toThrow(
      'rules for KPI journey: its member "checkout-latency" is not a valid KPI of this catalog'
    );
  });
});

describe('raw queries asked at a known time leave maintenance out', () => {
  // A weekly window on Sundays at 02:00 in Berlin, 2h long. On Monday 30 November 2026, 12:00 UTC, the last 7 days
  // hold one: Sunday 29 November 02:00 CET = 01:00 UTC = 1,795,914,000 s. The 22nd, a week and 11 hours earlier, is
  // outside. A 5m step touching it is left out: 1,795,914,000 < t < 1,795,914,000 + 7,200 + 300.
  const weekly: KpiDefinition = {
    ...baseKpi(),
    maintenance: [{ cron: '0 2 * * 0', duration: '2h', timeZone: 'Europe/Berlin', reason: 'weekly reindex' }],
  };
  const atMs = Date.UTC(2026, 10, 30, 12);

  test('the windows in the span become fixed instants, and the rates are summed at 5m steps outside them', () => {
    const expr = rawErrorRatioExpr(weekly, 7 * DAY, 15_000, { fromMs: atMs - 7 * DAY, toMs: atMs });
    expect(expr).toContain('unless on () (((vector(time()) > 1795914000) < 1795921500))');
    expect(expr).toContain('[7d:5m]');
    expect(expr).not.toContain('1795309200');
  });

  test('without a span (rules that run for ever) the query is the plain one', () => {
    expect(rawErrorRatioExpr(weekly, 7 * DAY, 15_000)).toBe(rawErrorRatioExpr(baseKpi(), 7 * DAY, 15_000));
  });
});
