/**
 * What the catalog and OpenSLO spell differently, both ways: comparators and operators, Grafana data source types
 * and metric source types, Prometheus durations and OpenSLO's shorthand, calendar periods and their durations.
 */
import { type CalendarUnit, type Comparator } from '../../model';
import { tryParseDuration } from '../../time';
import type { OpenSloOperator } from './types';

export const OP_BY_COMPARATOR: Readonly<Record<Comparator, OpenSloOperator>> = {
  '<': 'lt',
  '<=': 'lte',
  '>': 'gt',
  '>=': 'gte',
};
export const COMPARATOR_BY_OP: Readonly<Record<string, Comparator>> = { lt: '<', lte: '<=', gt: '>', gte: '>=' };

/** Grafana data source type id and OpenSLO `metricSource.type`, as the spec and its implementers spell it. */
export const METRIC_SOURCE_TYPES: ReadonlyArray<readonly [grafana: string, openSlo: string]> = [
  ['prometheus', 'Prometheus'],
  ['loki', 'Loki'],
  ['graphite', 'Graphite'],
  ['influxdb', 'InfluxDB'],
  ['elasticsearch', 'Elasticsearch'],
  ['cloudwatch', 'CloudWatch'],
];

/** OpenSLO `metricSource.type` for a Grafana data source type; types without an OpenSLO name pass unchanged. */
export function openSloMetricSourceType(grafanaType: string): string {
  return METRIC_SOURCE_TYPES.find(([grafana]) => grafana === grafanaType)?.[1] ?? grafanaType;
}

/** Grafana data source type for an OpenSLO `metricSource.type`, case-insensitively (Sloth writes `prometheus`). */
export function grafanaTypeOf(openSloType: string): string | undefined {
  const wanted = openSloType.toLowerCase();
  return METRIC_SOURCE_TYPES.find(([grafana, openSlo]) => openSlo.toLowerCase() === wanted || grafana === wanted)?.[0];
}

const SHORTHAND = /^[1-9]\d*[mhdw]$/;
const SHORTHAND_UNITS: ReadonlyArray<readonly [string, number]> = [
  ['d', 24 * 3600 * 1000],
  ['h', 3600 * 1000],
  ['m', 60 * 1000],
];

/**
 * OpenSLO's duration shorthand: one integer and one of m h d w M Q Y. A Prometheus duration that is not already
 * shorthand is written in its largest whole unit ("1h30m" → "90m", "1y" → "365d"); OpenSLO has no seconds, so a
 * sub-minute duration keeps its Prometheus spelling.
 */
export function toShorthand(duration: string): string {
  if (SHORTHAND.test(duration)) {
    return duration;
  }
  const ms = tryParseDuration(duration);
  const unit = ms ? SHORTHAND_UNITS.find(([, size]) => ms % size === 0) : undefined;
  return ms && unit ? `${ms / unit[1]}${unit[0]}` : duration;
}

/** OpenSLO's shorthand of a calendar period, and back. */
export const CALENDAR_DURATIONS: Readonly<Record<CalendarUnit, string>> = { week: '1w', month: '1M', quarter: '1Q' };
/**
 * OpenSLO anchors a calendar window at a startTime and repeats it every `duration`; ours start on the calendar:
 * a Monday, the 1st of a month, the 1st of a quarter. A Monday, 1 January, is all three.
 */
export const CALENDAR_ANCHOR = '2024-01-01 00:00:00';
