/**
 * How long an SLO window and the windows of its alert policy may be. Under an hour, a budget is spent before
 * anyone can act on a page; past 400 days, the rules would need more retention than a Prometheus keeps.
 */
import { formatDuration, nominalSloWindowMs, tryParseDuration, windowLabel } from '../time';
import type { ObjectiveWindow } from '../model';

export const MIN_SLO_WINDOW = '1h';
export const MAX_SLO_WINDOW = '400d';

const MIN_SLO_WINDOW_MS = tryParseDuration(MIN_SLO_WINDOW)!;
const MAX_SLO_WINDOW_MS = tryParseDuration(MAX_SLO_WINDOW)!;

export const SLO_WINDOW_BOUNDS_MESSAGE = `must be between ${MIN_SLO_WINDOW} and ${MAX_SLO_WINDOW}`;

/** A rolling window's duration within the bounds; one that is no positive duration is refused by its own check. */
export function sloWindowInBounds(window: string): boolean {
  const ms = tryParseDuration(window);
  return ms === undefined || ms <= 0 || (ms >= MIN_SLO_WINDOW_MS && ms <= MAX_SLO_WINDOW_MS);
}

interface PolicyWindows {
  objective: { window: ObjectiveWindow };
  alerting?: { policy?: string; rules?: ReadonlyArray<{ long: string }> };
}

/**
 * A custom rule whose long window is longer than the SLO window: it would judge the budget over more than
 * the budget covers. The default policy's rows scale their factors to the window and are left alone.
 */
export function policyWindowProblems(kpi: PolicyWindows): Array<{ path: PropertyKey[]; message: string }> {
  const { window } = kpi.objective;
  if (kpi.alerting?.policy !== 'custom' || (typeof window === 'string' && !sloWindowInBounds(window))) {
    return [];
  }
  const sloMs = nominalSloWindowMs({ objective: { target: 0, window } });
  const sloText = typeof window === 'string' ? window : `${formatDuration(sloMs)} (${windowLabel(window)})`;
  return (kpi.alerting.rules ?? []).flatMap((rule, index) => {
    const longMs = tryParseDuration(rule.long);
    return longMs !== undefined && longMs > sloMs
      ? [
          {
            path: ['alerting', 'rules', index, 'long'],
            message: `${rule.long} is longer than the SLO window of ${sloText}`,
          },
        ]
      : [];
  });
}
