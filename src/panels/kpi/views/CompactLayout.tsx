import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { StatusPill } from '../../../components/StatusPill';
import { statusReason, type ViewProps } from '../display';
import { SliFigure, ValueFigure } from './Figures';
import { PanelBudgetBar } from './PanelBudgetBar';

/**
 * A small dashboard cell (about 300×200) in any view: status, the one number that matters and the budget. The
 * rest is a tooltip or a bigger panel away.
 */
export function CompactLayout({ result, options, display }: ViewProps) {
  const s = useStyles2(getStyles);
  const reading = result.threshold;
  return (
    <div className={s.view}>
      <StatusPill status={result.evaluation.status} reason={statusReason(result, display.timeZone)} />
      {reading ? (
        <ValueFigure result={result} display={display} reading={reading} size="large" />
      ) : (
        <SliFigure result={result} display={display} size="large" />
      )}
      <PanelBudgetBar result={result} options={options} display={display} />
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  view: css`
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: ${theme.spacing(0.75)};
  `,
});
