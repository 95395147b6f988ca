import Ajv2020 from 'ajv/dist/2020';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compositeMemberProblems } from './crossKpiChecks';
import { formatProblem } from './problems';
import { catalogJsonSchema, validateCatalog, validateKpi } from './schema';
import { checkoutKpi } from '../../testing/checkoutKpi';

/** A valid KPI as plain data, for the cases to change. */
function baseKpi(): Record<string, unknown> {
  return { ...checkoutKpi() };
}

const catalogOf = (...kpis: unknown[]) => ({ apiVersion: 'northstar.dev/v1', kind: 'KpiCatalog', kpis });

function problemsOf(input: unknown): string[] {
  const result = validateCatalog(input);
  return result.ok ? [] : result.problems.map(formatProblem);
}

describe('validateCatalog', () => {
  test('a valid catalog comes back typed, with the timeslice default filled in', () => {
    const slice = {
      ...baseKpi(),
      id: 'slices',
      indicator: { type: 'timeslice', query: 'q', comparator: '<', threshold: 0.3 },
    };
    const result = validateCatalog(catalogOf(baseKpi(), slice));
    expect(result.ok && result.catalog.kpis[1].indicator).toEqual({
      type: 'timeslice',
      query: 'q',
      comparator: '<',
      threshold: 0.3,
      slice: '1m',
    });
  });

  test.each([
    [
      'target 0',
      { objective: { target: 0, window: '28d' } },
      'kpis[2] (checkout-availability).objective.target: must be between 0 and 1 (exclusive)',
    ],
    [
      'target 1',
      { objective: { target: 1, window: '28d' } },
      'kpis[2] (checkout-availability).objective.target: must be between 0 and 1 (exclusive)',
    ],
    [
      'target 1.5',
      { objective: { target: 1.5, window: '28d' } },
      'kpis[2] (checkout-availability).objective.target: must be between 0 and 1 (exclusive)',
    ],
    [
      'target "99.9%"',
      { objective: { target: '99.9%', window: '28d' } },
      'kpis[2] (checkout-availability).objective.target: must be a number, got the text "99.9%"',
    ],
    [
      'window 28x',
      { objective: { target: 0.9, window: '28x' } },
      'kpis[2] (checkout-availability).objective.window: must be a positive duration such as 5m, 1h or 28d',
    ],
    [
      'window 0s',
      { objective: { target: 0.9, window: '0s' } },
      'kpis[2] (checkout-availability).objective.window: must be a positive duration such as 5m, 1h or 28d',
    ],
    ['a missing owner', { owner: undefined }, 'kpis[2] (checkout-availability).owner: is required'],
    ['an empty owner', { owner: '  ' }, 'kpis[2] (checkout-availability).owner: owner must not be empty'],
    ['an unknown field', { colour: 'red' }, 'kpis[2] (checkout-availability).colour: unknown field'],
    ['a version 0', { version: 0 }, 'kpis[2] (checkout-availability).version: must be greater than 0'],
    [
      'an id with spaces',
      { id: 'Checkout Availability' },
      'kpis[2] (Checkout Availability).id: must be a slug: lower-case letters, digits and dashes, at most 63 characters',
    ],
    [
      'a javascript: link',
      { links: { runbook: 'javascript:alert(1)' } },
      'kpis[2] (checkout-availability).links.runbook: must be an http:// or https:// URL',
    ],
    [
      'a custom rule with both factor and budget fraction',
      { alerting: { policy: 'custom', rules: [{ severity: 'page', long: '1h', factor: 2, budgetFraction: 0.02 }] } },
      'kpis[2] (checkout-availability).alerting.rules[0]: give either factor or budgetFraction',
    ],
    [
      'a short window longer than the long one',
      { alerting: { policy: 'custom', rules: [{ severity: 'page', long: '1h', short: '2h', factor: 2 }] } },
      'kpis[2] (checkout-availability).alerting.rules[0].short: short must be shorter than long',
    ],
  ])('%s names the KPI and the field', (_name, change, expected) => {
    const others = [
      { ...baseKpi(), id: 'a' },
      { ...baseKpi(), id: 'b' },
    ];
    expect(problemsOf(catalogOf(...others, { ...baseKpi(), ...change }))).toEqual([expected]);
  });

  test('a duplicate id is reported even beside other problems', () => {
    expect(problemsOf(catalogOf(baseKpi(), { ...baseKpi(), owner: undefined }))).toEqual([
      'kpis[1] (checkout-availability).owner: is required',
      'kpis[1] (checkout-availability).id: duplicate id, already used by kpis[0]',
    ]);
  });

  test.each([
    ['null', null, '(catalog): is empty: expected apiVersion, kind and kpis'],
    ['a list', [], '(catalog): must be an object, got a list'],
    ['another apiVersion', { ...catalogOf(), apiVersion: 'v2' }, 'apiVersion: must be "northstar.dev/v1"'],
  ])('a document that is %s is refused', (_name, input, expected) => {
    expect(problemsOf(input)).toEqual([expected]);
  });

  test.each([
    ['a positive whole number on a ratio KPI is fine', { policy: 'default', minEvents: 50 }, 'ratio', []],
    ['zero is refused', { policy: 'default', minEvents: 0 }, 'ratio', ['alerting.minEvents: must be greater than 0']],
    [
      'a fraction is refused',
      { policy: 'default', minEvents: 2.5 },
      'ratio',
      ['alerting.minEvents: must be an int, got number 2.5'],
    ],
    [
      'a threshold KPI has no events to count',
      { policy: 'default', minEvents: 50 },
      'threshold',
      ['alerting.minEvents: applies to ratio KPIs only: threshold and timeslice KPIs count slices, not events'],
    ],
  ])('the low-traffic guard: %s', (_name, alerting, type, expected) => {
    const indicator =
      type === 'ratio' ? baseKpi().indicator : { type: 'threshold', query: 'p95', comparator: '<', threshold: 0.3 };
    expect(validateKpi({ ...baseKpi(), indicator, alerting }).map(formatProblem)).toEqual(expected);
  });

  test.each([
    [
      'tiers with their own severity names and for, and an absent-data alert',
      {
        policy: 'default',
        page: { severity: 'critical', for: '3m' },
        ticket: { enabled: false },
        absent: { for: '10m' },
      },
      [],
    ],
    [
      'both tiers turned off',
      { policy: 'default', page: { enabled: false }, ticket: { enabled: false } },
      ['alerting: turns every burn-rate rule off: keep the page or the ticket tier enabled'],
    ],
    [
      'a custom policy of page rows with the page tier off',
      { policy: 'custom', rules: [{ severity: 'page', long: '1h', factor: 14.4 }], page: { enabled: false } },
      ['alerting: turns every burn-rate rule off: keep the page or the ticket tier enabled'],
    ],
    [
      'a severity name that is no label value',
      { policy: 'default', page: { severity: 'wake everyone' } },
      ['alerting.page.severity: must be a short label value: letters, digits, _ . : -'],
    ],
    ['an absent-data alert without for', { policy: 'default', absent: {} }, ['alerting.absent.for: is required']],
  ])('alert control: %s', (_name, alerting, expected) => {
    expect(validateKpi({ ...baseKpi(), alerting }).map(formatProblem)).toEqual(expected);
  });

  const sunday = { cron: '0 2 * * 0', duration: '2h', reason: 'weekly database upgrade' };
  const upgrade = { start: '2026-11-28T02:00:00Z', end: '2026-11-28T04:00:00Z', reason: 'database upgrade' };
  test.each([
    ['a fixed and a recurring window are fine', [upgrade, { ...sunday, timeZone: 'Europe/Berlin' }], []],
    [
      'two fixed windows that touch do not overlap',
      [upgrade, { ...upgrade, start: upgrade.end, end: '2026-11-28T05:00:00Z' }],
      [],
    ],
    [
      'a date without an offset',
      [{ ...upgrade, start: '2026-11-28T02:00:00' }],
      ['maintenance[0].start: must be an ISO 8601 instant with Z or an offset, such as 2026-11-28T02:00:00Z'],
    ],
    [
      'an end before the start',
      [{ ...upgrade, end: '2026-11-28T01:00:00Z' }],
      ['maintenance[0].end: must be after start'],
    ],
    ['an end equal to the start', [{ ...upgrade, end: upgrade.start }], ['maintenance[0].end: must be after start']],
    ['a fixed window without end', [{ start: upgrade.start, reason: 'x' }], ['maintenance[0].end: is required']],
    [
      'a bad cron field',
      [upgrade, { ...sunday, cron: '61 2 * * 0' }],
      ['maintenance[1].cron: minute 61 is out of range 0–59'],
    ],
    [
      'a cron that never fires',
      [{ ...sunday, cron: '0 2 30 2 *' }],
      ['maintenance[0].cron: never fires: no day matches it'],
    ],
    [
      'a duration longer than the gap',
      [{ ...sunday, duration: '8d' }],
      ['maintenance[0].duration: is longer than the 7d between two starts of "0 2 * * 0"'],
    ],
    [
      'a duration that is no duration',
      [{ ...sunday, duration: 'two hours' }],
      ['maintenance[0].duration: must be a positive duration such as 5m, 1h or 28d'],
    ],
    [
      'an unknown time zone',
      [{ ...sunday, timeZone: 'Mars/Olympus' }],
      ['maintenance[0].timeZone: must be an IANA time zone such as Europe/Berlin or UTC'],
    ],
    [
      'both kinds at once',
      [{ ...upgrade, cron: sunday.cron }],
      ['maintenance[0]: give either start and end, or cron and duration, not both'],
    ],
    ['neither kind', [{ reason: 'x' }], ['maintenance[0]: give either start and end, or cron and duration']],
    ['no reason', [{ start: upgrade.start, end: upgrade.end }], ['maintenance[0].reason: is required']],
    ['an unknown field', [{ ...upgrade, note: 'x' }], ['maintenance[0].note: unknown field']],
    [
      'overlapping fixed windows name both',
      [upgrade, sunday, { ...upgrade, start: '2026-11-28T03:00:00Z', end: '2026-11-28T06:00:00Z' }],
      ['maintenance[2]: overlaps maintenance[0]'],
    ],
  ])('maintenance: %s', (_name, maintenance, expected) => {
    expect(validateKpi({ ...baseKpi(), maintenance }).map(formatProblem)).toEqual(expected);
  });

  test('a catalog names the KPI of a bad maintenance window', () => {
    const maintenance = [{ cron: '0 2 * * 9', duration: '1h', reason: 'x' }];
    expect(problemsOf(catalogOf({ ...baseKpi(), maintenance }))).toEqual([
      'kpis[0] (checkout-availability).maintenance[0].cron: day of week 9 is out of range 0–7',
    ]);
  });

  test('validateKpi gives paths relative to the KPI, for the editor', () => {
    expect(validateKpi({ ...baseKpi(), objective: { target: 2, window: '28d' } })).toEqual([
      { path: 'objective.target', message: 'must be between 0 and 1 (exclusive)' },
    ]);
  });
});

