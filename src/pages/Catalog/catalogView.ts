/**
 * What the catalog table shows, from the catalog, the live results and the filters in the URL: which rows, in
 * which order. Pure, so a 1,000-KPI catalog filters in well under a keystroke's budget and tests need no React.
 */
import type { CatalogRowResult } from '../../data/catalogQuery';
import type { ValueEvaluation, ValueStatus } from '../../kpi/evaluate';
import { reviewOverdue } from '../../kpi/catalog';
import { memoPerObject } from '../../utils/memoPerObject';
import {
  isValueKpi,
  STATUS_SEVERITY_ORDER,
  type Audience,
  type CatalogKpi,
  type KpiStatus,
  type ValueKpiDefinition,
} from '../../kpi/model';

/**
 * A row's state: the live status of an SLO or a value KPI, or why there is none (lifecycle, a failed query, still
 * loading). The kinds share `no-data`, `at-risk` and `maintenance`.
 */
export type RowState = KpiStatus | ValueStatus | 'error' | 'pending' | 'draft' | 'retired';

/** Most severe first: a value KPI off its target sorts with an SLO out of budget, on track with OK. */
export const ROW_STATE_ORDER: readonly RowState[] = [
  'error',
  ...STATUS_SEVERITY_ORDER.flatMap((status): RowState[] =>
    status === 'budget-exhausted' ? [status, 'off-track'] : status === 'ok' ? [status, 'on-track'] : [status]
  ),
  'pending',
  'draft',
  'retired',
];

/** States a status filter treats as one: "OK" finds value KPIs on track, as "On track" finds healthy SLOs. */
const SAME_STATE: Partial<Record<RowState, RowState>> = { ok: 'on-track', 'on-track': 'ok' };

export type SortKey = 'name' | 'owner' | 'status' | 'sli' | 'budget';
export const SORT_KEYS: readonly SortKey[] = ['name', 'owner', 'status', 'sli', 'budget'];

export interface CatalogFilters {
  query: string;
  owners: string[];
  tags: string[];
  audiences: Audience[];
  states: RowState[];
  /** Only KPIs whose review is due or past due (`?review=overdue`). */
  reviewOverdue: boolean;
  sort: SortKey;
  descending: boolean;
}

export const NO_FILTERS: CatalogFilters = {
  query: '',
  owners: [],
  tags: [],
  audiences: [],
  states: [],
  reviewOverdue: false,
  sort: 'status',
  descending: false,
};

export interface CatalogRow {
  kpi: CatalogKpi;
  state: RowState;
  result?: CatalogRowResult;
}

/** Only published KPIs are evaluated: a draft is not live yet and a retired KPI is no longer watched. */
export function isEvaluated(kpi: CatalogKpi): boolean {
  return kpi.status === 'published';
}

export function rowState(kpi: CatalogKpi, result: CatalogRowResult | undefined): RowState {
  if (kpi.status !== 'published') {
    return kpi.status;
  }
  if (!result) {
    return 'pending';
  }
  if (result.error !== undefined) {
    return 'error';
  }
  return result.value !== undefined ? result.value.evaluation.status : result.evaluation.status;
}

const URL_KEYS = { query: 'q', owners: 'owner', tags: 'tag', audiences: 'audience', states: 'status' } as const;

/** Filters from the page's URL (`?q=pay&owner=team-a&status=page&sort=budget&dir=desc`); unknown values are dropped. */
export function filtersFromUrl(params: URLSearchParams): CatalogFilters {
  const sort = params.get('sort');
  return {
    query: params.get(URL_KEYS.query) ?? '',
    owners: params.getAll(URL_KEYS.owners),
    tags: params.getAll(URL_KEYS.tags),
    audiences: params.getAll(URL_KEYS.audiences) as Audience[],
    states: params.getAll(URL_KEYS.states).filter((s): s is RowState => ROW_STATE_ORDER.includes(s as RowState)),
    reviewOverdue: params.get('review') === 'overdue',
    sort: SORT_KEYS.includes(sort as SortKey) ? (sort as SortKey) : NO_FILTERS.sort,
    descending: params.get('dir') === 'desc',
  };
}

