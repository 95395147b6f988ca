/**
 * A KPI is judged over its SLO window; a shorter panel time range judges it over less, silently. This finds that
 * case and the honest fix. A panel can't set its own relative time (that is the panel's "Query options", outside
 * PanelProps), so the fix we can offer changes the dashboard's time range through the URL, as the time picker does.
 */

export interface RangeMs {
  fromMs: number;
  toMs: number;
}

/** TimeRangeShortfall knows how much of the SLO window the panel sees and who can widen it. */
export interface TimeRangeShortfall {
  coveredMs: number;
  windowMs: number;
  /**
   * `dashboard`: the panel follows the dashboard's range, so setting that range to the window fixes it.
   * `panel`: the panel has its own relative time (its range differs from the dashboard's); only the panel
   * editor can change that.
   */
  fixBy: 'dashboard' | 'panel';
  /** Grafana's relative form of the window for `from` ("now-28d"); `to` is "now". */
  relativeFrom: string;
}

/** A range within a second of the window covers it (a "Last 28 days" range is exactly 28d). */
const SLACK_MS = 1000;

const GRAFANA_UNITS: ReadonlyArray<readonly [string, number]> = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1000],
];

/**
 * The window in one Grafana time unit ("28d", "36h", "90m"): date math reads "now-1h30m" as an error, so a mixed
 * duration is written in its largest unit that divides it, rounded up to whole seconds.
 */
export function relativeTimeFor(windowMs: number): string {
  const seconds = Math.max(1, Math.ceil(windowMs / 1000));
  for (const [unit, size] of GRAFANA_UNITS) {
    if ((seconds * 1000) % size === 0) {
      return `${(seconds * 1000) / size}${unit}`;
    }
  }
  return `${seconds}s`;
}

export function checkTimeRange(
  panelRange: RangeMs,
  dashboardRange: RangeMs,
  windowMs: number
): TimeRangeShortfall | null {
  const coveredMs = panelRange.toMs - panelRange.fromMs;
  if (coveredMs + SLACK_MS >= windowMs) {
    return null;
  }
  const dashboardMs = dashboardRange.toMs - dashboardRange.fromMs;
  return {
    coveredMs,
    windowMs,
    fixBy: Math.abs(dashboardMs - coveredMs) > SLACK_MS ? 'panel' : 'dashboard',
    relativeFrom: `now-${relativeTimeFor(windowMs)}`,
  };
}
