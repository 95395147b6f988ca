import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { budgetTone, type BudgetTone } from '../../../components/BudgetBar';
import { formatInstant, formatPercent } from '../../../components/format';
import { maintenanceInRangeText } from '../../../components/maintenanceText';
import { testIds } from '../../../components/testIds';
import { TrendSparkline } from '../../../components/TrendSparkline';
import type { ViewProps } from '../display';
import { KeyFacts } from './KeyFacts';
import { KpiHeader } from './KpiHeader';
import { PanelBudgetBar } from './PanelBudgetBar';

const TONE_COLORS: Record<BudgetTone, string> = { ok: 'green', warning: 'orange', critical: 'red', none: 'text' };

/** Header, bar, facts and captions take about this much; the chart gets the rest. */
const CHROME_HEIGHT = 170;

/** The budget of the current SLO window, step by step from 100% at its start to what is left now. */
export function BurndownView({ result, options, display, width, height }: ViewProps) {
  const s = useStyles2(getStyles);
  const burndown = result.burndown;
  const remaining = result.evaluation.budgetRemaining;
  const maintained =
    burndown &&
    maintenanceInRangeText(
      result.spec.kpi?.maintenance,
      burndown.grid.startMs - burndown.grid.stepMs,
      result.evaluation.evaluatedAtMs,
      display.timeZone
    );
  const color = TONE_COLORS[budgetTone(remaining, options.budgetWarningPercent, options.budgetCriticalPercent)];
  return (
    <div className={s.view}>
      <KpiHeader result={result} display={display} />
      <PanelBudgetBar result={result} options={options} display={display} />
      {burndown ? (
        <>
          <TrendSparkline
            grid={burndown.grid}
            values={burndown.remaining}
            width={width}
            height={Math.max(40, height - CHROME_HEIGHT)}
            color={color}
            maintenance={result.spec.kpi?.maintenance}
            label={`Error budget burndown over the ${result.spec.window} window, from 100% to ${formatPercent(remaining, 1)}`}
          />
          <span className={s.caption}>
            100% on {formatInstant(burndown.grid.startMs, display.timeZone)} → {formatPercent(remaining, 1)} on{' '}
            {formatInstant(result.evaluation.evaluatedAtMs, display.timeZone)}
          </span>
          {maintained && (
            <span className={s.caption} data-testid={testIds.kpiPanel.maintenance}>
              {maintained}
            </span>
          )}
        </>
      ) : (
        <span className={s.caption}>No burndown: there is no error budget without events in the window.</span>
      )}
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
  caption: css`
    color: ${theme.colors.text.secondary};
    font-size: ${theme.typography.bodySmall.fontSize};
  `,
});
