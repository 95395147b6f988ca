import fc from 'fast-check';
import { judgeGate } from './index';

describe('judgeGate', () => {
  test.each([
    [
      '41.3 % left against 25 % passes',
      0.413,
      { verdict: 'pass', reason: '41.3 % of the error budget left; the gate requires at least 25.0 %' },
    ],
    [
      'exactly 25 % left passes: the gate asks for at least',
      0.25,
      { verdict: 'pass', reason: '25.0 % of the error budget left; the gate requires at least 25.0 %' },
    ],
    [
      '12 % left fails',
      0.12,
      { verdict: 'fail', reason: '12.0 % of the error budget left, below the 25.0 % the gate requires' },
    ],
    [
      'an overspent budget fails',
      -0.37,
      { verdict: 'fail', reason: '-37.0 % of the error budget left, below the 25.0 % the gate requires' },
    ],
  ])('an SLO gate of minBudgetRemaining 0.25: %s', (_, budgetRemaining, expected) => {
    expect(judgeGate({ minBudgetRemaining: 0.25 }, { kind: 'slo', status: 'ok', budgetRemaining })).toEqual(expected);
  });

  test('an SLO without data has no verdict, whatever its gate', () => {
    expect(judgeGate({ minBudgetRemaining: 0 }, { kind: 'slo', status: 'no-data', budgetRemaining: null })).toEqual({
      verdict: 'no-data',
      reason: 'no data: the error budget left is unknown',
    });
  });

  test.each([
    ['off-track', { status: ['off-track'] }, 'fail', 'off-track; the gate fails on off-track'],
    ['at-risk', { status: ['off-track'] }, 'pass', 'at-risk; the gate fails on off-track'],
    ['at-risk', { status: ['off-track', 'at-risk'] }, 'fail', 'at-risk; the gate fails on off-track or at-risk'],
    ['on-track', { status: ['off-track', 'at-risk'] }, 'pass', 'on-track; the gate fails on off-track or at-risk'],
    ['maintenance', { status: ['off-track'] }, 'pass', 'maintenance; the gate fails on off-track'],
    ['no-data', { status: ['off-track'] }, 'no-data', 'no data: the value over its period is unknown'],
  ] as const)('a value KPI %s against %j: %s', (status, gate, verdict, reason) => {
    expect(judgeGate({ status: [...gate.status] }, { kind: 'value', status })).toEqual({ verdict, reason });
  });

  test('an SLO gate passes exactly when the budget left is at least the minimum', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: -5, max: 1, noNaN: true }),
        (min, left) => {
          const { verdict } = judgeGate(
            { minBudgetRemaining: min },
            { kind: 'slo', status: 'ok', budgetRemaining: left }
          );
          expect(verdict).toBe(left >= min ? 'pass' : 'fail');
        }
      )
    );
  });
});
