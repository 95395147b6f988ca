/**
 * Display settings shared by the views: what the panel's field config and size ask for, and the texts that
 * depend on the evaluation as a whole (why there is no data). No KPI maths here: that stays in src/kpi.
 */
import type { ExplainContext } from '../../components/explain';
import { decimalsForTarget, formatInstant, formatTimeSpan } from '../../components/format';
import { currentMaintenanceText } from '../../components/maintenanceText';
import { type EventCounts, formatDuration, windowPhrases } from '../../kpi/time';
import type { KpiPanelOptions, PanelEvaluation, ValuePanelEvaluation } from '../../reading';

/** Below this size the panel drops to its compact layout (a 4×3 dashboard cell is about 300×200 px). */
export const COMPACT_WIDTH = 400;
export const COMPACT_HEIGHT = 240;

/** DisplaySettings knows how the numbers are to be written: unit, decimals, time zone and room. */
export interface DisplaySettings {
  /** Unit of a threshold KPI's value (standard field config, else the catalog's). */
  unit?: string;
  /** Decimals of percentages and values (standard field config); undefined = chosen from the target. */
  decimals?: number;
  timeZone?: string;
  compact: boolean;
}

/** ViewProps is what every view receives: the evaluation and how to show it. */
export interface ViewProps {
  result: PanelEvaluation;
  options: KpiPanelOptions;
  display: DisplaySettings;
  width: number;
  height: number;
}

export function explainContextOf(result: PanelEvaluation): ExplainContext {
  return {
    target: result.spec.target,
    window: windowPhrases(result.spec.objectiveWindow),
    kind: result.spec.queries.type === 'ratio' ? 'events' : 'slices',
  };
}

export function sliDecimals(result: PanelEvaluation, display: DisplaySettings): number {
  return display.decimals ?? decimalsForTarget(result.spec.target);
}

/** The last step with a usable count: when the data stopped. */
export function lastSampleMs(counts: EventCounts): number | null {
  for (let i = counts.grid.length - 1; i >= 0; i--) {
    if (counts.total[i] >= 0 && counts.good[i] >= 0) {
      return counts.grid.startMs + i * counts.grid.stepMs;
    }
  }
  return null;
}

/**
 * Why the status is `no-data` or `no-traffic`, in words that point at the cause: nothing at all, a step too coarse
 * for the policy's shortest window, or samples that stopped.
 */
export function statusReason(result: PanelEvaluation, timeZone?: string): string | undefined {
  const { evaluation, spec, stepMs, counts, timeRange } = result;
  if (evaluation.status === 'maintenance') {
    return (
      currentMaintenanceText(spec.kpi?.maintenance, evaluation.evaluatedAtMs, timeZone) ??
      'In a maintenance window: nothing alerts until it ends.'
    );
  }
  if (evaluation.status === 'no-traffic') {
    return `No events ${windowPhrases(spec.objectiveWindow).within}: nothing to measure, which is not the same as 100%.`;
  }
  if (evaluation.status !== 'no-data') {
    return undefined;
  }
  if (evaluation.slo.validSteps === 0) {
    return `The queries returned no samples ${windowPhrases(spec.objectiveWindow).within}.`;
  }
  const shortest = evaluation.windows[0];
  if (shortest.expectedSteps === 0) {
    // Grafana's step is about range / max data points.
    const needed = Math.ceil((timeRange.toMs - timeRange.fromMs) / shortest.windowMs);
    return (
      `The data's step (${formatDuration(stepMs)}) is longer than the policy's ${shortest.window} window, so its rules can't be checked. ` +
      `In Query options set Min interval to ${shortest.window} or less and Max data points to at least ${needed.toLocaleString('en-US')}.`
    );
  }
  const last = lastSampleMs(counts);
  return (
    `No samples in the last ${shortest.window}: the exporter or the data source may have stopped` +
    (last === null ? '.' : ` (last sample ${formatInstant(last, timeZone)}).`)
  );
}

/** What a time range short of a value KPI's two periods costs: the value, or only its change. */
export function valueShortfallText({ reading }: ValuePanelEvaluation, coveredMs: number): string {
  const { current, previous } = reading.periods;
  const covered = `The time range covers ${formatTimeSpan(coveredMs)}`;
  return reading.evaluation.status === 'no-data' && reading.evaluation.value === null && !reading.series
    ? `${covered}, less than ${current.label}: no value until it reaches back to the period’s start.`
    : `${covered}, not ${previous.label} too: no change on it until the range reaches back that far.`;
}
