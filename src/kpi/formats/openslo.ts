/**
 * OpenSLO v1 import and export (github.com/OpenSLO/OpenSLO, README "Specification", `apiVersion: openslo/v1`).
 * Works on plain objects; the CLI parses YAML and splits multi-document files.
 *
 * Export writes one `kind: SLO` per KPI with an inline indicator. What OpenSLO has no field for (version, status,
 * audience, decision, data source, …) travels in `metadata.annotations` under `northstar.dev/…`, so our own export
 * comes back unchanged. Import takes inline indicators and `indicatorRef`s to `kind: SLI` documents of the same set,
 * skips other kinds, and reports one precise problem per SLO it cannot convert while converting the rest.
 */
import { isCalendarWindow, isTimeZone, tryParseDuration } from '../time';
import {
  type CalendarUnit,
  type Catalog,
  CATALOG_API_VERSION,
  CATALOG_KIND,
  type Comparator,
  type DatasourceRef,
  differenceQuery,
  type Indicator,
  isCompositeKpi,
  isValueKpi,
  isRecord,
  type KpiDefinition,
  type KpiLifecycle,
  type ObjectiveWindow,
  type Rec,
  record,
  Refusal,
  refuse,
  sourcedKpis,
  unwrapDifference,
} from '../model';

export const OPENSLO_API_VERSION = 'openslo/v1';
/** Window of an imported SLO without `timeWindow` (OpenSLO makes it optional). */
export const DEFAULT_IMPORT_WINDOW = '28d';
/** Slice written for threshold KPIs (their slice is the query step) and assumed when an SLO gives none. */
export const DEFAULT_TIMESLICE_WINDOW = '1m';

/** Annotations that carry what OpenSLO has no field for; values are strings, arrays and objects as JSON. */
export const NORTHSTAR_ANNOTATIONS = {
  version: 'northstar.dev/version',
  status: 'northstar.dev/status',
  owner: 'northstar.dev/owner',
  audience: 'northstar.dev/audience',
  decision: 'northstar.dev/decision',
  tags: 'northstar.dev/tags',
  datasource: 'northstar.dev/datasource',
  unit: 'northstar.dev/unit',
  alerting: 'northstar.dev/alerting',
  links: 'northstar.dev/links',
  /** `threshold` tells a threshold KPI from a timeslice KPI with a 1m slice. */
  indicatorType: 'northstar.dev/indicator-type',
  /** Our spelling of a window or slice that OpenSLO's shorthand writes differently ("1h30m" vs "90m"). */
  window: 'northstar.dev/window',
  slice: 'northstar.dev/slice',
  /**
   * A per-label KPI's `indicator.groupBy` (JSON list) and `maxInstances`: OpenSLO v1 has no instances, so they
   * travel as annotations, and an import gives them back (the queries keep their `sum by (…)` either way).
   */
  groupBy: 'northstar.dev/group-by',
  maxInstances: 'northstar.dev/max-instances',
  /** `maintenance` (JSON list): OpenSLO v1 has no maintenance or exclusion windows. */
  maintenance: 'northstar.dev/maintenance',
} as const;

// ---------------------------------------------------------------------------------------------------------------
// The OpenSLO v1 shapes we write (and read, more loosely).

export type OpenSloOperator = 'lt' | 'lte' | 'gt' | 'gte';
export type OpenSloBudgetingMethod = 'Occurrences' | 'Timeslices' | 'RatioTimeslices';

export interface OpenSloMetadata {
  name: string;
  displayName?: string;
  labels?: Record<string, string | string[]>;
  annotations?: Record<string, string>;
}

export interface OpenSloMetricSource {
  metricSourceRef?: string;
  type?: string;
  spec: Record<string, unknown>;
}

export interface OpenSloMetric {
  metricSource: OpenSloMetricSource;
}

export interface OpenSloRatioMetric {
  counter?: boolean;
  good?: OpenSloMetric;
  bad?: OpenSloMetric;
  total?: OpenSloMetric;
  rawType?: 'success' | 'failure';
  raw?: OpenSloMetric;
}

export interface OpenSloSliSpec {
  description?: string;
  ratioMetric?: OpenSloRatioMetric;
  thresholdMetric?: OpenSloMetric;
}

export interface OpenSloTimeWindow {
  duration: string;
  isRolling?: boolean;
  calendar?: { startTime: string; timeZone: string };
}

