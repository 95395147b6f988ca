import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { explainBurnRate, explainPreviousPeriod, explainTimeToExhaustion } from '../../../components/explain';
import { ExplainedValue, type ValueTone } from '../../../components/ExplainedValue';
import { decimalsForTarget, formatBurnRate, formatSli, formatTimeSpan, MISSING } from '../../../components/format';
import type { KpiEvaluation } from '../../../kpi/evaluate';
import { testIds } from '../../../components/testIds';
import { explainContextOf } from '../display';
import type { PanelEvaluation } from '../../../reading';

function exhaustionText(evaluation: KpiEvaluation): { value: string; tone: ValueTone } {
  // Without data in the shortest window nobody can tell whether the budget is burning: never show that as fine.
  if (evaluation.budgetRemaining === null || evaluation.windows[0]?.burnRate === null) {
    return { value: MISSING, tone: 'muted' };
  }
  if (evaluation.timeToExhaustionMs === null) {
    return { value: 'not burning', tone: 'success' };
  }
  if (evaluation.timeToExhaustionMs === 0) {
    return { value: 'already spent', tone: 'error' };
  }
  return { value: formatTimeSpan(evaluation.timeToExhaustionMs), tone: 'default' };
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Time to budget exhaustion and the burn rates it rests on, as a small definition list. */
export function KeyFacts({ result }: { result: PanelEvaluation }) {
  const s = useStyles2(getStyles);
  const context = explainContextOf(result);
  const { evaluation } = result;
  const shortest = evaluation.windows[0];
  const exhaustion = exhaustionText(evaluation);
  const facts: Array<{
    term: string;
    label: string;
    value: string;
    tone: ValueTone;
    explanation: string;
    testId?: string;
  }> = [
    {
      term: 'Budget runs out in',
      label: 'Time to budget exhaustion',
      ...exhaustion,
      explanation: explainTimeToExhaustion(evaluation, context),
    },
    {
      term: `Burn rate ${shortest.window}`,
      label: `Burn rate over ${shortest.window}`,
      value: formatBurnRate(shortest.burnRate),
      tone: shortest.burnRate === null ? 'muted' : 'default',
      explanation: explainBurnRate(shortest, context),
    },
    {
      term: `Burn rate ${evaluation.slo.window}`,
      label: `Burn rate over ${evaluation.slo.window}`,
      value: formatBurnRate(evaluation.slo.burnRate),
      tone: evaluation.slo.burnRate === null ? 'muted' : 'default',
      explanation: explainBurnRate(evaluation.slo, context),
    },
  ];
  const previous = result.previousPeriod;
  if (previous) {
    // Executives compare this month so far with the whole of last month: "the same period last time".
    facts.push({
      term: capitalised(previous.label),
      label: `SLI ${previous.label}`,
      value: formatSli(previous.sli, decimalsForTarget(evaluation.target)),
      tone: previous.sli === null ? 'muted' : 'default',
      explanation: explainPreviousPeriod(previous, evaluation, context),
      testId: testIds.kpiPanel.previousPeriod,
    });
  }
  return (
    <dl className={s.facts}>
      {facts.map((fact) => (
        <div key={fact.term} className={s.fact} data-testid={fact.testId}>
          <dt className={s.term}>{fact.term}</dt>
          <dd className={s.value}>
            <ExplainedValue label={fact.label} value={fact.value} explanation={fact.explanation} tone={fact.tone} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  facts: css`
    display: flex;
    flex-wrap: wrap;
    gap: ${theme.spacing(0.5, 2)};
    margin: 0;
  `,
  fact: css`
    display: flex;
    flex-direction: column;
  `,
  term: css`
    color: ${theme.colors.text.secondary};
    font-size: ${theme.typography.bodySmall.fontSize};
    font-weight: ${theme.typography.fontWeightRegular};
  `,
  value: css`
    margin: 0;
  `,
});
