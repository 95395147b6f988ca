import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Badge, type BadgeColor, useStyles2 } from '@grafana/ui';
import { Hint } from '../../components/Hint';

interface Props {
  values: readonly string[] | undefined;
  color: BadgeColor;
  /** What the values are, for the hint: "Audience", "Tags". */
  label: string;
}

/**
 * A row's audiences or tags in a column about one badge wide: the first as a badge, cut with an ellipsis when it is
 * long, and the others counted as "+N", all of them named in a hint. Badges clipped at the column's edge read as
 * other words ("onca", "busi"), and every badge a row mounts is paid again by each row a keystroke brings in.
 */
export function RowChips({ values = [], color, label }: Props) {
  const s = useStyles2(getStyles);
  if (values.length === 0) {
    return null;
  }
  const [first, ...others] = values;
  const named = `${label}: ${values.join(', ')}`;
  // A group, so that its name is announced: ARIA names no plain span.
  const chips = (
    <span className={s.chips} role="group" aria-label={named}>
      <Badge color={color} text={<span className={s.text}>{first}</span>} className={s.badge} />
      {others.length > 0 && (
        <span className={s.more} aria-hidden>
          +{others.length}
        </span>
      )}
    </span>
  );
  return <Hint content={named}>{chips}</Hint>;
}

const getStyles = (theme: GrafanaTheme2) => ({
  chips: css({ display: 'flex', alignItems: 'center', gap: theme.spacing(0.5), minWidth: 0, maxWidth: '100%' }),
  badge: css({ minWidth: 0, maxWidth: '100%' }),
  text: css({ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }),
  more: css({
    flexShrink: 0,
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    fontVariantNumeric: 'tabular-nums',
  }),
});
