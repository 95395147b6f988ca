/**
 * The host's own scenario endpoints (not Grafana's): `GET /host/scenarios` lists the scenarios the panel page can
 * render, `GET /host/scenarios/:name` returns one, `POST /host/scenarios` registers one for the host's lifetime
 * (201 with its panel page URL), so a test can render a case without editing scenarios.ts.
 */
import type { Router } from '../server/router';
import { PANEL_PAGE_PATH, SCENARIOS_API_PATH } from '../hostContract';
import { apiError, isRecord, readJsonObject, sendJson } from '../server/http';
import type { PanelScenario } from '../scenarios';

const panelPageUrl = (name: string) => `${PANEL_PAGE_PATH}?scenario=${encodeURIComponent(name)}`;

const isString = (value: unknown): value is string => typeof value === 'string';
const isOptional = (value: unknown, check: (v: unknown) => boolean) => value === undefined || check(value);

function queryProblems(query: unknown, index: number): string[] {
  if (!isRecord(query)) {
    return [`queries[${index}] must be an object`];
  }
  const problems: string[] = [];
  if (!isString(query.refId) || query.refId === '') {
    problems.push(`queries[${index}].refId must be a non-empty string`);
  }
  const nonEmpty = (value: unknown) => isString(value) && value !== '';
  if (nonEmpty(query.expr) === nonEmpty(query.rawSql)) {
    problems.push(`queries[${index}] must have either expr (PromQL) or rawSql (SQL), a non-empty string`);
  }
  if (!isOptional(query.format, (v) => v === 'time_series' || v === 'table')) {
    problems.push(`queries[${index}].format must be time_series or table`);
  }
  for (const field of ['datasourceUid', 'legendFormat', 'interval'] as const) {
    if (!isOptional(query[field], isString)) {
      problems.push(`queries[${index}].${field} must be a string`);
    }
  }
  if (!isOptional(query.instant, (v) => typeof v === 'boolean')) {
    problems.push(`queries[${index}].instant must be true or false`);
  }
  return problems;
}

const isStringList = (value: unknown) => Array.isArray(value) && value.every(isString);

function variableProblems(name: string, variable: unknown): string[] {
  if (isString(variable)) {
    return [];
  }
  if (!isRecord(variable)) {
    return [`variables.${name} must be a string or { value, multi, includeAll, allValue, options }`];
  }
  const problems: string[] = [];
  if (!isString(variable.value) && !isStringList(variable.value)) {
    problems.push(`variables.${name}.value must be a string or a list of strings`);
  }
  for (const flag of ['multi', 'includeAll'] as const) {
    if (!isOptional(variable[flag], (v) => typeof v === 'boolean')) {
      problems.push(`variables.${name}.${flag} must be true or false`);
    }
  }
  if (!isOptional(variable.allValue, isString)) {
    problems.push(`variables.${name}.allValue must be a string`);
  }
  if (!isOptional(variable.options, isStringList)) {
    problems.push(`variables.${name}.options must be a list of strings`);
  }
  return problems;
}

/** The problems of a posted scenario, each naming its field; none means it is a PanelScenario. */
export function scenarioProblems(value: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (!isString(value.name) || !/^[a-z0-9][a-z0-9-]*$/.test(value.name)) {
    problems.push('name must be a slug (lower-case letters, digits and "-")');
  }
  if (!isString(value.title)) {
    problems.push('title must be a string');
  }
  if (!isOptional(value.description, isString)) {
    problems.push('description must be a string');
  }
  const range = value.timeRange;
  if (!isRecord(range) || !isString(range.from) || !isString(range.to)) {
    problems.push('timeRange must be { from, to } with Grafana times such as "now-6h" and "now"');
  }
  if (!Array.isArray(value.queries) || value.queries.length === 0) {
    problems.push('queries must be a non-empty array');
  } else {
    problems.push(...value.queries.flatMap(queryProblems));
  }
  if (!isRecord(value.options)) {
    problems.push('options must be an object');
  }
  if (!isOptional(value.fieldConfig, (v) => isRecord(v) && isRecord(v.defaults) && Array.isArray(v.overrides))) {
    problems.push('fieldConfig must be { defaults, overrides }');
  }
  if (!isOptional(value.variables, isRecord)) {
    problems.push('variables must map variable names to values');
  } else if (isRecord(value.variables)) {
    problems.push(...Object.entries(value.variables).flatMap(([name, variable]) => variableProblems(name, variable)));
  }
  if (!isOptional(value.maxDataPoints, (v) => Number.isInteger(v) && (v as number) > 0)) {
    problems.push('maxDataPoints must be a positive integer');
  }
  if (!isOptional(value.interval, isString)) {
    problems.push('interval must be a string');
  }
  return problems;
}

export function registerHostScenarioRoutes(router: Router, builtIn: readonly PanelScenario[]): void {
  const posted = new Map<string, PanelScenario>();
  const find = (name: string) => builtIn.find((scenario) => scenario.name === name) ?? posted.get(name);

  router.get(SCENARIOS_API_PATH, ({ res }) => {
    const all = [...builtIn, ...posted.values()];
    sendJson(
      res,
      200,
      all.map(({ name, description }) => ({ name, description, url: panelPageUrl(name) }))
    );
  });

  router.get(`${SCENARIOS_API_PATH}/:name`, ({ res, params }) => {
    const scenario = find(params.name);
    if (!scenario) {
      throw apiError(404, `no scenario named "${params.name}"`);
    }
    sendJson(res, 200, scenario);
  });

  router.post(SCENARIOS_API_PATH, async ({ req, res }) => {
    const body = await readJsonObject(req);
    const problems = scenarioProblems(body);
    if (problems.length > 0) {
      throw apiError(400, problems.join('; '));
    }
    const scenario = { description: '', ...body } as unknown as PanelScenario;
    if (builtIn.some((candidate) => candidate.name === scenario.name)) {
      throw apiError(409, `"${scenario.name}" is a built-in scenario; choose another name`);
    }
    posted.set(scenario.name, scenario);
    sendJson(res, 201, { name: scenario.name, url: panelPageUrl(scenario.name) });
  });
}
