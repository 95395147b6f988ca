/**
 * Time: durations, calendar periods, the SLO window, cron and zone offsets, maintenance occurrences, the step grid
 * that counts sit on and Grafana's time macros. Knows nothing of evaluation or rules.
 */
export {
  type Cron,
  CRON_FIELDS,
  type CronField,
  cronMatchesDay,
  type CronParse,
  parseCron,
  shortestGapMs,
} from './cron';
export { DurationError, formatDuration, parseDuration, tryParseDuration } from './duration';
export {
  DEFAULT_SCRAPE_INTERVAL_MS,
  expandGrafanaMacros,
  grafanaRateInterval,
  type MacroValues,
  rateIntervalAsVariable,
} from './macros';
export {
  cronStarts,
  type Interval,
  maintenanceAt,
  maintenanceIntervals,
  maintenanceMask,
  maintenanceMaskFor,
  type MaintenanceOccurrence,
  maintenanceOccurrences,
  mergeIntervals,
  nextMaintenance,
  parseInstant,
  withMaintenance,
} from './maintenance';
export {
  calendarPeriodAt,
  isTimeZone,
  LONGEST_PERIOD_MS,
  NOMINAL_PERIOD_MS,
  type Period,
  periodName,
  previousCalendarPeriod,
  runtimeTimeZone,
  wallClockMs,
} from './period';
export {
  coverageOf,
  type EventCounts,
  findGaps,
  type Gap,
  type Grid,
  gridEndingAt,
  type GridSeries,
  gridTimeAt,
  sanitizeCounts,
  toGrid,
} from './series';
export {
  type CalendarBudget,
  coveringRangeMs,
  grafanaRange,
  isCalendarWindow,
  longestCoveringRange,
  nominalSloWindowMs,
  objectiveWindowText,
  previousPeriodAt,
  sloWindowAt,
  windowLabel,
  windowPhrases,
  type WindowPhrases,
  windowText,
} from './sloWindow';
export { type OffsetTransition, offsetTransitions, zoneOffsetMs } from './zoneOffsets';
