/**
 * drivenBy, gate and review through validateCatalog and validateKpi: each case of issue #19's "Bad input" gets an
 * error naming the KPI and the field.
 */
import { checkoutKpi } from '../../testing/checkoutKpi';
import { formatProblem, retiredDriverWarnings, validateCatalog, validateKpi } from './index';
import type { Catalog } from '../model';

const catalogOf = (...kpis: unknown[]) => ({ apiVersion: 'northstar.dev/v1', kind: 'KpiCatalog', kpis });

function problemsOf(input: unknown): string[] {
  const result = validateCatalog(input);
  return result.ok ? [] : result.problems.map(formatProblem);
}

const slo = (id: string, fields: object = {}) => ({ ...checkoutKpi(), id, ...fields });

const conversion = (fields: object = {}) => ({
  id: 'conversion',
  version: 1,
  status: 'published',
  name: 'Conversion',
  owner: 'team-growth',
  datasource: { type: 'prometheus', uid: 'prometheus' },
  indicator: {
    type: 'value',
    numerator: 'sum(rate(orders_total[5m]))',
    denominator: 'sum(rate(carts_total[5m]))',
    unit: 'percentunit',
  },
  objective: { direction: 'higher', target: 0.03, warning: 0.028, window: '7d' },
  ...fields,
});

describe('drivenBy', () => {
  test('conversion driven by search latency and checkout availability is valid', () => {
    const catalog = catalogOf(
      conversion({ drivenBy: ['search-latency', 'checkout-availability'] }),
      slo('search-latency'),
      slo('checkout-availability')
    );
    expect(problemsOf(catalog)).toEqual([]);
  });

  test.each([
    [
      'points at itself',
      [conversion({ drivenBy: ['search-latency', 'conversion'] }), slo('search-latency')],
      ['kpis[0] (conversion).drivenBy[1]: a KPI cannot drive itself'],
    ],
    [
      'points at a missing id',
      [conversion({ drivenBy: ['search-latncy'] }), slo('search-latency')],
      ['kpis[0] (conversion).drivenBy[0]: no KPI "search-latncy" in this catalog'],
    ],
    [
      'closes a cycle of two',
      [conversion({ drivenBy: ['search-latency'] }), slo('search-latency', { drivenBy: ['conversion'] })],
      [
        'kpis[0] (conversion).drivenBy[0]: closes a cycle: conversion → search-latency → conversion; ' +
          'a KPI cannot drive what drives it',
      ],
    ],
    [
      'closes a cycle of three, entered from outside it',
      [
        slo('revenue', { drivenBy: ['conversion'] }),
        conversion({ drivenBy: ['search-latency'] }),
        slo('search-latency', { drivenBy: ['cache-hits'] }),
        slo('cache-hits', { drivenBy: ['conversion'] }),
      ],
      [
        'kpis[1] (conversion).drivenBy[0]: closes a cycle: conversion → search-latency → cache-hits → conversion; ' +
          'a KPI cannot drive what drives it',
      ],
    ],
    [
      'lists a driver twice',
      [conversion({ drivenBy: ['search-latency', 'search-latency'] }), slo('search-latency')],
      ['kpis[0] (conversion).drivenBy: lists a KPI twice'],
    ],
    [
      'is not a list',
      [conversion({ drivenBy: 'search-latency' })],
      ['kpis[0] (conversion).drivenBy: must be an array, got the text "search-latency"'],
    ],
  ])('a drivenBy that %s is refused, naming the KPI and the field', (_, kpis, expected) => {
    expect(problemsOf(catalogOf(...kpis))).toEqual(expected);
  });

  test('a diamond (two drivers sharing a driver) is no cycle', () => {
    const catalog = catalogOf(
      conversion({ drivenBy: ['search-latency', 'checkout-availability'] }),
      slo('search-latency', { drivenBy: ['database'] }),
      slo('checkout-availability', { drivenBy: ['database'] }),
      slo('database')
    );
    expect(problemsOf(catalog)).toEqual([]);
  });

  test('a retired driver is valid but draws a warning at the KPI that still lists it', () => {
    const input = catalogOf(conversion({ drivenBy: ['search-latency'] }), slo('search-latency', { status: 'retired' }));
    const result = validateCatalog(input);
    expect(result.ok).toBe(true);
    expect(
      retiredDriverWarnings(result.ok ? result.catalog : (input as unknown as Catalog)).map(formatProblem)
    ).toEqual([
      'kpis[0] (conversion).drivenBy[0]: "search-latency" is retired: name the KPI that replaced it, or remove it',
    ]);
  });

  test('a retired KPI listing a retired driver draws no warning: neither is in use', () => {
    const result = validateCatalog(
      catalogOf(
        conversion({ status: 'retired', drivenBy: ['search-latency'] }),
        slo('search-latency', { status: 'retired' })
      )
    );
    expect(result.ok && retiredDriverWarnings(result.catalog)).toEqual([]);
  });
});

