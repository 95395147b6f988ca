import {
  buildGrafanaAlertRuleGroups,
  grafanaAlertingFile,
  grafanaRuleUid,
  kpiScopedUid,
  toProvisionedAlertRule,
  type GrafanaAlertRuleGroup,
} from './grafanaAlertRules';
import type { KpiDefinition } from '../model';
import { checkoutKpi } from '../../testing/checkoutKpi';
import { compositeKpi } from '../../testing/compositeKpi';

/** 99.9 % over 30d, default policy (page 14.4x 1h/5m or 6x 6h/30m; ticket 3x 1d/2h or 1x 3d/6h); version 7. */
function baseKpi(): KpiDefinition {
  return checkoutKpi({
    version: 7,
    datasource: { type: 'prometheus', uid: 'prom-eu-1' },
    indicator: {
      good: 'sum(rate(http_requests_total{job="checkout",code!~"5.."}[$__rate_interval]))',
      total: 'sum(rate(http_requests_total{job="checkout"}[$__rate_interval]))',
    },
    objective: { target: 0.999, window: '30d' },
    links: { runbook: 'https://runbooks.example.com/checkout' },
  });
}

function withKpi(change: (kpi: KpiDefinition) => void): KpiDefinition {
  const kpi = baseKpi();
  change(kpi);
  return kpi;
}

function onlyGroup(kpi: KpiDefinition): GrafanaAlertRuleGroup {
  const groups = buildGrafanaAlertRuleGroups([kpi]);
  expect(groups).toHaveLength(1);
  return groups[0];
}

/** The raw error ratio of the example KPI over a window, as written into the queries. */
function raw(window: string): string {
  return (
    `(1 - (((sum(rate(http_requests_total{job="checkout",code!~"5.."}[${window}]))) or vector(0))` +
    ` / (sum(rate(http_requests_total{job="checkout"}[${window}])))))`
  );
}

