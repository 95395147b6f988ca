/**
 * Reading instant query results as Grafana's Prometheus backend frames them. Outside src/reading, which the CLI and
 * the bench load in Node: dataFrameFromJSON is a value from @grafana/data, which needs a browser `window`.
 */
import { dataFrameFromJSON, type DataFrameJSON } from '@grafana/data';
import { latestSumOfFrames } from '../reading';

/** latestSumOfFrames of an answer's frames as JSON. */
export function latestSum(frames: DataFrameJSON[] | undefined): number | null {
  return latestSumOfFrames((frames ?? []).map((json) => dataFrameFromJSON(json)));
}