export interface OpenSloObjective {
  displayName?: string;
  op?: OpenSloOperator;
  value?: number;
  target?: number;
  targetPercent?: number;
  timeSliceTarget?: number;
  timeSliceWindow?: string | number;
}

export interface OpenSloSloSpec {
  description?: string;
  service: string;
  indicator?: { metadata: OpenSloMetadata; spec: OpenSloSliSpec };
  indicatorRef?: string;
  timeWindow?: OpenSloTimeWindow[];
  budgetingMethod: OpenSloBudgetingMethod;
  objectives: OpenSloObjective[];
}

export interface OpenSloSlo {
  apiVersion: typeof OPENSLO_API_VERSION;
  kind: 'SLO';
  metadata: OpenSloMetadata;
  spec: OpenSloSloSpec;
}

export interface OpenSloSli {
  apiVersion: typeof OPENSLO_API_VERSION;
  kind: 'SLI';
  metadata: OpenSloMetadata;
  spec: OpenSloSliSpec;
}

export type OpenSloDocument = OpenSloSlo | OpenSloSli;

/** An SLO that could not be converted: its index in the document list, its name, the field at fault and why. */
export interface OpenSloProblem {
  document: number;
  name?: string;
  field: string;
  message: string;
}

export interface OpenSloImport {
  catalog: Catalog;
  problems: OpenSloProblem[];
}

export interface OpenSloImportOptions {
  /** Window for SLOs without `timeWindow`; default DEFAULT_IMPORT_WINDOW. */
  defaultWindow?: string;
}

const OP_BY_COMPARATOR: Readonly<Record<Comparator, OpenSloOperator>> = {
  '<': 'lt',
  '<=': 'lte',
  '>': 'gt',
  '>=': 'gte',
};
const COMPARATOR_BY_OP: Readonly<Record<string, Comparator>> = { lt: '<', lte: '<=', gt: '>', gte: '>=' };

/** Grafana data source type id and OpenSLO `metricSource.type`, as the spec and its implementers spell it. */
const METRIC_SOURCE_TYPES: ReadonlyArray<readonly [grafana: string, openSlo: string]> = [
  ['prometheus', 'Prometheus'],
  ['loki', 'Loki'],
  ['graphite', 'Graphite'],
  ['influxdb', 'InfluxDB'],
  ['elasticsearch', 'Elasticsearch'],
  ['cloudwatch', 'CloudWatch'],
];

/** OpenSLO `metricSource.type` for a Grafana data source type; types without an OpenSLO name pass unchanged. */
export function openSloMetricSourceType(grafanaType: string): string {
  return METRIC_SOURCE_TYPES.find(([grafana]) => grafana === grafanaType)?.[1] ?? grafanaType;
}

/** Grafana data source type for an OpenSLO `metricSource.type`, case-insensitively (Sloth writes `prometheus`). */
function grafanaTypeOf(openSloType: string): string | undefined {
  const wanted = openSloType.toLowerCase();
  return METRIC_SOURCE_TYPES.find(([grafana, openSlo]) => openSlo.toLowerCase() === wanted || grafana === wanted)?.[0];
}

// ---------------------------------------------------------------------------------------------------------------
// Export

/**
 * One `kind: SLO` document per KPI, in catalog order. Composite and value KPIs are left out (see
 * compositesLeftOut): OpenSLO v1 has no composite SLO (the proposal, OpenSLO#142, is not part of v1), and a value
 * against a target is not an SLO at all.
 */
export function catalogToOpenSlo(catalog: Catalog): OpenSloSlo[] {
  return sourcedKpis(catalog.kpis).map(kpiToOpenSlo);
}

/** Why each composite or value KPI of the catalog has no OpenSLO document, as `<id>: <reason>`. */
export function compositesLeftOut(catalog: Catalog): string[] {
  return catalog.kpis.flatMap((kpi) =>
    isCompositeKpi(kpi)
      ? [`${kpi.id}: left out, a composite KPI has no OpenSLO v1 form (composite SLOs, OpenSLO#142, are not in v1)`]
      : isValueKpi(kpi)
        ? [`${kpi.id}: left out, a value KPI is not an SLO: OpenSLO v1 has no form for a value against a target`]
        : []
  );
}

