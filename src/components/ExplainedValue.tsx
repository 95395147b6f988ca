import React from 'react';
import { css, cx } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Tooltip, useStyles2 } from '@grafana/ui';

export type ValueTone = 'default' | 'success' | 'warning' | 'error' | 'muted';
export type ValueSize = 'hero' | 'large' | 'normal' | 'small';

interface Props {
  /** What the number is, for screen readers: "SLI", "Budget remaining". */
  label: string;
  /** The formatted number. */
  value: string;
  /** The formula in words, with the numbers that went into it. */
  explanation: string;
  size?: ValueSize;
  tone?: ValueTone;
  testId?: string;
}

/**
 * A KPI number with its name for screen readers and its formula in a tooltip. Focusable, so keyboard users reach
 * the explanation too.
 */
export function ExplainedValue({ label, value, explanation, size = 'normal', tone = 'default', testId }: Props) {
  const s = useStyles2(getStyles);
  return (
    <Tooltip content={explanation} placement="top">
      <span
        className={cx(s.value, s[size], s[tone])}
        tabIndex={0}
        aria-label={`${label}: ${value}`}
        data-testid={testId}
      >
        {value}
      </span>
    </Tooltip>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  value: css`
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
    cursor: help;
    border-radius: ${theme.shape.radius.default};
    &:focus-visible {
      outline: 2px solid ${theme.colors.primary.main};
      outline-offset: 2px;
    }
  `,
  hero: css`
    font-size: ${theme.typography.h1.fontSize};
    font-weight: ${theme.typography.fontWeightMedium};
    line-height: 1.1;
  `,
  large: css`
    font-size: ${theme.typography.h3.fontSize};
    font-weight: ${theme.typography.fontWeightMedium};
  `,
  normal: css`
    font-size: ${theme.typography.body.fontSize};
  `,
  small: css`
    font-size: ${theme.typography.bodySmall.fontSize};
  `,
  default: css`
    color: ${theme.colors.text.primary};
  `,
  success: css`
    color: ${theme.colors.success.text};
  `,
  warning: css`
    color: ${theme.colors.warning.text};
  `,
  error: css`
    color: ${theme.colors.error.text};
  `,
  muted: css`
    color: ${theme.colors.text.secondary};
  `,
});
