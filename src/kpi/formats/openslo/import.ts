/**
 * OpenSLO v1 → catalog. Works on plain objects; the CLI parses YAML and splits multi-document files. Takes inline
 * indicators and `indicatorRef`s to `kind: SLI` documents of the same set, skips other kinds, and reports one precise
 * problem per SLO it cannot convert while converting the rest.
 */
import { isTimeZone, tryParseDuration } from '../../time';
import {
  type CalendarUnit,
  CATALOG_API_VERSION,
  CATALOG_KIND,
  type Comparator,
  type DatasourceRef,
  differenceQuery,
  type Indicator,
  isRecord,
  type KpiDefinition,
  type KpiLifecycle,
  type ObjectiveWindow,
  type Rec,
  record,
  Refusal,
  refuse,
} from '../../model';
import {
  DEFAULT_IMPORT_WINDOW,
  DEFAULT_TIMESLICE_WINDOW,
  NORTHSTAR_ANNOTATIONS,
  OPENSLO_API_VERSION,
  type OpenSloBudgetingMethod,
  type OpenSloImport,
  type OpenSloImportOptions,
  type OpenSloProblem,
} from './types';
import { CALENDAR_DURATIONS, COMPARATOR_BY_OP, grafanaTypeOf, METRIC_SOURCE_TYPES } from './vocabulary';
import { array, type Notes, numberAt, optionalText, readNotes, text } from './importFields';

interface ImportContext {
  slis: Map<string, Rec[]>;
  dataSources: Map<string, Rec[]>;
  defaultWindow: string;
}

/**
 * Converts the `kind: SLO` documents of a set; SLI and DataSource documents serve as references, others are skipped.
 * Returns the KPIs it could convert and one problem per SLO it could not.
 */
export function openSloToCatalog(docs: unknown[], options: OpenSloImportOptions = {}): OpenSloImport {
  const context: ImportContext = {
    slis: documentsByName(docs, 'SLI'),
    dataSources: documentsByName(docs, 'DataSource'),
    defaultWindow: options.defaultWindow ?? DEFAULT_IMPORT_WINDOW,
  };
  const kpis: KpiDefinition[] = [];
  const problems: OpenSloProblem[] = [];
  docs.forEach((doc, index) => {
    if (!isRecord(doc) || doc.kind !== 'SLO') {
      return;
    }
    try {
      kpis.push(sloToKpi(doc, context));
    } catch (error) {
      if (!(error instanceof Refusal)) {
        throw error;
      }
      const name = isRecord(doc.metadata) && typeof doc.metadata.name === 'string' ? doc.metadata.name : undefined;
      problems.push({
        document: index,
        ...(name !== undefined ? { name } : {}),
        field: error.field,
        message: error.message,
      });
    }
  });
  return { catalog: { apiVersion: CATALOG_API_VERSION, kind: CATALOG_KIND, kpis }, problems };
}

/** Reads like a schema error: `documents[3] (checkout-availability).spec.timeWindow[0].calendar: calendar-…`. */
export function formatOpenSloProblem(problem: OpenSloProblem): string {
  const name = problem.name !== undefined ? ` (${problem.name})` : '';
  return `documents[${problem.document}]${name}.${problem.field}: ${problem.message}`;
}

function documentsByName(docs: unknown[], kind: string): Map<string, Rec[]> {
  const byName = new Map<string, Rec[]>();
  for (const doc of docs) {
    if (isRecord(doc) && doc.kind === kind && doc.apiVersion === OPENSLO_API_VERSION && isRecord(doc.metadata)) {
      const name = doc.metadata.name;
      if (typeof name === 'string') {
        byName.set(name, [...(byName.get(name) ?? []), doc]);
      }
    }
  }
  return byName;
}