describe('per-label KPIs (indicator.groupBy)', () => {
  const byRoute = {
    type: 'ratio',
    good: 'sum by (route) (rate(http_requests_total{job="checkout",code!~"5.."}[$__rate_interval]))',
    total: 'sum by (route) (rate(http_requests_total{job="checkout"}[$__rate_interval]))',
    groupBy: ['route'],
  };
  const problemsOfIndicator = (indicator: Record<string, unknown>) =>
    problemsOf(catalogOf({ ...baseKpi(), id: 'checkout', indicator }));

  test('queries that keep the label, with a cardinality guard, are valid', () => {
    expect(problemsOfIndicator({ ...byRoute, groupBy: ['route', 'region'], maxInstances: 200 })).toEqual([
      'kpis[0] (checkout).indicator.good: must keep the groupBy label region, e.g. sum by (route, region) (…)',
      'kpis[0] (checkout).indicator.total: must keep the groupBy label region, e.g. sum by (route, region) (…)',
    ]);
    expect(problemsOfIndicator({ ...byRoute, maxInstances: 200 })).toEqual([]);
  });

  test.each([
    [
      'a good query that sums the label away',
      { good: 'sum(rate(http_requests_total{code!~"5.."}[$__rate_interval]))' },
      ['kpis[0] (checkout).indicator.good: must keep the groupBy label route, e.g. sum by (route) (…)'],
    ],
    ['no label', { groupBy: [] }, ['kpis[0] (checkout).indicator.groupBy: must list at least 1']],
    ['four labels', { groupBy: ['a', 'b', 'c', 'd'] }, ['kpis[0] (checkout).indicator.groupBy: must list at most 3']],
    ['a label twice', { groupBy: ['route', 'route'] }, ['kpis[0] (checkout).indicator.groupBy: lists a label twice']],
    [
      'a label that is no label name',
      { groupBy: ['http-route'] },
      [
        'kpis[0] (checkout).indicator.groupBy[0]: must be a Prometheus label name: letters, digits and _, not starting with a digit',
      ],
    ],
    [
      "a label Northstar's rules write",
      { groupBy: ['kpi_id'] },
      [
        "kpis[0] (checkout).indicator.groupBy[0]: is set by Northstar's rules itself; group by another label than kpi_id, kpi_version, severity, burnrate_tier, __name__",
      ],
    ],
    [
      'a label reserved by Prometheus',
      { groupBy: ['__address__'] },
      ['kpis[0] (checkout).indicator.groupBy[0]: labels starting with __ are reserved by Prometheus'],
    ],
    ['a guard of 0', { maxInstances: 0 }, ['kpis[0] (checkout).indicator.maxInstances: must be greater than 0']],
    [
      'a guard of 50,000',
      { maxInstances: 50_000 },
      ['kpis[0] (checkout).indicator.maxInstances: must be at most 10000'],
    ],
  ])('%s is refused, naming the KPI and the field', (_name, change, expected) => {
    expect(problemsOfIndicator({ ...byRoute, ...change })).toEqual(expected);
  });

  test('a threshold KPI cannot be grouped: its values do not add up across instances', () => {
    expect(
      problemsOfIndicator({ type: 'threshold', query: 'p95', comparator: '<', threshold: 0.3, groupBy: ['route'] })
    ).toEqual([
      'kpis[0] (checkout).indicator.groupBy: applies to ratio KPIs only: threshold and timeslice values do not add up across instances',
    ]);
  });
});

