import React from 'react';
import { css } from '@emotion/css';
import type { IconName } from '@grafana/data';
import { Badge, type BadgeColor, useStyles2 } from '@grafana/ui';
import { Glyph } from './Glyph';

interface Props {
  color: BadgeColor;
  icon: IconName;
  text: string;
}

/**
 * `<Badge color icon text />` with its icon drawn by Glyph: the same elements, one plain svg in place of Icon's
 * (a status badge is in every catalog row).
 */
export function IconBadge({ color, icon, text }: Props) {
  const s = useStyles2(getStyles);
  return (
    <Badge
      color={color}
      text={
        <>
          <span className={s.iconWrap}>
            <Glyph name={icon} />
          </span>
          {text}
        </>
      }
    />
  );
}

// Badge's own wrapper of its icon: the icon sits on the middle of the text's first line.
const getStyles = () => ({
  iconWrap: css({ display: 'inline-flex', alignItems: 'center', height: '1lh' }),
});
