/**
 * `POST /api/ds/query`: each Prometheus query goes to the real Prometheus with the step and macros Grafana would
 * compute (e2e/contracts/ds-query-prometheus-example.md), each PostgreSQL query to the real PostgreSQL with
 * Grafana's SQL macros (e2e/contracts/ds-query-sql.md); both come back as Grafana data frames, in one response
 * when a request mixes them. HTTP 200 when every refId succeeded, 207 when one carries an `error`; request-level
 * problems are 400 `{"message"}` (Grafana's pkg/api/ds_query.go).
 */
import type { Router } from '../server/router';
import { apiError, isRecord, readJsonObject, sendJson } from '../server/http';
import { requireSignedIn } from '../server/session';
import type { HostDataSource, PrometheusHostDataSource } from './datasources';
import type { PostgresPools } from '../sql/postgresClient';
import { hasFillParameters, parseSqlQuery, runSqlQuery } from '../sql/sqlQuery';
import { framesFromPrometheus, PrometheusQueryError, type FrameJson, type FramedQuery } from '../prometheus/frames';
import { alignToStep, interpolateMacros, InvalidIntervalError, prometheusStep } from '../prometheus/grafanaInterval';
import {
  callPrometheus,
  prometheusTime,
  PrometheusUnreachableError,
  type PrometheusAnswer,
} from '../prometheus/prometheusApi';

/** One entry of `results`: frames, or an error whose status mirrors Prometheus' (502 when unreachable). */
interface QueryResult {
  status: number;
  frames: FrameJson[];
  error?: string;
  errorSource?: 'downstream' | 'plugin';
}

/** The Prometheus fields of a query as Grafana's backend reads them (pkg/promlib/models/query.go). */
interface PrometheusQueryModel {
  refId: string;
  expr: string;
  range: boolean;
  instant: boolean;
  interval: string;
  intervalMs: number;
  intervalFactor: number;
  legendFormat: string;
  utcOffsetSec: number;
  /** The request-level values Grafana's query service fills in when a query lacks them. */
  requestIntervalMs: number;
  maxDataPoints: number;
}

const QUERY_TIMEOUT_MS = 60_000;
const RELATIVE_UNITS_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  M: 2_592_000_000,
  y: 31_536_000_000,
};

/** `from`/`to`: epoch milliseconds, "now", or "now-6h" style relative times. */
function parseRequestTime(text: unknown, nowMs: number): number {
  if (typeof text === 'string' && /^\d+$/.test(text)) {
    return Number(text);
  }
  const relative = typeof text === 'string' ? /^now(?:([+-])(\d+)([smhdwMy]))?$/.exec(text) : null;
  if (!relative) {
    throw apiError(400, `invalid time range: ${JSON.stringify(text)}`);
  }
  const offset = relative[1] ? Number(relative[2]) * RELATIVE_UNITS_MS[relative[3]] : 0;
  return relative[1] === '-' ? nowMs - offset : nowMs + offset;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function parseQuery(query: Record<string, unknown>): PrometheusQueryModel {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const instant = query.instant === true;
  return {
    refId: text(query.refId) || 'A',
    expr: text(query.expr),
    // Older dashboards set neither; Grafana runs those as range queries.
    range: query.range === true || !instant,
    instant,
    interval: text(query.interval),
    intervalMs: numberOr(query.intervalMs, 0),
    intervalFactor: numberOr(query.intervalFactor, 0),
    legendFormat: text(query.legendFormat),
    utcOffsetSec: numberOr(query.utcOffsetSec, 0),
    requestIntervalMs: numberOr(query.intervalMs, 1000),
    maxDataPoints: numberOr(query.maxDataPoints, 100),
  };
}

function findDataSource(query: Record<string, unknown>, dataSources: HostDataSource[]): HostDataSource {
  const ref = isRecord(query.datasource) ? query.datasource : {};
  if (ref.type === '__expr__' || ref.uid === '__expr__') {
    throw apiError(400, 'server-side expressions are not supported by the plugin host');
  }
  const ds = dataSources.find((candidate) => candidate.uid === ref.uid || candidate.id === query.datasourceId);
  if (!ds) {
    throw apiError(400, 'Data source not found');
  }
  return ds;
}

/** Carries Prometheus' HTTP status along with its refusal, as Grafana's per-refId status does. */
class RefusedQuery extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message);
  }
}

function framesOf(answer: PrometheusAnswer, query: FramedQuery): FrameJson[] {
  try {
    return framesFromPrometheus(answer.body, query);
  } catch (error) {
    if (error instanceof PrometheusQueryError) {
      throw new RefusedQuery(answer.status === 200 ? 500 : answer.status, error.message);
    }
    throw error;
  }
}

