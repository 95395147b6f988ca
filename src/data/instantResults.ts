/** Reading instant query results as Grafana's Prometheus backend frames them. */
import { dataFrameFromJSON, type DataFrameJSON } from '@grafana/data';

/**
 * The latest value an instant result holds (an error ratio, an event count): null when it has no series (no
 * data); NaN when a ratio was 0/0 (no traffic). Several series are summed, as the KPI's own sum() would.
 */
export function latestSum(frames: DataFrameJSON[] | undefined): number | null {
  let ratio: number | null = null;
  for (const json of frames ?? []) {
    const frame = dataFrameFromJSON(json);
    const values = frame.fields.find((field) => field.type === 'number')?.values;
    if (values && values.length > 0) {
      const value = Number(values[values.length - 1]);
      ratio = ratio === null ? value : ratio + value;
    }
  }
  return ratio;
}