function sloToKpi(doc: Rec, context: ImportContext): KpiDefinition {
  if (doc.apiVersion !== OPENSLO_API_VERSION) {
    refuse('apiVersion', `is ${JSON.stringify(doc.apiVersion)}; only ${OPENSLO_API_VERSION} is supported`);
  }
  const metadata = record(doc.metadata, 'metadata');
  const id = text(metadata.name, 'metadata.name');
  const notes = readNotes(metadata.annotations);
  const spec = record(doc.spec, 'spec');
  const objective = singleObjective(spec);
  const method = budgetingMethodOf(spec);
  const metric = readMetric(resolveIndicator(spec, context));
  const datasource = notes.json<DatasourceRef>(NORTHSTAR_ANNOTATIONS.datasource) ?? datasourceOf(metric, context);
  const description = optionalText(spec.description, 'spec.description');
  const audience = notes.json<KpiDefinition['audience']>(NORTHSTAR_ANNOTATIONS.audience);
  const decision = notes.text(NORTHSTAR_ANNOTATIONS.decision);
  const tags = notes.json<string[]>(NORTHSTAR_ANNOTATIONS.tags);
  const alerting = notes.json<KpiDefinition['alerting']>(NORTHSTAR_ANNOTATIONS.alerting);
  const links = notes.json<KpiDefinition['links']>(NORTHSTAR_ANNOTATIONS.links);
  const maintenance = notes.json<KpiDefinition['maintenance']>(NORTHSTAR_ANNOTATIONS.maintenance);
  // Carried over as written: the schema check that follows import judges them.
  const decisionFields = Object.fromEntries(
    (['drivenBy', 'gate', 'review'] as const).flatMap((field) => {
      const value = notes.json<unknown>(NORTHSTAR_ANNOTATIONS[field]);
      return value === undefined ? [] : [[field, value]];
    })
  );
  return {
    id,
    version: notes.version() ?? 1,
    // The schema check that follows import refuses an unknown status; here it is only carried over.
    status: (notes.text(NORTHSTAR_ANNOTATIONS.status) ?? 'published') as KpiLifecycle,
    name: optionalText(metadata.displayName, 'metadata.displayName') ?? id,
    ...(description !== undefined ? { description } : {}),
    owner: notes.text(NORTHSTAR_ANNOTATIONS.owner) ?? text(spec.service, 'spec.service'),
    ...(audience !== undefined ? { audience } : {}),
    ...(decision !== undefined ? { decision } : {}),
    ...(tags !== undefined ? { tags } : {}),
    datasource,
    indicator: withGrouping(indicatorOf(metric, objective, method, datasource, notes), notes),
    objective: { target: targetOf(objective), window: windowOf(spec, notes, context) },
    ...(alerting !== undefined ? { alerting } : {}),
    ...(links !== undefined ? { links } : {}),
    ...(maintenance !== undefined ? { maintenance } : {}),
    ...decisionFields,
  };
}

/**
 * The groupBy annotations onto the indicator, whatever its type: on a threshold indicator the schema check
 * after import refuses them by name, so they are never dropped quietly.
 */
function withGrouping(indicator: Indicator, notes: Notes): Indicator {
  const groupBy = notes.json<string[]>(NORTHSTAR_ANNOTATIONS.groupBy);
  const maxInstances = notes.json<number>(NORTHSTAR_ANNOTATIONS.maxInstances);
  return {
    ...indicator,
    ...(groupBy !== undefined ? { groupBy } : {}),
    ...(maxInstances !== undefined ? { maxInstances } : {}),
  } as Indicator;
}

function singleObjective(spec: Rec): Rec {
  const objectives = array(spec.objectives, 'spec.objectives');
  objectives.forEach((objective, i) => {
    for (const key of ['indicator', 'indicatorRef']) {
      if (isRecord(objective) && objective[key] !== undefined) {
        refuse(`spec.objectives[${i}].${key}`, 'composite SLOs (an indicator per objective) are not supported yet');
      }
    }
  });
  if (objectives.length !== 1) {
    refuse(
      'spec.objectives',
      objectives.length === 0
        ? 'is empty; an SLO needs one objective'
        : `has ${objectives.length} objectives; a KPI has one target, so split this SLO into one SLO per objective`
    );
  }
  return record(objectives[0], 'spec.objectives[0]');
}

function budgetingMethodOf(spec: Rec): OpenSloBudgetingMethod | undefined {
  const method = spec.budgetingMethod;
  if (method === undefined || method === 'Occurrences' || method === 'Timeslices' || method === 'RatioTimeslices') {
    // Left out by some documents (even the spec's own SLI example); the indicator then decides.
    return method;
  }
  return refuse('spec.budgetingMethod', `${JSON.stringify(method)} is not Occurrences, Timeslices or RatioTimeslices`);
}

interface IndicatorSource {
  spec: Rec;
  /** Path of the SLI spec as the SLO's author reads it, for problems. */
  field: string;
}

