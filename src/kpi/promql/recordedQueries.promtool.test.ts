/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// The queries dashboards run on recorded series, evaluated by Prometheus' own engine over the records the generated
// rules write (`promtool test rules`), against numbers worked out by hand from the input series.
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { stringify } from 'yaml';
import { describeWithPromtool, runPromtool } from '../../testing/promtool';
import type { KpiDefinition } from '../model';
import { checkoutKpi } from '../../testing/checkoutKpi';
import {
  kpiIdMatcher,
  recordedGoodExpr,
  recordedObjectiveExpr,
  recordedSliExpr,
  recordedTotalExpr,
  recordedWorstInstancesExpr,
} from './recordedQueries';
import { generateRuleGroups, ruleGroupsToPrometheusFile } from '../rules';

const RULE_FILE = 'recorded.rules.yml';

/** 99.9 % of checkout requests without a 5xx over 30d, default policy: base window 5m. */
const checkout: KpiDefinition = checkoutKpi({
  indicator: {
    good: 'sum(rate(http_requests_total{job="checkout",code!~"5.."}[$__rate_interval]))',
    total: 'sum(rate(http_requests_total{job="checkout"}[$__rate_interval]))',
  },
  objective: { target: 0.999, window: '30d' },
});

/** p95 of search latency below 300 ms per 1m slice, 99 % of slices. */
const searchLatency: KpiDefinition = {
  ...checkout,
  id: 'search-latency',
  name: 'Search latency',
  indicator: {
    type: 'threshold',
    query:
      'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job="search"}[$__rate_interval])))',
    comparator: '<',
    threshold: 0.3,
  },
  objective: { target: 0.99, window: '30d' },
};

/** Per route (`groupBy: [route]`): its records keep the route beside kpi_id. */
const checkoutRoutes: KpiDefinition = {
  ...checkout,
  id: 'checkout-routes',
  name: 'Checkout per route',
  indicator: {
    type: 'ratio',
    good: 'sum by (route) (rate(http_requests_total{job="routes",code!~"5.."}[$__rate_interval]))',
    total: 'sum by (route) (rate(http_requests_total{job="routes"}[$__rate_interval]))',
    groupBy: ['route'],
  },
};

const round = (expr: string) => `round((${expr}) * 1e6) / 1e6`;
const checkoutId = kpiIdMatcher(checkout.id);
const searchId = kpiIdMatcher(searchLatency.id);
const routesId = kpiIdMatcher(checkoutRoutes.id);
const labelsOf = (kpiId: string, route?: string) =>
  route === undefined ? `{kpi_id="${kpiId}"}` : `{kpi_id="${kpiId}",route="${route}"}`;

/**
 * Checkout: 60 requests a minute (1/s), all good for the first hour, then 6 a minute fail (10 %). Search: 100
 * requests a minute, all fast (≤ 100 ms) for 2h, all slow (300–500 ms) from then on: every slice from 2h1m is bad.
 * Evaluation times end at :30 so that a window's edges fall between two evaluations: Prometheus 2 and 3 (closed
 * and left-open ranges) then see the same records.
 *
 * Per route: /pay 100 requests a minute, 5 failing (5 %); /browse 1,000 a minute, 1 failing (0.1 %), throughout.
 */
