/**
 * `northstar eval --grafana`: every KPI read through Grafana's `/api/ds/query`, the same path as the app's panel
 * and pages (range queries in the data source's own model → frames → grid → engine), so it works for any data
 * source Grafana has: PromQL, SQL (counts per time bucket), and others. One request per data source for the whole
 * selection; each KPI's answer is then evaluated on its own. `northstar gate` and other commands reuse it.
 */
import {
  combineMembers,
  type KpiEvaluation,
  memberOverCompositeWindows,
  rangeStepMs,
  resolveMembers,
  stepWithinPointBudget,
} from '../kpi/evaluate';
import { sloReadSpanMs } from '../kpi/policy';
import {
  type CatalogKpi,
  type CompositeKpiDefinition,
  isCompositeKpi,
  isValueKpi,
  type KpiDefinition,
  type ValueKpiDefinition,
} from '../kpi/model';
import {
  DsQueryBatch,
  evaluatePanel,
  frameFromJson,
  kpiRangeQueryModels,
  planValueRange,
  specForKpi,
  valueRangeStartMs,
  type DsQueryModel,
  type PlannedValueRange,
  type UnplannedValueRange,
} from '../reading';
import type { DataFrame } from '@grafana/data';
import { noDataRow, toRow, type EvalOptions, type EvalRow } from './evaluateCatalog';
import { type DsQueryResultWire, GrafanaError, type GrafanaClient } from './grafana';
import { valueReadRow } from './grafanaValueRead';

/** One KPI's range queries, under its own refId prefix in its data source's request. */
interface PlannedRead {
  kpi: KpiDefinition;
  prefix: string;
  stepMs: number;
  /** A step given with --step is kept as given; a planned one is coarsened to fit the request's range. */
  stepGiven: boolean;
  /** How far back the KPI is read: its SLO window (a calendar period's longest) or its longest policy window. */
  spanMs: number;
  /** Filled once the request's range is known (readQueries): the point budget depends on it. */
  queries: DsQueryModel[];
}

/** What a KPI's queries answered: frames under their own refIds, or why they could not be read. */
type Answer = { ok: true; frames: DataFrame[] } | { ok: false; error: string };

const FIELD_OF_REF_ID: Record<string, string> = {
  good: 'indicator.good',
  total: 'indicator.total',
  value: 'indicator.query',
};

/** A KPI's step and span: the span reaches back over its SLO window and every window its policy reads. */
function plan(kpi: KpiDefinition, prefix: string, stepMs: number | undefined): PlannedRead {
  const spanMs = sloReadSpanMs(kpi);
  return {
    kpi,
    prefix,
    stepMs: stepMs ?? rangeStepMs(kpi, spanMs),
    stepGiven: stepMs !== undefined,
    spanMs,
    queries: [],
  };
}

/**
 * The read's range queries in a request over `rangeMs`. The step is the KPI's own unless the request's range would
 * hold more points than Prometheus answers (a 7d SLO beside a 28d one): Grafana coarsens the step only to its "safe"
 * interval, which its rounding can leave above the limit, so the step is made coarse enough here. Composites'
 * members share a step, and so a multiple of it.
 */
function readQueries(read: PlannedRead, rangeMs: number): void {
  if (!read.stepGiven) {
    read.stepMs = stepWithinPointBudget(read.stepMs, rangeMs);
  }
  read.queries = kpiRangeQueryModels(read.kpi, { stepMs: read.stepMs, spanMs: rangeMs, refIdPrefix: read.prefix });
}

/** The KPIs (and composites' members) to read, each with a prefix of its own. */
function planAll(
  kpis: readonly CatalogKpi[],
  catalog: readonly CatalogKpi[],
  options: EvalOptions
): { reads: PlannedRead[]; members: Map<string, PlannedRead[] | string> } {
  const reads: PlannedRead[] = [];
  const members = new Map<string, PlannedRead[] | string>();
  kpis.forEach((kpi, index) => {
    if (isValueKpi(kpi)) {
      return;
    }
    if (!isCompositeKpi(kpi)) {
      reads.push(plan(kpi, `k${index}-`, options.stepMs));
      return;
    }
    const resolved = resolveMembers(kpi, catalog);
    if (!resolved.ok) {
      members.set(kpi.id, resolved.error);
      return;
    }
    // Members share one step so that their windows cover the same steps.
    const overs = resolved.members.map(({ kpi: member }) => memberOverCompositeWindows(member, kpi));
    const stepMs = options.stepMs ?? Math.max(...overs.map((over) => rangeStepMs(over)));
    const planned = overs.map((over, m) => plan(over, `k${index}m${m}-`, stepMs));
    members.set(kpi.id, planned);
    reads.push(...planned);
  });
  return { reads, members };
}

/** One request per data source for every query of the run, over the batch's one range; every refId's answer. */
async function query(
  client: GrafanaClient,
  batch: DsQueryBatch
): Promise<Map<string, DsQueryResultWire | GrafanaError>> {
  const answers = new Map<string, DsQueryResultWire | GrafanaError>();
  await Promise.all(
    batch.requests.map(async ({ datasource, body: { queries } }) => {
      try {
        const results = await client.dsQuery(datasource, batch.range, queries);
        queries.forEach(({ refId }) => answers.set(refId, results[refId] ?? {}));
      } catch (error) {
        if (!(error instanceof GrafanaError)) {
          throw error;
        }
        queries.forEach(({ refId }) => answers.set(refId, error));
      }
    })
  );
  return answers;
}

