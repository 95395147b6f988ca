/**
 * Parity of `northstar eval --grafana` (through the plugin host's `/api/ds/query`, as the app reads) with `northstar
 * eval --prometheus` (straight to Prometheus), on the same KPIs against the same real Prometheus: a ratio SLO and a
 * value KPI. Both must give the same SLI, budget, burn rates and value to 1e-9 relative: the two paths are one
 * product, and a user must not get two answers depending on how they asked.
 */
import { stringify } from 'yaml';
import type { EvalRow, SloEvalRow } from '../../src/cli/evaluateCatalog';
import type { ValueEvalRow } from '../../src/cli/evaluateValueKpi';
import { run, tempFile } from '../../src/cli/cliTestSupport';
import type { KpiDefinition, ValueKpiDefinition } from '../../src/kpi/model';
import { describeWithPrometheus, startPrometheus, type RunningPrometheus } from '../../src/testing/prometheusServer';
import { counterFamiliesOpenMetrics, type TrafficHour } from '../../src/testing/syntheticTraffic';
import { startApiOnlyHost } from './apiOnlyHost';
import type { RunningHost } from './startHost';

jest.setTimeout(180_000);

const HOUR_SEC = 3600;
const DAYS = 4;
const TOKEN = 'glsa_northstarParityTestToken0123456789_abcdef01';
/** The data ends on an hour; the run is an hour before it, on the value KPI's 30m step and the SLO's 5m one. */
const END_SEC = Math.floor(Date.now() / 1000 / HOUR_SEC) * HOUR_SEC - HOUR_SEC;
const AT_SEC = END_SEC - HOUR_SEC;
const PROMETHEUS = { type: 'prometheus', uid: 'prometheus' };

/**
 * Checkout requests, 4 to 14 a second, with 0.1 % to 0.4 % errors and a 3 % burn in the three hours before the run,
 * so that every window's burn rate is a different number; carts, 10 a second, 3.1 % to 3.4 % ordered.
 */
function checkoutHours(): TrafficHour[] {
  return Array.from({ length: DAYS * 24 }, (_, i) => ({
    rate: 4 + ((i * 7) % 11),
    errorRatio: i >= DAYS * 24 - 4 && i < DAYS * 24 - 1 ? 0.03 : 0.001 + (i % 4) * 0.001,
  }));
}

function cartHours(): TrafficHour[] {
  // The counter's "bad" outcome is `ordered`: its share is the conversion, a little lower on the last day.
  return Array.from({ length: DAYS * 24 }, (_, i) => ({
    rate: 10,
    errorRatio: (i >= DAYS * 24 - 24 ? 0.031 : 0.033) + (i % 4) * 0.001,
  }));
}

const checkout: KpiDefinition = {
  id: 'checkout-availability',
  version: 1,
  status: 'published',
  name: 'Checkout availability',
  owner: 'team-checkout',
  datasource: PROMETHEUS,
  indicator: {
    type: 'ratio',
    good: 'sum(rate(http_requests_total{job="checkout",code!~"5.."}[$__rate_interval]))',
    total: 'sum(rate(http_requests_total{job="checkout"}[$__rate_interval]))',
  },
  objective: { target: 0.99, window: '1d' },
};

const conversion: ValueKpiDefinition = {
  id: 'checkout-conversion',
  version: 1,
  status: 'published',
  name: 'Checkout conversion',
  owner: 'team-growth',
  datasource: PROMETHEUS,
  indicator: {
    type: 'value',
    numerator: 'sum(rate(shop_carts_total{outcome="ordered"}[$__rate_interval]))',
    denominator: 'sum(rate(shop_carts_total[$__rate_interval]))',
    unit: 'percentunit',
  },
  objective: { direction: 'higher', target: 0.03, warning: 0.028, window: '1d' },
};

/**
 * The same conversion over 28 days: its period and the one before reach 56 days back, a range over which the SLO's
 * 1m step would be 80,640 points, more than Prometheus answers. It must not cost the SLO its short windows.
 */
const conversionOver28Days: ValueKpiDefinition = {
  ...conversion,
  id: 'checkout-conversion-28d',
  objective: { ...conversion.objective, window: '28d' },
};

const CATALOG = stringify({
  apiVersion: 'northstar.dev/v1',
  kind: 'KpiCatalog',
  kpis: [checkout, conversion, conversionOver28Days],
});

let prometheus: RunningPrometheus;
let host: RunningHost;

async function evalRows(...source: string[]): Promise<Map<string, EvalRow>> {
  process.env.GRAFANA_TOKEN = TOKEN;
  const file = tempFile('parity.yaml', CATALOG);
  const { stdout, stderr } = await run(
    'eval',
    file,
    ...source,
    '--at',
    String(AT_SEC),
    '--scrape-interval',
    '1m',
    '--json'
  );
  expect(stderr).toBe('');
  return new Map((JSON.parse(stdout) as EvalRow[]).map((row) => [row.id, row]));
}

