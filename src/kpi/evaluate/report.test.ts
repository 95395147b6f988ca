import fc from 'fast-check';
import type { KpiDefinition, ValueKpiDefinition } from '../model';
import { checkoutKpi, type CheckoutKpiOverrides } from '../../testing/checkoutKpi';
import {
  comparedValuePeriods,
  failedReportRow,
  reportCsv,
  reportPeriod,
  type ReportPeriod,
  reportRowOf,
  reportValuePeriods,
  valueReportRowOf,
} from './report';
import { evaluateValue, type ValueSeries } from './valueEvaluation';

const kpi = (overrides: CheckoutKpiOverrides = {}): KpiDefinition =>
  checkoutKpi({ objective: { target: 0.999 }, ...overrides });

const NOW = Date.UTC(2026, 11, 1, 21, 41);
const iso = (ms: number) => new Date(ms).toISOString();

describe('reportPeriod', () => {
  test('last month in Berlin is the whole of November, complete; the one before it October', () => {
    const period = reportPeriod('last-month', 'Europe/Berlin', NOW);
    expect([period.label, iso(period.startMs), iso(period.endMs), period.complete]).toEqual([
      'last month',
      '2026-10-31T23:00:00.000Z',
      '2026-11-30T23:00:00.000Z',
      true,
    ]);
    expect(iso(period.previous.startMs)).toBe('2026-09-30T22:00:00.000Z');
  });

  test('this quarter runs until now and says so', () => {
    const period = reportPeriod('this-quarter', 'UTC', NOW);
    expect([iso(period.startMs), period.endMs, period.complete]).toEqual(['2026-10-01T00:00:00.000Z', NOW, false]);
    expect(iso(period.previous.startMs)).toBe('2026-07-01T00:00:00.000Z');
  });
});

describe('reportRowOf, hand-worked', () => {
  test('0.05 % errors against 99.9 %: met, half the budget spent; 0.2 % the month before: +0.15 points', () => {
    const row = reportRowOf(kpi(), 0.0005, 0.002);
    expect(row.state).toBe('ok');
    expect(row.sli).toBeCloseTo(0.9995, 12);
    expect(row.met).toBe(true);
    expect(row.budgetSpent).toBeCloseTo(0.5, 12);
    expect(row.previousSli).toBeCloseTo(0.998, 12);
    expect(row.change).toBeCloseTo(0.0015, 12);
  });

  test('2 % errors is twenty budgets: missed', () => {
    const row = reportRowOf(kpi(), 0.02, null);
    expect([row.met, row.previousSli, row.change]).toEqual([false, null, null]);
    expect(row.budgetSpent).toBeCloseTo(20, 9);
  });

  test('no series is no data and 0/0 is no traffic: never 100 %', () => {
    expect(reportRowOf(kpi(), null, 0.001)).toMatchObject({ state: 'no-data', sli: null, met: null });
    expect(reportRowOf(kpi(), NaN, 0.001)).toMatchObject({ state: 'no-traffic', sli: null, budgetSpent: null });
  });

  test('property: spending at most the whole budget is the same as meeting the target', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.5, max: 0.9999, noNaN: true }),
        (ratio, target) => {
          const row = reportRowOf(kpi({ objective: { target, window: '28d' } }), ratio, null);
          // Away from the boundary itself, where float rounding may fall either way.
          fc.pre(Math.abs(row.sli! - target) > 1e-9);
          expect(row.budgetSpent! <= 1).toBe(row.met);
        }
      )
    );
  });
});

describe('reportCsv', () => {
  const period = reportPeriod('last-month', 'UTC', NOW);

  test('one line per KPI with decimals, ISO times and empty cells for missing numbers', () => {
    const csv = reportCsv(period, [
      reportRowOf(kpi(), 0.0005, 0.002),
      reportRowOf(kpi({ id: 'login', name: 'Login', owner: 'team-identity' }), NaN, null),
    ]);
    expect(csv.split('\r\n')).toEqual([
      'kpi_id,name,owner,period,period_start,period_end,complete,target,sli,met,budget_spent,previous_sli,change,state,' +
        'kind,unit,direction,value,previous_value,value_change,value_change_relative,forecast,check_ins',
      'checkout-availability,Checkout availability,team-payments,last month,2026-11-01T00:00:00.000Z,2026-12-01T00:00:00.000Z,true,0.999,0.9995,true,0.5,0.998,0.0015,ok,slo,,,,,,,,',
      'login,Login,team-identity,last month,2026-11-01T00:00:00.000Z,2026-12-01T00:00:00.000Z,true,0.999,,,,,,no-traffic,slo,,,,,,,,',
      '',
    ]);
  });

  test('quotes commas, quotes and line breaks, and defuses text a spreadsheet would run as a formula', () => {
    const csv = reportCsv(period, [
      failedReportRow(kpi({ name: 'Pay, "fast"\nand safe', owner: '=HYPERLINK("http://x")' }), 'timeout'),
    ]);
    const line = csv.split('\r\n').slice(1).join('\r\n');
    expect(line).toContain('"Pay, ""fast""\nand safe"');
    expect(line).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(line.endsWith(',error,slo,,,,,,,,\r\n')).toBe(true);
  });
});