/** The URL parameters of a filtered view, for Grafana's location service; defaults are left out (null removes). */
export function filtersToUrl(filters: CatalogFilters): Record<string, string | string[] | null> {
  return {
    [URL_KEYS.query]: filters.query || null,
    [URL_KEYS.owners]: filters.owners.length ? filters.owners : null,
    [URL_KEYS.tags]: filters.tags.length ? filters.tags : null,
    [URL_KEYS.audiences]: filters.audiences.length ? filters.audiences : null,
    [URL_KEYS.states]: filters.states.length ? filters.states : null,
    review: filters.reviewOverdue ? 'overdue' : null,
    sort: filters.sort === NO_FILTERS.sort ? null : filters.sort,
    dir: filters.descending ? 'desc' : null,
  };
}

/** The same view without any search or filter: the sort stays. */
export function withoutFilters(filters: CatalogFilters): CatalogFilters {
  return { ...NO_FILTERS, sort: filters.sort, descending: filters.descending };
}

export function hasFilters(filters: CatalogFilters): boolean {
  return Boolean(
    filters.query ||
    filters.owners.length ||
    filters.tags.length ||
    filters.audiences.length ||
    filters.states.length ||
    filters.reviewOverdue
  );
}

/** Lower-cased text a search matches against: id, name, description, owner, decision and tags. */
export function searchText(kpi: CatalogKpi): string {
  return [kpi.id, kpi.name, kpi.description, kpi.owner, kpi.decision, ...(kpi.tags ?? [])]
    .filter(Boolean)
    .join('\n')
    .toLowerCase();
}

/** Every word of the query must appear somewhere in the KPI's text: "pay avail" finds "Payments availability". */
function matchesQuery(haystack: string, words: readonly string[]): boolean {
  return words.every((word) => haystack.includes(word));
}

function sortValue(row: CatalogRow, key: SortKey): string | number {
  switch (key) {
    case 'name':
      return row.kpi.name.toLowerCase();
    case 'owner':
      return row.kpi.owner.toLowerCase();
    case 'status':
      return ROW_STATE_ORDER.indexOf(row.state);
    case 'sli':
      return row.result?.value && isValueKpi(row.kpi)
        ? attainment(row.result.value.evaluation, row.kpi.objective)
        : (row.result?.evaluation?.sli ?? MISSING_NUMBER);
    case 'budget':
      return row.result?.value
        ? directedChange(row.result.value.evaluation)
        : (row.result?.evaluation?.budgetRemaining ?? MISSING_NUMBER);
  }
}

const MISSING_NUMBER = Number.POSITIVE_INFINITY;

/**
 * How much of its target a value KPI reaches, 1 on target, whichever way is better: beside SLIs a share near 1 too,
 * so a sort by "SLI or value" puts the furthest from target first. Units cannot be compared; shares of target can.
 */
function attainment(
  { forecast }: ValueEvaluation,
  { target, direction }: Pick<ValueKpiDefinition['objective'], 'target' | 'direction'>
): number {
  if (forecast === null || forecast === 0 || target === 0) {
    return MISSING_NUMBER;
  }
  return direction === 'higher' ? forecast / target : target / forecast;
}

/** The change as a share, positive when it goes the better way: a sort by it puts the worst changes first. */
function directedChange({ change }: ValueEvaluation): number {
  if (change?.relative === null || change === null) {
    return MISSING_NUMBER;
  }
  return change.better === false ? -Math.abs(change.relative) : Math.abs(change.relative);
}

/** Ties keep the catalog's order by name; a collator compares without localeCompare's set-up on every call. */
const byName = new Intl.Collator().compare;

/**
 * Each KPI's place in the catalog ordered by name, worked out once per catalog: the rows are sorted again on every
 * answer, and with most KPIs in one state nearly every comparison fell to the collator.
 */
const nameRanks = memoPerObject((kpis: readonly CatalogKpi[]) => {
  const ranks = new Map<CatalogKpi, number>();
  [...kpis].sort((a, b) => byName(a.name, b.name)).forEach((kpi, rank) => ranks.set(kpi, rank));
  return ranks;
});

