/**
 * Test-only: request counters whose traffic and error ratio per hour are known by construction, written as
 * OpenMetrics text for `promtool tsdb create-blocks-from openmetrics`.
 */

export interface TrafficHour {
  /** Requests per second. */
  rate: number;
  /** Share of requests that fail (code 500). */
  errorRatio: number;
  /** No samples at all this hour (the exporter was down; nothing was counted). */
  gap?: boolean;
}

export interface CounterSeries {
  /** Label set without braces, e.g. `job="checkout"`. */
  labels: string;
  /** Oldest first; the last hour ends at `endSec`. */
  hours: TrafficHour[];
}

const HOUR_SEC = 3600;

/** Samples of `<metric>{labels,code="200"|"500"}` every `scrapeSec`, for every series. */
export function counterOpenMetrics(metric: string, series: CounterSeries[], endSec: number, scrapeSec = 60): string {
  const lines = [`# TYPE ${metric} counter`];
  for (const { labels, hours } of series) {
    const startSec = endSec - hours.length * HOUR_SEC;
    for (const code of ['200', '500'] as const) {
      let value = 0;
      for (let t = startSec; t <= endSec; t += scrapeSec) {
        // The increment up to t belongs to the hour of the instant just before t.
        const hour = hours[Math.min(Math.floor((t - 1 - startSec) / HOUR_SEC), hours.length - 1)] ?? hours[0];
        if (hour.gap) {
          continue;
        }
        if (t > startSec) {
          const share = code === '500' ? hour.errorRatio : 1 - hour.errorRatio;
          value += hour.rate * scrapeSec * share;
        }
        lines.push(`${metric}_total{${labels},code="${code}"} ${value} ${t}`);
      }
    }
  }
  lines.push('# EOF', '');
  return lines.join('\n');
}
