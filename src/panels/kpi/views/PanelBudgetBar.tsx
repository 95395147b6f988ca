import React from 'react';
import { BudgetBar } from '../../../components/BudgetBar';
import { explainBudget } from '../../../components/explain';
import { explainContextOf, type ViewProps } from '../display';

/** The shared BudgetBar fed from the panel's evaluation and display thresholds. */
export function PanelBudgetBar({ result, options, display }: Pick<ViewProps, 'result' | 'options' | 'display'>) {
  return (
    <BudgetBar
      remaining={result.evaluation.budgetRemaining}
      warningPercent={options.budgetWarningPercent}
      criticalPercent={options.budgetCriticalPercent}
      explanation={explainBudget(result.evaluation, explainContextOf(result))}
      compact={display.compact}
    />
  );
}
