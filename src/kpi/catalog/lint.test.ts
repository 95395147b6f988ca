import { checkoutKpi } from '../../testing/checkoutKpi';
import type { CatalogKpi } from '../model';
import { comparableQuery, formatProblem, lintCatalog } from './index';

const NOW = Date.UTC(2026, 11, 5, 20, 0);
const DECIDED = 'Freeze risky releases when less than 25 % of the budget is left.';

/** A published KPI with a decision and its own queries: nothing to warn about. */
const kpi = (id: string, fields: Partial<CatalogKpi> = {}): CatalogKpi =>
  checkoutKpi({
    id,
    decision: DECIDED,
    indicator: { good: `sum(rate(ok_total{job="${id}"}[5m]))`, total: `sum(rate(all_total{job="${id}"}[5m]))` },
    ...(fields as object),
  });

const lint = (...kpis: CatalogKpi[]) => lintCatalog({ kpis }, NOW).map(formatProblem);

describe('lintCatalog', () => {
  test('a tidy catalog has nothing to say', () => {
    expect(lint(kpi('a'), kpi('b', { review: { every: '90d', last: '2026-10-01' } }))).toEqual([]);
  });

  test('an eighth published KPI for one owner is named, with all eight; drafts and retired ones do not count', () => {
    const kpis = [
      ...Array.from({ length: 8 }, (_, i) => kpi(`k${i + 1}`)),
      kpi('draft', { status: 'draft' }),
      kpi('old', { status: 'retired' }),
      kpi('other', { owner: 'team-search' }),
    ];
    expect(lint(...kpis)).toEqual([
      'kpis[7] (k8).owner: team-payments owns 8 published KPIs, more than 7: retire or hand over some ' +
        '(k1, k2, k3, k4, k5, k6, k7, k8)',
    ]);
    expect(lint(...kpis.slice(1))).toEqual([]);
  });

  test('two published KPIs with the same queries, whitespace aside, are one KPI measured twice', () => {
    const twin = kpi('twin', {
      indicator: {
        type: 'ratio',
        good: 'sum( rate(ok_total{job="a"}[5m]) )',
        total: 'sum(rate(all_total{job="a"}[5m]))\n',
      },
    } as Partial<CatalogKpi>);
    expect(lint(kpi('a'), kpi('b'), twin)).toEqual([
      'kpis[2] (twin).indicator: has the same queries as kpis[0] (a): one KPI measured twice; keep one and retire the other',
    ]);
    expect(lint(kpi('a'), { ...twin, status: 'draft' })).toEqual([]);
  });

  test('the same queries on another data source are another KPI', () => {
    expect(
      lint(
        kpi('a'),
        kpi('b', {
          indicator: kpi('a').indicator,
          datasource: { type: 'prometheus', uid: 'eu' },
        } as Partial<CatalogKpi>)
      )
    ).toEqual([]);
  });

  test('a published KPI without a decision (or a blank one) is named; a draft is not', () => {
    expect(
      lint(
        kpi('a', { decision: undefined }),
        kpi('b', { decision: '  ' }),
        kpi('c', { decision: undefined, status: 'draft' })
      )
    ).toEqual([
      'kpis[0] (a).decision: a published KPI should name the decision it drives',
      'kpis[1] (b).decision: a published KPI should name the decision it drives',
    ]);
  });

  test('an overdue review says since when; a cadence never reviewed says so', () => {
    expect(
      lint(kpi('a', { review: { every: '90d', last: '2026-09-05' } }), kpi('b', { review: { every: '30d' } }))
    ).toEqual([
      'kpis[0] (a).review: overdue since 2026-12-04 (1 day): last reviewed 2026-09-05, every 90d',
      'kpis[1] (b).review.last: never reviewed: its cadence is every 30d',
    ]);
  });

  test('a retired driver is warned about too', () => {
    expect(lint(kpi('goal', { drivenBy: ['gone'] }), kpi('gone', { status: 'retired' }))).toEqual([
      'kpis[0] (goal).drivenBy[0]: "gone" is retired: name the KPI that replaced it, or remove it',
    ]);
  });
});

describe('comparableQuery', () => {
  test.each([
    ['sum( rate(x[5m]) )', 'sum(rate(x[5m]))'],
    ['sum by (route) (rate(x{code!~"5.."}[5m]))', 'sum by(route)(rate(x{code!~"5.."}[5m]))'],
    ['  a   /\n  b ', 'a/b'],
    ['a or b', 'a or b'],
  ])('%j compares as %j', (query, expected) => {
    expect(comparableQuery(query)).toBe(expected);
  });
});
