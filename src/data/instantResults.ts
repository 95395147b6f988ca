/**
 * Reading instant query results as Grafana's Prometheus backend frames them, from the answer's JSON: a catalog
 * refresh reads eight of these per KPI, and building a data frame for each cost more than the evaluation.
 */
import type { DataFrameJSON } from '@grafana/data';
import { ENTITY_VALUES, type FrameEntity, frameFromJson, latestSumOfFrames } from '../reading';

/**
 * The last value of the frame's first number field (NaN too), read from the JSON as dataFrameFromJSON would read
 * it; null when the field is empty or absent, undefined when a field's type is not written (frameFromJson
 * guesses it).
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
  let latest = values[last];
  // In the order the JSON lists them, as frameFromJson and Grafana's decoder apply them: of two the last stays, and
  // a name they do not know puts undefined there, as it does in theirs.
  for (const [name, indices] of Object.entries(entities ?? {})) {
    if (indices?.includes(last)) {
      latest = ENTITY_VALUES[name as FrameEntity];
    }
  }
  return Number(latest);
}

/** latestSumOfFrames of an answer's frames as JSON. */
export function latestSum(frames: DataFrameJSON[] | undefined): number | null {
  let sum: number | null = null;
  for (const json of frames ?? []) {
    const latest = latestOfFrameJson(json);
    if (latest === undefined) {
      return latestSumOfFrames((frames ?? []).map((frame) => frameFromJson(frame, frame.schema?.refId ?? '')));
    }
    if (latest !== null) {
      sum = (sum ?? 0) + latest;
    }
  }
  return sum;
}
