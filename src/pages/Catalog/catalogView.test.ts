import fc from 'fast-check';
import type { CatalogRowResult } from '../../data/catalogQuery';
import { valuePeriodsAt, type ValueStatus } from '../../kpi/evaluate';
import type { KpiDefinition, ValueKpiDefinition } from '../../kpi/model';
import { checkoutKpi, type CheckoutKpiOverrides } from '../../testing/checkoutKpi';
import { evaluationFor } from '../../testing/testEvaluations';
import { shownCatalogRows } from '../../testing/shownCatalogRows';
import {
  filtersFromUrl,
  kpisMatching,
  filtersToUrl,
  NO_FILTERS,
  rowState,
  rowsAmong,
  searchText,
  sortedCatalogRows,
  type CatalogFilters,
} from './catalogView';

function baseKpi(id: string, overrides: CheckoutKpiOverrides = {}): KpiDefinition {
  return checkoutKpi({ id, name: id.replace(/-/g, ' '), owner: 'team-core', ...overrides });
}

const KPIS = [
  baseKpi('payments-availability', { owner: 'team-payments', tags: ['tier-1'], audience: ['executive'] }),
  baseKpi('search-latency', { owner: 'team-search', tags: ['tier-1', 'search'], audience: ['oncall'] }),
  baseKpi('login-success', { owner: 'team-identity', tags: ['tier-2'], decision: 'Stop feature work' }),
  baseKpi('old-checkout', { status: 'retired' }),
];

const RESULTS = new Map<string, CatalogRowResult>([
  ['payments-availability', { kpiId: 'payments-availability', evaluation: evaluationFor('overspent') }],
  ['search-latency', { kpiId: 'search-latency', evaluation: evaluationFor('ok') }],
  ['login-success', { kpiId: 'login-success', error: 'bad_data: parse error' }],
]);

const haystacks = new Map(KPIS.map((kpi) => [kpi.id, searchText(kpi)]));
const rows = (filters: Partial<CatalogFilters>) =>
  shownCatalogRows(KPIS, RESULTS, { ...NO_FILTERS, ...filters }, haystacks).map((row) => row.kpi.id);

describe('the rows the catalog shows', () => {
  test('sorted by status, a failed query comes first, then the page, then ok, then retired', () => {
    expect(rows({})).toEqual(['login-success', 'payments-availability', 'search-latency', 'old-checkout']);
  });

  test('every word of the search must match somewhere: id, owner, tag or decision', () => {
    expect(rows({ query: 'tier-1 search' })).toEqual(['search-latency']);
    expect(rows({ query: 'FEATURE' })).toEqual(['login-success']);
    expect(rows({ query: 'nothing-like-this' })).toEqual([]);
  });

  test('owner, tag, audience and status filters combine with AND, values of one filter with OR', () => {
    expect(rows({ tags: ['tier-1'], audiences: ['oncall'] })).toEqual(['search-latency']);
    expect(rows({ owners: ['team-payments', 'team-identity'] })).toEqual(['login-success', 'payments-availability']);
    expect(rows({ states: [evaluationFor('overspent').status, 'retired'] })).toEqual([
      'payments-availability',
      'old-checkout',
    ]);
  });

  test('sorting by budget puts the smallest budget first and rows without a budget last, either way', () => {
    expect(rows({ sort: 'budget' })).toEqual([
      'payments-availability',
      'search-latency',
      'login-success',
      'old-checkout',
    ]);
    expect(rows({ sort: 'budget', descending: true }).slice(0, 2)).toEqual(['search-latency', 'payments-availability']);
    expect(rows({ sort: 'budget', descending: true }).slice(2).sort()).toEqual(['login-success', 'old-checkout']);
  });

  test('a published KPI without a result yet is pending; drafts and retired KPIs keep their lifecycle', () => {
    expect(rowState(KPIS[0], undefined)).toBe('pending');
    expect(rowState(baseKpi('x', { status: 'draft' }), undefined)).toBe('draft');
    expect(rowState(KPIS[2], RESULTS.get('login-success'))).toBe('error');
  });
});

describe('filters in the URL', () => {
  test('a shared link restores the same view', () => {
    const filters: CatalogFilters = {
      query: 'pay',
      owners: ['team-payments', 'team-a'],
      tags: ['tier-1'],
      audiences: ['executive'],
      states: ['page', 'at-risk'],
      reviewOverdue: true,
      sort: 'budget',
      descending: true,
    };
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(filtersToUrl(filters))) {
      (Array.isArray(value) ? value : value === null ? [] : [value]).forEach((v) => params.append(key, v));
    }
    expect(params.toString()).toBe(
      'q=pay&owner=team-payments&owner=team-a&tag=tier-1&audience=executive&status=page&status=at-risk&review=overdue&sort=budget&dir=desc'
    );
    expect(filtersFromUrl(params)).toEqual(filters);
  });

  test('defaults are left out of the URL and unknown values are ignored', () => {
    expect(Object.values(filtersToUrl(NO_FILTERS)).every((value) => value === null)).toBe(true);
    expect(filtersFromUrl(new URLSearchParams('status=fine&sort=colour'))).toEqual(NO_FILTERS);
  });

  test('any search text survives the round trip through the URL', () => {
    fc.assert(
      fc.property(fc.string(), (query) => {
        const value = filtersToUrl({ ...NO_FILTERS, query }).q;
        const params = new URLSearchParams(value === null ? '' : { q: String(value) });
        expect(filtersFromUrl(params).query).toBe(query);
      })
    );
  });
});

