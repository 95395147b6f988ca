/**
 * PostgreSQL results as the one data frame Grafana's SQL backend answers per query, in the JSON wire format:
 * column types by OID, the `time` column, `time_series` (values to float64, long to wide) and `table` formats, as
 * pkg/tsdb/grafana-postgresql-datasource/sqleng/sql_engine.go (`processFrame`) and grafana-plugin-sdk-go
 * data/time_series.go (`TimeSeriesSchema`, `LongToWide`) do. See e2e/contracts/ds-query-sql.md.
 */
import { encodeNumbers, type FieldJson, type FrameJson } from '../prometheus/frames';
import { type FillRequest, missingValue, RESAMPLE_FAILED_NOTICE, resampleWide } from './sqlFill';
import type { SqlFill } from './sqlMacros';

/** A statement's columns (name and PostgreSQL type OID) and rows, every value as PostgreSQL's text or null. */
export interface SqlResult {
  columns: Array<{ name: string; typeOid: number }>;
  rows: Array<Array<string | null>>;
}

export type SqlFormat = 'time_series' | 'table';

/** The result cannot be framed; the message is Grafana's `<stage>: <cause>`. */
export class SqlFrameError extends Error {}

type Kind = 'int16' | 'int32' | 'int64' | 'float64' | 'bool' | 'time' | 'json' | 'string';
type Value = number | string | boolean | unknown;

interface Column {
  name: string;
  kind: Kind;
  values: Array<Value | null>;
  labels?: Record<string, string>;
  /** LongToWide's time field is the only one that is not a pointer type. */
  nullable: boolean;
}

/** pgtype's OIDs for the types the SDK gives a field type of their own; anything else is a string. */
const KIND_BY_OID: Record<number, Kind> = {
  21: 'int16',
  23: 'int32',
  20: 'int64',
  700: 'float64',
  701: 'float64',
  1700: 'float64',
  16: 'bool',
  1082: 'time',
  1114: 'time',
  1184: 'time',
  114: 'json',
  3802: 'json',
};

const FIELD_TYPE: Record<Kind, Pick<FieldJson, 'type'> & { frame: string }> = {
  int16: { type: 'number', frame: 'int16' },
  int32: { type: 'number', frame: 'int32' },
  int64: { type: 'number', frame: 'int64' },
  float64: { type: 'number', frame: 'float64' },
  bool: { type: 'boolean', frame: 'bool' },
  time: { type: 'time', frame: 'time.Time' },
  json: { type: 'other', frame: 'json.RawMessage' },
  string: { type: 'string', frame: 'string' },
};

/** PostgreSQL's text for a timestamp, timestamptz or date, in epoch ms; timestamps without a zone are UTC. */
function parseTimestamp(text: string): number {
  const dateOnly = /^\d{4}-\d\d-\d\d$/.test(text);
  const iso = dateOnly ? `${text}T00:00:00Z` : text.replace(' ', 'T');
  const zoned = iso.replace(
    /([+-]\d\d)(?::?(\d\d))?(?::?(\d\d))?$/,
    (_, hours: string, minutes = '00') => `${hours}:${minutes}`
  );
  const withZone = /(Z|[+-]\d\d:\d\d)$/.test(zoned) ? zoned : `${zoned}Z`;
  return Date.parse(withZone);
}

function decode(kind: Kind, text: string): Value {
  switch (kind) {
    case 'int16':
    case 'int32':
    case 'int64':
    case 'float64':
      return Number(text);
    case 'bool':
      return text === 't';
    case 'time':
      return parseTimestamp(text);
    case 'json':
      return JSON.parse(text);
    default:
      return text;
  }
}

function columnsOf(result: SqlResult): Column[] {
  return result.columns.map(({ name, typeOid }, index) => {
    const kind = KIND_BY_OID[typeOid] ?? 'string';
    return {
      name,
      kind,
      nullable: true,
      values: result.rows.map((row) => (row[index] === null ? null : decode(kind, row[index] as string))),
    };
  });
}

