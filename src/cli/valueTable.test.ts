import { formatInUnit, formatValueTable } from './valueTable';
import type { ValueEvalRow } from './evaluateValueKpi';

describe('formatInUnit', () => {
  test.each([
    [0.02913, 'percentunit', '2.913%'],
    [2.913, 'percent', '2.913%'],
    [1_234_567, 'currencyUSD', '$1,235,000'],
    [-12.5, 'currencyEUR', '-€12.5'],
    [0.1234, 'currency:CHF', 'CHF0.1234'],
    [42, 'suffix:/user', '42 /user'],
    [12.5, 's', '12.5 s'],
    [7, 'short', '7'],
    [null, 'percentunit', '—'],
  ])('%p in %s reads %s', (value, unit, text) => {
    expect(formatInUnit(value, unit)).toBe(text);
  });
});

describe('formatValueTable', () => {
  const row: ValueEvalRow = {
    id: 'cost-per-1k',
    version: 4,
    kind: 'value',
    status: 'off-track',
    value: 0.15,
    target: 0.12,
    direction: 'lower',
    previousValue: 0.125,
    change: { absolute: 0.025, relative: 0.2, better: false },
    forecast: 0.15,
    periodStart: '2026-11-01T00:00:00.000Z',
    periodEnd: '2026-12-01T00:00:00.000Z',
    evaluatedAt: '2026-11-20T10:00:00.000Z',
    unit: 'currencyUSD',
    coverage: 1,
  };

  test('a rising cost reads as worse, with the direction arrow and the period', () => {
    const [header, line] = formatValueTable([row]);
    expect(header.split(/\s{2,}/)).toEqual([
      'KPI',
      'VERSION',
      'STATUS',
      'VALUE',
      'TARGET',
      'DIRECTION',
      'CHANGE',
      'FORECAST',
      'PERIOD',
    ]);
    expect(line.split(/\s{2,}/)).toEqual([
      'cost-per-1k',
      '4',
      'off-track',
      '$0.15',
      '$0.12',
      '↓ lower',
      '+$0.025 (+20%, worse)',
      '$0.15',
      '2026-11-01 → 2026-12-01',
    ]);
  });

  test('a no-data row says why under the table', () => {
    const lines = formatValueTable([
      {
        ...row,
        status: 'no-data',
        value: null,
        forecast: null,
        change: null,
        reason: 'the denominator is 0 over this month',
      },
    ]);
    expect(lines.at(-1)).toBe('cost-per-1k: the denominator is 0 over this month');
    expect(lines[1]).toContain('no-data');
  });
});
