/**
 * How KPI numbers read on screen. Formatting only: every number here was computed by src/kpi.
 */
import { dateTimeFormat, formattedValueToString, getValueFormat } from '@grafana/data';

/** Shown where a number does not exist (no data, no traffic): never a 0 or a 100 % that could pass for one. */
export const MISSING = '—';

/** A ratio as a percentage: 0.9994 -> "99.94%". */
export function formatPercent(ratio: number | null | undefined, decimals = 2): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) {
    return MISSING;
  }
  return `${(ratio * 100).toFixed(decimals)}%`;
}

/**
 * An SLI as a percentage, rounded down: 99.997 % shows as 99.99 %, never as a 100.00 % it did not reach, and
 * 99.8999 % never passes for a 99.9 % target.
 */
export function formatSli(ratio: number | null | undefined, decimals = 2): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) {
    return MISSING;
  }
  const scale = 10 ** (decimals + 2);
  // The epsilon keeps float dust (0.9993 × 10⁴ = 9992.999…) from costing a digit.
  return `${(Math.floor(ratio * scale + 1e-6) / 10 ** decimals).toFixed(decimals)}%`;
}

/**
 * Decimals that make an SLI comparable with its target: one more than the target has, so 99.9 % shows SLIs as
 * 99.94 % and 99.99 % as 99.994 %.
 */
export function decimalsForTarget(target: number): number {
  const percent = Number((target * 100).toPrecision(10));
  const [, fraction = ''] = String(percent).split('.');
  return Math.min(Math.max(fraction.length + 1, 1), 4);
}

/** A burn rate: "0.60x", "14.4x", "120x". */
export function formatBurnRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) {
    return MISSING;
  }
  return `${rate >= 100 ? rate.toFixed(0) : rate >= 10 ? rate.toFixed(1) : rate.toFixed(2)}x`;
}

/** A policy factor the way describeRule writes it (4 significant digits): "13.44x", "0.9333x". */
export function formatFactor(factor: number): string {
  return `${Number(factor.toPrecision(4))}x`;
}

const SPANS: ReadonlyArray<readonly [string, number]> = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1000],
];

/** A span of time in its two largest units: "3d 4h", "5h 12m", "45m", "30s"; under a second is "now". */
export function formatTimeSpan(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) {
    return MISSING;
  }
  for (let i = 0; i < SPANS.length; i++) {
    const [unit, size] = SPANS[i];
    if (ms >= size) {
      const major = Math.floor(ms / size);
      const next = SPANS[i + 1];
      const minor = next ? Math.floor((ms - major * size) / next[1]) : 0;
      return minor > 0 ? `${major}${unit} ${minor}${next[0]}` : `${major}${unit}`;
    }
  }
  return 'now';
}

/** One formatter for every count: `toLocaleString` builds a new one per call (3 fraction digits, its default). */
const COUNT_FORMAT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });

/** An event count: whole numbers grouped ("1,000,000"); small fractional counts (rates × step) keep a decimal. */
export function formatCount(count: number | null | undefined): string {
  if (count === null || count === undefined || !Number.isFinite(count)) {
    return MISSING;
  }
  const rounded = Math.abs(count) >= 100 || Number.isInteger(count) ? Math.round(count) : Number(count.toFixed(1));
  return COUNT_FORMAT.format(rounded);
}

/** A KPI value in the panel's unit (Grafana's unit formats: "ms", "percentunit", "reqps" ...). */
export function formatValue(value: number | null | undefined, unit?: string, decimals?: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) {
    return MISSING;
  }
  return formattedValueToString(getValueFormat(unit || 'none')(value, decimals));
}

/** "Nov 1 12:00" in the dashboard's time zone ('browser', 'utc' or an IANA name). */
export function formatInstant(ms: number, timeZone?: string): string {
  return dateTimeFormat(ms, { timeZone, format: 'MMM D HH:mm' });
}

/** Grafana's own date style, the one days are shown in too (YYYY-MM-DD), with the time. */
const GRAFANA_DATE_TIME = 'YYYY-MM-DD HH:mm:ss';

/**
 * "2026-12-06 01:14:46": an instant (when a check-in was written) in Grafana's date style and the user's time zone
 * ('browser', 'utc' or an IANA name; Grafana's default when empty), so it reads like the ISO days beside it and not
 * like the browser's locale ("12/6/2026, 1:14:46 AM").
 */
export function formatDateTime(ms: number, timeZone?: string): string {
  return dateTimeFormat(ms, { timeZone: timeZone || undefined, format: GRAFANA_DATE_TIME });
}