describe('value KPIs beside SLOs', () => {
  const AT = Date.UTC(2026, 10, 20, 12);
  const periods = valuePeriodsAt('28d', AT, 3_600_000);
  const valueKpi = (id: string, direction: 'higher' | 'lower', target: number): ValueKpiDefinition => ({
    id,
    name: id,
    version: 1,
    status: 'published',
    owner: 'team-growth',
    datasource: { type: 'prometheus', uid: 'prometheus' },
    indicator: { type: 'value', query: `${id}_value`, aggregation: 'mean', unit: 'none' },
    objective: { direction, target, window: '28d' },
  });
  const reading = (status: ValueStatus, forecast: number | null, relative: number | null, better: boolean | null) => ({
    periods,
    evaluation: {
      status,
      value: forecast,
      forecast,
      previousValue: 1,
      change: relative === null ? null : { absolute: relative, relative, better },
      period: periods.current,
      previousPeriod: periods.previous,
      coverage: 1,
      evaluatedAtMs: AT,
    },
  });
  // Conversion at 80 % of its target and falling; cost 10 % under its ceiling (on track) and rising, which is worse.
  const conversion = valueKpi('conversion', 'higher', 0.03);
  const cost = valueKpi('cost', 'lower', 0.5);
  const kpis = [...KPIS.slice(0, 2), conversion, cost];
  const results = new Map<string, CatalogRowResult>([
    ...RESULTS,
    ['conversion', { kpiId: 'conversion', value: reading('off-track', 0.024, -0.2, false) }],
    ['cost', { kpiId: 'cost', value: reading('on-track', 0.45, 0.05, false) }],
  ]);
  const valueRows = (filters: Partial<CatalogFilters>) =>
    shownCatalogRows(kpis, results, { ...NO_FILTERS, ...filters }, new Map()).map((row) => row.kpi.id);

  test('off track sorts with an exhausted budget, on track with OK', () => {
    expect(valueRows({})).toEqual(['payments-availability', 'conversion', 'search-latency', 'cost']);
    expect(rowState(conversion, results.get('conversion'))).toBe('off-track');
  });

  test('the status filter’s "OK" finds value KPIs on track, and "on-track" finds healthy SLOs', () => {
    expect(valueRows({ states: ['ok'] })).toEqual(['search-latency', 'cost']);
    expect(valueRows({ states: ['on-track'] })).toEqual(['search-latency', 'cost']);
    expect(valueRows({ states: ['off-track'] })).toEqual(['conversion']);
  });

  test('by "SLI or value", a value KPI sorts by the share of its target it reaches, whichever way is better', () => {
    // conversion 0.024 / 0.03 = 0.8; cost 0.5 / 0.45 = 1.11; the SLOs' SLIs lie between.
    const sorted = valueRows({ sort: 'sli' });
    expect(sorted[0]).toBe('conversion');
    expect(sorted[sorted.length - 1]).toBe('cost');
  });

  test('by "budget or change", the change counts as worse when it goes the wrong way, whatever its sign', () => {
    // The overspent SLO's budget −900 %, conversion −20 %, cost's +5 % as −5 %, the healthy SLO's budget 80 %.
    expect(valueRows({ sort: 'budget' })).toEqual(['payments-availability', 'conversion', 'cost', 'search-latency']);
  });
});

describe('typing filters rows sorted once', () => {
  const sorted = sortedCatalogRows(KPIS, RESULTS, 'status', false);

  test('filtering the sorted rows keeps their order and their row objects: a row that stays is not rebuilt', () => {
    const filters = { ...NO_FILTERS, query: 'tier' };
    const filtered = rowsAmong(sorted, new Set(kpisMatching(KPIS, filters, haystacks)), filters);
    // Status order: the failed query, the page, then ok.
    expect(filtered.map((row) => row.kpi.id)).toEqual(['login-success', 'payments-availability', 'search-latency']);
    filtered.forEach((row) => expect(sorted).toContain(row));
  });

  test('the KPIs to evaluate are those the filters let through whatever their status', () => {
    const filters = { ...NO_FILTERS, query: 'tier', states: ['ok' as const] };
    expect(kpisMatching(KPIS, filters, haystacks).map((kpi) => kpi.id)).toEqual([
      'payments-availability',
      'search-latency',
      'login-success',
    ]);
    const matching = new Set(kpisMatching(KPIS, filters, haystacks));
    expect(rowsAmong(sorted, matching, filters).map((row) => row.kpi.id)).toEqual(['search-latency']);
  });

  test('whatever the filters, filtering the sorted rows gives what filtering then sorting gives', () => {
    const words = ['tier', 'team', 'search', 'login', 'x', ''];
    fc.assert(
      fc.property(
        fc.constantFrom(...words),
        fc.subarray(['team-payments', 'team-search', 'team-identity', 'team-core']),
        fc.subarray(['tier-1', 'tier-2', 'search']),
        fc.constantFrom('name', 'owner', 'status', 'sli', 'budget' as const),
        fc.boolean(),
        (query, owners, tags, sort, descending) => {
          const filters = { ...NO_FILTERS, query, owners, tags, sort, descending };
          const filteredFirst = sortedCatalogRows(kpisMatching(KPIS, filters, haystacks), RESULTS, sort, descending);
          expect(shownCatalogRows(KPIS, RESULTS, filters, haystacks)).toEqual(filteredFirst);
        }
      )
    );
  });
});