/** A KPI's frames under its unprefixed refIds, or the first failure, naming the query. */
function answerOf(read: PlannedRead, answers: Map<string, DsQueryResultWire | GrafanaError>): Answer {
  const frames: DataFrame[] = [];
  for (const { refId } of read.queries) {
    const own = refId.slice(read.prefix.length);
    const answer = answers.get(refId);
    if (answer instanceof GrafanaError) {
      return { ok: false, error: answer.message };
    }
    if (answer?.error) {
      return { ok: false, error: `${FIELD_OF_REF_ID[own]} (refId ${own}): ${answer.error}` };
    }
    frames.push(...(answer?.frames ?? []).map((frame) => frameFromJson(frame, own)));
  }
  return { ok: true, frames };
}

/** The panel's evaluation of one KPI from its frames, or why the frames cannot be read. */
function evaluateRead(read: PlannedRead, answer: Answer, atMs: number): KpiEvaluation | string {
  if (!answer.ok) {
    return answer.error;
  }
  const refIds = read.kpi.indicator.type === 'ratio' ? ['good', 'total'] : ['value'];
  const checked = evaluatePanel(specForKpi(read.kpi, refIds, true), {
    series: answer.frames,
    timeRange: { fromMs: atMs - read.spanMs, toMs: atMs },
    fallbackStepMs: read.stepMs,
    queriedRefIds: refIds,
  });
  return checked.ok ? checked.value.evaluation : `${checked.problem.title}: ${checked.problem.detail}`;
}

function compositeRow(
  composite: CompositeKpiDefinition,
  planned: PlannedRead[] | string,
  evaluated: Map<PlannedRead, KpiEvaluation | string>,
  atMs: number
): EvalRow {
  if (typeof planned === 'string') {
    return noDataRow(composite, atMs, `${composite.id}: ${planned}`);
  }
  const failed = planned.find((read) => typeof evaluated.get(read) === 'string');
  if (failed) {
    return noDataRow(composite, atMs, `${composite.id}: member ${failed.kpi.id}: ${evaluated.get(failed)}`);
  }
  const members = planned.map((read, m) => ({
    kpiId: read.kpi.id,
    weight: composite.indicator.members[m].weight,
    evaluation: evaluated.get(read) as KpiEvaluation,
  }));
  return toRow(composite, combineMembers(composite, members));
}

/**
 * Value KPIs' queries over the batch's range, each at its period's step (the app's plan, so the CLI reads the
 * value the KPI page shows), under the KPI's prefix.
 */
function planValues(
  kpis: readonly CatalogKpi[],
  batch: DsQueryBatch
): Map<ValueKpiDefinition, PlannedValueRange | UnplannedValueRange> {
  const values = new Map<ValueKpiDefinition, PlannedValueRange | UnplannedValueRange>();
  kpis.forEach((kpi, index) => {
    if (isValueKpi(kpi)) {
      const planned = planValueRange(kpi, batch.range, { refIdPrefix: `k${index}-` });
      if ('queries' in planned) {
        planned.queries.forEach((query) => batch.add(query));
      }
      values.set(kpi, planned);
    }
  });
  return values;
}

/**
 * Evaluates KPIs through Grafana at `options.atMs`: one `/api/ds/query` per data source for them all, over one
 * range reaching back as far as the furthest KPI needs (an SLO's span, a value KPI's previous period). When that
 * range would make an SLO's step coarser (a 1d SLO beside a value KPI's two months) the value KPIs get requests of
 * their own, over their own range, so that the SLO keeps its short burn-rate windows. Composites read their members
 * from `catalog`.
 */
export async function evaluateWithGrafana(
  client: GrafanaClient,
  kpis: readonly CatalogKpi[],
  options: EvalOptions,
  catalog: readonly CatalogKpi[] = kpis
): Promise<EvalRow[]> {
  const { atMs } = options;
  const { reads, members } = planAll(kpis, catalog, options);
  const sloFromMs = Math.min(atMs, ...reads.map((read) => atMs - read.spanMs));
  const valueFromMs = Math.min(atMs, ...kpis.filter(isValueKpi).map((kpi) => valueRangeStartMs(kpi, atMs)));
  const jointFromMs = Math.min(sloFromMs, valueFromMs);
  const oneRange = reads.every(
    (read) => read.stepGiven || stepWithinPointBudget(read.stepMs, atMs - jointFromMs) === read.stepMs
  );
  const sloBatch = new DsQueryBatch({ fromMs: oneRange ? jointFromMs : sloFromMs, toMs: atMs });
  reads.forEach((read) => {
    readQueries(read, atMs - sloBatch.range.fromMs);
    read.queries.forEach((query) => sloBatch.add(query));
  });
  const valueBatch = oneRange ? sloBatch : new DsQueryBatch({ fromMs: valueFromMs, toMs: atMs });
  const values = planValues(kpis, valueBatch);
  const batches = oneRange ? [sloBatch] : [sloBatch, valueBatch];
  const answers = new Map(
    (await Promise.all(batches.map((batch) => query(client, batch)))).flatMap((answered) => [...answered])
  );
  const evaluated = new Map(reads.map((read) => [read, evaluateRead(read, answerOf(read, answers), atMs)]));
  return kpis.map((kpi) => {
    if (isValueKpi(kpi)) {
      // planValues planned every value KPI of the run.
      return valueReadRow(values.get(kpi)!, answers, atMs);
    }
    if (isCompositeKpi(kpi)) {
      return compositeRow(kpi, members.get(kpi.id) ?? [], evaluated, atMs);
    }
    const read = reads.find((candidate) => candidate.kpi === kpi);
    const evaluation = read ? evaluated.get(read) : undefined;
    return typeof evaluation === 'object' ? toRow(kpi, evaluation) : noDataRow(kpi, atMs, `${kpi.id}: ${evaluation}`);
  });
}
