import type { CompositeKpiDefinition, KpiDefinition } from '../model';
import { compositeKpi } from '../../testing/compositeKpi';
import { generateRuleGroups, ruleGroupsToMimirFile, ruleGroupsToPrometheusFile, shardOf } from './rules';
import { promNumber, promqlString, rawErrorRatioExpr } from '../promql';
import type { AlertingRule, RecordingRule } from './ruleGroup';
import {
  LATENCY,
  baseKpi,
  withKpi,
  onlyGroup,
  recordingRules,
  alertingRules,
  recordExpr,
  LABELS,
  SEL,
  ID,
  derived,
} from '../../testing/ruleGroups';

describe('generateRuleGroups: recording rules of a ratio KPI', () => {
  test('a ratio KPI records good and total over the 5m base window, every error ratio, then its objective', () => {
    const group = onlyGroup(baseKpi());
    expect(group.name).toBe('northstar-kpi-checkout-availability');
    expect(group.interval).toBeUndefined();
    expect(recordingRules(group).map((rule) => [rule.record, rule.labels])).toEqual([
      ['northstar:kpi_good:rate5m', LABELS],
      ['northstar:kpi_total:rate5m', LABELS],
      ['northstar:kpi_error_ratio:rate5m', LABELS],
      ['northstar:kpi_good:increase1m', LABELS],
      ['northstar:kpi_total:increase1m', LABELS],
      ['northstar:kpi_good:sum1d', LABELS],
      ['northstar:kpi_total:sum1d', LABELS],
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
    ['the 6h error ratio adds up six hours of 5m records', 'northstar:kpi_error_ratio:rate6h', derived('6h')],
    ['the objective is the target as a constant vector', 'northstar:kpi_objective:ratio', 'vector(0.999)'],
  ])('%s', (_name, record, expected) => {
    expect(recordExpr(onlyGroup(baseKpi()), record)).toBe(expected);
  });

  test('no rule evaluates the user queries over a window longer than the base window', () => {
    const exprs = recordingRules(onlyGroup(baseKpi())).map((rule) => rule.expr);
    // the base rates, and the counts per minute (counter differences, no range)
    expect(exprs.filter((expr) => expr.includes('http_requests_total'))).toHaveLength(4);
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
      'northstar:kpi_good:increase1m',
      'northstar:kpi_total:increase1m',
      'northstar:kpi_good:sum1d',
      'northstar:kpi_total:sum1d',
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
    expect(Object.keys(file.groups[0].rules[15])).toEqual(['alert', 'expr', 'for', 'labels', 'annotations']);
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
