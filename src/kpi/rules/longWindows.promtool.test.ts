/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// (jsdom, because the scaffold's jest setup needs it, but resolving packages for Node so `yaml` loads its CommonJS build)
// The long windows' daily and hourly sums under Prometheus' own rule engine: on traffic whose rate and error ratio
// jump from hour to hour, a window read from the sums equals the exact ratio of the counters' increases over it
// (over the history there is, while the sums warm up).
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { stringify } from 'yaml';

import { describeWithPromtool, runPromtool } from '../../testing/promtool';
import { checkoutKpi } from '../../testing/checkoutKpi';
import { generateRuleGroups, ruleGroupsToPrometheusFile } from './rules';

/** 99.9 % over 3d with a ticket row whose long window is 1d3h: whole days, and days with odd hours. */
const KPI = checkoutKpi({
  objective: { target: 0.999, window: '3d' },
  alerting: { policy: 'custom', rules: [{ severity: 'ticket', factor: 2, long: '1d3h', short: '5m' }] },
});

/** Requests a minute per hour of three and a half days, and errors: busy and quiet hours, a burst now and then. */
function hourlyIncrements(): { good: number[]; failed: number[] } {
  const good: number[] = [];
  const failed: number[] = [];
  for (let hour = 0; hour < 84; hour++) {
    const requests = 100 + ((hour * 37) % 11) * 90;
    const errors = hour % 13 === 5 ? 40 + (hour % 7) * 10 : hour % 3;
    good.push(requests - errors);
    failed.push(errors);
  }
  return { good, failed };
}

/** promtool's expanding notation, one `a+bx60` run per hour. */
function series(perHour: number[]): string {
  let value = 0;
  return perHour
    .map((increment) => {
      const run = `${value}+${increment}x59`;
      value += increment * 60;
      return run;
    })
    .join(' ');
}

/** |window from the sums − the exact ratio of counts over the window (or since the start)|, 1 when below 1e-12. */
function sameAsCounts(window: string): string {
  const counted = (selector: string) => `(sum(${selector}) - (sum(${selector} offset ${window}) or vector(0)))`;
  const good = counted('http_requests_total{job="checkout",code!~"5.."}');
  const total = counted('http_requests_total{job="checkout"}');
  return (
    `abs(vector(scalar(northstar:kpi_error_ratio:rate${window}) - scalar(1 - ${good} / ${total})))` + ' < bool 1e-12'
  );
}

describeWithPromtool('long windows under promtool', (promtool) => {
  let dir = '';

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'northstar-long-windows-'));
    writeFileSync(
      join(dir, 'long.rules.yml'),
      stringify(ruleGroupsToPrometheusFile(generateRuleGroups([KPI])), { lineWidth: 0 })
    );
    const { good, failed } = hourlyIncrements();
    const expectations = [
      // warming up: 5 hours of sums; then a full day and odd hours; then the whole 3d
      ['5h', '1d3h'],
      ['5h', '3d'],
      ['1d4h', '1d3h'],
      ['3d9h', '1d3h'],
      ['3d9h', '3d'],
    ].map(([evalTime, window]) => ({
      expr: sameAsCounts(window),
      eval_time: evalTime,
      exp_samples: [{ labels: '{}', value: 1 }],
    }));
    const test = {
      rule_files: ['long.rules.yml'],
      evaluation_interval: '1m',
      tests: [
        {
          interval: '1m',
          input_series: [
            { series: 'http_requests_total{job="checkout",code="200"}', values: series(good) },
            { series: 'http_requests_total{job="checkout",code="500"}', values: series(failed) },
          ],
          promql_expr_test: expectations,
        },
      ],
    };
    writeFileSync(join(dir, 'long.test.yml'), stringify(test, { lineWidth: 0 }));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("a window read from the sums equals the ratio of the counters' increases over it, warming up or not", () => {
    const result = runPromtool(promtool, ['test', 'rules', 'long.test.yml'], dir);
    expect({ status: result.status, output: result.output }).toEqual({
      status: 0,
      output: expect.stringContaining('SUCCESS'),
    });
  }, 130_000);
});
