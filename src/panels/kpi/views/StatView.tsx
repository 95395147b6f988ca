import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { TrendSparkline } from '../../../components/TrendSparkline';
import type { ViewProps } from '../display';
import { SliFigure, ValueFigure } from './Figures';
import { KeyFacts } from './KeyFacts';
import { KpiHeader } from './KpiHeader';
import { PanelBudgetBar } from './PanelBudgetBar';

/** The default view: SLI (or the latest value) against the target, budget left and what burns it. */
export function StatView({ result, options, display, width, height }: ViewProps) {
  const s = useStyles2(getStyles);
  const reading = result.threshold;
  return (
    <div className={s.view}>
      <KpiHeader result={result} display={display} />
      <div className={s.figures}>
        {reading ? (
          <ValueFigure result={result} display={display} reading={reading} />
        ) : (
          <SliFigure result={result} display={display} />
        )}
        {reading && <SliFigure result={result} display={display} size="large" />}
      </div>
      {reading && (
        <TrendSparkline
          grid={reading.grid}
          values={reading.values}
          width={width}
          height={Math.min(64, Math.round(height * 0.2))}
          color="blue"
          maintenance={result.spec.kpi?.maintenance}
          label={`Trend of the value over the last ${result.spec.window} and before`}
        />
      )}
      <PanelBudgetBar result={result} options={options} display={display} />
      <KeyFacts result={result} />
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  view: css`
    display: flex;
    flex-direction: column;
    gap: ${theme.spacing(1.5)};
  `,
  // Captions on one line: the latest value carries its change beneath it, and aligning the bottoms set the
  // share of good slices' caption lower than the value's.
  figures: css`
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    gap: ${theme.spacing(1, 4)};
  `,
});
