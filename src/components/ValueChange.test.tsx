import React from 'react';
import { render, screen } from '@testing-library/react';
import { valuePeriodsAt, type ValueEvaluation } from '../kpi/evaluate';
import { testIds } from './testIds';
import { ChangeText } from './ValueChange';

const AT = Date.UTC(2026, 10, 20, 12);
const periods = valuePeriodsAt({ calendar: 'week', timeZone: 'UTC' }, AT, 3_600_000);

/** Conversion at 3.3 % this week; the week before as each case says. */
function evaluationWith(overrides: Partial<ValueEvaluation>): ValueEvaluation {
  return {
    status: 'on-track',
    value: 0.033,
    forecast: 0.033,
    previousValue: 0.03,
    change: { absolute: 0.003, relative: 0.1, better: true },
    period: periods.current,
    previousPeriod: periods.previous,
    coverage: 1,
    evaluatedAtMs: AT,
    ...overrides,
  };
}

describe('ChangeText: the change cell of the catalog row, KPI page, panel and report', () => {
  test('a change reads as the share of the previous value, against the previous period', () => {
    render(<ChangeText evaluation={evaluationWith({})} unit="percentunit" />);
    const change = screen.getByTestId(testIds.catalog.valueChange);
    expect(change).toHaveTextContent('+10.0%vs last week');
    expect(change).toHaveAccessibleName('Up 10.0% on last week (3%): better.');
  });

  test('no previous value: a muted “no previous period”, no dash and no “vs last week”', () => {
    render(<ChangeText evaluation={evaluationWith({ previousValue: null, change: null })} unit="percentunit" />);
    const change = screen.getByTestId(testIds.catalog.valueChange);
    expect(change).toHaveTextContent(/^no previous period$/);
    expect(change).toHaveAccessibleName('No value for last week to compare with.');
    expect(change).not.toHaveAttribute('data-better');
  });

  test('no value this week but one the week before: nothing, as the value cell already says why', () => {
    const { container } = render(
      <ChangeText evaluation={evaluationWith({ value: null, forecast: null, change: null })} unit="percentunit" />
    );
    expect(container).toBeEmptyDOMElement();
  });
});
