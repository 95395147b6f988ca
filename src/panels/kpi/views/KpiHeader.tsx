import React from 'react';
import { css, cx } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { explainCoverage } from '../../../components/explain';
import { ExplainedValue } from '../../../components/ExplainedValue';
import { formatInstant, formatPercent } from '../../../components/format';
import { nextMaintenanceText } from '../../../components/maintenanceText';
import { StatusPill } from '../../../components/StatusPill';
import { testIds } from '../../../components/testIds';
import { explainContextOf, statusReason, type DisplaySettings } from '../display';
import type { PanelEvaluation } from '../../../reading';

interface Props {
  result: PanelEvaluation;
  display: DisplaySettings;
}

/**
 * Status, KPI name and when the numbers are from. For `no-data` and `no-traffic` the reason is spelled out under
 * the pill, so those states never pass for a quiet OK.
 */
export function KpiHeader({ result, display }: Props) {
  const s = useStyles2(getStyles);
  const { evaluation, spec } = result;
  const reason = statusReason(result, display.timeZone);
  const lifecycle = spec.kpi && spec.kpi.status !== 'published' ? ` (${spec.kpi.status})` : '';
  // Inside a window the reason says until when; otherwise the next one, so nobody is surprised by it.
  const upcoming =
    evaluation.status === 'maintenance'
      ? null
      : nextMaintenanceText(spec.kpi?.maintenance, evaluation.evaluatedAtMs, display.timeZone);
  return (
    <div className={s.header}>
      <div className={s.row}>
        <StatusPill status={evaluation.status} reason={reason} />
        {spec.kpi && (
          <span className={s.name} title={spec.kpi.description ?? spec.kpi.name}>
            {spec.kpi.name}
            {lifecycle}
          </span>
        )}
        {!display.compact && (
          <span className={s.meta}>
            as of {formatInstant(evaluation.evaluatedAtMs, display.timeZone)} · coverage{' '}
            <ExplainedValue
              label="Coverage"
              value={formatPercent(evaluation.coverage, 1)}
              explanation={explainCoverage(evaluation, explainContextOf(result))}
              size="small"
              tone={evaluation.coverage < 0.99 ? 'warning' : 'muted'}
            />
          </span>
        )}
      </div>
      {reason && !display.compact && (
        <div className={cx(s.reason, evaluation.status === 'no-data' ? s.noData : s.noTraffic)}>{reason}</div>
      )}
      {upcoming && !display.compact && (
        <div className={s.meta} data-testid={testIds.kpiPanel.maintenance}>
          {upcoming}
        </div>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  header: css`
    display: flex;
    flex-direction: column;
    gap: ${theme.spacing(0.5)};
  `,
  row: css`
    display: flex;
    align-items: center;
    gap: ${theme.spacing(1)};
    min-width: 0;
  `,
  name: css`
    flex: 1;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    font-weight: ${theme.typography.fontWeightMedium};
  `,
  meta: css`
    margin-left: auto;
    color: ${theme.colors.text.secondary};
    font-size: ${theme.typography.bodySmall.fontSize};
    white-space: nowrap;
  `,
  reason: css`
    padding: ${theme.spacing(0.5, 1)};
    border-left: 3px solid;
    font-size: ${theme.typography.bodySmall.fontSize};
  `,
  noData: css`
    border-color: ${theme.visualization.getColorByName('purple')};
    background: ${theme.colors.background.secondary};
  `,
  noTraffic: css`
    border-color: ${theme.colors.info.border};
    background: ${theme.colors.background.secondary};
  `,
});
