/**
 * `northstar validate --lint`: what a catalog may do but should not, as warnings that never fail it. The article's
 * quarterly pruning in code: too many KPIs for one owner, one KPI measured twice, a KPI that drives no decision, a
 * review past due. Each names the KPI and the field, like a validation problem.
 */
import { type CatalogKpi, isCompositeKpi } from '../model';
import { formatPath, type ValidationProblem } from './problems';
import { reviewState } from './review';
import { retiredDriverWarnings } from './kpiTree';

/** More published KPIs than this for one owner, and none of them has their attention. */
export const MAX_PUBLISHED_KPIS_PER_OWNER = 7;

/** Every warning of the catalog at `nowMs`: the lint's and the retired drivers (which `validate` always shows). */
export function lintCatalog(catalog: { kpis: readonly CatalogKpi[] }, nowMs: number): ValidationProblem[] {
  const at = (index: number, ...path: PropertyKey[]) => formatPath(catalog, ['kpis', index, ...path]);
  const published = catalog.kpis.flatMap((kpi, index) => (kpi.status === 'published' ? [{ kpi, index }] : []));
  return [
    ...ownerLoad(published, at),
    ...sameQueries(published, at),
    ...published.flatMap(({ kpi, index }) =>
      kpi.decision?.trim()
        ? []
        : [{ path: at(index, 'decision'), message: 'a published KPI should name the decision it drives' }]
    ),
    ...published.flatMap(({ kpi, index }) => reviewWarning(kpi, nowMs, (...path) => at(index, ...path))),
    ...retiredDriverWarnings(catalog),
  ].sort((a, b) => pathOrder(a.path) - pathOrder(b.path));
}

type Published = Array<{ kpi: CatalogKpi; index: number }>;
type At = (index: number, ...path: PropertyKey[]) => string;

const pathOrder = (path: string) => Number(/^kpis\[(\d+)\]/.exec(path)?.[1] ?? -1);

/** Named at the KPI that tips the owner over the limit. */
function ownerLoad(published: Published, at: At): ValidationProblem[] {
  const byOwner = new Map<string, Published>();
  published.forEach((entry) => byOwner.set(entry.kpi.owner, [...(byOwner.get(entry.kpi.owner) ?? []), entry]));
  return [...byOwner.entries()].flatMap(([owner, owned]) =>
    owned.length > MAX_PUBLISHED_KPIS_PER_OWNER
      ? [
          {
            path: at(owned[MAX_PUBLISHED_KPIS_PER_OWNER].index, 'owner'),
            message:
              `${owner} owns ${owned.length} published KPIs, more than ${MAX_PUBLISHED_KPIS_PER_OWNER}: ` +
              `retire or hand over some (${owned.map(({ kpi }) => kpi.id).join(', ')})`,
          },
        ]
      : []
  );
}

/**
 * A query as text to compare: whitespace runs collapse, and go where they touch punctuation, so
 * `sum( rate(x[5m]) )` and `sum(rate(x[5m]))` are the same query.
 */
export function comparableQuery(query: string): string {
  return query
    .replace(/\s+/g, ' ')
    .replace(/ ?([(){}[\],=!~<>+\-*/^%]) ?/g, '$1')
    .trim();
}

/** The indicator's queries, whitespace aside, with the data source they run on; none for a composite. */
function queryKey(kpi: CatalogKpi): string | undefined {
  if (isCompositeKpi(kpi)) {
    return undefined;
  }
  const { indicator } = kpi;
  const queries = Object.entries(indicator)
    .filter(
      ([field, value]) =>
        typeof value === 'string' && ['good', 'total', 'query', 'numerator', 'denominator'].includes(field)
    )
    .map(([field, value]) => `${field}=${comparableQuery(value as string)}`)
    .sort();
  return JSON.stringify([kpi.datasource.uid, indicator.type, ...queries]);
}

/** Named at the later KPI, pointing at the first with the same queries. */
function sameQueries(published: Published, at: At): ValidationProblem[] {
  const first = new Map<string, { kpi: CatalogKpi; index: number }>();
  return published.flatMap(({ kpi, index }) => {
    const key = queryKey(kpi);
    const earlier = key === undefined ? undefined : first.get(key);
    if (key !== undefined && !earlier) {
      first.set(key, { kpi, index });
    }
    return earlier
      ? [
          {
            path: at(index, 'indicator'),
            message: `has the same queries as ${at(earlier.index)}: one KPI measured twice; keep one and retire the other`,
          },
        ]
      : [];
  });
}

function reviewWarning(kpi: CatalogKpi, nowMs: number, at: (...path: PropertyKey[]) => string): ValidationProblem[] {
  const state = reviewState(kpi, nowMs);
  if (!state?.overdue) {
    return [];
  }
  if (state.neverReviewed) {
    return [{ path: at('review', 'last'), message: `never reviewed: its cadence is every ${kpi.review!.every}` }];
  }
  const due = new Date(state.dueMs).toISOString().slice(0, 10);
  const days = state.daysOverdue === 1 ? '1 day' : `${state.daysOverdue} days`;
  return [
    {
      path: at('review'),
      message: `overdue since ${due} (${days}): last reviewed ${kpi.review!.last}, every ${kpi.review!.every}`,
    },
  ];
}
