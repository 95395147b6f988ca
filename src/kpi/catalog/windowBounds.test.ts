import { formatProblem, validateCatalog, validateKpi } from './index';
import { checkoutKpi } from '../../testing/checkoutKpi';

const catalogOf = (...kpis: unknown[]) => ({ apiVersion: 'northstar.dev/v1', kind: 'KpiCatalog', kpis });

function problemsOf(change: Record<string, unknown>): string[] {
  const result = validateCatalog(catalogOf({ ...checkoutKpi(), id: 'checkout', ...change }));
  return result.ok ? [] : result.problems.map(formatProblem);
}

const custom = (...rules: Array<Record<string, unknown>>) => ({ alerting: { policy: 'custom', rules } });

describe('the SLO window lies between 1h and 400d', () => {
  test.each(['1h', '60m', '7d', '400d', '57600m'])('%s is accepted', (window) => {
    expect(problemsOf({ objective: { target: 0.99, window } })).toEqual([]);
  });

  test.each(['59m', '30s', '401d', '9600h1s', '1000d'])('%s is refused, naming the KPI and the field', (window) => {
    expect(problemsOf({ objective: { target: 0.99, window } })).toEqual([
      'kpis[0] (checkout).objective.window: must be between 1h and 400d',
    ]);
  });

  test('a calendar quarter is within the bounds', () => {
    expect(problemsOf({ objective: { target: 0.99, window: { calendar: 'quarter', timeZone: 'UTC' } } })).toEqual([]);
  });

  test('the editor sees the same problem, relative to the KPI', () => {
    expect(validateKpi({ ...checkoutKpi(), objective: { target: 0.99, window: '2y' } }).length).toBe(1);
    expect(validateKpi({ ...checkoutKpi(), objective: { target: 0.99, window: '500d' } })).toEqual([
      { path: 'objective.window', message: 'must be between 1h and 400d' },
    ]);
  });
});

describe('an alert policy looks at no window longer than the SLO window', () => {
  test('windows up to the SLO window are accepted', () => {
    expect(
      problemsOf({
        objective: { target: 0.99, window: '7d' },
        ...custom(
          { severity: 'page', long: '7d', short: '6h', factor: 1 },
          { severity: 'ticket', long: '1h', factor: 2 }
        ),
      })
    ).toEqual([]);
  });

  test('a long window past a rolling SLO window is refused, naming the rule', () => {
    expect(
      problemsOf({
        objective: { target: 0.99, window: '7d' },
        ...custom(
          { severity: 'page', long: '1h', factor: 14 },
          { severity: 'ticket', long: '8d', short: '6h', factor: 1 }
        ),
      })
    ).toEqual(['kpis[0] (checkout).alerting.rules[1].long: 8d is longer than the SLO window of 7d']);
  });

  test('a calendar month counts as 30 days', () => {
    const month = { target: 0.99, window: { calendar: 'month', timeZone: 'Europe/Berlin' } };
    expect(problemsOf({ objective: month, ...custom({ severity: 'ticket', long: '30d', factor: 1 }) })).toEqual([]);
    expect(problemsOf({ objective: month, ...custom({ severity: 'ticket', long: '31d', factor: 1 }) })).toEqual([
      'kpis[0] (checkout).alerting.rules[0].long: 31d is longer than the SLO window of 30d (this month)',
    ]);
  });

  test('a window that is refused already is not judged again', () => {
    expect(
      problemsOf({ objective: { target: 0.99, window: '20m' }, ...custom({ severity: 'page', long: '1h', factor: 2 }) })
    ).toEqual(['kpis[0] (checkout).objective.window: must be between 1h and 400d']);
  });
});
