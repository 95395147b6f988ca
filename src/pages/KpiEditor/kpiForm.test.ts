import type { CompositeKpiDefinition, KpiDefinition } from '../../kpi/model';
import { checkoutKpi } from '../../testing/checkoutKpi';
import { compositeKpi } from '../../testing/compositeKpi';
import { problemAt } from '../../kpi/catalog';
import { checkForm, emptyForm, formFromKpi, NEW_MAINTENANCE_ROW } from './kpiForm';

const RATIO: KpiDefinition = checkoutKpi({
  audience: ['executive', 'oncall'],
  decision: 'Freeze risky releases when less than 25 % of the budget is left.',
  tags: ['tier-1', 'payments'],
  datasource: { type: 'prometheus', uid: 'prom-eu' },
  indicator: {
    good: 'sum(rate(http_requests_total{code!~"5.."}[$__rate_interval]))',
    total: 'sum(rate(http_requests_total[$__rate_interval]))',
  },
  objective: { target: 0.9995 },
  alerting: {
    policy: 'custom',
    rules: [
      { severity: 'page', long: '1h', short: '5m', factor: 13 },
      { severity: 'ticket', long: '1d', budgetFraction: 0.07 },
    ],
    minEvents: 120,
    page: { severity: 'critical', for: '3m' },
    ticket: { enabled: false },
    absent: { for: '10m', severity: 'warning' },
  },
  links: { runbook: 'https://runbooks.example.com/checkout', oncall: 'https://oncall.example.com/payments' },
});

const TIMESLICE: KpiDefinition = {
  id: 'checkout-conversion',
  version: 1,
  status: 'draft',
  name: 'Checkout conversion',
  owner: 'team-growth',
  datasource: { type: 'prometheus', uid: 'prometheus' },
  indicator: {
    type: 'timeslice',
    query: 'sum(rate(orders[5m]))',
    comparator: '>=',
    threshold: 0.03,
    unit: 'percentunit',
    slice: '5m',
  },
  objective: { target: 0.9, window: '7d' },
  alerting: { policy: 'default' },
};

