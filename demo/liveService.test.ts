/**
 * The exporter draws single requests; the history adds their expectation. Both come from the same rates, so an
 * hour of live traffic must look like an hour of history: same series, same volumes and shares.
 */
import { ExpectedCounters, sampleKey, type CounterSample } from './metrics';
import { LiveService } from './liveService';
import { SERVICES, TrafficModel } from './traffic';

/** A small seeded generator (mulberry32), so the test draws the same requests every run. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
}

// A weekday afternoon, far from the history's incidents.
const START_SEC = Date.UTC(2026, 10, 4, 14, 0, 0) / 1000;
const model = new TrafficModel(START_SEC + 30 * 86_400);

function value(samples: CounterSample[], name: string, labels: Record<string, string> = {}): number {
  return samples.find((s) => sampleKey(s.name, s.labels) === sampleKey(name, labels))?.value ?? NaN;
}

describe.each(SERVICES)('an hour of live %s traffic', (service) => {
  const live = new LiveService(service, model, { atSec: START_SEC, totals: [], lastDeployAtSec: 0 }, seededRandom(42));
  const expected = new ExpectedCounters(service);
  let drawn: CounterSample[] = [];

  beforeAll(async () => {
    for (let t = START_SEC; t < START_SEC + 3600; t += 1) {
      live.serve(t, t + 1);
    }
    expected.addInterval(model, START_SEC, START_SEC + 3600);
    drawn = await live.counterTotals();
  });

  test('has the same counter series as the history', () => {
    const keys = (samples: CounterSample[]) => samples.map((s) => sampleKey(s.name, s.labels)).sort();
    expect(keys(drawn)).toEqual(keys(expected.samples()));
  });

  test('serves as many requests as the model expects (within 1 %)', () => {
    const count = value(drawn, 'http_request_duration_seconds_count');
    expect(count / value(expected.samples(), 'http_request_duration_seconds_count')).toBeCloseTo(1, 2);
  });

  test.each(['0.1', '0.3', '1'])('answers the same share of requests within %s s (within 1 point)', (le) => {
    const share = (samples: CounterSample[]) =>
      value(samples, 'http_request_duration_seconds_bucket', { le }) /
      value(samples, 'http_request_duration_seconds_count');
    expect(Math.abs(share(drawn) - share(expected.samples()))).toBeLessThan(0.01);
  });
});

test('live checkout converts carts to orders at the model rate (within 0.5 points)', async () => {
  const live = new LiveService(
    'checkout',
    model,
    { atSec: START_SEC, totals: [], lastDeployAtSec: 0 },
    seededRandom(7)
  );
  const expected = new ExpectedCounters('checkout');
  for (let t = START_SEC; t < START_SEC + 3 * 3600; t += 1) {
    live.serve(t, t + 1);
  }
  expected.addInterval(model, START_SEC, START_SEC + 3 * 3600);
  const conversion = (samples: CounterSample[]) =>
    value(samples, 'orders_total') / value(samples, 'carts_created_total');
  expect(Math.abs(conversion(await live.counterTotals()) - conversion(expected.samples()))).toBeLessThan(0.005);
});
