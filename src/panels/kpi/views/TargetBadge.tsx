import React from 'react';
import { css, cx } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Icon, Tooltip, useStyles2 } from '@grafana/ui';

interface Props {
  /** "≥ 99.9%" or "< 300 ms": the comparison and the formatted target. */
  target: string;
  /** Whether the number beside it meets the target; null without a number (no data, no traffic). */
  meets: boolean | null;
  explanation: string;
}

/** The target beside a number, with whether it is met, in words as well as colour. */
export function TargetBadge({ target, meets, explanation }: Props) {
  const s = useStyles2(getStyles);
  const state = meets === null ? 'unknown' : meets ? 'met' : 'missed';
  const words = { met: 'met', missed: 'not met', unknown: 'cannot tell without data' }[state];
  return (
    <Tooltip content={explanation}>
      <span className={cx(s.badge, s[state])} tabIndex={0} aria-label={`Target ${target}: ${words}`} data-state={state}>
        <Icon
          name={state === 'met' ? 'check' : state === 'missed' ? 'times' : 'question-circle'}
          size="sm"
          aria-hidden
        />
        <span>target {target}</span>
      </span>
    </Tooltip>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  badge: css`
    display: inline-flex;
    align-items: center;
    gap: ${theme.spacing(0.5)};
    padding: ${theme.spacing(0, 0.75)};
    border: 1px solid currentColor;
    border-radius: ${theme.shape.radius.pill};
    font-size: ${theme.typography.bodySmall.fontSize};
    white-space: nowrap;
    cursor: help;
  `,
  met: css`
    color: ${theme.colors.success.text};
  `,
  missed: css`
    color: ${theme.colors.error.text};
  `,
  unknown: css`
    color: ${theme.colors.text.secondary};
  `,
});