function fixture() {
  return {
    rule_files: [RULE_FILE],
    evaluation_interval: '1m',
    tests: [
      {
        interval: '1m',
        input_series: [
          { series: 'http_requests_total{job="checkout",code="200"}', values: '0+60x60 3654+54x59' },
          { series: 'http_requests_total{job="checkout",code="500"}', values: '0x60 6+6x59' },
          { series: 'http_request_duration_seconds_bucket{job="search",le="0.1"}', values: '0+100x120 12000x30' },
          { series: 'http_request_duration_seconds_bucket{job="search",le="0.3"}', values: '0+100x120 12000x30' },
          { series: 'http_request_duration_seconds_bucket{job="search",le="0.5"}', values: '0+100x150' },
          { series: 'http_request_duration_seconds_bucket{job="search",le="+Inf"}', values: '0+100x150' },
          { series: 'http_requests_total{job="routes",route="/pay",code="200"}', values: '0+95x150' },
          { series: 'http_requests_total{job="routes",route="/pay",code="500"}', values: '0+5x150' },
          { series: 'http_requests_total{job="routes",route="/browse",code="200"}', values: '0+999x150' },
          { series: 'http_requests_total{job="routes",route="/browse",code="500"}', values: '0+1x150' },
        ],
        promql_expr_test: [
          // Per second over the base 5m window: 60 a minute in all, 54 of them good after the first hour.
          sample(round(recordedTotalExpr(checkoutId)), '30m30s', 1, labelsOf(checkout.id)),
          sample(round(recordedGoodExpr(checkoutId)), '30m30s', 1, labelsOf(checkout.id)),
          sample(round(recordedGoodExpr(checkoutId)), '2h30s', 0.9, labelsOf(checkout.id)),
          // 1h ending at 2h0m30s holds the records of 1h01m … 2h: the 5m rates 0.98, 0.96, 0.94, 0.92 while the
          // window slides into the failures, then 56 × 0.9; total 60 × 1. SLI = (3.8 + 50.4) / 60 = 0.903333….
          sample(round(recordedSliExpr(checkoutId, '1h')), '2h30s', 0.903333),
          sample(recordedSliExpr(checkoutId, '30m'), '1h0m30s', 1),
          sample(recordedObjectiveExpr(checkoutId), '1h', 0.999),
          // Search: a slice verdict per minute, read as 1 or 0 good per second out of 1.
          sample(recordedGoodExpr(searchId), '2h30s', 1, labelsOf(searchLatency.id)),
          sample(recordedGoodExpr(searchId), '2h1m30s', 0, labelsOf(searchLatency.id)),
          sample(recordedTotalExpr(searchId), '2h1m30s', 1, labelsOf(searchLatency.id)),
          // 10m ending at 2h5m30s: the slices of 1h56m … 2h5m, the last five bad.
          sample(recordedSliExpr(searchId, '10m'), '2h5m30s', 0.5),
          sample(recordedObjectiveExpr(searchId), '1h', 0.99),
          // Per route, per second: /pay 100 / 60 = 1.666667 of which 95 / 60 = 1.583333 good; /browse 1,000 / 60
          // = 16.666667 and 999 / 60 = 16.65.
          samples(round(recordedTotalExpr(routesId)), '30m30s', [
            [labelsOf(checkoutRoutes.id, '/browse'), 16.666667],
            [labelsOf(checkoutRoutes.id, '/pay'), 1.666667],
          ]),
          samples(round(recordedGoodExpr(routesId)), '30m30s', [
            [labelsOf(checkoutRoutes.id, '/browse'), 16.65],
            [labelsOf(checkoutRoutes.id, '/pay'), 1.583333],
          ]),
          // The KPI as a whole over 1h: 1 − (5 + 1) / 1,100 = 0.994545…; per route 95 % and 99.9 %.
          sample(round(recordedSliExpr(routesId, '1h')), '2h30s', 0.994545),
          samples(round(recordedSliExpr(routesId, '1h', true)), '2h30s', [
            [labelsOf(checkoutRoutes.id, '/browse'), 0.999],
            [labelsOf(checkoutRoutes.id, '/pay'), 0.95],
          ]),
          // The worst route, with its labels.
          samples(round(recordedWorstInstancesExpr(routesId, '1h', 1)), '2h30s', [
            [labelsOf(checkoutRoutes.id, '/pay'), 0.95],
          ]),
          // A KPI evaluated as one is its one series: checkout 54.2 of 60 per second good, as above.
          samples(round(recordedWorstInstancesExpr(checkoutId, '1h', 3)), '2h30s', [[labelsOf(checkout.id), 0.903333]]),
        ],
      },
    ],
  };
}

function sample(expr: string, evalTime: string, value: number, labels = '{}') {
  return samples(expr, evalTime, [[labels, value]]);
}

function samples(expr: string, evalTime: string, expected: Array<[labels: string, value: number]>) {
  return { expr, eval_time: evalTime, exp_samples: expected.map(([labels, value]) => ({ labels, value })) };
}

describeWithPromtool('queries on recorded series, under promtool', (promtool) => {
  let dir = '';

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'northstar-recorded-'));
    const rules = ruleGroupsToPrometheusFile(generateRuleGroups([checkout, searchLatency, checkoutRoutes]));
    writeFileSync(join(dir, RULE_FILE), stringify(rules, { lineWidth: 0 }));
    writeFileSync(join(dir, 'recorded.test.yml'), stringify(fixture(), { lineWidth: 0 }));
  });

  afterAll(() => {
    if (dir) {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('good, total, SLI over a window and the objective match the hand-worked numbers', () => {
    const result = runPromtool(promtool, ['test', 'rules', 'recorded.test.yml'], dir);
    expect({ status: result.status, output: result.output }).toEqual({
      status: 0,
      output: expect.stringContaining('SUCCESS'),
    });
  });

  test('a KPI without records answers nothing rather than a number', () => {
    const absent = kpiIdMatcher('no-such-kpi');
    const none = { ...fixture() };
    none.tests[0].promql_expr_test = [recordedGoodExpr(absent), recordedSliExpr(absent, '1h')].map((expr) => ({
      expr,
      eval_time: '1h',
      exp_samples: [],
    }));
    writeFileSync(join(dir, 'absent.test.yml'), stringify(none, { lineWidth: 0 }));
    const result = runPromtool(promtool, ['test', 'rules', 'absent.test.yml'], dir);
    expect({ status: result.status, output: result.output }).toEqual({
      status: 0,
      output: expect.stringContaining('SUCCESS'),
    });
  });
});