function resolveIndicator(spec: Rec, context: ImportContext): IndicatorSource {
  if (spec.indicator !== undefined && spec.indicatorRef !== undefined) {
    refuse('spec.indicatorRef', 'give indicator or indicatorRef, not both');
  }
  if (spec.indicator !== undefined) {
    return {
      spec: record(record(spec.indicator, 'spec.indicator').spec, 'spec.indicator.spec'),
      field: 'spec.indicator.spec',
    };
  }
  if (spec.indicatorRef === undefined) {
    refuse('spec.indicator', 'missing; an SLO needs indicator or indicatorRef');
  }
  const ref = text(spec.indicatorRef, 'spec.indicatorRef');
  const found = context.slis.get(ref) ?? [];
  if (found.length !== 1) {
    refuse(
      'spec.indicatorRef',
      found.length === 0
        ? `no kind: SLI document named "${ref}" among the documents`
        : `${found.length} kind: SLI documents are named "${ref}"`
    );
  }
  const field = `spec.indicatorRef (${ref}).spec`;
  return { spec: record(found[0].spec, field), field };
}

interface MetricQuery {
  query: string;
  type?: string;
  ref?: string;
  /** Path of the metricSource, for problems. */
  field: string;
}

type Metric =
  | { kind: 'ratio'; field: string; good?: MetricQuery; bad?: MetricQuery; total: MetricQuery }
  | { kind: 'threshold'; field: string; value: MetricQuery };

function readMetric({ spec, field }: IndicatorSource): Metric {
  if (spec.ratioMetric !== undefined && spec.thresholdMetric !== undefined) {
    refuse(field, 'has both ratioMetric and thresholdMetric; give one');
  }
  if (spec.ratioMetric !== undefined) {
    return readRatioMetric(record(spec.ratioMetric, `${field}.ratioMetric`), `${field}.ratioMetric`);
  }
  if (spec.thresholdMetric !== undefined) {
    const path = `${field}.thresholdMetric`;
    return { kind: 'threshold', field: path, value: readQuery(spec.thresholdMetric, path) };
  }
  return refuse(field, 'needs ratioMetric or thresholdMetric');
}

function readRatioMetric(ratio: Rec, field: string): Metric {
  if (ratio.raw !== undefined || ratio.rawType !== undefined) {
    refuse(`${field}.raw`, 'a precomputed ratio carries no event counts; give good (or bad) and total queries');
  }
  if (ratio.counter === true) {
    refuse(
      `${field}.counter`,
      'northstar expects good and total as per-second rates (e.g. sum(rate(x[$__rate_interval]))), not raw ' +
        'counters; rewrite the queries and set counter: false'
    );
  }
  if (ratio.good !== undefined && ratio.bad !== undefined) {
    refuse(`${field}.bad`, 'give good or bad, not both');
  }
  if (ratio.good === undefined && ratio.bad === undefined) {
    refuse(`${field}.good`, 'missing; give good (or bad) with total');
  }
  const good = ratio.good !== undefined ? { good: readQuery(ratio.good, `${field}.good`) } : {};
  const bad = ratio.bad !== undefined ? { bad: readQuery(ratio.bad, `${field}.bad`) } : {};
  return { kind: 'ratio', field, ...good, ...bad, total: readQuery(ratio.total, `${field}.total`) };
}

function readQuery(value: unknown, field: string): MetricQuery {
  const path = `${field}.metricSource`;
  const source = record(record(value, field).metricSource, path);
  const type = optionalText(source.type, `${path}.type`);
  const ref = optionalText(source.metricSourceRef, `${path}.metricSourceRef`);
  return {
    query: text(record(source.spec, `${path}.spec`).query, `${path}.spec.query`),
    ...(type !== undefined ? { type } : {}),
    ...(ref !== undefined ? { ref } : {}),
    field: path,
  };
}

/** The one data source all queries of the indicator read. */
function datasourceOf(metric: Metric, context: ImportContext): DatasourceRef {
  const queries = metric.kind === 'threshold' ? [metric.value] : [metric.good, metric.bad, metric.total];
  const sources = queries.filter((q): q is MetricQuery => q !== undefined);
  const [first, ...rest] = sources.map((query) => datasourceOfQuery(query, context));
  rest.forEach((other, i) => {
    if (other.type !== first.type || other.uid !== first.uid) {
      refuse(sources[i + 1].field, `reads another data source than ${sources[0].field}; a KPI reads one data source`);
    }
  });
  return first;
}