describe('buildGrafanaAlertRuleGroups', () => {
  test('with the low-traffic guard a page row needs its short window to hold minEvents requests of the raw total', () => {
    const kpi = withKpi((k) => (k.alerting = { policy: 'default', minEvents: 40 }));
    const expr = String(onlyGroup(kpi).rules[0].data[0].model.expr);
    const events = (window: string, seconds: number) =>
      `on () ((sum(rate(http_requests_total{job="checkout"}[${window}]))) * ${seconds} >= 40)`;
    expect(expr).toBe(
      `(${raw('1h')} > (14.4 * 0.001) and ${raw('5m')} > (14.4 * 0.001) and ${events('5m', 300)})` +
        ` or (${raw('6h')} > (6 * 0.001) and ${raw('30m')} > (6 * 0.001) and ${events('30m', 1800)})`
    );
  });

  test('a per-label KPI keeps its routes: one alert instance per route, its guard matched per route', () => {
    const kpi = withKpi((k) => {
      k.indicator = {
        type: 'ratio',
        good: 'sum by (route) (rate(good_total[$__rate_interval]))',
        total: 'sum by (route) (rate(requests_total[$__rate_interval]))',
        groupBy: ['route'],
      };
      k.alerting = { policy: 'default', minEvents: 40 };
    });
    const [page] = onlyGroup(kpi).rules;
    expect(String(page.data[0].model.expr)).toContain(
      'on (route) ((sum by (route) (rate(requests_total[5m]))) * 300 >= 40)'
    );
    expect(page.annotations.summary).toBe(
      'Checkout availability burns its error budget too fast for route {{ $labels.route }}'
    );
  });

  test('a KPI gets one group named after it, in the Northstar KPI folder, evaluated every minute', () => {
    const group = onlyGroup(baseKpi());
    expect({ ...group, rules: group.rules.length }).toEqual({
      orgId: 1,
      name: 'northstar-kpi-checkout-availability',
      folder: 'Northstar KPI',
      interval: '1m',
      rules: 2,
    });
  });

  test('folder, organisation and interval can be chosen', () => {
    const [group] = buildGrafanaAlertRuleGroups([baseKpi()], { folder: 'SLOs', orgId: 3, interval: '30s' });
    expect([group.folder, group.orgId, group.interval]).toEqual(['SLOs', 3, '30s']);
  });

  test('the page rule ORs its two rows, each with both windows above the factor, over raw error ratios', () => {
    const [page] = onlyGroup(baseKpi()).rules;
    expect(page.data[0].model.expr).toBe(
      `(${raw('1h')} > (14.4 * 0.001) and ${raw('5m')} > (14.4 * 0.001))` +
        ` or (${raw('6h')} > (6 * 0.001) and ${raw('30m')} > (6 * 0.001))`
    );
  });

  test('the ticket rule reads the 1d/2h and 3d/6h windows', () => {
    const [, ticket] = onlyGroup(baseKpi()).rules;
    expect(ticket.data[0].model.expr).toBe(
      `(${raw('1d')} > (3 * 0.001) and ${raw('2h')} > (3 * 0.001))` +
        ` or (${raw('3d')} > (1 * 0.001) and ${raw('6h')} > (1 * 0.001))`
    );
  });

  test('a rule is an instant query on the KPI data source, then a threshold firing for any series it returns', () => {
    const [page] = onlyGroup(baseKpi()).rules;
    expect(page.condition).toBe('B');
    expect(page.data.map(({ model, ...query }) => query)).toEqual([
      { refId: 'A', relativeTimeRange: { from: 600, to: 0 }, datasourceUid: 'prom-eu-1' },
      { refId: 'B', relativeTimeRange: { from: 0, to: 0 }, datasourceUid: '__expr__' },
    ]);
    expect(page.data[0].model).toMatchObject({
      refId: 'A',
      datasource: { type: 'prometheus', uid: 'prom-eu-1' },
      instant: true,
      range: false,
    });
    expect(page.data[1].model).toEqual({
      refId: 'B',
      datasource: { type: '__expr__', uid: '__expr__' },
      type: 'threshold',
      expression: 'A',
      conditions: [{ evaluator: { type: 'gt', params: [0] } }],
    });
  });

  test.each([
    ['the page waits 2m and keeps firing 5m after the burn stops', 0, ['page', '2m', '5m']],
    ['the ticket waits 15m and keeps firing 30m after the burn stops', 1, ['ticket', '15m', '30m']],
  ])('%s', (_name, index, expected) => {
    const rule = onlyGroup(baseKpi()).rules[index];
    expect([rule.labels.severity, rule.for, rule.keepFiringFor]).toEqual(expected);
  });

  test('no result is OK (not burning) and a failed query keeps the last state', () => {
    const [page] = onlyGroup(baseKpi()).rules;
    expect([page.noDataState, page.execErrState, page.isPaused]).toEqual(['OK', 'KeepLast', false]);
  });

  test('a rule carries kpi_id, kpi_version, severity and owner, and explains itself', () => {
    const [page] = onlyGroup(baseKpi()).rules;
    expect(page.uid).toBe('nsk-checkout-availability-page');
    expect(page.title).toBe('Checkout availability (checkout-availability): page on error budget burn');
    expect(page.labels).toEqual({
      severity: 'page',
      burnrate_tier: 'page',
      kpi_id: 'checkout-availability',
      kpi_version: '7',
      owner: 'team-payments',
    });
    expect(Object.keys(page.annotations)).toEqual(['summary', 'description', 'runbook_url']);
    expect(page.annotations.runbook_url).toBe('https://runbooks.example.com/checkout');
  });

  test('the on-call dashboard link given for a KPI becomes the dashboard_url annotation of both rules', () => {
    const [group] = buildGrafanaAlertRuleGroups([baseKpi()], {
      dashboardUrl: (kpi) => `/d/nsk-oncall-${kpi.id}/on-call`,
    });
    expect(group.rules.map((rule) => rule.annotations.dashboard_url)).toEqual([
      '/d/nsk-oncall-checkout-availability/on-call',
      '/d/nsk-oncall-checkout-availability/on-call',
    ]);
  });

  test("without a dashboard option the KPI's own dashboard link is used, and without either there is none", () => {
    const linked = withKpi((k) => {
      k.links = { dashboard: 'https://grafana.example.com/d/checkout' };
    });
    expect(onlyGroup(linked).rules[0].annotations.dashboard_url).toBe('https://grafana.example.com/d/checkout');
    expect(onlyGroup(baseKpi()).rules[0].annotations).not.toHaveProperty('dashboard_url');
  });

  test('a custom ticket-only policy gives a ticket rule and no page rule', () => {
    const kpi = withKpi((k) => {
      k.alerting = { policy: 'custom', rules: [{ severity: 'ticket', factor: 2, long: '12h', short: '1h' }] };
    });
    const rules = onlyGroup(kpi).rules;
    expect(rules.map((rule) => rule.uid)).toEqual(['nsk-checkout-availability-ticket']);
    expect(rules[0].data[0].model.expr).toBe(`(${raw('12h')} > (2 * 0.001) and ${raw('1h')} > (2 * 0.001))`);
  });

  test('a threshold KPI compares slices through subqueries of its raw verdict', () => {
    const kpi = withKpi((k) => {
      k.indicator = { type: 'threshold', query: 'max(queue_depth)', comparator: '<', threshold: 100 };
    });
    const [page] = onlyGroup(kpi).rules;
    expect(page.data[0].model.expr).toContain(
      '(1 - avg_over_time(((max(queue_depth)) < bool 100)[1h:1m])) > (14.4 * 0.001)'
    );
  });

  test('alerting.absent adds a rule on the raw total query: absent(...) for its for, with its severity', () => {
    const kpi = withKpi((k) => {
      k.alerting = { policy: 'default', absent: { for: '10m', severity: 'warning' } };
    });
    const rules = onlyGroup(kpi).rules;
    expect(rules.map((rule) => rule.uid)).toEqual([
      'nsk-checkout-availability-page',
      'nsk-checkout-availability-ticket',
      'nsk-checkout-availability-absent',
    ]);
    const absent = rules[2];
    expect(absent.title).toBe('Checkout availability (checkout-availability): no data');
    expect(absent.data[0].model.expr).toBe('absent(sum(rate(http_requests_total{job="checkout"}[5m])))');
    expect(absent.data[0].datasourceUid).toBe('prom-eu-1');
    expect([absent.for, absent.keepFiringFor, absent.noDataState]).toEqual(['10m', '0s', 'OK']);
    expect(absent.labels).toEqual({
      severity: 'warning',
      kpi_id: 'checkout-availability',
      kpi_version: '7',
      owner: 'team-payments',
    });
    expect(absent.annotations.summary).toBe('Checkout availability has no data');
  });

  test('a threshold KPI is absent when its slice verdict is, and severity defaults to ticket', () => {
    const kpi = withKpi((k) => {
      k.indicator = { type: 'threshold', query: 'max(queue_age_seconds)', comparator: '<', threshold: 60 };
      k.alerting = { policy: 'default', absent: { for: '15m' } };
    });
    const absent = onlyGroup(kpi).rules.at(-1)!;
    expect(absent.data[0].model.expr).toBe('absent((max(queue_age_seconds)) < bool 60)');
    expect(absent.labels.severity).toBe('ticket');
  });

  test('drafts and retired KPIs get no rules', () => {
    const kpis = [
      withKpi((k) => {
        k.status = 'draft';
      }),
      withKpi((k) => {
        k.status = 'retired';
      }),
    ];
    expect(buildGrafanaAlertRuleGroups(kpis)).toEqual([]);
  });

  test('a KPI on a data source that does not speak PromQL is refused by name', () => {
    const kpi = withKpi((k) => {
      k.datasource = { type: 'loki', uid: 'logs' };
    });
    expect(() => buildGrafanaAlertRuleGroups([kpi])).toThrow(
      'Grafana alert rules for KPI checkout-availability: its data source is of type "loki"'
    );
  });

  test('Go template braces in catalog text come out verbatim', () => {
    const kpi = withKpi((k) => {
      k.name = 'Search {{ $value }}';
      k.owner = 'team-{{x}}';
    });
    const [page] = onlyGroup(kpi).rules;
    expect(page.labels.owner).toBe('team-{{ "{{" }}x}}');
    expect(page.annotations.summary).toBe('Search {{ "{{" }} $value }} burns its error budget too fast');
  });
});

