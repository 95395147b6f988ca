/**
 * `northstar eval` for value KPIs against a real Prometheus: the engine's value over the period and the period
 * before, folded from range queries on the step grid, must agree with what PromQL computes itself over each
 * period pinned with `@`: sum(increase(…)) / sum(increase(…)) for a ratio, sum(increase(…)) for a sum and
 * avg_over_time(…[period:step]) for a mean. The step is the app's (valueQueryStep), so eval's numbers are also
 * the app's: the same queries asked as Grafana asks them for the catalog row, read by the app's evaluateValueFrames.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describeWithPrometheus, startPrometheus, type RunningPrometheus } from '../testing/prometheusServer';
import { counterOpenMetrics, type TrafficHour } from '../testing/syntheticTraffic';
import type { DataFrame } from '@grafana/data';
import { parseDuration } from '../kpi/time';
import type { ValueKpiDefinition } from '../kpi/model';
import { evaluateValueFrames, valueQueryRefs, valueQueryStep } from '../reading';
import { PrometheusClient } from './prometheus';

jest.setTimeout(180_000);

const HOUR_SEC = 3600;
const DAY_SEC = 86_400;
const DAYS = 16;
/** Data ends on an hour; eval is asked at :20. */
const END_SEC = Math.floor(Date.now() / 1000 / HOUR_SEC) * HOUR_SEC - 2 * HOUR_SEC;
const AT_SEC = END_SEC - 40 * 60;
/**
 * The app's step for a 7d window and a UTC week: the finest round step from 30m with at most 2,000 points over two
 * periods and a day (15 days / 30m = 720) that divides 7 days. Eval reads at :20 rounded down to it, as Grafana
 * rounds a range's end: at the hour.
 */
const STEP_SEC = 1800;
const READ_SEC = Math.floor(AT_SEC / STEP_SEC) * STEP_SEC;
/** `$__rate_interval` at that step and the 1m scrape interval, as Grafana expands it: step + scrape. */
const RATE_INTERVAL = '31m';
const WEEK_SEC = 7 * DAY_SEC;
/** Monday 00:00 UTC of the week READ_SEC is in (1970-01-01 was a Thursday). */
const WEEK_START_SEC = Math.floor((READ_SEC - 4 * DAY_SEC) / WEEK_SEC) * WEEK_SEC + 4 * DAY_SEC;

/**
 * Carts per hour and the share that become orders (the counter's "bad" outcome is `ordered`): 2 to 6 carts a
 * second, converting at 2.6 % to 3.2 %, a little worse in the last week so that the change is not zero.
 */
function shopHours(): TrafficHour[] {
  return Array.from({ length: DAYS * 24 }, (_, i) => ({
    rate: 2 + ((i * 7) % 5),
    errorRatio: (i >= DAYS * 24 - 7 * 24 ? 0.026 : 0.03) + ((i * 5) % 4) * 0.002,
  }));
}

const CARTS = 'shop_checkouts_total{job="shop"}';
const ORDERS = 'shop_checkouts_total{job="shop",outcome="ordered"}';

const valueKpi = (id: string, indicator: object, objective: object) => ({
  id,
  version: 2,
  status: 'published',
  name: id,
  owner: 'team-growth',
  datasource: { type: 'prometheus', uid: 'prometheus' },
  indicator: { type: 'value', ...indicator },
  objective,
});

const KPIS = [
  valueKpi(
    'conversion',
    {
      numerator: `sum(rate(${ORDERS}[$__rate_interval]))`,
      denominator: `sum(rate(${CARTS}[$__rate_interval]))`,
      unit: 'percentunit',
    },
    { direction: 'higher', target: 0.03, warning: 0.028, window: '7d' }
  ),
  valueKpi(
    'orders',
    { query: `sum(rate(${ORDERS}[$__rate_interval]))`, aggregation: 'sum', unit: 'short' },
    { direction: 'higher', target: 40_000, window: '7d' }
  ),
  valueKpi(
    'carts-per-second',
    { query: `sum(rate(${CARTS}[$__rate_interval]))`, aggregation: 'mean', unit: 'reqps' },
    { direction: 'higher', target: 3, window: '7d' }
  ),
  valueKpi(
    'orders-this-week',
    { query: `sum(rate(${ORDERS}[$__rate_interval]))`, aggregation: 'sum', unit: 'short' },
    { direction: 'higher', target: 60_000, warning: 50_000, window: { calendar: 'week', timeZone: 'UTC' } }
  ),
  valueKpi(
    'unsummed',
    { query: `rate(${CARTS}[$__rate_interval])`, aggregation: 'mean', unit: 'reqps' },
    { direction: 'higher', target: 3, window: '7d' }
  ),
];

