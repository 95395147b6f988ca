/**
 * Prometheus HTTP API results as Grafana data frames in their JSON wire format (`{schema, data}`), the way
 * Grafana's Prometheus backend builds them with data-plane frames on (the default since Grafana 10): ported from
 * grafana/grafana pkg/promlib/converter/prom.go (`readMatrixOrVectorMulti`, `readScalar`) and
 * pkg/promlib/querydata/response.go (`parseResponse`, `addMetadataToMultiFrame`, `getName`), encoded as
 * grafana-plugin-sdk-go data/frame_json.go does (NaN and ±Inf as null plus `data.entities`).
 */
import { goDurationString } from './grafanaInterval';

export interface FieldJson {
  name: string;
  type: 'time' | 'number' | 'string' | 'boolean' | 'other';
  /** The Go type of the field's values; `nullable` when they are pointers (SQL columns). */
  typeInfo: { frame: string; nullable?: boolean };
  labels?: Record<string, string>;
  config?: Record<string, unknown>;
}

type EntityLookup = { NaN?: number[]; Inf?: number[]; NegInf?: number[] };

export interface FrameJson {
  /** `refId` is absent from SQL frames: Grafana's frontend fills it in from the result's key. */
  schema: { refId?: string; meta: Record<string, unknown>; fields: FieldJson[] };
  data: { values: unknown[][]; entities?: Array<EntityLookup | null> };
}

/** The body of Prometheus' /api/v1/query and /api/v1/query_range. */
export interface PrometheusApiBody {
  status?: 'success' | 'error';
  data?: { resultType?: string; result?: unknown };
  errorType?: string;
  error?: string;
  warnings?: string[];
  infos?: string[];
}

/** What framing needs to know about the query that produced a result. */
export interface FramedQuery {
  refId: string;
  /** The expression as sent to Prometheus (macros expanded). */
  expr: string;
  stepMs: number;
  legendFormat?: string;
}

/** Prometheus refused the query; the message is Grafana's "<errorType>: <error>". */
export class PrometheusQueryError extends Error {}

interface Series {
  metric?: Record<string, string>;
  value?: [number, string];
  values?: Array<[number, string]>;
}

/**
 * A column of values as the SDK writes it: numbers (and SQL's nulls) stay, NaN and ±Inf become null and are listed
 * in entities.
 */
export function encodeNumbers(values: Array<number | null>): {
  values: Array<number | null>;
  entities: EntityLookup | null;
} {
  const entities: EntityLookup = {};
  const encoded = values.map((value, index) => {
    if (value === null || Number.isFinite(value)) {
      return value;
    }
    const key = Number.isNaN(value) ? 'NaN' : value > 0 ? 'Inf' : 'NegInf';
    (entities[key] ??= []).push(index);
    return null;
  });
  return { values: encoded, entities: Object.keys(entities).length > 0 ? entities : null };
}

/** Go's strconv.ParseFloat for the sample values Prometheus writes ("1.5", "NaN", "+Inf", "-Inf"). */
function parseSampleValue(text: string): number {
  const lower = text.toLowerCase();
  if (lower === '+inf' || lower === 'inf') {
    return Infinity;
  }
  return lower === '-inf' ? -Infinity : Number(text);
}

/** Go's time.UnixMilli(int64(seconds * 1000)). */
const sampleTimeMs = (seconds: number) => Math.trunc(seconds * 1000);

function seriesFrame(
  refId: string,
  labels: Record<string, string>,
  samples: Array<[number, string]>,
  meta: Record<string, unknown>
): FrameJson {
  const numbers = encodeNumbers(samples.map(([, value]) => parseSampleValue(value)));
  const frame: FrameJson = {
    schema: {
      refId,
      meta,
      fields: [
        { name: 'Time', type: 'time', typeInfo: { frame: 'time.Time' } },
        { name: 'Value', type: 'number', typeInfo: { frame: 'float64' }, labels },
      ],
    },
    data: { values: [samples.map(([time]) => sampleTimeMs(time)), numbers.values] },
  };
  if (numbers.entities) {
    frame.data.entities = [null, numbers.entities];
  }
  return frame;
}

function framesOfResult(refId: string, resultType: string, result: unknown): FrameJson[] {
  const metaFor = (type: string) => ({ type, typeVersion: [0, 1], custom: { resultType } });
  switch (resultType) {
    case 'matrix':
    case 'vector':
      return (result as Series[]).map((series) =>
        seriesFrame(
          refId,
          series.metric ?? {},
          resultType === 'matrix' ? (series.values ?? []) : series.value ? [series.value] : [],
          metaFor(resultType === 'matrix' ? 'timeseries-multi' : 'numeric-multi')
        )
      );
    case 'scalar':
      return [seriesFrame(refId, {}, [result as [number, string]], metaFor('numeric-multi'))];
    default:
      throw new PrometheusQueryError(`unknown result type: ${resultType}`);
  }
}

/** metricNameFromLabels: `name{a="1", b="2"}` with sorted labels, the bare name, or "{}". */
function metricNameFromLabels(labels: Record<string, string>): string {
  const name = labels.__name__ ?? '';
  const others = Object.keys(labels)
    .filter((key) => key !== '__name__')
    .sort()
    .map((key) => `${key}=${JSON.stringify(labels[key])}`);
  if (others.length === 0) {
    return name || '{}';
  }
  return `${name}{${others.join(', ')}}`;
}

/** getName: the series' display name from the legend format, the labels, or the expression itself. */
function displayName(query: FramedQuery, labels: Record<string, string>): string {
  let legend = metricNameFromLabels(labels);
  if (query.legendFormat === '__auto') {
    legend = Object.keys(labels).length > 0 ? '' : legend;
  } else if (query.legendFormat) {
    legend = query.legendFormat.replace(/\{\{\s*(.+?)\s*\}\}/g, (_token, label: string) => labels[label] ?? '');
  }
  return legend === '{}' ? query.expr : legend;
}

/** addMetadataToMultiFrame (data-plane): step on the time field, display name, value field named after __name__. */
function addSeriesMetadata(frame: FrameJson, query: FramedQuery): void {
  const [time, value] = frame.schema.fields;
  if (!time || !value) {
    return;
  }
  time.config = { interval: query.stepMs };
  const name = displayName(query, value.labels ?? {});
  if (name) {
    value.config = { displayNameFromDS: name };
  }
  value.name = value.labels?.__name__ ?? value.name;
}

/** The frames Grafana answers for one successful Prometheus query; throws PrometheusQueryError when it failed. */
export function framesFromPrometheus(body: PrometheusApiBody, query: FramedQuery): FrameJson[] {
  if (body.status !== 'success') {
    throw new PrometheusQueryError(`${body.errorType ?? ''}: ${body.error ?? 'unknown error'}`);
  }
  const frames = framesOfResult(query.refId, body.data?.resultType ?? '', body.data?.result ?? []);
  const notices = [
    ...(body.warnings ?? []).map((text) => ({ severity: 'warning', text })),
    ...(body.infos ?? []).map((text) => ({ severity: 'info', text })),
  ];
  if (frames.length === 0) {
    // Grafana adds an empty frame so the executed query still reaches the query inspector.
    frames.push({ schema: { refId: query.refId, meta: {}, fields: [] }, data: { values: [] } });
  }
  frames.forEach((frame, index) => {
    addSeriesMetadata(frame, query);
    if (notices.length > 0) {
      frame.schema.meta.notices = notices;
    }
    if (index === 0) {
      frame.schema.meta.executedQueryString = `Expr: ${query.expr}\nStep: ${goDurationString(query.stepMs)}`;
    }
  });
  return frames;
}