/** The SDK's NullableFloatAt: numbers as they are, times as Unix nanoseconds, other types an error. */
function asFloat(column: Column): Array<number | null> {
  if (column.kind === 'time') {
    return column.values.map((value) => (value === null ? null : (value as number) * 1e6));
  }
  if (column.kind === 'bool' || column.kind === 'json' || column.kind === 'string') {
    throw new Error(`unable to convert field type ${FIELD_TYPE[column.kind].frame} to float`);
  }
  return column.values as Array<number | null>;
}

/** epochPrecisionToMS: 10 integer digits are seconds, 19 nanoseconds, anything else already milliseconds. */
function epochToMs(value: number): number {
  const exponent = Math.floor(Math.log10(Math.abs(value)));
  if (exponent === 9) {
    return value * 1e3;
  }
  return exponent === 18 ? value / 1e6 : value;
}

/** convertSQLTimeColumnToEpochMS: a numeric time column becomes nullable time, a time column stays. */
function toTimeColumn(column: Column, what: string): Column {
  if (column.kind === 'time') {
    return column;
  }
  let floats: Array<number | null>;
  try {
    floats = asFloat(column);
  } catch {
    throw new SqlFrameError(
      `converting time columns failed: failed to convert ${what} column: unable to convert data to a time field`
    );
  }
  // Go's time.Unix(0, int64(ms) * 1e6): fractions of a millisecond are dropped.
  return {
    ...column,
    kind: 'time',
    values: floats.map((value) => (value === null ? null : Math.trunc(epochToMs(value)))),
  };
}

/** Sorted ascending, no null times: LongToWide's requirements, with the SDK's messages. */
function checkLongTimes(times: Array<Value | null>): void {
  const stage = 'failed to convert long to wide series when converting from dataframe';
  if (times.some((time) => time === null)) {
    throw new SqlFrameError(`${stage}: unable to process the data because it contains null time values`);
  }
  for (let i = 1; i < times.length; i++) {
    if ((times[i] as number) < (times[i - 1] as number)) {
      throw new SqlFrameError(`${stage}: long series must be sorted ascending by time to be converted`);
    }
  }
}

/**
 * LongToWide: one row per distinct time, one field per (string columns' values, value column), in the order the
 * label sets first appear; a repeated (time, labels) row keeps its last value. A cell a series lacks is null, or
 * what a macro's fill argument says (`previous` carries the series' value of the row before).
 */
function longToWide(time: Column, factors: Column[], values: Column[], fill?: SqlFill): Column[] {
  checkLongTimes(time.values);
  const times: number[] = [];
  const series = new Map<string, Column[]>();
  time.values.forEach((value, row) => {
    if (times.length === 0 || times[times.length - 1] !== value) {
      times.push(value as number);
      series.forEach((fields) =>
        fields.forEach((field) => field.values.push(missingValue(fill, field, times.length - 2)))
      );
    }
    const labels = Object.fromEntries(factors.map((factor) => [factor.name, String(factor.values[row] ?? '')]));
    const key = JSON.stringify(factors.map((factor) => factor.values[row] ?? ''));
    let fields = series.get(key);
    if (!fields) {
      fields = values.map((column) => ({
        name: column.name,
        kind: column.kind,
        nullable: true,
        labels,
        // A series first seen now has no earlier value: `previous` leaves its earlier rows null.
        values: times.map(() => (fill?.mode === 'value' ? fill.value : null)),
      }));
      series.set(key, fields);
    }
    fields.forEach((field, index) => (field.values[times.length - 1] = values[index].values[row]));
  });
  return [{ name: time.name, kind: 'time', nullable: false, values: times }, ...[...series.values()].flat()];
}

/** Grafana 7 named series by a `metric` column: with exactly time, metric and one value, the label becomes the name. */
function renameByMetricLabel(fields: Column[]): Column[] {
  return fields.map((field) => {
    const labels = field.labels ?? {};
    return Object.keys(labels).length === 1 && 'metric' in labels
      ? { ...field, name: labels.metric, labels: undefined }
      : field;
  });
}