describe('the editor form', () => {
  test.each([
    ['a ratio KPI with a custom policy and links', RATIO],
    ['a timeslice KPI without optional fields', TIMESLICE],
    [
      'a KPI with a fixed and a recurring maintenance window',
      {
        ...RATIO,
        maintenance: [
          { start: '2026-11-28T02:00:00Z', end: '2026-11-28T04:00:00Z', reason: 'database upgrade' },
          { cron: '0 2 * * 0', duration: '2h', timeZone: 'Europe/Berlin', reason: 'weekly reindex' },
          { cron: '30 1 1 * *', duration: '30m', reason: 'monthly patching' },
        ],
      },
    ],
    [
      'a per-label KPI with its guard',
      {
        ...RATIO,
        indicator: {
          type: 'ratio' as const,
          good: 'sum by (route) (rate(http_requests_total{code!~"5.."}[$__rate_interval]))',
          total: 'sum by (route) (rate(http_requests_total[$__rate_interval]))',
          groupBy: ['route'],
          maxInstances: 200,
        },
      },
    ],
    [
      'a KPI with drivers, a gate and a review cadence, which the form has no fields for yet',
      {
        ...RATIO,
        drivenBy: ['search-latency'],
        gate: { minBudgetRemaining: 0.25 },
        review: { every: '90d', last: '2026-10-01' },
      },
    ],
    [
      'a KPI judged per calendar quarter in Berlin',
      { ...TIMESLICE, objective: { target: 0.9, window: { calendar: 'quarter' as const, timeZone: 'Europe/Berlin' } } },
    ],
  ])('%s survives form and back unchanged', (_name, kpi) => {
    const checked = checkForm(formFromKpi(kpi), kpi.version, kpi.status);
    expect(checked).toEqual({ ok: true, kpi });
  });

  test('a groupBy label the queries drop is named on the query field', () => {
    const form = { ...formFromKpi(RATIO), groupBy: ['route'] };
    const checked = checkForm(form, 1, 'draft');
    expect(checked.ok ? [] : problemAt(checked.problems, 'indicator.good')).toBe(
      'must keep the groupBy label route, e.g. sum by (route) (…)'
    );
  });

  test('choosing Month writes a calendar window; a time zone that does not exist is named', () => {
    const form = { ...formFromKpi(RATIO), windowKind: 'month' as const, timeZone: 'Europe/Paris' };
    const checked = checkForm(form, 4, 'draft');
    expect(checked.ok && checked.kpi.objective.window).toEqual({ calendar: 'month', timeZone: 'Europe/Paris' });
    const bad = checkForm({ ...form, timeZone: 'Europe/Atlantis' }, 4, 'draft');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && problemAt(bad.problems, 'objective.window.timeZone')).toBe(
      'must be an IANA time zone such as Europe/Berlin or UTC'
    );
  });

  test('the target is typed in percent: 99.95 is 0.9995, without float dust', () => {
    const form = { ...formFromKpi(RATIO), targetPercent: '99.95' };
    const checked = checkForm(form, 4, 'draft');
    expect(checked.ok && checked.kpi.objective.target).toBe(0.9995);
  });

  test('a budget share is typed in percent too: 7 is budgetFraction 0.07', () => {
    const form = formFromKpi(RATIO);
    expect(form.rules[1]).toEqual({ severity: 'ticket', long: '1d', short: '', amount: '7', by: 'budget' });
  });

  test('problems carry the schema’s own messages and field paths', () => {
    const form = {
      ...emptyForm({ type: 'prometheus', uid: 'prometheus' }),
      id: 'Bad Id',
      targetPercent: '100',
      window: 'soon',
    };
    const checked = checkForm(form, 1, 'draft');
    expect(checked.ok).toBe(false);
    const problems = checked.ok ? [] : checked.problems;
    expect(problemAt(problems, 'id')).toBe(
      'must be a slug: lower-case letters, digits and dashes, at most 63 characters'
    );
    expect(problemAt(problems, 'objective.target')).toBe('must be between 0 and 1 (exclusive)');
    expect(problemAt(problems, 'objective.window')).toBe('must be a positive duration such as 5m, 1h or 28d');
    expect(problemAt(problems, 'owner')).toBe('owner must not be empty');
    expect(problemAt(problems, 'indicator')).toBe('query must not be empty');
  });

  test('a threshold that is not a number is named, not turned into NaN', () => {
    const form = { ...formFromKpi(TIMESLICE), threshold: 'three percent' };
    const checked = checkForm(form, 1, 'draft');
    expect(checked.ok ? undefined : problemAt(checked.problems, 'indicator.threshold')).toBe(
      'must be a number, got the text "three percent"'
    );
  });

  test('a maintenance row keeps both kinds while typed, and sends only its own fields', () => {
    const form = formFromKpi(RATIO);
    const rows = [
      { ...NEW_MAINTENANCE_ROW, cron: '61 2 * * 0', reason: 'reindex' },
      { ...NEW_MAINTENANCE_ROW, kind: 'fixed' as const, start: '2026-11-28T02:00:00Z', end: '2026-11-28T01:00:00Z' },
    ];
    const checked = checkForm({ ...form, maintenance: rows }, 4, 'draft');
    expect(checked.ok ? [] : checked.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'maintenance[0].cron: minute 61 is out of range 0–59',
      'maintenance[1].reason: reason must not be empty',
      'maintenance[1].end: must be after start',
    ]);
  });

  test('a javascript: runbook link is refused', () => {
    const form = { ...formFromKpi(RATIO), runbook: 'javascript:alert(1)' };
    const checked = checkForm(form, 4, 'draft');
    expect(checked.ok ? undefined : problemAt(checked.problems, 'links.runbook')).toBe(
      'must be an http:// or https:// URL'
    );
  });
});

describe('the editor form for a composite', () => {
  const JOURNEY: CompositeKpiDefinition = compositeKpi(
    { 'checkout-availability': 1, 'login-success': 2.5 },
    { id: 'checkout-journey', name: 'Checkout journey', owner: 'team-payments' }
  );
  const LOGIN: KpiDefinition = { ...RATIO, id: 'login-success', name: 'Login success' };

  test('round-trips members and weights, without a data source', () => {
    const checked = checkForm(formFromKpi(JOURNEY), 1, 'published', [RATIO, LOGIN]);
    // The form writes the policy it shows: the default one.
    expect(checked).toEqual({ ok: true, kpi: { ...JOURNEY, alerting: { policy: 'default' } } });
  });

  test('checks its members against the catalog as you type: an unknown KPI and a text weight are named', () => {
    const form = formFromKpi(JOURNEY);
    form.members = [
      { kpi: 'checkout-availability', weight: '1' },
      { kpi: 'basket', weight: 'two' },
    ];
    const checked = checkForm(form, 1, 'published', [RATIO, LOGIN]);
    const problems = checked.ok ? [] : checked.problems;
    expect(problemAt(problems, 'indicator.members[1].kpi')).toBe('no KPI "basket" in this catalog');
    expect(problemAt(problems, 'indicator.members[1].weight')).toBe('must be a number, got the text "two"');
  });

  test('weights of 0 only: the list as a whole is refused', () => {
    const form = formFromKpi(JOURNEY);
    form.members = form.members.map((member) => ({ ...member, weight: '0' }));
    const checked = checkForm(form, 1, 'published', [RATIO, LOGIN]);
    expect(checked.ok ? [] : checked.problems).toEqual([
      {
        path: 'indicator.members',
        message: 'weights must sum to a positive number: give some member a weight above 0',
      },
    ]);
  });
});
