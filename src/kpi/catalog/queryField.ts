/**
 * A query field of any indicator: PromQL text (trimmed, with balanced parentheses, a typo PromQL would refuse
 * later), or a query object in the data source's own model. Which form fits which data source is checked with the
 * KPI's `datasource` (queryProblems).
 */
import { z } from 'zod';
import { type KpiQuery, queryLanguageOf, SQL_FORMATS } from '../model';
import { parenthesesProblem } from './parentheses';

const promqlText = z
  .string()
  .trim()
  .min(1, 'query must not be empty')
  .superRefine((value, context) => {
    const problem = parenthesesProblem(value);
    if (problem !== undefined) {
      context.addIssue({ code: 'custom', message: problem });
    }
  });

/** Any JSON object: its fields are the data source's own, checked against the data source type below. */
const queryObject = z
  .record(z.string(), z.unknown())
  .describe(
    "A query object in the data source's model: { expr } for Prometheus, { rawSql, format } for " +
      'grafana-postgresql-datasource and mysql, any object for other types'
  );

export const queryField = z.union([promqlText, queryObject]);

const SQL_EXAMPLE = '{ rawSql: "SELECT $__timeGroupAlias(created_at, $__interval), count(*) …", format: time_series }';

/** What is wrong with one query for a data source type; undefined when it fits. */
function queryProblem(query: KpiQuery, datasourceType: string): string | undefined {
  const language = queryLanguageOf(datasourceType);
  if (typeof query === 'string') {
    return language === 'sql' ? `is PromQL text, but ${datasourceType} runs SQL: write ${SQL_EXAMPLE}` : undefined;
  }
  if (Object.keys(query).length === 0) {
    return 'is an empty query object';
  }
  if (language === 'sql') {
    return sqlProblem(query, datasourceType);
  }
  if (language === 'promql') {
    if (query.rawSql !== undefined) {
      return 'is a SQL query object (rawSql), but a prometheus data source runs PromQL: write { expr: … }';
    }
    if (typeof query.expr !== 'string' || query.expr.trim() === '') {
      return 'a Prometheus query object needs expr, the PromQL text';
    }
    return parenthesesProblem(query.expr);
  }
  return undefined;
}

function sqlProblem(query: Readonly<Record<string, unknown>>, datasourceType: string): string | undefined {
  if (query.expr !== undefined && query.rawSql === undefined) {
    return `is a PromQL query object (expr), but ${datasourceType} runs SQL: write ${SQL_EXAMPLE}`;
  }
  if (typeof query.rawSql !== 'string' || query.rawSql.trim() === '') {
    return `a ${datasourceType} query needs rawSql, the SQL text: ${SQL_EXAMPLE}`;
  }
  if (query.format !== undefined && !(SQL_FORMATS as readonly unknown[]).includes(query.format)) {
    return `format must be ${SQL_FORMATS.join(' or ')}`;
  }
  return undefined;
}

/** Each query field of the indicator that does not fit the KPI's data source type, with the problem. */
export function queryProblems(
  indicator: Readonly<Record<string, unknown>>,
  datasourceType: string
): Array<{ field: string; message: string }> {
  return ['good', 'total', 'query', 'numerator', 'denominator'].flatMap((field) => {
    const query = indicator[field];
    if (typeof query !== 'string' && (typeof query !== 'object' || query === null)) {
      return [];
    }
    const message = queryProblem(query as KpiQuery, datasourceType);
    return message === undefined ? [] : [{ field, message }];
  });
}
