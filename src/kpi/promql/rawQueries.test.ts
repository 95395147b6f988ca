import type { KpiDefinition } from '../model';
import { rawErrorRatioExpr } from './rawQueries';
import { baseKpi, withKpi, MINUTE, HOUR, DAY } from '../../testing/ruleGroups';

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
