/**
 * Checks HTTP answers against Grafana's API contracts with ajv (see README.md here): an operation's response for a
 * status as the upstream OpenAPI subset describes it, the plugin settings DTO, and the `/api/ds/query` wire format.
 * Every check returns the problems it found, one sentence each; none means the answer keeps the contract.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';

interface OpenApiSubset {
  paths: Record<string, Record<string, { responses: Record<string, { $ref?: string; schema?: { $ref?: string } }> }>>;
  definitions: Record<string, unknown>;
  responses: Record<string, unknown>;
}

const readJson = <T>(name: string): T => JSON.parse(readFileSync(join(__dirname, name), 'utf8')) as T;

const spec = readJson<OpenApiSubset>('openapi-subset.json');
const SPEC_ID = 'grafana-openapi';

const ajv = new Ajv({ allErrors: true, strict: false });
// Swagger 2.0 number formats: the JSON type already says integer or number.
for (const format of ['int64', 'int32', 'uint16', 'uint64', 'double', 'float']) {
  ajv.addFormat(format, true);
}
ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
ajv.addSchema({ $id: SPEC_ID, definitions: spec.definitions, responses: spec.responses });
ajv.addSchema(readJson<object>('pluginSetting.schema.json'));
ajv.addSchema(readJson<object>('dsQueryWireFormat.schema.json'));

const compiled = new Map<string, ValidateFunction>();

function problemsOf(ref: string, body: unknown): string[] {
  let validate = compiled.get(ref);
  if (!validate) {
    validate = ajv.compile({ $ref: ref });
    compiled.set(ref, validate);
  }
  if (validate(body)) {
    return [];
  }
  return (validate.errors ?? []).map((error) => `${error.instancePath || '(body)'} ${error.message ?? 'is invalid'}`);
}

/**
 * The problems of `body` as the answer to `operation` (as the spec writes it, e.g. "GET /datasources/uid/{uid}")
 * with HTTP `status`; a status the spec does not list for the operation is a problem too.
 */
export function responseProblems(operation: string, status: number, body: unknown): string[] {
  const [method, path] = operation.split(' ');
  const responses = spec.paths[path]?.[method.toLowerCase()]?.responses;
  if (!responses) {
    return [`${operation} is not in openapi-subset.json`];
  }
  const response = responses[String(status)];
  // Operations point at a named response ("#/responses/getDataSourcesResponse"), straight at a definition, or (the
  // alerting provisioning routes) carry an inline response whose schema points at a definition.
  const target = response?.$ref ?? response?.schema?.$ref;
  if (!target) {
    return [`${operation} lists no ${status} response (it lists ${Object.keys(responses).join(', ')})`];
  }
  const ref = target.startsWith('#/responses/') ? `${SPEC_ID}${target}/schema` : `${SPEC_ID}${target}`;
  return problemsOf(ref, body);
}

/**
 * The problems of `body` as an instance of a definition of the spec ("AlertRuleGroup"), for answers whose operation
 * the subset does not list (e.g. `GET /v1/provisioning/folder/{FolderUID}/rule-groups/{Group}`).
 */
export const definitionProblems = (definition: string, body: unknown) =>
  problemsOf(`${SPEC_ID}#/definitions/${definition}`, body);

/** `GET /api/plugins/{pluginId}/settings`, which the upstream spec lacks. */
export const pluginSettingProblems = (body: unknown) => problemsOf('plugin-setting', body);

/** The JSON `/api/ds/query` sends, including that each frame has as many value columns as fields. */
export function dsQueryWireProblems(body: unknown): string[] {
  const problems = problemsOf('ds-query-wire-format', body);
  if (problems.length > 0) {
    return problems;
  }
  const results = (
    body as {
      results: Record<string, { frames: Array<{ schema: { fields: unknown[] }; data: { values: unknown[][] } }> }>;
    }
  ).results;
  return Object.entries(results).flatMap(([refId, result]) =>
    result.frames.flatMap((frame, i) => {
      const columns = frame.data.values;
      const rows = new Set(columns.map((column) => column.length));
      return [
        ...(columns.length === frame.schema.fields.length
          ? []
          : [
              `results.${refId}.frames[${i}] has ${frame.schema.fields.length} fields but ${columns.length} value columns`,
            ]),
        ...(rows.size <= 1 ? [] : [`results.${refId}.frames[${i}] has columns of different lengths`]),
      ];
    })
  );
}
