import { conversionKpi, monthlyOrdersKpi, valueKpi } from '../testing/valueKpis';
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
  const BERLIN_MONTH = { calendar: 'month' as const, timeZone: 'Europe/Berlin' };
  const cost = valueKpi(
    'cost-per-1k',
    { query: 'cost_per_1k_requests', aggregation: 'mean', unit: 'currencyUSD' },
    { direction: 'lower', target: 0.12, window: BERLIN_MONTH }
  );
  /** November in Berlin: from 31 Oct 23:00 UTC to 30 Nov 23:00 UTC. */
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
    periodStart: '2026-10-31T23:00:00.000Z',
    periodEnd: '2026-11-30T23:00:00.000Z',
    evaluatedAt: '2026-11-20T10:00:00.000Z',
    unit: 'currencyUSD',
    coverage: 1,
  };

  const cellsOf = (line: string) => line.split(/\s{2,}/);

  test('a rising cost reads as worse, with the direction arrow, no forecast for a mean, and the period in Berlin', () => {
    const [header, line] = formatValueTable([row], [cost]);
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
      '—',
      '1 Nov – 30 Nov 2026 (Europe/Berlin)',
    ]);
  });

  const orders = monthlyOrdersKpi();
  const ordersRow: ValueEvalRow = {
    ...row,
    id: orders.id,
    status: 'on-track',
    value: 60_000,
    target: 100_000,
    direction: 'higher',
    change: null,
    forecast: 112_500,
    unit: 'short',
  };

  test('a total under way shows its forecast; the same total once November is over shows none', () => {
    expect(cellsOf(formatValueTable([ordersRow], [orders])[1]).slice(7)).toEqual([
      '112,500',
      '1 Nov – 30 Nov 2026 (Europe/Berlin)',
    ]);
    const over = { ...ordersRow, evaluatedAt: '2026-12-02T00:00:00.000Z', forecast: 60_000 };
    expect(cellsOf(formatValueTable([over], [orders])[1])[7]).toBe('—');
  });

  test('a rolling 7d reads its instants in UTC; a week across new year names both years', () => {
    const conversion = conversionKpi();
    const rolling = {
      ...row,
      id: conversion.id,
      unit: 'percentunit',
      periodStart: '2026-11-13T10:00:00.000Z',
      periodEnd: '2026-11-20T10:00:00.000Z',
    };
    expect(cellsOf(formatValueTable([rolling], [conversion])[1]).at(-1)).toBe('13 Nov 10:00 – 20 Nov 10:00 2026 (UTC)');
    const week = conversionKpi({ window: { calendar: 'week', timeZone: 'UTC' } });
    const newYear = { ...rolling, periodStart: '2026-12-28T00:00:00.000Z', periodEnd: '2027-01-04T00:00:00.000Z' };
    expect(cellsOf(formatValueTable([newYear], [week])[1]).at(-1)).toBe('28 Dec 2026 – 3 Jan 2027 (UTC)');
  });

  test('a no-data row says why under the table', () => {
    const lines = formatValueTable(
      [
        {
          ...row,
          status: 'no-data',
          value: null,
          forecast: null,
          change: null,
          reason: 'the denominator is 0 over this month',
        },
      ],
      [cost]
    );
    expect(lines.at(-1)).toBe('cost-per-1k: the denominator is 0 over this month');
    expect(lines[1]).toContain('no-data');
  });
});
