import fc from 'fast-check';
import type { KpiDefinition } from '../model';
import { checkoutKpi, type CheckoutKpiOverrides } from '../../testing/checkoutKpi';
import { reportCsv, reportPeriod, reportRowOf, failedReportRow } from './report';

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
      'kpi_id,name,owner,period,period_start,period_end,complete,target,sli,met,budget_spent,previous_sli,change,state',
      'checkout-availability,Checkout availability,team-payments,last month,2026-11-01T00:00:00.000Z,2026-12-01T00:00:00.000Z,true,0.999,0.9995,true,0.5,0.998,0.0015,ok',
      'login,Login,team-identity,last month,2026-11-01T00:00:00.000Z,2026-12-01T00:00:00.000Z,true,0.999,,,,,,no-traffic',
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
    expect(line.endsWith(',error\r\n')).toBe(true);
  });
});
