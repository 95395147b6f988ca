import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Icon, useStyles2 } from '@grafana/ui';
import { testIds } from '../../components/testIds';
import type { PanelProblem } from '../../reading';

interface Props {
  problem: PanelProblem;
}

/** Instead of numbers: what is wrong or missing, and what to do. Text only, so catalog text stays text. */
export function PanelMessage({ problem }: Props) {
  const s = useStyles2(getStyles);
  const isError = problem.tone === 'error';
  return (
    <div
      className={s.wrapper}
      role={isError ? 'alert' : 'status'}
      data-testid={testIds.kpiPanel.message}
      data-code={problem.code}
    >
      <Icon
        name={isError ? 'exclamation-triangle' : 'info-circle'}
        size="lg"
        className={isError ? s.errorIcon : s.infoIcon}
        aria-hidden
      />
      <div className={s.title}>{problem.title}</div>
      <div className={s.detail}>{problem.detail}</div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrapper: css`
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: ${theme.spacing(0.5)};
    height: 100%;
    padding: ${theme.spacing(1)};
    overflow: auto;
    text-align: center;
  `,
  title: css`
    font-weight: ${theme.typography.fontWeightMedium};
  `,
  detail: css`
    max-width: 60ch;
    color: ${theme.colors.text.secondary};
    font-size: ${theme.typography.bodySmall.fontSize};
    overflow-wrap: anywhere;
  `,
  errorIcon: css`
    color: ${theme.colors.error.text};
  `,
  infoIcon: css`
    color: ${theme.colors.info.text};
  `,
});
