/**
 * A calendar KPI's SLI over the whole previous period ("last month"), from the same events per step the panel
 * evaluates this period with: what the executive compares this month so far against.
 */
import { sumWindowsEndingAt } from './evaluate';
import { type EventCounts, previousPeriodAt } from '../time';
import type { ObjectiveWindow } from '../model';

export interface PreviousPeriodReading {
  /** "last month". */
  label: string;
  startMs: number;
  endMs: number;
  /** good / total over the period; null without data or without traffic. */
  sli: number | null;
  /** Share of the period's steps with data. */
  coverage: number;
}

/**
 * The previous period of `window` before `atMs`, read from `counts`; undefined for rolling windows and when the
 * grid starts after the previous period did (its range does not reach back so far: a part would pass for all).
 */
export function previousPeriodReading(
  counts: EventCounts,
  window: ObjectiveWindow,
  atMs: number
): PreviousPeriodReading | undefined {
  const period = previousPeriodAt(window, atMs);
  const { grid } = counts;
  // Slot i holds what happened in (t(i) − step, t(i)]: the first slot of the period ends one step after its start.
  if (!period || grid.startMs - grid.stepMs > period.startMs) {
    return undefined;
  }
  const endIndex = Math.floor((period.endMs - grid.startMs) / grid.stepMs + 1e-9);
  const steps = Math.floor((period.endMs - period.startMs) / grid.stepMs + 1e-9);
  const [totals] = sumWindowsEndingAt(counts, endIndex, [steps]);
  const sli = totals.validSteps > 0 && totals.total > 0 ? totals.good / totals.total : null;
  return { ...period, sli, coverage: steps > 0 ? totals.validSteps / steps : 0 };
}
