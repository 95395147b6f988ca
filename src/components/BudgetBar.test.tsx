import React from 'react';
import { render, screen } from '@testing-library/react';
import { BudgetBar, budgetTone } from './BudgetBar';
import { testIds } from './testIds';

const bar = (remaining: number | null) => (
  <BudgetBar remaining={remaining} warningPercent={25} criticalPercent={5} explanation="formula in words" />
);

describe('BudgetBar', () => {
  test('40 % left is shown as a number and an accessible name', () => {
    render(bar(0.4));
    const budget = screen.getByTestId(testIds.kpiPanel.budget);
    expect(budget).toHaveTextContent('40.0% left');
    expect(budget).toHaveAccessibleName('Error budget remaining: 40.0%');
    expect(budget).toHaveAttribute('data-tone', 'ok');
  });

  test('an overspent budget says overspent with the negative share', () => {
    render(bar(-9));
    const budget = screen.getByTestId(testIds.kpiPanel.budget);
    expect(budget).toHaveTextContent('overspent: -900.0%');
    expect(budget).toHaveAttribute('data-tone', 'critical');
  });

  test('no budget (no data or no traffic) is a dash, not 0 % or 100 %', () => {
    render(bar(null));
    const budget = screen.getByTestId(testIds.kpiPanel.budget);
    expect(budget).toHaveTextContent('— no budget');
    expect(budget).toHaveAccessibleName('Error budget remaining: none, no data or no traffic');
  });

  test.each([
    [0.4, 'ok'],
    [0.2, 'warning'],
    [0.04, 'critical'],
    [0, 'critical'],
    [null, 'none'],
  ] as const)('display thresholds 25 %/5 %: %p is %s', (remaining, tone) => {
    expect(budgetTone(remaining, 25, 5)).toBe(tone);
  });
});
