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
  /** The label that tells good from failed requests, and its two values: `code` 200 and 500 unless given. */
  outcome?: { label: string; good: string; bad: string };
  /** Oldest first; the last hour ends at `endSec`. */
  hours: TrafficHour[];
}

const HOUR_SEC = 3600;

const HTTP_CODES = { label: 'code', good: '200', bad: '500' };

/** Samples of `<metric>{labels,code="200"|"500"}` (or the series' own outcome label) every `scrapeSec`. */
export function counterOpenMetrics(metric: string, series: CounterSeries[], endSec: number, scrapeSec = 60): string {
  return counterFamiliesOpenMetrics([{ metric, series }], endSec, scrapeSec);
}

/** Several counter families in one OpenMetrics text. */
export function counterFamiliesOpenMetrics(
  families: ReadonlyArray<{ metric: string; series: CounterSeries[] }>,
  endSec: number,
  scrapeSec = 60
): string {
  const lines = families.flatMap(({ metric, series }) => familyLines(metric, series, endSec, scrapeSec));
  return [...lines, '# EOF', ''].join('\n');
}

function familyLines(metric: string, series: CounterSeries[], endSec: number, scrapeSec: number): string[] {
  const lines = [`# TYPE ${metric} counter`];
  for (const { labels, hours, outcome = HTTP_CODES } of series) {
    const startSec = endSec - hours.length * HOUR_SEC;
    for (const failed of [false, true]) {
      let value = 0;
      for (let t = startSec; t <= endSec; t += scrapeSec) {
        // The increment up to t belongs to the hour of the instant just before t.
        const hour = hours[Math.min(Math.floor((t - 1 - startSec) / HOUR_SEC), hours.length - 1)] ?? hours[0];
        if (hour.gap) {
          continue;
        }
        if (t > startSec) {
          const share = failed ? hour.errorRatio : 1 - hour.errorRatio;
          value += hour.rate * scrapeSec * share;
        }
        lines.push(
          `${metric}_total{${labels},${outcome.label}="${failed ? outcome.bad : outcome.good}"} ${value} ${t}`
        );
      }
    }
  }
  return lines;
}