function writeCatalog(kpis: object[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'northstar-value-eval-')), 'catalog.yaml');
  writeFileSync(file, stringify({ apiVersion: 'northstar.dev/v1', kind: 'KpiCatalog', kpis }));
  return file;
}

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(__dirname, '../../bin/northstar.cjs'), ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const relativeError = (ours: number, theirs: number) => Math.abs(ours - theirs) / Math.abs(theirs);

describeWithPrometheus('northstar eval of value KPIs against a real Prometheus', () => {
  let prometheus: RunningPrometheus;
  let client: PrometheusClient;
  let rows: Record<string, Record<string, unknown>>;
  let table: string;
  const promql = async (query: string) => (await client.instant(query, AT_SEC * 1000))!;

  beforeAll(async () => {
    prometheus = await startPrometheus(
      counterOpenMetrics(
        'shop_checkouts',
        [
          {
            labels: 'job="shop"',
            outcome: { label: 'outcome', good: 'abandoned', bad: 'ordered' },
            hours: shopHours(),
          },
        ],
        END_SEC
      )
    );
    client = new PrometheusClient(prometheus.url);
    const catalog = writeCatalog(KPIS);
    const args = ['eval', catalog, '--prometheus', prometheus.url, '--at', String(AT_SEC), '--scrape-interval', '1m'];
    const json = await runCli([...args, '--json']);
    expect(json.stderr).toBe('');
    rows = Object.fromEntries(JSON.parse(json.stdout).map((row: { id: string }) => [row.id, row]));
    table = (await runCli(args)).stdout;
  });

  afterAll(async () => {
    await prometheus?.stop();
  });

  // Each step holds rate over $__rate_interval = step + scrape (31m at a 30m step and 1m scrape) times the step,
  // as Grafana reads it: where traffic changes between two steps, the minute shared with the step before weighs
  // twice, so that step is off by up to scrape / step = 1/30 of the change. Traffic here changes once an hour
  // (every 2nd step) by up to ±60 %, which bounds a period's error by about 1/30 × 1/2 × 60 % / √(changes that do
  // not cancel); increase() adds its extrapolation at the two ends. 0.1 % holds that with room.
  const RATE_GRID_BOUND = 0.001;

  test.each([
    ['this period', READ_SEC, 'value'],
    ['the period before', READ_SEC - WEEK_SEC, 'previousValue'],
  ])('a ratio over %s is sum(increase(orders)) / sum(increase(carts)) pinned with @', async (_, endSec, field) => {
    const expected = await promql(`sum(increase(${ORDERS}[7d] @ ${endSec})) / sum(increase(${CARTS}[7d] @ ${endSec}))`);
    const ours = rows.conversion[field] as number;
    expect(relativeError(ours, expected)).toBeLessThan(RATE_GRID_BOUND);
  });

  test.each([
    ['this period', READ_SEC, 'value'],
    ['the period before', READ_SEC - WEEK_SEC, 'previousValue'],
  ])('a sum over %s is sum(increase(orders)) pinned with @', async (_, endSec, field) => {
    const expected = await promql(`sum(increase(${ORDERS}[7d] @ ${endSec}))`);
    expect(relativeError(rows.orders[field] as number, expected)).toBeLessThan(RATE_GRID_BOUND);
  });

  test.each([
    ['this period', READ_SEC, 'value'],
    ['the period before', READ_SEC - WEEK_SEC, 'previousValue'],
  ])('a mean over %s is avg_over_time of the same query on the same steps', async (_, endSec, field) => {
    // The subquery's range is closed in Prometheus 2: 1 ms less keeps the step at the period's start out, as
    // the grid does (a slot holds the step before it). Same points, same rate window: equal to rounding.
    const expected = await promql(
      `avg_over_time(sum(rate(${CARTS}[${RATE_INTERVAL}]))[6d23h59m59s999ms:30m] @ ${endSec})`
    );
    expect(relativeError(rows['carts-per-second'][field] as number, expected)).toBeLessThan(1e-9);
  });

  test('a calendar week under way: the total so far, the forecast at its run rate, last week as a whole', async () => {
    const row = rows['orders-this-week'];
    const elapsedSec = READ_SEC - WEEK_START_SEC;
    const soFar = await promql(`sum(increase(${ORDERS}[${elapsedSec}s] @ ${READ_SEC}))`);
    const lastWeek = await promql(`sum(increase(${ORDERS}[7d] @ ${WEEK_START_SEC}))`);
    expect(relativeError(row.value as number, soFar)).toBeLessThan(RATE_GRID_BOUND);
    expect(relativeError(row.previousValue as number, lastWeek)).toBeLessThan(RATE_GRID_BOUND);
    expect(row.forecast as number).toBeCloseTo(((row.value as number) * WEEK_SEC) / elapsedSec, 6);
    expect(row).toMatchObject({
      kind: 'value',
      periodStart: new Date(WEEK_START_SEC * 1000).toISOString(),
      periodEnd: new Date((WEEK_START_SEC + WEEK_SEC) * 1000).toISOString(),
    });
  });

  /**
   * The catalog row's reading of a KPI: each of its queries from a day before the previous period to eval's
   * instant, asked as Grafana asks Prometheus for the app (the app's step, `$__rate_interval` expanded, the range's
   * ends rounded down to the step), answered as data frames and folded by the app's own evaluateValueFrames.
   */
  async function appReading(kpi: ValueKpiDefinition) {
    const step = valueQueryStep(kpi.objective.window, AT_SEC * 1000)!;
    const stepSec = step.stepMs / 1000;
    const fromSec = AT_SEC - (2 * parseDuration('7d')) / 1000 - DAY_SEC;
    // promlib's calculateRateInterval: max(step + scrape, 4 × scrape), the scrape interval being 1m here.
    const rateInterval = `${Math.max(step.stepMs + 60_000, 240_000) / 1000}s`;
    const frames: DataFrame[] = [];
    for (const { refId, expr } of valueQueryRefs(kpi)) {
      const params = new URLSearchParams({
        query: expr.replaceAll('$__rate_interval', rateInterval),
        start: String(Math.floor(fromSec / stepSec) * stepSec),
        end: String(Math.floor(AT_SEC / stepSec) * stepSec),
        step: String(stepSec),
      });
      const answer = await (await fetch(`${prometheus.url}/api/v1/query_range?${params}`)).json();
      for (const { metric, values } of answer.data.result as Array<{
        metric: object;
        values: Array<[number, string]>;
      }>) {
        const times = values.map(([sec]) => sec * 1000);
        frames.push({
          refId,
          length: values.length,
          fields: [
            { name: 'Time', type: 'time', values: times, config: { interval: step.stepMs } },
            { name: 'Value', type: 'number', values: values.map(([, v]) => Number(v)), labels: metric, config: {} },
          ],
        } as DataFrame);
      }
    }
    return {
      step,
      reading: evaluateValueFrames(kpi, frames, {
        atMs: Math.floor(AT_SEC / stepSec) * stepSec * 1000,
        stepMs: step.stepMs,
      }),
    };
  }

  test.each(['conversion', 'orders', 'carts-per-second', 'orders-this-week'])(
    '%s: eval reads at the app’s step and gives the catalog row’s value and previous value',
    async (id) => {
      const kpi = KPIS.find((candidate) => candidate.id === id) as unknown as ValueKpiDefinition;
      const { step, reading } = await appReading(kpi);
      expect(step.stepMs).toBe(STEP_SEC * 1000);
      const row = rows[id];
      expect(row.evaluatedAt).toBe(new Date(READ_SEC * 1000).toISOString());
      expect(reading.evaluation.value).not.toBeNull();
      expect(relativeError(row.value as number, reading.evaluation.value!)).toBeLessThan(1e-12);
      expect(relativeError(row.previousValue as number, reading.evaluation.previousValue!)).toBeLessThan(1e-12);
    }
  );

  test('the JSON row says what the issue asks for, in that order, and the status follows the numbers', () => {
    const row = rows.conversion;
    expect(Object.keys(row).slice(0, 13)).toEqual([
      'id',
      'version',
      'kind',
      'status',
      'value',
      'target',
      'direction',
      'previousValue',
      'change',
      'forecast',
      'periodStart',
      'periodEnd',
      'evaluatedAt',
    ]);
    // The last week converts at 2.6 % to 3.2 % (mean near 2.9 %), under the 3 % target but above the 2.8 % warning.
    expect(row.value as number).toBeGreaterThan(0.028);
    expect(row.value as number).toBeLessThan(0.03);
    expect(row.status).toBe('at-risk');
    const change = row.change as { absolute: number; better: boolean };
    expect(change.absolute).toBeCloseTo((row.value as number) - (row.previousValue as number), 12);
    expect(change.better).toBe(false);
  });

  test('a query that returns several series is no-data, naming the label to sum away', () => {
    expect(rows.unsummed).toMatchObject({ status: 'no-data', value: null });
    expect(rows.unsummed.reason).toContain('indicator.query returns 2 series where one is expected: sum away outcome');
  });

  test('the table shows value KPIs in their unit, with direction, change and forecast', () => {
    const line = table.split('\n').find((text) => text.startsWith('conversion '));
    expect(line).toMatch(/^conversion\s+2\s+at-risk\s+2\.9\d*%\s+3%\s+↑ higher\s+-0\.\d+% \(-\d+(\.\d+)?%, worse\)/);
    expect(table).toContain('unsummed: indicator.query returns 2 series');
  });
});