describe('value KPIs in the report', () => {
  const HOUR_MS = 3_600_000;
  const conversion: ValueKpiDefinition = {
    id: 'checkout-conversion',
    version: 1,
    status: 'published',
    name: 'Checkout conversion',
    owner: 'team-growth',
    datasource: { type: 'prometheus', uid: 'prometheus' },
    indicator: { type: 'value', numerator: 'orders', denominator: 'carts', unit: 'percentunit' },
    objective: { direction: 'higher', target: 0.03, warning: 0.028, window: { calendar: 'month', timeZone: 'UTC' } },
  };
  const revenue: ValueKpiDefinition = {
    ...conversion,
    id: 'revenue',
    name: 'Revenue',
    indicator: { type: 'value', query: 'revenue', aggregation: 'sum', unit: 'currencyUSD' },
    objective: { direction: 'higher', target: 3_000_000, window: { calendar: 'month', timeZone: 'UTC' } },
  };

  /** Per-second rates on the report's grid: `before` in the previous period, `during` in the reported one. */
  function evaluate(kpi: ValueKpiDefinition, period: ReportPeriod, rates: Record<string, [number, number]>) {
    const periods = comparedValuePeriods(kpi, reportValuePeriods(period, HOUR_MS), period);
    const { grid } = periods;
    const seriesOf = ([before, during]: [number, number]) =>
      Float64Array.from({ length: grid.length }, (_, i) =>
        grid.startMs + i * HOUR_MS <= period.startMs ? before : during
      );
    const series: ValueSeries =
      kpi.indicator.aggregation === undefined
        ? { numerator: seriesOf(rates.numerator), denominator: seriesOf(rates.denominator) }
        : { query: seriesOf(rates.query), aggregation: kpi.indicator.aggregation };
    return evaluateValue({ objective: kpi.objective, periods, series, evaluatedAtMs: period.endMs });
  }

  test('the report’s periods: November and October on an hourly grid, November measured to its end', () => {
    const period = reportPeriod('last-month', 'UTC', NOW);
    const { current, previous, grid, measuredUntilMs } = reportValuePeriods(period, HOUR_MS);
    expect([iso(current.startMs), iso(current.endMs), iso(previous.startMs), iso(measuredUntilMs)]).toEqual([
      '2026-11-01T00:00:00.000Z',
      '2026-12-01T00:00:00.000Z',
      '2026-10-01T00:00:00.000Z',
      '2026-12-01T00:00:00.000Z',
    ]);
    // 31 days of October and 30 of November.
    expect([iso(grid.startMs), grid.length]).toEqual(['2026-10-01T01:00:00.000Z', 61 * 24]);
  });

  test('conversion of 0.3 orders per 10 carts meets 3 % when higher is better; the change is on October’s 2.5 %', () => {
    const period = reportPeriod('last-month', 'UTC', NOW);
    const row = valueReportRowOf(
      conversion,
      evaluate(conversion, period, { numerator: [0.25, 0.3], denominator: [10, 10] }),
      period
    );
    expect([row.state, row.met, row.sli, row.budgetSpent]).toEqual(['ok', true, null, null]);
    expect(row.value?.evaluation.value).toBeCloseTo(0.03, 12);
    expect(row.value?.evaluation.change?.absolute).toBeCloseTo(0.005, 12);
    expect(row.value?.evaluation.change?.relative).toBeCloseTo(0.2, 12);
  });

  test('the same 3 % against a cost-like KPI, lower is better with target 2.5 %, is missed', () => {
    const lower: ValueKpiDefinition = {
      ...conversion,
      objective: { ...conversion.objective, direction: 'lower', target: 0.025, warning: 0.027 },
    };
    const period = reportPeriod('last-month', 'UTC', NOW);
    const row = valueReportRowOf(
      lower,
      evaluate(lower, period, { numerator: [0.25, 0.3], denominator: [10, 10] }),
      period
    );
    expect([row.met, row.value?.evaluation.status, row.value?.evaluation.change?.better]).toEqual([
      false,
      'off-track',
      false,
    ]);
  });

  test('a monthly total in a quarter’s report has its value, and no met or missed: the target is per month', () => {
    const period = reportPeriod('last-quarter', 'UTC', NOW);
    const row = valueReportRowOf(revenue, evaluate(revenue, period, { query: [1, 1.25] }), period);
    // 1.25 $/s over July to September, 92 days: 1.25 × 92 × 86,400 = 9,936,000.
    expect(row.value?.evaluation.value).toBeCloseTo(9_936_000, 3);
    expect([row.state, row.met, row.value?.notComparable]).toEqual([
      'ok',
      null,
      'the target is a total per month, not per quarter',
    ]);
  });

  test('a month still under way is judged on its forecast: 1.25 $/s for a 31-day December is on pace for 3.348 M', () => {
    const december = reportPeriod('this-month', 'UTC', Date.UTC(2026, 11, 11));
    const row = valueReportRowOf(revenue, evaluate(revenue, december, { query: [1, 1.25] }), december);
    expect(row.value?.evaluation.value).toBeCloseTo(1.25 * 10 * 86_400, 3);
    expect(row.value?.evaluation.forecast).toBeCloseTo(1.25 * 31 * 86_400, 3);
    expect(row.met).toBe(true);
  });

  test('a 7d total in a month under way: 10 days of December against the first 10 days of November, +25 %', () => {
    const weekly: ValueKpiDefinition = {
      ...revenue,
      id: 'weekly-revenue',
      objective: { direction: 'higher', target: 700_000, window: '7d' },
    };
    const december = reportPeriod('this-month', 'UTC', Date.UTC(2026, 11, 11));
    const row = valueReportRowOf(weekly, evaluate(weekly, december, { query: [1, 1.25] }), december);
    const evaluation = row.value!.evaluation;
    // 1.25 $/s × 10 days × 86,400 s = 1,080,000 so far, never a pace to 31 days: the target is per 7d.
    expect(evaluation.value).toBeCloseTo(1_080_000, 3);
    expect(evaluation.forecast).toBe(evaluation.value);
    // 1 $/s × 10 days × 86,400 s = 864,000 from 1 to 11 November: +216,000, +25 % (not the pace's 38.75 / 30 days).
    expect(evaluation.previousValue).toBeCloseTo(864_000, 3);
    expect(evaluation.change?.absolute).toBeCloseTo(216_000, 3);
    expect(evaluation.change?.relative).toBeCloseTo(0.25, 12);
    expect(evaluation.previousPeriod.label).toBe('the first 10d of the month before');
    expect([row.met, row.value?.notComparable]).toEqual([null, 'the target is a total per 7d, not per month']);
  });

  test('the same 7d total over a whole month is compared with the whole month before', () => {
    const weekly: ValueKpiDefinition = { ...revenue, objective: { ...revenue.objective, window: '7d' } };
    const period = reportPeriod('last-month', 'UTC', NOW);
    const row = valueReportRowOf(weekly, evaluate(weekly, period, { query: [1, 1.25] }), period);
    // November, 30 days at 1.25 $/s: 3,240,000; October, 31 days at 1 $/s: 2,678,400.
    expect(row.value?.evaluation.value).toBeCloseTo(3_240_000, 3);
    expect(row.value?.evaluation.previousValue).toBeCloseTo(2_678_400, 3);
    expect(row.value?.evaluation.previousPeriod.label).toBe('the month before that');
  });

  test('no sample in the period is no-data, never met', () => {
    const period = reportPeriod('last-month', 'UTC', NOW);
    const row = valueReportRowOf(
      conversion,
      evaluate(conversion, period, { numerator: [NaN, NaN], denominator: [NaN, NaN] }),
      period
    );
    expect([row.state, row.met]).toEqual(['no-data', null]);
  });

  test('the CSV line fills the value columns in the unit and leaves the SLI ones empty', () => {
    const period = reportPeriod('last-month', 'UTC', NOW);
    const row = valueReportRowOf(
      conversion,
      evaluate(conversion, period, { numerator: [0.25, 0.3], denominator: [10, 10] }),
      period
    );
    expect(reportCsv(period, [row]).split('\r\n')[1]).toBe(
      'checkout-conversion,Checkout conversion,team-growth,last month,2026-11-01T00:00:00.000Z,2026-12-01T00:00:00.000Z,' +
        'true,0.03,,true,,,,ok,value,percentunit,higher,0.03,0.025,0.005,0.2,0.03,'
    );
  });

  test('a value with no previous period leaves the previous value and both change cells empty, as the screens say nothing', () => {
    const period = reportPeriod('last-month', 'UTC', NOW);
    const row = valueReportRowOf(
      conversion,
      evaluate(conversion, period, { numerator: [NaN, 0.3], denominator: [NaN, 10] }),
      period
    );
    expect(reportCsv(period, [row]).split('\r\n')[1]).toMatch(/,ok,value,percentunit,higher,0\.03,,,,0\.03,$/);
  });
});

describe('check-ins in the CSV', () => {
  test("the period's notes of each KPI in one cell, quoted, with a formula defused", () => {
    const period = reportPeriod('last-month', 'UTC', NOW);
    const row = failedReportRow(kpi(), 'timeout');
    const notes = new Map([
      [
        'checkout-availability',
        [
          { date: '2026-11-12', login: 'alice', text: 'dip: INC-123, "fixed" on 12 Nov' },
          { date: '2026-11-20', login: 'bob', text: '<img src=x onerror=alert(1)>' },
        ],
      ],
    ]);
    const line = reportCsv(period, [row], notes).split('\r\n').slice(1, -1).join('\r\n');
    expect(
      line.endsWith(
        '"2026-11-12 alice: dip: INC-123, ""fixed"" on 12 Nov\n2026-11-20 bob: <img src=x onerror=alert(1)>"'
      )
    ).toBe(true);
    const formula = new Map([['checkout-availability', [{ date: '=1+1', login: 'x', text: 'y' }]]]);
    expect(reportCsv(period, [row], formula).split('\r\n')[1].endsWith(",'=1+1 x: y")).toBe(true);
  });
});
