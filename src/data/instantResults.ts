/** Reading instant query results as Grafana's Prometheus backend frames them. */
import { dataFrameFromJSON, type DataFrameJSON } from '@grafana/data';
import { latestSumOfFrames } from './frames';

/** latestSumOfFrames of an answer's frames as JSON. */
export function latestSum(frames: DataFrameJSON[] | undefined): number | null {
  return latestSumOfFrames((frames ?? []).map((json) => dataFrameFromJSON(json)));
}
