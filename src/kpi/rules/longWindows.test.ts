import { baseKpi, derived, ID, LABELS, onlyGroup, recordExpr, recordingRules, withKpi } from '../../testing/ruleGroups';

/** The union term of a long window: a sum record `offset` back, told apart by its offset until summed. */
function term(record: string, offset: string): string {
  const shifted = offset === '0s' ? '' : ` offset ${offset}`;
  return `label_replace(northstar:kpi_${record}${ID}${shifted}, "northstar_offset", "${offset}", "", "")`;
}

function union(terms: string[]): string {
  return `sum without (kpi_version, northstar_offset) (${terms.join(' or ')})`;
}

describe('long windows read daily and hourly sums of the base records', () => {
  test('the daily sums add up a day of counts per minute, one second short so that consecutive days never share a sample', () => {
    const group = onlyGroup(baseKpi());
    expect(recordExpr(group, 'northstar:kpi_good:sum1d')).toBe(
      `sum without (kpi_version) (sum_over_time(northstar:kpi_good:increase1m${ID}[23h59m59s]))`
    );
    expect(recordExpr(group, 'northstar:kpi_total:sum1d')).toBe(
      `sum without (kpi_version) (sum_over_time(northstar:kpi_total:increase1m${ID}[23h59m59s]))`
    );
    expect(recordingRules(group).find((rule) => rule.record === 'northstar:kpi_good:sum1d')?.labels).toEqual(LABELS);
  });

  test('the 1d window divides the two daily sums of this evaluation', () => {
    expect(recordExpr(onlyGroup(baseKpi()), 'northstar:kpi_error_ratio:rate1d')).toBe(
      `1 - (sum without (kpi_version) (northstar:kpi_good:sum1d${ID}) / sum without (kpi_version) (northstar:kpi_total:sum1d${ID}))`
    );
  });

  test('the 3d window adds the daily sums of now, 1d and 2d ago', () => {
    const days = (record: string) => union(['0s', '1d', '2d'].map((offset) => term(record, offset)));
    expect(recordExpr(onlyGroup(baseKpi()), 'northstar:kpi_error_ratio:rate3d')).toBe(
      `1 - (${days('good:sum1d')} / ${days('total:sum1d')})`
    );
  });

  test('the 30d SLO window reads 30 daily sums of good and 30 of total instead of 43,200 base samples of each', () => {
    const expr = recordExpr(onlyGroup(baseKpi()), 'northstar:kpi_error_ratio:rate30d') ?? '';
    expect(expr.match(/northstar:kpi_good:sum1d/g)).toHaveLength(30);
    expect(expr.match(/northstar:kpi_total:sum1d/g)).toHaveLength(30);
    expect(expr).toContain(term('good:sum1d', '29d'));
    expect(expr).not.toContain('offset 30d');
    expect(expr).not.toContain('rate5m');
  });

  test('a window of whole hours that is not whole days adds hourly sums after its days', () => {
    const kpi = withKpi((k) => {
      k.alerting = { policy: 'custom', rules: [{ severity: 'ticket', factor: 2, long: '1d3h', short: '5m' }] };
    });
    const group = onlyGroup(kpi);
    expect(recordExpr(group, 'northstar:kpi_good:sum1h')).toBe(
      `sum without (kpi_version) (sum_over_time(northstar:kpi_good:increase1m${ID}[59m59s]))`
    );
    const window = (record: string) =>
      union([
        term(`${record}:sum1d`, '0s'),
        ...['1d', '1d1h', '1d2h'].map((offset) => term(`${record}:sum1h`, offset)),
      ]);
    expect(recordExpr(group, 'northstar:kpi_error_ratio:rate1d3h')).toBe(
      `1 - (${window('good')} / ${window('total')})`
    );
  });

  test('a window not in whole hours still adds up the base records', () => {
    const kpi = withKpi((k) => {
      k.alerting = { policy: 'custom', rules: [{ severity: 'ticket', factor: 2, long: '1d30m', short: '5m' }] };
    });
    const group = onlyGroup(kpi);
    expect(recordExpr(group, 'northstar:kpi_error_ratio:rate1d30m')).toBe(derived('1d30m'));
    expect(recordExpr(group, 'northstar:kpi_good:sum1h')).toBeUndefined();
  });

  test.each([
    [
      'the good count is the counter difference since the last evaluation, a reset counting from zero',
      'northstar:kpi_good:increase1m',
      '(sum (((http_requests_total{job="checkout",code!~"5.."} - http_requests_total{job="checkout",code!~"5.."} offset 1m) >= 0) or http_requests_total{job="checkout",code!~"5.."})) or vector(0)',
    ],
    [
      'the total count likewise, without a fallback',
      'northstar:kpi_total:increase1m',
      'sum (((http_requests_total{job="checkout"} - http_requests_total{job="checkout"} offset 1m) >= 0) or http_requests_total{job="checkout"})',
    ],
  ])('%s', (_name, record, expected) => {
    expect(recordExpr(onlyGroup(baseKpi()), record)).toBe(expected);
  });

  test.each([
    [
      'sum by (route) (rate(x{job="a"}[$__rate_interval]))',
      'sum by (route) (((x{job="a"} - x{job="a"} offset 1m) >= 0) or x{job="a"})',
    ],
    ['sum(increase(x[5m])) without (instance)', 'sum without (instance) (((x - x offset 1m) >= 0) or x)'],
  ])('%s is counted per minute by the same grouping', (total, expected) => {
    const kpi = withKpi((k) => {
      k.indicator = { type: 'ratio', good: total, total };
    });
    expect(recordExpr(onlyGroup(kpi), 'northstar:kpi_total:increase1m')).toBe(expected);
  });

  test.each([
    ['two counters', 'sum(rate(a[5m])) + sum(rate(b[5m]))'],
    ['a quoted brace in a matcher', 'sum(rate(x{path="/a}"}[5m]))'],
    ['a ratio inside the sum', 'sum(rate(x[5m]) / 2)'],
  ])('a query with %s keeps the sums of its base rates', (_name, total) => {
    const kpi = withKpi((k) => {
      k.indicator = { type: 'ratio', good: total, total };
    });
    const group = onlyGroup(kpi);
    expect(recordExpr(group, 'northstar:kpi_total:sum1d')).toBe(
      `sum without (kpi_version) (sum_over_time(northstar:kpi_total:rate5m${ID}[23h59m59s]))`
    );
    expect(recordExpr(group, 'northstar:kpi_total:increase1m')).toBeUndefined();
  });

  test('a threshold KPI has no sums: its windows count slices', () => {
    const kpi = withKpi((k) => {
      k.indicator = { type: 'threshold', query: 'p95_latency_seconds', comparator: '<', threshold: 0.3 };
    });
    expect(recordingRules(onlyGroup(kpi)).map((rule) => rule.record)).not.toContain('northstar:kpi_good:sum1d');
  });
});