const relativeDifference = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));

describeWithPrometheus('eval --grafana and eval --prometheus agree on the same Prometheus', () => {
  let throughGrafana: Map<string, EvalRow>;
  let throughPrometheus: Map<string, EvalRow>;

  beforeAll(async () => {
    prometheus = await startPrometheus(
      counterFamiliesOpenMetrics(
        [
          { metric: 'http_requests', series: [{ labels: 'job="checkout"', hours: checkoutHours() }] },
          {
            metric: 'shop_carts',
            series: [
              {
                labels: 'job="shop"',
                hours: cartHours(),
                outcome: { label: 'outcome', good: 'abandoned', bad: 'ordered' },
              },
            ],
          },
        ],
        END_SEC
      )
    );
    host = await startApiOnlyHost('northstar-eval-parity-', {
      prometheusUrl: prometheus.url,
      scrapeInterval: '1m',
      serviceAccount: { token: TOKEN, role: 'Viewer' },
    });
    throughGrafana = await evalRows('--grafana', host.url);
    throughPrometheus = await evalRows('--prometheus', prometheus.url);
    // The value KPI at the step the app reads it at (valueQueryStep: 30m for a day), named here because eval
    // --prometheus read value KPIs on the engine's 5m grid before s18-valrest; AT is on that step, so once
    // --prometheus takes valueQueryStep itself this asks the same thing.
    const value = await evalRows('--prometheus', prometheus.url, '--kpi', conversion.id, '--step', '30m');
    throughPrometheus.set(conversion.id, value.get(conversion.id)!);
  });

  afterAll(async () => {
    delete process.env.GRAFANA_TOKEN;
    await host?.stop();
    await prometheus?.stop();
  });

  test('the ratio SLO: the same SLI, budget and burn rate over every window', () => {
    const viaGrafana = throughGrafana.get(checkout.id) as SloEvalRow;
    const viaPrometheus = throughPrometheus.get(checkout.id) as SloEvalRow;
    expect([viaGrafana.error, viaPrometheus.error]).toEqual([undefined, undefined]);
    // The burn makes the short windows page: the numbers compared are not all alike.
    expect(viaPrometheus.status).toBe('page');
    expect(viaGrafana.status).toBe(viaPrometheus.status);
    expect(relativeDifference(viaGrafana.sli!, viaPrometheus.sli!)).toBeLessThan(1e-9);
    expect(relativeDifference(viaGrafana.budgetRemaining!, viaPrometheus.budgetRemaining!)).toBeLessThan(1e-9);
    const windows = Object.keys(viaPrometheus.burnRates);
    expect(Object.keys(viaGrafana.burnRates)).toEqual(windows);
    expect(windows.length).toBeGreaterThanOrEqual(5);
    for (const window of windows) {
      const difference = relativeDifference(viaGrafana.burnRates[window]!, viaPrometheus.burnRates[window]!);
      expect([window, difference]).toEqual([window, expect.any(Number)]);
      expect([window, difference < 1e-9]).toEqual([window, true]);
    }
  });

  test('a value KPI over 28 days in the same run reads its value too', () => {
    const viaGrafana = throughGrafana.get(conversionOver28Days.id) as ValueEvalRow;
    expect(viaGrafana.error).toBeUndefined();
    // Four days of carts, a little over 3 % ordered.
    expect(viaGrafana.value).toBeGreaterThan(0.031);
    expect(viaGrafana.value).toBeLessThan(0.037);
  });

  test('the value KPI: the same value, previous value, change and status', () => {
    const viaGrafana = throughGrafana.get(conversion.id) as ValueEvalRow;
    const viaPrometheus = throughPrometheus.get(conversion.id) as ValueEvalRow;
    expect([viaGrafana.error, viaPrometheus.error]).toEqual([undefined, undefined]);
    expect(viaGrafana.value).toBeGreaterThan(0.03);
    expect(relativeDifference(viaGrafana.value!, viaPrometheus.value!)).toBeLessThan(1e-9);
    expect(relativeDifference(viaGrafana.previousValue!, viaPrometheus.previousValue!)).toBeLessThan(1e-9);
    expect(relativeDifference(viaGrafana.change!.absolute, viaPrometheus.change!.absolute)).toBeLessThan(1e-6);
    expect([viaGrafana.status, viaGrafana.periodStart, viaGrafana.evaluatedAt]).toEqual([
      viaPrometheus.status,
      viaPrometheus.periodStart,
      viaPrometheus.evaluatedAt,
    ]);
  });
});
