import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Button, Icon, Tooltip, useStyles2 } from '@grafana/ui';
import { formatTimeSpan } from '../../components/format';
import { testIds } from '../../components/testIds';
import { formatDuration } from '../../kpi/time';
import type { TimeRangeShortfall } from './timeRangeCheck';

interface Props {
  shortfall: TimeRangeShortfall;
  /** Sets the dashboard's time range to the SLO window (see KpiPanel). */
  onFix: () => void;
  compact: boolean;
  /** What the missing range costs, when it is not an SLO's window (a value KPI's periods). */
  message?: string;
}

/**
 * Says that the numbers cover less than the SLO window and offers the fix. The button says what it really does:
 * it changes the dashboard's time range, for every panel, because a panel can't set its own relative time.
 */
export function TimeRangeWarning({ shortfall, onFix, compact, message: given }: Props) {
  const s = useStyles2(getStyles);
  const window = formatDuration(shortfall.windowMs);
  const relative = shortfall.relativeFrom.replace('now-', '');
  const message =
    given ??
    `The time range covers ${formatTimeSpan(shortfall.coveredMs)} of the ${window} SLO window: SLI, budget and burn rates cover only that.`;
  const fixHelp =
    shortfall.fixBy === 'dashboard'
      ? `Sets the dashboard time range to the last ${relative} (from ${shortfall.relativeFrom} to now); every panel on the dashboard follows. ` +
        `To change only this panel, set Query options → Relative time to ${relative} in the panel editor.`
      : `This panel has its own time range. In the panel editor set Query options → Relative time to ${relative}.`;
  return (
    <div className={s.bar} role="note" data-testid={testIds.kpiPanel.timeRangeWarning}>
      <Icon name="exclamation-triangle" className={s.icon} aria-hidden />
      {compact ? (
        <Tooltip content={message}>
          <span className={s.text} tabIndex={0} aria-label={message}>
            {formatTimeSpan(shortfall.coveredMs)} of {window}
          </span>
        </Tooltip>
      ) : (
        <span className={s.text}>{message}</span>
      )}
      {shortfall.fixBy === 'dashboard' ? (
        <Tooltip content={fixHelp}>
          <Button
            size="sm"
            variant="secondary"
            icon="clock-nine"
            onClick={onFix}
            aria-label={`Show last ${relative} on the whole dashboard`}
            data-testid={testIds.kpiPanel.timeRangeFix}
          >
            {compact ? relative : `Show last ${relative}`}
          </Button>
        </Tooltip>
      ) : (
        !compact && <span className={s.hint}>{fixHelp}</span>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  bar: css`
    display: flex;
    align-items: center;
    gap: ${theme.spacing(1)};
    padding: ${theme.spacing(0.5, 1)};
    border: 1px solid ${theme.colors.warning.border};
    border-radius: ${theme.shape.radius.default};
    background: ${theme.colors.warning.transparent};
    font-size: ${theme.typography.bodySmall.fontSize};
  `,
  icon: css`
    flex: none;
    color: ${theme.colors.warning.text};
  `,
  text: css`
    flex: 1;
    min-width: 0;
  `,
  hint: css`
    color: ${theme.colors.text.secondary};
  `,
});