function timeSeriesColumns(columns: Column[], fill?: SqlFill): { columns: Column[]; wide: boolean } {
  const timeIndex = columns.findIndex((column) => column.name === 'time');
  if (timeIndex === -1) {
    throw new SqlFrameError(
      "db has no time column: time column is missing; make sure your data includes a time column for time series format or switch to a table format that doesn't require it"
    );
  }
  const converted = columns.map((column, index): Column => {
    if (index === timeIndex) {
      return { ...toTimeColumn(column, 'time'), name: 'Time' };
    }
    if (column.kind === 'string' || column.name === 'metric' || column.kind === 'float64') {
      return column;
    }
    try {
      return { ...column, kind: 'float64', values: asFloat(column) };
    } catch (error) {
      throw new SqlFrameError(`convert value to float failed: ${(error as Error).message}`);
    }
  });
  const time = converted[timeIndex];
  const rest = converted.filter((_, index) => index !== timeIndex);
  const factors = rest.filter((column) => column.kind === 'string');
  const values = rest.filter((column) => column.kind !== 'string' && column.kind !== 'time');
  if (values.length === 0 || factors.length === 0) {
    // Not a time series (no value) or already wide (no labels): returned as it is.
    return { columns: converted, wide: false };
  }
  const wide = longToWide(time, factors, values, fill);
  return { columns: columns.length === 3 ? renameByMetricLabel(wide) : wide, wide: true };
}

function tableColumns(columns: Column[]): Column[] {
  return columns.map((column) => {
    if (column.name === 'time') {
      return toTimeColumn(column, 'time');
    }
    return column.name.toLowerCase() === 'timeend' ? toTimeColumn(column, 'timeend') : column;
  });
}

function fieldJson(column: Column): { field: FieldJson; values: unknown[]; entities: unknown } {
  const { type, frame } = FIELD_TYPE[column.kind];
  const field: FieldJson = {
    name: column.name,
    type,
    typeInfo: column.nullable ? { frame, nullable: true } : { frame },
  };
  if (column.labels) {
    field.labels = column.labels;
  }
  if (column.kind === 'float64') {
    const encoded = encodeNumbers(column.values as Array<number | null>);
    return { field, values: encoded.values, entities: encoded.entities };
  }
  return { field, values: column.values, entities: null };
}

/** The frame without fields that Grafana answers for no rows and beside an error. */
export function emptySqlFrame(executedQueryString: string): FrameJson {
  return {
    schema: { meta: { typeVersion: [0, 0], executedQueryString }, fields: [] },
    data: { values: [] },
  };
}

/** A time series with a fill argument is resampled onto the range's buckets, or kept with Grafana's warning. */
function filled(shaped: { columns: Column[]; wide: boolean }, fill: FillRequest) {
  const resampled = resampleWide(shaped.columns, fill) as Column[] | undefined;
  return resampled
    ? { ...shaped, columns: resampled }
    : { ...shaped, notices: [{ severity: 'warning', text: RESAMPLE_FAILED_NOTICE }] };
}

/**
 * The frame Grafana answers for `result` in `format`; a SqlFrameError when it cannot be framed. `fill` (a group
 * macro's fill argument and the query's range) fills missing buckets of a time series; a table ignores it.
 */
export function sqlResultFrame(
  result: SqlResult,
  format: SqlFormat,
  executedQueryString: string,
  fill?: FillRequest
): FrameJson {
  if (result.rows.length === 0) {
    return emptySqlFrame(executedQueryString);
  }
  const columns = columnsOf(result);
  let shaped: { columns: Column[]; wide: boolean; notices?: unknown[] } =
    format === 'table' ? { columns: tableColumns(columns), wide: false } : timeSeriesColumns(columns, fill?.fill);
  if (fill && format === 'time_series') {
    shaped = filled(shaped, fill);
  }
  const typed = shaped.wide
    ? { type: 'timeseries-wide', typeVersion: [0, 1], executedQueryString }
    : { typeVersion: [0, 0], executedQueryString };
  const meta = shaped.notices ? { ...typed, notices: shaped.notices } : typed;
  const encoded = shaped.columns.map(fieldJson);
  const entities = encoded.map((field) => field.entities);
  return {
    schema: { meta, fields: encoded.map(({ field }) => field) },
    data: {
      values: encoded.map((field) => field.values),
      ...(entities.some((entity) => entity !== null) ? { entities: entities as FrameJson['data']['entities'] } : {}),
    },
  };
}