describe('composite KPIs', () => {
  const member = (id: string, status = 'published'): Record<string, unknown> => ({ ...baseKpi(), id, status });
  const journey = (members: unknown, overrides: Record<string, unknown> = {}) => {
    const { datasource: _datasource, ...rest } = baseKpi();
    return {
      ...rest,
      id: 'checkout-journey',
      name: 'Checkout journey',
      indicator: { type: 'composite', members },
      objective: { target: 0.98, window: '28d' },
      ...overrides,
    };
  };
  const withMembers = (members: unknown, overrides: Record<string, unknown> = {}) =>
    catalogOf(member('browse'), member('cart'), member('pay'), journey(members, overrides));

  test('a composite of catalog KPIs with weights is valid and needs no data source', () => {
    const result = validateCatalog(
      withMembers([
        { kpi: 'browse', weight: 1 },
        { kpi: 'pay', weight: 2 },
      ])
    );
    expect(result.ok && result.catalog.kpis[3]).toMatchObject({
      indicator: {
        type: 'composite',
        members: [
          { kpi: 'browse', weight: 1 },
          { kpi: 'pay', weight: 2 },
        ],
      },
    });
    expect(result.ok && result.catalog.kpis[3].datasource).toBeUndefined();
  });

  test.each([
    [
      'an unknown member',
      [
        { kpi: 'browse', weight: 1 },
        { kpi: 'basket', weight: 1 },
      ],
      'kpis[3] (checkout-journey).indicator.members[1].kpi: no KPI "basket" in this catalog',
    ],
    [
      'itself as a member',
      [{ kpi: 'checkout-journey', weight: 1 }],
      'kpis[3] (checkout-journey).indicator.members[0].kpi: a composite cannot be its own member',
    ],
    [
      'a member listed twice',
      [
        { kpi: 'cart', weight: 1 },
        { kpi: 'pay', weight: 1 },
        { kpi: 'cart', weight: 2 },
      ],
      'kpis[3] (checkout-journey).indicator.members[2].kpi: "cart" is already listed as members[0]: give it one entry with the sum of the weights',
    ],
    [
      'a negative weight',
      [
        { kpi: 'cart', weight: -1 },
        { kpi: 'pay', weight: 2 },
      ],
      'kpis[3] (checkout-journey).indicator.members[0].weight: must be at least 0',
    ],
    [
      'an infinite weight',
      [{ kpi: 'cart', weight: Infinity }],
      'kpis[3] (checkout-journey).indicator.members[0].weight: must be a number, got number Infinity',
    ],
    [
      'a weight that is text',
      [{ kpi: 'cart', weight: 'heavy' }],
      'kpis[3] (checkout-journey).indicator.members[0].weight: must be a number, got the text "heavy"',
    ],
    [
      'weights that sum to 0',
      [
        { kpi: 'cart', weight: 0 },
        { kpi: 'pay', weight: 0 },
      ],
      'kpis[3] (checkout-journey).indicator.members: weights must sum to a positive number: give some member a weight above 0',
    ],
    ['no members', [], 'kpis[3] (checkout-journey).indicator.members: must list at least 1'],
    ['a member without its KPI', [{ weight: 1 }], 'kpis[3] (checkout-journey).indicator.members[0].kpi: is required'],
  ])('refuses %s', (_, members, expected) => {
    expect(problemsOf(withMembers(members))).toEqual([expected]);
  });

  test('refuses a composite of a composite, which also rules out cycles', () => {
    const inner = { ...journey([{ kpi: 'browse', weight: 1 }]), id: 'inner' };
    const outer = { ...journey([{ kpi: 'inner', weight: 1 }]), id: 'outer' };
    expect(problemsOf(catalogOf(member('browse'), inner, outer))).toEqual([
      'kpis[2] (outer).indicator.members[0].kpi: "inner" is itself a composite: composites of composites are not supported (which also rules out cycles); list its members instead',
    ]);
  });

  test.each(['draft', 'retired'])('refuses a published composite with a %s member; a draft composite may', (status) => {
    const catalog = catalogOf(member('browse', status), journey([{ kpi: 'browse', weight: 1 }]));
    expect(problemsOf(catalog)).toEqual([
      `kpis[1] (checkout-journey).indicator.members[0].kpi: "browse" is ${status}: a published composite needs published members`,
    ]);
    const draft = catalogOf(member('browse', status), journey([{ kpi: 'browse', weight: 1 }], { status: 'draft' }));
    expect(problemsOf(draft)).toEqual([]);
  });

  test('refuses a data source on a composite, and requires one elsewhere', () => {
    const sourced = journey([{ kpi: 'browse', weight: 1 }], { datasource: { type: 'prometheus', uid: 'p' } });
    const { datasource: _datasource, ...sourceless } = member('cart');
    expect(problemsOf(catalogOf(member('browse'), sourced, sourceless))).toEqual([
      'kpis[1] (checkout-journey).datasource: a composite KPI has no data source of its own: its members carry theirs (remove this field)',
      'kpis[2] (cart).datasource: is required',
    ]);
  });

  test('compositeMemberProblems checks one KPI against the catalog it would join, for the editor', () => {
    const problems = compositeMemberProblems(
      journey([
        { kpi: 'browse', weight: 1 },
        { kpi: 'nope', weight: 1 },
      ]),
      [member('browse')]
    );
    expect(problems).toEqual([{ path: 'indicator.members[1].kpi', message: 'no KPI "nope" in this catalog' }]);
    expect(compositeMemberProblems(member('browse'), [])).toEqual([]);
  });
});