describe('buildGrafanaAlertRuleGroups of a composite', () => {
  const login = withKpi((k) => {
    k.id = 'login-success';
    k.name = 'Login success';
    k.indicator = {
      type: 'ratio',
      good: 'sum(rate(login_total{result="ok"}[$__rate_interval]))',
      total: 'sum(rate(login_total[$__rate_interval]))',
    };
  });
  const journey = compositeKpi(
    { 'checkout-availability': 1, 'login-success': 3 },
    {
      objective: { target: 0.99, window: '30d' },
      alerting: { policy: 'default', page: { severity: 'critical', for: '4m' }, absent: { for: '10m' } },
      maintenance: [{ start: '2026-11-20T02:00:00Z', end: '2026-11-20T04:00:00Z', reason: 'cdn switch' }],
    }
  );
  const catalog = [baseKpi(), login, journey];
  const group = () => buildGrafanaAlertRuleGroups([journey], { catalog }).find((g) => g.name.includes('journey'))!;

  test("a group of its own on its members' data source, with its tiers, `for` and labels", () => {
    const { rules } = group();
    expect(rules.map((rule) => [rule.uid, rule.for, rule.labels.severity, rule.labels.kpi_id])).toEqual([
      ['nsk-journey-page', '4m', 'critical', 'journey'],
      ['nsk-journey-ticket', '15m', 'ticket', 'journey'],
      ['nsk-journey-absent', '10m', 'ticket', 'journey'],
    ]);
    expect(rules.map((rule) => rule.data[0].datasourceUid)).toEqual(['prom-eu-1', 'prom-eu-1', 'prom-eu-1']);
  });

  test("the page rule reads the weighted mean of the members' raw ratios against 14.4 × 1 %", () => {
    const expr = String(group().rules[0].data[0].model.expr);
    // Each member's raw 1h ratio of summed good over summed total, weighted 1 and 3, the weights of members with
    // traffic below.
    expect(expr).toContain('(sum(1 * ((1 - (sum((sum(rate(http_requests_total{job="checkout",code!~"5.."}[1h]))) or');
    expect(expr).toContain(
      '(count(((1 - (sum((sum(rate(login_total{result="ok"}[1h]))) or vector(0)) / sum(sum(rate(login_total[1h]))))) >= 0)) * 3 or vector(0))'
    );
    expect(expr).toContain('> (14.4 * 0.01)');
    // Held by the composite's own maintenance window.
    expect(expr).toMatch(/\) unless on \(\) \(.*time\(\)/);
  });

  test("a member's own maintenance windows leave its events out of the composite's windows, as the engine does", () => {
    const maintainedLogin = {
      ...login,
      maintenance: [{ start: '2026-11-25T02:00:00Z', end: '2026-11-25T03:00:00Z', reason: 'idp upgrade' }],
    };
    const [page] = buildGrafanaAlertRuleGroups([journey], { catalog: [baseKpi(), maintainedLogin, journey] }).find(
      (g) => g.name.includes('journey')
    )!.rules;
    const expr = String(page.data[0].model.expr);
    // Login's 1h window: its 5m rates summed over the steps outside its window, whose steps end after 02:00Z
    // (1795572000 s) and before 03:00Z + 5m (1795575600 + 300 = 1795575900 s)…
    const outside = 'unless on () (((vector(time()) > 1795572000) < 1795575900)))[1h:5m]';
    expect(expr).toContain(`sum_over_time(((sum(rate(login_total[5m]))) ${outside}`);
    expect(expr).toContain(`sum_over_time((((sum(rate(login_total{result="ok"}[5m]))) or vector(0)) ${outside}`);
    // …while checkout, without windows, stays one rate over the hour.
    expect(expr).toContain('sum(rate(http_requests_total{job="checkout",code!~"5.."}[1h]))');
    expect(expr).not.toContain('sum_over_time(((sum(rate(http_requests_total');
  });

  test('its absent-data rule fires when any member answers nothing', () => {
    const expr = String(group().rules[2].data[0].model.expr);
    expect(expr).toContain(
      '(absent(sum(rate(http_requests_total{job="checkout"}[5m])))) or (absent(sum(rate(login_total[5m]))))'
    );
  });

  test('members on different data sources, off Prometheus or missing are refused, naming the composite', () => {
    const elsewhere = { ...login, datasource: { type: 'prometheus', uid: 'prom-us' } };
    expect(() => buildGrafanaAlertRuleGroups([journey], { catalog: [baseKpi(), elsewhere, journey] })).toThrow(
      'Grafana alert rules for KPI journey: its members read different data sources (checkout-availability: prom-eu-1, login-success: prom-us)'
    );
    const loki = { ...login, datasource: { type: 'loki', uid: 'logs' } };
    expect(() => buildGrafanaAlertRuleGroups([journey], { catalog: [baseKpi(), loki, journey] })).toThrow(
      'Grafana alert rules for KPI journey: its member login-success\'s data source is of type "loki"'
    );
    expect(() => buildGrafanaAlertRuleGroups([journey])).toThrow(
      'Grafana alert rules for KPI journey: its member "checkout-availability" is not a valid KPI of this catalog'
    );
  });

  test('without a catalog option the KPIs given are the catalog', () => {
    expect(buildGrafanaAlertRuleGroups(catalog).map((g) => g.name)).toEqual([
      'northstar-kpi-checkout-availability',
      'northstar-kpi-login-success',
      'northstar-kpi-journey',
    ]);
  });
});

