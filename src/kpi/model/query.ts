/**
 * A KPI's queries in the data source's own model, as Grafana stores them in dashboards: `{ expr }` for Prometheus,
 * `{ rawSql, format }` for PostgreSQL and MySQL, any JSON object for other types. A plain string is the short form
 * of `{ expr }`, so catalogs written before query objects keep their meaning.
 */
import type { CatalogKpi, DatasourceRef } from './model';

/** A query object as the data source's editor stores it; its fields are the data source's own. */
export type QueryObject = { readonly [field: string]: unknown };

/** A query field of an indicator: PromQL text, or a query object in the data source's model. */
export type KpiQuery = string | QueryObject;

/** The data source types whose queries are SQL with Grafana's macros (`$__timeFilter`, `$__timeGroupAlias`). */
export const SQL_DATASOURCE_TYPES: readonly string[] = ['grafana-postgresql-datasource', 'postgres', 'mysql'];
export const PROMETHEUS_DATASOURCE_TYPE = 'prometheus';

/** How a data source type's queries are written: PromQL, SQL, or a model Northstar does not read. */
export type QueryLanguage = 'promql' | 'sql' | 'opaque';

export function queryLanguageOf(datasourceType: string): QueryLanguage {
  if (datasourceType === PROMETHEUS_DATASOURCE_TYPE) {
    return 'promql';
  }
  return SQL_DATASOURCE_TYPES.includes(datasourceType) ? 'sql' : 'opaque';
}

/** SQL's two formats: a time series (one row per bucket, long or wide) or a table. */
export const SQL_FORMATS = ['time_series', 'table'] as const;
export type SqlFormat = (typeof SQL_FORMATS)[number];

/** A SQL query as Grafana's SQL data sources read it. */
export interface SqlQueryModel {
  rawSql: string;
  format: SqlFormat;
}

/** The PromQL of a query: the string itself or an object's `expr`; undefined when the query is not PromQL. */
export function promqlOf(query: KpiQuery | undefined): string | undefined {
  if (typeof query === 'string') {
    return query;
  }
  return typeof query?.expr === 'string' && query.rawSql === undefined ? query.expr : undefined;
}

/** The SQL of a query object (`format` time_series unless it says table, as Grafana reads it); else undefined. */
export function sqlOf(query: KpiQuery | undefined): SqlQueryModel | undefined {
  if (typeof query !== 'object' || typeof query.rawSql !== 'string') {
    return undefined;
  }
  return { rawSql: query.rawSql, format: query.format === 'table' ? 'table' : 'time_series' };
}

/** The text a person reads for a query: PromQL, SQL, or the object's JSON. */
export function queryDisplayText(query: KpiQuery): string {
  return promqlOf(query) ?? sqlOf(query)?.rawSql ?? JSON.stringify(query);
}

/** The indicator's query fields by name (good, total, query, numerator, denominator); a composite has none. */
export function kpiQueries(kpi: CatalogKpi): Array<[field: string, query: KpiQuery]> {
  const indicator = kpi.indicator as unknown as Record<string, unknown>;
  return ['good', 'total', 'query', 'numerator', 'denominator'].flatMap((field): Array<[string, KpiQuery]> => {
    const query = indicator[field];
    return typeof query === 'string' || (typeof query === 'object' && query !== null)
      ? [[field, query as KpiQuery]]
      : [];
  });
}

/**
 * A KPI whose queries are all PromQL (strings or `{ expr }`): what rules, recorded series, the PromQL dashboards and
 * the OpenSLO and Sloth exports can take. A composite is one when its members are (checked where they are known).
 */
export function isPromqlKpi(kpi: CatalogKpi): boolean {
  return kpiQueries(kpi).every(([, query]) => promqlOf(query) !== undefined);
}

/** Why a KPI cannot go where PromQL is needed, naming its data source (callers name the KPI). */
export function notPromqlNote(kpi: { datasource?: DatasourceRef }, what: string): string {
  const source = kpi.datasource ? `${kpi.datasource.type} (uid ${kpi.datasource.uid})` : 'a data source';
  return `not applicable: ${what} need PromQL, and its queries are ${source} queries in that data source's own model`;
}

/**
 * The PromQL of a query for a builder that needs it, or an Error naming the field (and the KPI when known). Callers
 * that take whole catalogs leave non-PromQL KPIs out with notPromqlNote before they get here.
 */
export function requirePromql(query: KpiQuery, field: string, kpiId?: string): string {
  const promql = promqlOf(query);
  if (promql === undefined) {
    const where = kpiId === undefined ? `indicator.${field}` : `${kpiId}: indicator.${field}`;
    throw new Error(`${where} is not PromQL (${queryDisplayText(query).slice(0, 80)})`);
  }
  return promql;
}

/** A query as one editable text: PromQL as it is, a query object as indented JSON. */
export function queryAsText(query: KpiQuery): string {
  return typeof query === 'string' ? query : JSON.stringify(query, null, 2);
}

/**
 * The query a text stands for (queryAsText's inverse): a JSON object is a query object, anything else PromQL. A
 * selector such as `{job="api"}` is not JSON, so it stays PromQL.
 */
export function queryFromText(text: string): KpiQuery {
  if (!text.trimStart().startsWith('{')) {
    return text;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as QueryObject) : text;
  } catch {
    return text;
  }
}

/**
 * The ids of the KPIs PromQL artefacts (rules, recorded series) cannot be made for: those with a non-PromQL query,
 * and the composites with such a member, whose rules would read records nobody writes.
 */
export function notPromqlKpiIds(kpis: readonly CatalogKpi[]): Set<string> {
  const ids = new Set(kpis.filter((kpi) => !isPromqlKpi(kpi)).map((kpi) => kpi.id));
  for (const kpi of kpis) {
    if (kpi.indicator.type === 'composite' && kpi.indicator.members.some((member) => ids.has(member.kpi))) {
      ids.add(kpi.id);
    }
  }
  return ids;
}