describe('JSON Schema', () => {
  const schema = catalogJsonSchema();

  test('is the committed schema/catalog.schema.json (run `npm run schema` after changing the zod schema)', () => {
    const committed = JSON.parse(readFileSync(join(__dirname, '../../../schema/catalog.schema.json'), 'utf8'));
    expect(committed).toEqual(schema);
  });

  test('accepts the example catalog and refuses what zod refuses structurally', () => {
    const ajv = new Ajv2020({ strict: false });
    const validate = ajv.compile(schema);
    const { parse } = jest.requireActual('yaml');
    const example = parse(readFileSync(join(__dirname, '../../../examples/catalog.yaml'), 'utf8'));
    expect(validate(example)).toBe(true);
    expect(validate(catalogOf({ ...baseKpi(), objective: { target: 1.5, window: '28d' } }))).toBe(false);
    expect(validate(catalogOf({ ...baseKpi(), colour: 'red' }))).toBe(false);
    expect(validate(catalogOf({ ...baseKpi(), owner: undefined }))).toBe(false);
    const maintenance = [
      { start: '2026-11-28T02:00:00Z', end: '2026-11-28T04:00:00Z', reason: 'database upgrade' },
      { cron: '0 2 * * 0', duration: '2h', timeZone: 'Europe/Berlin', reason: 'weekly reindex' },
    ];
    expect(validate(catalogOf({ ...baseKpi(), maintenance }))).toBe(true);
    expect(validate(catalogOf({ ...baseKpi(), maintenance: [{ ...maintenance[0], colour: 'red' }] }))).toBe(false);
    expect(validate(catalogOf({ ...baseKpi(), maintenance: [{ start: maintenance[0].start }] }))).toBe(false);
  });
});
