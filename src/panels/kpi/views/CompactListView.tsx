import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import {
  explainBudget,
  explainDelta,
  explainLatestValue,
  explainSli,
  explainTarget,
} from '../../../components/explain';
import { ExplainedValue } from '../../../components/ExplainedValue';
import { formatPercent, formatSli, formatValue } from '../../../components/format';
import { explainContextOf, sliDecimals, type ViewProps } from '../display';
import { KeyFacts } from './KeyFacts';
import { KpiHeader } from './KpiHeader';

interface Row {
  term: string;
  value: string;
  explanation: string;
}

/** Every number on its own line, for narrow columns and lists of KPIs. */
export function CompactListView({ result, display }: ViewProps) {
  const s = useStyles2(getStyles);
  const context = explainContextOf(result);
  const { evaluation, spec, threshold } = result;
  const decimals = sliDecimals(result, display);
  const rows: Row[] = [
    {
      term: spec.queries.type === 'ratio' ? 'SLI' : 'Good slices',
      value: formatSli(evaluation.sli, decimals),
      explanation: explainSli(evaluation, context),
    },
    {
      term: 'Target',
      value: formatPercent(spec.target, Math.max(decimals - 1, 0)),
      explanation: explainTarget(context),
    },
    {
      term: 'Budget left',
      value: formatPercent(evaluation.budgetRemaining, 1),
      explanation: explainBudget(evaluation, context),
    },
  ];
  if (threshold) {
    rows.unshift({
      term: 'Latest value',
      value: formatValue(threshold.latest, display.unit, display.decimals),
      explanation: explainLatestValue(threshold.latest, threshold.comparator, threshold.threshold, display.unit),
    });
    rows.push({
      term: 'Change',
      value:
        threshold.comparison.delta === null
          ? '—'
          : formatValue(threshold.comparison.delta, display.unit, display.decimals),
      explanation: explainDelta(threshold.comparison, display.unit),
    });
  }
  return (
    <div className={s.view}>
      <KpiHeader result={result} display={display} />
      <dl className={s.list}>
        {rows.map((row) => (
          <div key={row.term} className={s.row}>
            <dt className={s.term}>{row.term}</dt>
            <dd className={s.value}>
              <ExplainedValue label={row.term} value={row.value} explanation={row.explanation} />
            </dd>
          </div>
        ))}
      </dl>
      <KeyFacts result={result} />
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  view: css`
    display: flex;
    flex-direction: column;
    gap: ${theme.spacing(1)};
  `,
  list: css`
    margin: 0;
  `,
  row: css`
    display: flex;
    justify-content: space-between;
    gap: ${theme.spacing(1)};
    padding: ${theme.spacing(0.25, 0)};
    border-bottom: 1px solid ${theme.colors.border.weak};
  `,
  term: css`
    color: ${theme.colors.text.secondary};
    font-weight: ${theme.typography.fontWeightRegular};
  `,
  value: css`
    margin: 0;
  `,
});
