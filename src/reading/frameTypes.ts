/** What frames.ts, frameGrid.ts and frameMessages.ts share: grid options and what can go wrong in frames. */
import type { ValuePanelQueryOptions } from './valueStep';
export interface FrameTimeRange {
  fromMs: number;
  toMs: number;
}

export interface GridOptions {
  timeRange: FrameTimeRange;
  /**
   * The values are per-second rates to be read as events per step (rate × step seconds, countsFromRates'
   * conversion), done while placing them rather than in another pass over the grid.
   */
  ratesPerStep?: boolean;
  /**
   * Each row is a time bucket named by its start (SQL's `$__timeGroupAlias`): it is placed one step later, at its
   * end, where a Prometheus sample of the same events would be, so a window ending at the grid's end holds whole
   * buckets only (a bucket still filling, named by the last step, falls off the grid).
   */
  bucketStart?: boolean;
  /**
   * The values are counts of events per bucket (SQL's `count(*)` per `$__timeGroupAlias`), which has no row where
   * nothing happened: a query that answered reads 0 in a bucket without a row (no traffic, not missing data).
   */
  countsWithoutRowsAreZero?: boolean;
  /** The grid reaches back at least this far from the end of the range: the SLO window. */
  minSpanMs: number;
  /** The request's interval: the step when neither the frames' `interval` nor their timestamps tell it. */
  fallbackStepMs?: number;
  /**
   * The refIds the panel queried. A queried refId without frames returned nothing (no data); a refId that was not
   * queried is a mapping mistake. Without this list every refId must have frames.
   */
  queriedRefIds?: readonly string[];
}

/** Why the frames can't be read at all. */
export type FrameProblem =
  | { code: 'missing-ref-id'; refId: string; availableRefIds: string[] }
  | { code: 'no-time-field'; refId: string }
  | { code: 'no-value-field'; refId: string }
  | { code: 'unknown-step'; refIds: string[] }
  | { code: 'too-many-points'; points: number; stepMs: number };

/** What was odd in the frames but could be read around. */
export type FrameNote =
  | { code: 'not-a-number'; refId: string; count: number; example: string }
  | { code: 'bad-time'; refId: string; count: number }
  | { code: 'mismatched-lengths'; refId: string; timeLength: number; valueLength: number }
  | { code: 'duplicate-time'; refId: string; count: number }
  | { code: 'mixed-steps'; stepsMs: number[] }
  | { code: 'not-the-shared-step'; stepMs: number; options: ValuePanelQueryOptions };

export type StepSource = 'interval' | 'timestamps' | 'request' | 'default';