function datasourceOfQuery(query: MetricQuery, context: ImportContext): DatasourceRef {
  let type = query.type;
  if (type === undefined && query.ref !== undefined) {
    // The spec lets the type come from the DataSource document that metricSourceRef names.
    const dataSource = context.dataSources.get(query.ref)?.[0];
    type = isRecord(dataSource?.spec) && typeof dataSource.spec.type === 'string' ? dataSource.spec.type : undefined;
    if (type === undefined) {
      refuse(`${query.field}.metricSourceRef`, `no kind: DataSource document with a type is named "${query.ref}"`);
    }
  }
  if (type === undefined) {
    refuse(`${query.field}.type`, 'missing; give a type (e.g. Prometheus) or a metricSourceRef to a DataSource');
  }
  const grafanaType = grafanaTypeOf(type);
  if (grafanaType === undefined) {
    const supported = METRIC_SOURCE_TYPES.map(([, openSlo]) => openSlo).join(', ');
    refuse(`${query.field}.type`, `"${type}" is not a supported metric source (supported: ${supported})`);
  }
  // metricSourceRef names the data source; without it we mean the type's default instance, whose uid we take to be
  // the type id (the provisioned Prometheus is `prometheus`).
  return { type: grafanaType, uid: query.ref ?? grafanaType };
}

function indicatorOf(
  metric: Metric,
  objective: Rec,
  method: OpenSloBudgetingMethod | undefined,
  datasource: DatasourceRef,
  notes: Notes
): Indicator {
  if (metric.kind === 'ratio') {
    if (method !== undefined && method !== 'Occurrences') {
      refuse(
        'spec.budgetingMethod',
        `${method} with a ratioMetric is not supported; northstar counts events (Occurrences)`
      );
    }
    if (metric.good !== undefined) {
      return { type: 'ratio', good: metric.good.query, total: metric.total.query };
    }
    if (datasource.type !== 'prometheus') {
      refuse(`${metric.field}.bad`, 'bad with total is supported for Prometheus only; give good and total');
    }
    // good = total - bad, both per-second rates; the user's queries are wrapped, never edited.
    return {
      type: 'ratio',
      good: differenceQuery(metric.total.query, metric.bad?.query ?? ''),
      total: metric.total.query,
    };
  }
  if (method === 'RatioTimeslices') {
    refuse(
      'spec.budgetingMethod',
      'RatioTimeslices needs a ratioMetric; a thresholdMetric takes Timeslices or Occurrences'
    );
  }
  const unit = notes.text(NORTHSTAR_ANNOTATIONS.unit);
  const base = {
    query: metric.value.query,
    comparator: comparatorOf(objective.op),
    threshold: numberAt(objective.value, 'spec.objectives[0].value'),
    ...(unit !== undefined ? { unit } : {}),
  };
  // Occurrences over a thresholdMetric counts good data points, that is good query steps: our threshold indicator.
  // timeSliceTarget is not read: our slice holds one value, so any share of good points within it means the same.
  if (method !== 'Timeslices' || notes.text(NORTHSTAR_ANNOTATIONS.indicatorType) === 'threshold') {
    return { type: 'threshold', ...base };
  }
  return { type: 'timeslice', ...base, slice: sliceOf(objective.timeSliceWindow, notes) };
}

function comparatorOf(op: unknown): Comparator {
  if (op === undefined) {
    refuse('spec.objectives[0].op', 'missing; a thresholdMetric needs op (lt, lte, gt or gte)');
  }
  const comparator = typeof op === 'string' ? COMPARATOR_BY_OP[op] : undefined;
  return comparator ?? refuse('spec.objectives[0].op', `${JSON.stringify(op)} is not lt, lte, gt or gte`);
}

function targetOf(objective: Rec): number {
  const { target, targetPercent } = objective;
  if (target !== undefined && targetPercent !== undefined) {
    refuse('spec.objectives[0].targetPercent', 'give target or targetPercent, not both');
  }
  if (target !== undefined) {
    return numberAt(target, 'spec.objectives[0].target');
  }
  if (targetPercent !== undefined) {
    // 99.9 / 100 is 0.9990000000000001 in binary floating point; 15 significant digits undo that.
    return Number((numberAt(targetPercent, 'spec.objectives[0].targetPercent') / 100).toPrecision(15));
  }
  return refuse('spec.objectives[0].target', 'missing; give target (e.g. 0.995) or targetPercent (e.g. 99.5)');
}

