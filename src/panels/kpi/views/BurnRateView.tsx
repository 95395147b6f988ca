import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { BurnRateTable } from '../../../components/BurnRateTable';
import { explainContextOf, type ViewProps } from '../display';
import { SliFigure } from './Figures';
import { KpiHeader } from './KpiHeader';
import { PanelBudgetBar } from './PanelBudgetBar';

/** Below this width the table drops its factor column (the rule's name carries the factor). */
const NARROW_TABLE_WIDTH = 560;

/** The on-call view: every burn-rate rule with its windows, factor and state. */
export function BurnRateView({ result, options, display, width }: ViewProps) {
  const s = useStyles2(getStyles);
  return (
    <div className={s.view}>
      <KpiHeader result={result} display={display} />
      <div className={s.summary}>
        <SliFigure result={result} display={display} size="large" />
        <div className={s.budget}>
          <PanelBudgetBar result={result} options={options} display={display} />
        </div>
      </div>
      <BurnRateTable
        evaluation={result.evaluation}
        context={explainContextOf(result)}
        compact={width < NARROW_TABLE_WIDTH}
      />
      <span className={s.caption}>
        Policy:{' '}
        {result.spec.policy === 'custom' ? "the KPI's own rules" : 'default (SRE workbook, scaled to the SLO window)'}.
      </span>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  view: css`
    display: flex;
    flex-direction: column;
    gap: ${theme.spacing(1)};
  `,
  summary: css`
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: ${theme.spacing(1, 3)};
  `,
  budget: css`
    flex: 1;
    min-width: 160px;
  `,
  caption: css`
    color: ${theme.colors.text.secondary};
    font-size: ${theme.typography.bodySmall.fontSize};
  `,
});