async function runPrometheusQuery(
  ds: PrometheusHostDataSource,
  model: PrometheusQueryModel,
  fromMs: number,
  toMs: number
): Promise<QueryResult> {
  const scrapeInterval = ds.jsonData.timeInterval;
  const stepMs = prometheusStep({ ...model, fromMs, toMs, scrapeInterval });
  const expr = interpolateMacros(model.expr, {
    queryIntervalMs: model.requestIntervalMs,
    stepMs,
    requestedMinStep: model.interval,
    scrapeInterval,
    rangeMs: toMs - fromMs,
  });
  const framed: FramedQuery = { refId: model.refId, expr, stepMs, legendFormat: model.legendFormat };
  const frames: FrameJson[] = [];
  if (model.instant) {
    // Grafana evaluates instant queries at the end of the range itself, not at a step-aligned time.
    const answer = await callPrometheus(
      ds.url,
      'api/v1/query',
      { query: expr, time: prometheusTime(toMs) },
      QUERY_TIMEOUT_MS
    );
    frames.push(...framesOf(answer, framed));
  }
  if (model.range) {
    const answer = await callPrometheus(
      ds.url,
      'api/v1/query_range',
      {
        query: expr,
        start: prometheusTime(alignToStep(fromMs, stepMs, model.utcOffsetSec)),
        end: prometheusTime(alignToStep(toMs, stepMs, model.utcOffsetSec)),
        step: String(stepMs / 1000),
      },
      QUERY_TIMEOUT_MS
    );
    frames.push(...framesOf(answer, framed));
  }
  return { status: 200, frames };
}

async function prometheusResult(
  ds: PrometheusHostDataSource,
  model: PrometheusQueryModel,
  fromMs: number,
  toMs: number
): Promise<QueryResult> {
  try {
    return await runPrometheusQuery(ds, model, fromMs, toMs);
  } catch (error) {
    if (error instanceof RefusedQuery) {
      return { status: error.status, frames: [], error: error.message, errorSource: 'downstream' };
    }
    if (error instanceof InvalidIntervalError) {
      return { status: 400, frames: [], error: error.message, errorSource: 'downstream' };
    }
    if (error instanceof PrometheusUnreachableError) {
      return { status: 502, frames: [], error: error.message, errorSource: 'downstream' };
    }
    throw error;
  }
}

interface PlannedQuery {
  refId: string;
  /** Undefined for a query Grafana skips (a SQL query without rawSql gets no entry in `results`). */
  run?: () => Promise<QueryResult>;
}

function planQuery(
  query: Record<string, unknown>,
  ds: HostDataSource,
  pools: PostgresPools,
  range: { fromMs: number; toMs: number }
): PlannedQuery {
  if (ds.type === 'prometheus') {
    const model = parseQuery(query);
    return { refId: model.refId, run: () => prometheusResult(ds, model, range.fromMs, range.toMs) };
  }
  if (hasFillParameters(query)) {
    throw apiError(400, 'query fill-parameters not supported');
  }
  const model = parseSqlQuery(query);
  const run = () => runSqlQuery(pools, ds.connectionUrl, model, range);
  return { refId: model.refId, run: model.rawSql === '' ? undefined : run };
}

export function registerDsQueryRoutes(router: Router, dataSources: HostDataSource[], pools: PostgresPools): void {
  router.post('/api/ds/query', async ({ req, res }) => {
    requireSignedIn(req);
    const body = await readJsonObject(req);
    const queries = Array.isArray(body.queries) ? body.queries : [];
    if (queries.length === 0) {
      throw apiError(400, 'No queries found');
    }
    const nowMs = Date.now();
    const fromMs = parseRequestTime(body.from, nowMs);
    const toMs = parseRequestTime(body.to, nowMs);
    const planned = queries.map((query) => {
      if (!isRecord(query)) {
        throw apiError(400, 'bad request data');
      }
      return planQuery(query, findDataSource(query, dataSources), pools, { fromMs, toMs });
    });
    const answered = planned.filter((plan): plan is Required<PlannedQuery> => plan.run !== undefined);
    const results = await Promise.all(answered.map((plan) => plan.run()));
    const byRefId = answered
      .map(({ refId }, i) => [refId, results[i]] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const failed = results.some((result) => result.error !== undefined);
    sendJson(res, failed ? 207 : 200, { results: Object.fromEntries(byRefId) });
  });
}