function windowOf(spec: Rec, notes: Notes, context: ImportContext): ObjectiveWindow {
  if (spec.timeWindow === undefined) {
    return context.defaultWindow;
  }
  const windows = array(spec.timeWindow, 'spec.timeWindow');
  if (windows.length !== 1) {
    refuse('spec.timeWindow', `has ${windows.length} items; OpenSLO allows exactly one`);
  }
  const window = record(windows[0], 'spec.timeWindow[0]');
  if (window.calendar !== undefined || window.isRolling === false) {
    return calendarWindowOf(window);
  }
  return durationOf(window.duration, 'spec.timeWindow[0].duration', notes.text(NORTHSTAR_ANNOTATIONS.window));
}

/**
 * A calendar-aligned OpenSLO window as a calendar period: a duration of 1w, 1M or 1Q from a start that begins such
 * a period (a Monday for weeks, the 1st of a month, of a quarter's first month) at midnight, in its time zone.
 */
function calendarWindowOf(window: Rec): ObjectiveWindow {
  const field = 'spec.timeWindow[0]';
  const duration = text(window.duration, `${field}.duration`);
  const unit = (Object.keys(CALENDAR_DURATIONS) as CalendarUnit[]).find((u) => CALENDAR_DURATIONS[u] === duration);
  if (!unit) {
    refuse(`${field}.duration`, `${duration}: a calendar window here is 1w, 1M or 1Q (a week, month or quarter)`);
  }
  const calendar = record(window.calendar ?? {}, `${field}.calendar`);
  const timeZone = text(calendar.timeZone, `${field}.calendar.timeZone`);
  if (!isTimeZone(timeZone)) {
    refuse(`${field}.calendar.timeZone`, `"${timeZone}" is not an IANA time zone such as Europe/Berlin`);
  }
  const start = text(calendar.startTime, `${field}.calendar.startTime`);
  const parts = /^(\d{4})-(\d{2})-(\d{2})[ T]00:00(:00)?$/.exec(start);
  const startsPeriod =
    parts !== null &&
    (unit === 'week'
      ? new Date(Date.UTC(+parts[1], +parts[2] - 1, +parts[3])).getUTCDay() === 1
      : parts[3] === '01' && (unit === 'month' || (+parts[2] - 1) % 3 === 0));
  if (!startsPeriod) {
    refuse(
      `${field}.calendar.startTime`,
      `"${start}" does not begin a calendar ${unit} at midnight; northstar periods start on ` +
        (unit === 'week' ? 'a Monday' : unit === 'month' ? 'the 1st' : 'the 1st of January, April, July or October')
    );
  }
  return { calendar: unit, timeZone };
}

function sliceOf(value: unknown, notes: Notes): string {
  const field = 'spec.objectives[0].timeSliceWindow';
  if (value === undefined) {
    return DEFAULT_TIMESLICE_WINDOW;
  }
  if (typeof value === 'number') {
    // The spec reads a bare number as minutes.
    if (!Number.isInteger(value) || value <= 0) {
      refuse(field, `${value} is not a whole number of minutes`);
    }
    return `${value}m`;
  }
  return durationOf(value, field, notes.text(NORTHSTAR_ANNOTATIONS.slice));
}

const VARIABLE_LENGTH_DURATION = /^\d+[MQY]$/;

/** A Prometheus duration from OpenSLO shorthand (m h d w are Prometheus units too); `spelling` wins if equal. */
function durationOf(value: unknown, field: string, spelling: string | undefined): string {
  const duration = text(value, field);
  if (VARIABLE_LENGTH_DURATION.test(duration)) {
    refuse(field, `${duration}: months, quarters and years vary in length; give days or weeks (e.g. 30d)`);
  }
  const ms = tryParseDuration(duration);
  if (!ms) {
    refuse(field, `"${duration}" is not a positive duration (e.g. 28d, 4w, 12h, 5m)`);
  }
  return spelling !== undefined && tryParseDuration(spelling) === ms ? spelling : duration;
}
