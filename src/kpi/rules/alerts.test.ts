import type { KpiDefinition } from '../model';
import { baseKpi, withKpi, onlyGroup, recordingRules, alertingRules, LABELS, SEL, ID } from '../../testing/ruleGroups';

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
      'northstar:kpi_good:increase1m',
      'northstar:kpi_total:increase1m',
      'northstar:kpi_good:sum1d',
      'northstar:kpi_total:sum1d',
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