describe('grafanaRuleUid', () => {
  test.each([
    ['a short id is used as it is', 'checkout-availability', 'page', 'nsk-checkout-availability-page'],
    ['an id that just fits stays readable', 'a'.repeat(29), 'ticket', `nsk-${'a'.repeat(29)}-ticket`],
    [
      'a long id keeps a prefix and adds a hash of the whole id',
      'payments-checkout-availability-europe-west',
      'ticket',
      'nsk-payments-checkout-av-43cb7974-ticket',
    ],
  ])('%s', (_name, id, severity, expected) => {
    const uid = grafanaRuleUid(id, severity as 'page' | 'ticket');
    expect(uid).toBe(expected);
    expect(uid.length).toBeLessThanOrEqual(40);
    expect(uid).toMatch(/^[a-zA-Z0-9_-]+$/);
  });

  test('two long ids with the same beginning get different uids', () => {
    const prefix = 'payments-checkout-availability-europe-';
    expect(grafanaRuleUid(`${prefix}west`, 'page')).not.toBe(grafanaRuleUid(`${prefix}east`, 'page'));
  });

  test('the same id and severity always give the same uid, whatever the version', () => {
    const v1 = onlyGroup(baseKpi()).rules[0].uid;
    const v2 = onlyGroup(
      withKpi((k) => {
        k.version = 8;
      })
    ).rules[0].uid;
    expect(v2).toBe(v1);
  });
});

