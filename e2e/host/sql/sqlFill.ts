/**
 * Missing buckets, as Grafana fills them when a group macro has a fill argument (`$__timeGroup(col, '5m', 0)`):
 * LongToWide fills the cells a series lacks at a time (grafana-plugin-sdk-go data/time_series.go `GetMissing`), then
 * sqleng resamples the wide frame onto the buckets of the time range (SDK data/sqlutil/resample.go
 * `ResampleWideFrame`). See e2e/contracts/ds-query-sql.md, "Fill".
 */
import type { SqlFill } from './sqlMacros';

/** The part of a frame column filling reads and writes. */
export interface FillColumn {
  name: string;
  kind: string;
  values: unknown[];
  labels?: Record<string, string>;
  nullable: boolean;
}

/** What a macro asked for, and the query's time range in epoch ms. */
export interface FillRequest {
  fill: SqlFill & { intervalMs: number };
  fromMs: number;
  toMs: number;
}

/** The resampled frame could not be made; Grafana keeps the frame as it was and adds this warning. */
export const RESAMPLE_FAILED_NOTICE = 'Failed to resample dataframe';

/**
 * GetMissing: the value of a missing cell. `previous` is the column's value at `previousRow` (null before the first
 * row); without a fill the cell stays null.
 */
export function missingValue(fill: SqlFill | undefined, column: FillColumn, previousRow: number): unknown {
  if (fill?.mode === 'value') {
    return fill.value;
  }
  if (fill?.mode === 'previous' && previousRow >= 0) {
    return column.values[previousRow] ?? null;
  }
  return null;
}

/** The bucket instants: from the range's start in whole seconds, aligned down to the interval, up to its end. */
function bucketTimes({ fill, fromMs, toMs }: FillRequest): number[] {
  // Go aligns in whole seconds: int64(interval.Seconds()); below a second it does not align (nor does this).
  const intervalSeconds = Math.trunc(fill.intervalMs / 1000);
  const fromSeconds = Math.floor(fromMs / 1000);
  const start = intervalSeconds > 0 ? Math.trunc(fromSeconds / intervalSeconds) * intervalSeconds : fromSeconds;
  const times: number[] = [];
  for (let time = start * 1000; time <= toMs; time += fill.intervalMs) {
    times.push(time);
  }
  return times;
}

/**
 * ResampleWideFrame: one row per bucket of the range. A bucket takes the last row in (bucket − interval, bucket];
 * without one, its values are filled. Undefined when the frame is not a time series (no time or no value column)
 * or has a null time: Grafana then answers the frame unchanged with RESAMPLE_FAILED_NOTICE.
 */
export function resampleWide(columns: FillColumn[], request: FillRequest): FillColumn[] | undefined {
  const timeIndex = columns.findIndex((column) => column.kind === 'time');
  const isValue = (column: FillColumn) => column.kind !== 'time' && column.kind !== 'string' && column.kind !== 'bool';
  if (timeIndex === -1 || !columns.some(isValue)) {
    return undefined;
  }
  const rowTimes = columns[timeIndex].values;
  if (rowTimes.some((time) => time === null)) {
    return undefined;
  }
  const { intervalMs } = request.fill;
  const resampled = columns.map((column): FillColumn => ({ ...column, values: [] }));
  let lastSeenRow = -1;
  for (const bucket of bucketTimes(request)) {
    // Go restarts at row 0 while the last row seen is row 0 (`if lastSeenRowIdx > 0`): kept, for the same answer.
    let row = lastSeenRow > 0 ? lastSeenRow + 1 : 0;
    const inBucket: number[] = [];
    for (; row < rowTimes.length; row++) {
      const time = rowTimes[row] as number;
      if (time > bucket - intervalMs) {
        if (time > bucket) {
          break;
        }
        inBucket.push(row);
      }
      lastSeenRow = row;
    }
    columns.forEach((column, index) => {
      let value: unknown;
      if (index === timeIndex) {
        value = bucket;
      } else if (!isValue(column)) {
        value = lastSeenRow >= 0 ? column.values[lastSeenRow] : null;
      } else if (inBucket.length > 0) {
        value = column.values[inBucket[inBucket.length - 1]];
      } else {
        value = missingValue(request.fill, column, lastSeenRow);
      }
      resampled[index].values.push(value ?? null);
    });
  }
  return resampled;
}