describe('gate', () => {
  test.each([
    ['an SLO with minBudgetRemaining', slo('checkout-availability', { gate: { minBudgetRemaining: 0.25 } })],
    [
      'an SLO with minBudgetRemaining 0 (budget not exhausted)',
      slo('checkout-availability', { gate: { minBudgetRemaining: 0 } }),
    ],
    ['a value KPI with status', conversion({ gate: { status: ['off-track', 'at-risk'] } })],
  ])('%s is valid', (_, kpi) => {
    expect(problemsOf(catalogOf(kpi))).toEqual([]);
  });

  test.each([
    [
      'status on an SLO',
      slo('checkout-availability', { gate: { status: ['off-track'] } }),
      'kpis[0] (checkout-availability).gate.status: applies to value KPIs only: a ratio KPI is an SLO; gate it by budget, e.g. { minBudgetRemaining: 0.25 }',
    ],
    [
      'minBudgetRemaining on a value KPI',
      conversion({ gate: { minBudgetRemaining: 0.25 } }),
      'kpis[0] (conversion).gate.minBudgetRemaining: applies to SLOs only: a value KPI has no error budget; gate it by status, e.g. { status: [off-track] }',
    ],
    [
      'an empty gate on an SLO',
      slo('checkout-availability', { gate: {} }),
      'kpis[0] (checkout-availability).gate: needs minBudgetRemaining: the share of the error budget that must be left, e.g. { minBudgetRemaining: 0.25 }',
    ],
    [
      'an empty gate on a value KPI',
      conversion({ gate: {} }),
      'kpis[0] (conversion).gate: needs status: the value statuses that fail the gate, e.g. { status: [off-track] }',
    ],
    [
      'minBudgetRemaining above 1',
      slo('checkout-availability', { gate: { minBudgetRemaining: 25 } }),
      'kpis[0] (checkout-availability).gate.minBudgetRemaining: must be at most 1',
    ],
    [
      'a status no gate can refuse',
      conversion({ gate: { status: ['on-track'] } }),
      'kpis[0] (conversion).gate.status[0]: must be "off-track" or "at-risk"',
    ],
    [
      'an unknown field',
      slo('checkout-availability', { gate: { minBudgetRemaining: 0.2, maxBurnRate: 2 } }),
      'kpis[0] (checkout-availability).gate.maxBurnRate: unknown field',
    ],
  ])('%s is refused, naming the KPI and the field', (_, kpi, expected) => {
    expect(problemsOf(catalogOf(kpi))).toEqual([expected]);
  });
});

describe('review', () => {
  test('a cadence with a past review date is valid', () => {
    expect(
      problemsOf(catalogOf(slo('checkout-availability', { review: { every: '90d', last: '2026-10-01' } })))
    ).toEqual([]);
  });

  test.each([
    ['yesterday is valid', -1, []],
    [
      'two days ahead is in the future everywhere on Earth',
      2,
      ['review.last: is in the future: a review is dated the day it took place'],
    ],
  ])('a review dated relative to today: %s', (_, days, expected) => {
    const date = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    expect(
      validateKpi(slo('checkout-availability', { review: { every: '90d', last: date } })).map(formatProblem)
    ).toEqual(expected);
  });

  test.each([
    [
      'a date in the future',
      { every: '90d', last: '2999-01-01' },
      'kpis[0] (checkout-availability).review.last: is in the future: a review is dated the day it took place',
    ],
    [
      'a date that does not exist',
      { every: '90d', last: '2026-02-30' },
      'kpis[0] (checkout-availability).review.last: must be a date such as 2026-10-01 (YYYY-MM-DD)',
    ],
    [
      'a cadence under a day',
      { every: '12h', last: '2026-10-01' },
      'kpis[0] (checkout-availability).review.every: must be a duration of at least 1d, such as 30d or 90d',
    ],
    [
      'a cadence that is no duration',
      { every: 'quarterly' },
      'kpis[0] (checkout-availability).review.every: must be a duration of at least 1d, such as 30d or 90d',
    ],
    ['no cadence', { last: '2026-10-01' }, 'kpis[0] (checkout-availability).review.every: is required'],
  ])('%s is refused, naming the KPI and the field', (_, review, expected) => {
    expect(problemsOf(catalogOf(slo('checkout-availability', { review })))).toEqual([expected]);
  });
});

describe('validateKpi (the editor) sees the same fields, paths relative to the KPI', () => {
  test('a gate of the wrong kind and a self-reference', () => {
    expect(
      validateKpi(conversion({ drivenBy: ['conversion'], gate: { minBudgetRemaining: 0.5 } })).map(formatProblem)
    ).toEqual([
      'gate.minBudgetRemaining: applies to SLOs only: a value KPI has no error budget; gate it by status, e.g. { status: [off-track] }',
      'drivenBy[0]: a KPI cannot drive itself',
    ]);
  });
});