describe('grafanaAlertingFile', () => {
  test('wraps the groups in apiVersion 1 and writes every $ of the text as $$, but leaves the queries alone', () => {
    const kpi = withKpi((k) => {
      k.name = 'Cost in $';
      k.indicator = { type: 'ratio', good: 'sum(rate(good{cur="$"}[$__rate_interval]))', total: 'x' };
    });
    const file = grafanaAlertingFile(buildGrafanaAlertRuleGroups([kpi]));
    expect(file.apiVersion).toBe(1);
    const [page] = file.groups[0].rules;
    expect(page.title).toBe('Cost in $$ (checkout-availability): page on error budget burn');
    expect(page.annotations.summary).toBe('Cost in $$ burns its error budget too fast');
    expect(page.data[0].model.expr).toContain('good{cur="$"}[1h]');
  });
});

describe('toProvisionedAlertRule', () => {
  test('gives the API body: folder uid, group name, orgID and keep_firing_for', () => {
    const group = onlyGroup(baseKpi());
    const body = toProvisionedAlertRule(group, group.rules[0], 'northstar-kpi-folder');
    expect(body).toMatchObject({
      uid: 'nsk-checkout-availability-page',
      orgID: 1,
      folderUID: 'northstar-kpi-folder',
      ruleGroup: 'northstar-kpi-checkout-availability',
      condition: 'B',
      for: '2m',
      keep_firing_for: '5m',
      noDataState: 'OK',
      execErrState: 'KeepLast',
    });
    expect(body).not.toHaveProperty('keepFiringFor');
    expect(body.data).toBe(group.rules[0].data);
  });
});

describe('kpiScopedUid', () => {
  test('rule uids are KPI-scoped uids with the severity as suffix', () => {
    expect(kpiScopedUid('checkout-availability', 'page')).toBe(grafanaRuleUid('checkout-availability', 'page'));
  });

  test('an id with characters Grafana refuses in uids is hashed into the uid charset', () => {
    const uid = kpiScopedUid('checkout avail/eu', 'debug');
    expect(uid).toMatch(/^nsk-checkout-avail-eu-[0-9a-f]{8}-debug$/);
    expect(uid.length).toBeLessThanOrEqual(40);
  });
});