/**
 * Every KPI's row, sorted; rows without a number (no data, pending) sort last in either direction, and ties keep
 * the catalog's order by name. Sorted once per answer or change of sort, so a keystroke only filters (rowsAmong).
 */
export function sortedCatalogRows(
  kpis: readonly CatalogKpi[],
  results: ReadonlyMap<string, CatalogRowResult>,
  sort: SortKey,
  descending: boolean
): CatalogRow[] {
  const ranks = nameRanks(kpis);
  // Each row's keys are worked out once, not in every comparison.
  const keyed = kpis.map((kpi) => {
    const result = results.get(kpi.id);
    const row: CatalogRow = { kpi, state: rowState(kpi, result), result };
    return { row, key: sortValue(row, sort), rank: ranks.get(kpi)! };
  });
  const direction = descending ? -1 : 1;
  const missing = (value: string | number) => value === MISSING_NUMBER;
  keyed.sort((a, b) => {
    if (missing(a.key) !== missing(b.key)) {
      return missing(a.key) ? 1 : -1;
    }
    if (a.key !== b.key) {
      return (a.key < b.key ? -1 : 1) * direction;
    }
    return a.rank - b.rank;
  });
  return keyed.map(({ row }) => row);
}

/** What a filter asks of a KPI, prepared once per filter change rather than once per KPI. */
function kpiFilter(filters: CatalogFilters, haystacks: ReadonlyMap<string, string>, nowMs: number) {
  const words = filters.query.toLowerCase().split(/\s+/).filter(Boolean);
  const owners = new Set(filters.owners);
  const tags = new Set(filters.tags);
  const audiences = new Set<string>(filters.audiences);
  return (kpi: CatalogKpi): boolean =>
    (!owners.size || owners.has(kpi.owner)) &&
    (!tags.size || (kpi.tags ?? []).some((tag) => tags.has(tag))) &&
    (!audiences.size || (kpi.audience ?? []).some((a) => audiences.has(a))) &&
    (!filters.reviewOverdue || reviewOverdue(kpi, nowMs)) &&
    (!words.length || matchesQuery(haystacks.get(kpi.id) ?? searchText(kpi), words));
}

/** The KPIs the filters let through, leaving the status filter aside (it needs live results): those to evaluate. */
export function kpisMatching(
  kpis: readonly CatalogKpi[],
  filters: CatalogFilters,
  haystacks: ReadonlyMap<string, string>,
  /** When "overdue" is judged, for the review filter. */
  nowMs = 0
): CatalogKpi[] {
  return kpis.filter(kpiFilter(filters, haystacks, nowMs));
}

/**
 * The rows whose KPI is among `matching` (kpisMatching's answer for the same filters) and whose state the status
 * filter lets through, in their order: the page matches the search once per keystroke, not once more per row.
 */
export function rowsAmong(
  rows: readonly CatalogRow[],
  matching: ReadonlySet<CatalogKpi>,
  filters: Pick<CatalogFilters, 'states'>
): CatalogRow[] {
  const states = new Set(filters.states);
  return rows.filter(
    ({ kpi, state }) =>
      matching.has(kpi) && (!states.size || states.has(state) || states.has(SAME_STATE[state] ?? state))
  );
}

/** The distinct owners, tags and audiences of a catalog, sorted, for the filter pickers. */
export function filterOptions(kpis: readonly CatalogKpi[]): {
  owners: string[];
  tags: string[];
  audiences: string[];
} {
  const owners = new Set<string>();
  const tags = new Set<string>();
  const audiences = new Set<string>();
  for (const kpi of kpis) {
    owners.add(kpi.owner);
    kpi.tags?.forEach((tag) => tags.add(tag));
    kpi.audience?.forEach((audience) => audiences.add(audience));
  }
  const sorted = (set: Set<string>) => [...set].sort((a, b) => a.localeCompare(b));
  return { owners: sorted(owners), tags: sorted(tags), audiences: sorted(audiences) };
}