export function kpiToOpenSlo(kpi: KpiDefinition): OpenSloSlo {
  const timeWindow = openSloTimeWindowOf(kpi.objective.window);
  return {
    apiVersion: OPENSLO_API_VERSION,
    kind: 'SLO',
    metadata: { name: kpi.id, displayName: kpi.name, annotations: annotationsOf(kpi) },
    spec: {
      ...(kpi.description !== undefined ? { description: kpi.description } : {}),
      // OpenSLO requires a service. A KPI has none, and its owner is the closest grouping we have: the team that
      // answers for it. The owner annotation keeps the owner should a consumer rewrite `service`.
      service: kpi.owner,
      indicator: { metadata: { name: `${kpi.id}-sli` }, spec: indicatorSpecOf(kpi) },
      timeWindow: [timeWindow],
      budgetingMethod: kpi.indicator.type === 'ratio' ? 'Occurrences' : 'Timeslices',
      objectives: [objectiveOf(kpi)],
    },
  };
}

function indicatorSpecOf(kpi: KpiDefinition): OpenSloSliSpec {
  const type = openSloMetricSourceType(kpi.datasource.type);
  const metric = (query: string): OpenSloMetric => ({ metricSource: { type, spec: { query } } });
  if (kpi.indicator.type === 'ratio') {
    // counter: false because our good/total queries already return per-second rates (sum(rate(...))), not
    // monotonically increasing counters: a consumer must not take rate() of them again. No rawType: good and
    // total are event streams, not a precomputed ratio. A good query the import made from `bad` (Prometheus only) goes
    // back as bad.
    const { good, total } = kpi.indicator;
    const bad = kpi.datasource.type === 'prometheus' ? unwrapDifference(good, total) : undefined;
    return {
      ratioMetric: {
        counter: false,
        ...(bad !== undefined ? { bad: metric(bad) } : { good: metric(good) }),
        total: metric(total),
      },
    };
  }
  return { thresholdMetric: metric(kpi.indicator.query) };
}

function objectiveOf(kpi: KpiDefinition): OpenSloObjective {
  const { indicator, objective } = kpi;
  if (indicator.type === 'ratio') {
    return { target: objective.target };
  }
  return {
    op: OP_BY_COMPARATOR[indicator.comparator],
    value: indicator.threshold,
    // `target` is the share of good slices in the window, which is what our target means. `timeSliceTarget` is
    // the share of a slice's points that must be good for the slice to count as good; our slice holds one
    // value, good when it meets the threshold, hence 1.
    target: objective.target,
    timeSliceTarget: 1,
    timeSliceWindow: indicator.type === 'timeslice' ? toShorthand(indicator.slice) : DEFAULT_TIMESLICE_WINDOW,
  };
}

function annotationsOf(kpi: KpiDefinition): Record<string, string> {
  const notes: Record<string, string> = {};
  const put = (key: string, value: string | undefined) => {
    if (value !== undefined) {
      notes[key] = value;
    }
  };
  const json = (value: unknown) => (value === undefined ? undefined : JSON.stringify(value));
  const { indicator } = kpi;
  put(NORTHSTAR_ANNOTATIONS.version, String(kpi.version));
  put(NORTHSTAR_ANNOTATIONS.status, kpi.status);
  put(NORTHSTAR_ANNOTATIONS.owner, kpi.owner);
  put(NORTHSTAR_ANNOTATIONS.audience, json(kpi.audience));
  put(NORTHSTAR_ANNOTATIONS.decision, kpi.decision);
  put(NORTHSTAR_ANNOTATIONS.tags, json(kpi.tags));
  put(NORTHSTAR_ANNOTATIONS.datasource, json(kpi.datasource));
  put(NORTHSTAR_ANNOTATIONS.unit, indicator.type === 'ratio' ? undefined : indicator.unit);
  put(NORTHSTAR_ANNOTATIONS.indicatorType, indicator.type === 'threshold' ? 'threshold' : undefined);
  put(NORTHSTAR_ANNOTATIONS.alerting, json(kpi.alerting));
  put(NORTHSTAR_ANNOTATIONS.links, json(kpi.links));
  put(
    NORTHSTAR_ANNOTATIONS.window,
    isCalendarWindow(kpi.objective.window) ? undefined : spellingIfChanged(kpi.objective.window)
  );
  put(NORTHSTAR_ANNOTATIONS.slice, indicator.type === 'timeslice' ? spellingIfChanged(indicator.slice) : undefined);
  put(NORTHSTAR_ANNOTATIONS.groupBy, indicator.type === 'ratio' ? json(indicator.groupBy) : undefined);
  put(NORTHSTAR_ANNOTATIONS.maxInstances, indicator.type === 'ratio' ? json(indicator.maxInstances) : undefined);
  put(NORTHSTAR_ANNOTATIONS.maintenance, kpi.maintenance?.length ? json(kpi.maintenance) : undefined);
  return notes;
}

