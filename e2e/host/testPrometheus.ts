/**
 * Test-only: a real Prometheus holding two days of synthetic checkout traffic up to the current minute, for the
 * host's tests and the browser tests. The series are the example catalog's (`http_requests_total{job="checkout"}`
 * with `code="200"|"500"`), so its queries and the built-in scenarios answer with data.
 */
import { startPrometheus, type RunningPrometheus } from '../../src/testing/prometheusServer';
import { counterOpenMetrics, type TrafficHour } from '../../src/testing/syntheticTraffic';

const HOURS = 48;

/** Hour by hour: 5 to 15 requests/s with 0.05 % to 0.2 % errors, and a 2 % error burn in the last two hours. */
function checkoutHours(): TrafficHour[] {
  return Array.from({ length: HOURS }, (_, i) =>
    i >= HOURS - 2
      ? { rate: 12, errorRatio: 0.02 }
      : { rate: 5 + ((i * 7) % 11), errorRatio: 0.0005 + (i % 4) * 0.0005 }
  );
}

export function startCheckoutPrometheus(): Promise<RunningPrometheus> {
  const endSec = Math.floor(Date.now() / 60_000) * 60;
  return startPrometheus(
    counterOpenMetrics('http_requests', [{ labels: 'job="checkout"', hours: checkoutHours() }], endSec)
  );
}
