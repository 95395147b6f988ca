/**
 * Per-label KPIs (`indicator.groupBy`): which label names may group a KPI, whether a user's query keeps them, and
 * how an instance (one set of label values) is named. Northstar never rewrites the user's PromQL, so a query that
 * aggregates the labels away is refused at validation instead of quietly producing one instance.
 */
import {
  DEFAULT_MAX_INSTANCES,
  PROM_LABEL_BURNRATE_TIER,
  PROM_LABEL_KPI_ID,
  PROM_LABEL_KPI_VERSION,
  PROM_LABEL_SEVERITY,
  type CatalogKpi,
} from './model';
import { afterStringLiteral } from './queryText';

/** Labels the rule generator writes itself: a groupBy on them would clash with its records and alerts. */
export const RESERVED_GROUP_BY_LABELS: readonly string[] = [
  PROM_LABEL_KPI_ID,
  PROM_LABEL_KPI_VERSION,
  PROM_LABEL_SEVERITY,
  PROM_LABEL_BURNRATE_TIER,
  '__name__',
];

/** A Prometheus label name. */
export const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export const MAX_GROUP_BY_LABELS = 3;

/** A label name a KPI may be grouped by: a Prometheus label name that is neither reserved nor Northstar's own. */
export function isGroupableLabel(label: string): boolean {
  return LABEL_NAME.test(label) && !label.startsWith('__') && !RESERVED_GROUP_BY_LABELS.includes(label);
}

/** PromQL's aggregation operators: each one at the top level of a query decides which labels come out. */
const AGGREGATIONS = new Set([
  'sum',
  'min',
  'max',
  'avg',
  'group',
  'stddev',
  'stdvar',
  'count',
  'count_values',
  'bottomk',
  'topk',
  'quantile',
  'limitk',
  'limit_ratio',
]);

/** The groupBy labels of a KPI; empty for a KPI evaluated as one. */
export function groupByOf(kpi: CatalogKpi): readonly string[] {
  return kpi.indicator.type === 'ratio' ? (kpi.indicator.groupBy ?? []) : [];
}

/** The cardinality guard of a per-label KPI: `indicator.maxInstances`, DEFAULT_MAX_INSTANCES when unset. */
export function maxInstancesOf(kpi: CatalogKpi): number {
  return (kpi.indicator.type === 'ratio' ? kpi.indicator.maxInstances : undefined) ?? DEFAULT_MAX_INSTANCES;
}

/**
 * The groupBy labels a query does not keep. A label is kept when the query's outermost expression groups by it:
 * every aggregation at the top level (outside parentheses, braces, brackets and string literals) has a
 * `by (…)` that lists it or a `without (…)` that does not, and there is at least one such clause. Inner
 * aggregations are the user's business: only what comes out of the query decides which series there are.
 */
export function labelsNotKept(query: string, labels: readonly string[]): string[] {
  const { clauses, aggregations } = topLevelGrouping(stripOuterParentheses(query));
  // An aggregation without a clause of its own (`sum by (route) (a) / sum(b)`) drops every label.
  if (clauses.length === 0 || clauses.length < aggregations) {
    return [...labels];
  }
  return labels.filter((label) =>
    clauses.some((clause) => (clause.keyword === 'by') !== clause.labels.includes(label))
  );
}

interface GroupingClause {
  keyword: 'by' | 'without';
  labels: string[];
}

/**
 * `by (a, b)` and `without (c)` clauses at nesting depth 0, and how many aggregation operators there are at that
 * depth, read outside string literals.
 */
function topLevelGrouping(query: string): { clauses: GroupingClause[]; aggregations: number } {
  const clauses: GroupingClause[] = [];
  let aggregations = 0;
  let depth = 0;
  let i = 0;
  while (i < query.length) {
    const c = query[i];
    if (c === '"' || c === "'" || c === '`') {
      i = afterStringLiteral(query, i);
      continue;
    }
    if (c === '(' || c === '{' || c === '[') {
      depth++;
    } else if (c === ')' || c === '}' || c === ']') {
      depth--;
    } else if (depth === 0 && /[A-Za-z_]/.test(c) && !/[A-Za-z0-9_:]/.test(query[i - 1] ?? '')) {
      const word = /^[A-Za-z_][A-Za-z0-9_:]*/.exec(query.slice(i))![0];
      const keyword = word.toLowerCase();
      if (AGGREGATIONS.has(keyword) && /^\s*(\(|by\b|without\b)/i.test(query.slice(i + word.length))) {
        aggregations++;
      }
      if (keyword === 'by' || keyword === 'without') {
        const list = /^\s*\(([^()"'`]*)\)/.exec(query.slice(i + word.length));
        if (list) {
          const labels = list[1]
            .split(',')
            .map((label) => label.trim())
            .filter(Boolean);
          clauses.push({ keyword, labels });
          i += word.length + list[0].length;
          continue;
        }
      }
      i += word.length;
      continue;
    }
    i++;
  }
  return { clauses, aggregations };
}

/** `((sum by (route) (x)))` → `sum by (route) (x)`: parentheses around the whole query change nothing. */
function stripOuterParentheses(query: string): string {
  let text = query.trim();
  while (text.startsWith('(') && closingParenthesis(text, 0) === text.length - 1) {
    text = text.slice(1, -1).trim();
  }
  return text;
}

function closingParenthesis(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      i = afterStringLiteral(text, i) - 1;
    } else if (c === '(') {
      depth++;
    } else if (c === ')' && --depth === 0) {
      return i;
    }
  }
  return -1;
}

/** The key of an instance: its groupBy label values in groupBy order (absent labels read as ""). */
export function instanceKey(labels: Readonly<Record<string, string>> | undefined, groupBy: readonly string[]): string {
  return JSON.stringify(groupBy.map((name) => labels?.[name] ?? ''));
}

/** The groupBy labels of a series, in groupBy order, with absent labels as "" (as PromQL treats them). */
export function instanceLabels(
  labels: Readonly<Record<string, string>> | undefined,
  groupBy: readonly string[]
): Record<string, string> {
  return Object.fromEntries(groupBy.map((name) => [name, labels?.[name] ?? '']));
}

/** How people read an instance: `/pay` for one label, `route=/pay, region=eu` for several. */
export function instanceName(labels: Readonly<Record<string, string>>, groupBy: readonly string[]): string {
  if (groupBy.length === 1) {
    return labels[groupBy[0]] || '(empty)';
  }
  return groupBy.map((name) => `${name}=${labels[name] ?? ''}`).join(', ');
}