const SHORTHAND = /^[1-9]\d*[mhdw]$/;
const SHORTHAND_UNITS: ReadonlyArray<readonly [string, number]> = [
  ['d', 24 * 3600 * 1000],
  ['h', 3600 * 1000],
  ['m', 60 * 1000],
];

/**
 * OpenSLO's duration shorthand: one integer and one of m h d w M Q Y. A Prometheus duration that is not already
 * shorthand is written in its largest whole unit ("1h30m" → "90m", "1y" → "365d"); OpenSLO has no seconds, so a
 * sub-minute duration keeps its Prometheus spelling.
 */
function toShorthand(duration: string): string {
  if (SHORTHAND.test(duration)) {
    return duration;
  }
  const ms = tryParseDuration(duration);
  const unit = ms ? SHORTHAND_UNITS.find(([, size]) => ms % size === 0) : undefined;
  return ms && unit ? `${ms / unit[1]}${unit[0]}` : duration;
}

/** OpenSLO's shorthand of a calendar period, and back. */
const CALENDAR_DURATIONS: Readonly<Record<CalendarUnit, string>> = { week: '1w', month: '1M', quarter: '1Q' };
/**
 * OpenSLO anchors a calendar window at a startTime and repeats it every `duration`; ours start on the calendar:
 * a Monday, the 1st of a month, the 1st of a quarter. A Monday, 1 January, is all three.
 */
const CALENDAR_ANCHOR = '2024-01-01 00:00:00';

function openSloTimeWindowOf(window: ObjectiveWindow): OpenSloTimeWindow {
  return isCalendarWindow(window)
    ? {
        duration: CALENDAR_DURATIONS[window.calendar],
        isRolling: false,
        calendar: { startTime: CALENDAR_ANCHOR, timeZone: window.timeZone },
      }
    : { duration: toShorthand(window), isRolling: true };
}

function spellingIfChanged(duration: string): string | undefined {
  return toShorthand(duration) === duration ? undefined : duration;
}

// ---------------------------------------------------------------------------------------------------------------
// Import

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

interface Notes {
  text(key: string): string | undefined;
  json<T>(key: string): T | undefined;
  version(): number | undefined;
}

/** Reads the northstar.dev annotations; the schema check after import validates what they hold. */
function readNotes(value: unknown): Notes {
  const annotations = value === undefined ? {} : record(value, 'metadata.annotations');
  const field = (key: string) => `metadata.annotations["${key}"]`;
  const noteText = (key: string) => optionalText(annotations[key], field(key));
  return {
    text: noteText,
    json<T>(key: string): T | undefined {
      const raw = noteText(key);
      try {
        return raw === undefined ? undefined : (JSON.parse(raw) as T);
      } catch {
        return refuse(field(key), 'is not valid JSON');
      }
    },
    version() {
      const raw = noteText(NORTHSTAR_ANNOTATIONS.version);
      if (raw !== undefined && !/^\d+$/.test(raw)) {
        refuse(field(NORTHSTAR_ANNOTATIONS.version), `"${raw}" is not a whole number`);
      }
      return raw === undefined ? undefined : Number(raw);
    },
  };
}

function array(value: unknown, field: string): unknown[] {
  if (value === undefined || value === null) {
    refuse(field, 'missing');
  }
  return Array.isArray(value) ? value : refuse(field, 'must be a list');
}

function text(value: unknown, field: string): string {
  if (value === undefined || value === null) {
    refuse(field, 'missing');
  }
  return typeof value === 'string' ? value : refuse(field, 'must be a string');
}

function optionalText(value: unknown, field: string): string | undefined {
  return value === undefined ? undefined : text(value, field);
}

function numberAt(value: unknown, field: string): number {
  if (value === undefined || value === null) {
    refuse(field, 'missing');
  }
  return typeof value === 'number' && Number.isFinite(value) ? value : refuse(field, 'must be a number');
}
