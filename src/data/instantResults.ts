/**
 * Reading instant query results as Grafana's Prometheus backend frames them. Outside src/reading, which the CLI and
 * the bench load in Node: dataFrameFromJSON is a value from @grafana/data, which needs a browser `window`.
 */
import { dataFrameFromJSON, type DataFrameJSON } from '@grafana/data';
import { latestSumOfFrames } from '../reading';

/** How Grafana's frame JSON writes the values JSON has no literal for, per field: the indexes holding each. */
const ENTITY_VALUES: ReadonlyArray<readonly ['NaN' | 'Inf' | 'NegInf' | 'Undef', number | undefined]> = [
  ['NaN', NaN],
  ['Inf', Infinity],
  ['NegInf', -Infinity],
  ['Undef', undefined],
];

/**
 * The last value of the frame's first number field (NaN too), read from the JSON as dataFrameFromJSON would read
 * it; null when the field is empty or absent, undefined when a field's type is not written (dataFrameFromJSON
 * guesses it).
 * A catalog refresh reads eight of these per KPI: building a DataFrame for each cost more than the evaluation.
 */
function latestOfFrameJson(json: DataFrameJSON): number | null | undefined {
  const fields = json.schema?.fields ?? [];
  let index = -1;
  for (let i = 0; i < fields.length; i++) {
    const type = fields[i].type;
    if (type === undefined) {
      return undefined;
    }
    if (type === 'number' && index < 0) {
      index = i;
    }
  }
  const values = index < 0 ? undefined : json.data?.values[index];
  if (!values || values.length === 0) {
    return null;
  }
  const last = values.length - 1;
  const entities = json.data?.entities?.[index];
  const entity = entities && ENTITY_VALUES.find(([name]) => entities[name]?.includes(last));
  return Number(entity ? entity[1] : values[last]);
}

/** latestSumOfFrames of an answer's frames as JSON. */
export function latestSum(frames: DataFrameJSON[] | undefined): number | null {
  let sum: number | null = null;
  for (const json of frames ?? []) {
    const latest = latestOfFrameJson(json);
    if (latest === undefined) {
      return latestSumOfFrames((frames ?? []).map((frame) => dataFrameFromJSON(frame)));
    }
    if (latest !== null) {
      sum = (sum ?? 0) + latest;
    }
  }
  return sum;
}
