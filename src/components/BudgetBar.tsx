import React from 'react';
import { css, cx } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { Hint, type HintContent } from './Hint';
import { formatPercent, MISSING } from './format';
import { testIds } from './testIds';

export type BudgetTone = 'ok' | 'warning' | 'critical' | 'none';

/** Display thresholds only colour the bar; the KPI's status comes from the engine. */
export function budgetTone(remaining: number | null, warningPercent: number, criticalPercent: number): BudgetTone {
  if (remaining === null) {
    return 'none';
  }
  const percent = remaining * 100;
  if (percent < criticalPercent || remaining <= 0) {
    return 'critical';
  }
  return percent < warningPercent ? 'warning' : 'ok';
}

interface Props {
  /** Share of the error budget left; below 0 when overspent; null without data or traffic. */
  remaining: number | null;
  warningPercent: number;
  criticalPercent: number;
  /** The formula in words; a function is called only when the tooltip opens. */
  explanation: HintContent;
  compact?: boolean;
}

/** Error budget left, as a bar and a number; an overspent budget says so instead of drawing an empty bar. */
export function BudgetBar({ remaining, warningPercent, criticalPercent, explanation, compact = false }: Props) {
  const s = useStyles2(getStyles);
  const tone = budgetTone(remaining, warningPercent, criticalPercent);
  const fill = remaining === null ? 0 : Math.min(Math.max(remaining, 0), 1) * 100;
  const text =
    remaining === null
      ? `${MISSING} no budget`
      : remaining < 0
        ? `overspent: ${formatPercent(remaining, 1)}`
        : `${formatPercent(remaining, 1)} left`;
  return (
    <Hint content={explanation}>
      <div
        className={s.wrapper}
        tabIndex={0}
        aria-label={`Error budget remaining: ${remaining === null ? 'none, no data or no traffic' : formatPercent(remaining, 1)}`}
        data-testid={testIds.kpiPanel.budget}
        data-tone={tone}
      >
        <div className={s.labels}>
          <span className={s.caption}>{compact ? 'Budget' : 'Error budget'}</span>
          <span className={cx(s.value, s[tone])}>{text}</span>
        </div>
        <div className={cx(s.track, compact && s.thin, remaining !== null && remaining < 0 && s.overspent)}>
          <div className={cx(s.fill, s[`${tone}Fill`])} style={{ width: `${fill}%` }} />
        </div>
      </div>
    </Hint>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrapper: css`
    width: 100%;
    cursor: help;
    &:focus-visible {
      outline: 2px solid ${theme.colors.primary.main};
      outline-offset: 2px;
    }
  `,
  labels: css`
    display: flex;
    justify-content: space-between;
    gap: ${theme.spacing(1)};
    font-size: ${theme.typography.bodySmall.fontSize};
  `,
  caption: css`
    color: ${theme.colors.text.secondary};
  `,
  value: css`
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  `,
  track: css`
    height: ${theme.spacing(1)};
    margin-top: ${theme.spacing(0.5)};
    border-radius: ${theme.shape.radius.pill};
    background: ${theme.colors.background.secondary};
    border: 1px solid ${theme.colors.border.weak};
    overflow: hidden;
  `,
  thin: css`
    height: ${theme.spacing(0.5)};
  `,
  overspent: css`
    border-color: ${theme.colors.error.border};
    background: repeating-linear-gradient(
      45deg,
      ${theme.colors.error.transparent},
      ${theme.colors.error.transparent} 4px,
      transparent 4px,
      transparent 8px
    );
  `,
  fill: css`
    height: 100%;
  `,
  ok: css`
    color: ${theme.colors.success.text};
  `,
  warning: css`
    color: ${theme.colors.warning.text};
  `,
  critical: css`
    color: ${theme.colors.error.text};
  `,
  none: css`
    color: ${theme.colors.text.secondary};
  `,
  okFill: css`
    background: ${theme.colors.success.main};
  `,
  warningFill: css`
    background: ${theme.colors.warning.main};
  `,
  criticalFill: css`
    background: ${theme.colors.error.main};
  `,
  noneFill: css`
    background: transparent;
  `,
});
