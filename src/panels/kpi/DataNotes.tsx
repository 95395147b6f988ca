import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Icon, Tooltip, useStyles2 } from '@grafana/ui';
import { testIds } from '../../components/testIds';

/** Odd input the panel read around (text among numbers, duplicates ...): said once, under the numbers. */
export function DataNotes({ notes, compact }: { notes: string[]; compact: boolean }) {
  const s = useStyles2(getStyles);
  if (notes.length === 0) {
    return null;
  }
  const all = notes.join(' ');
  const more = notes.length > 1 ? ` (+${notes.length - 1} more)` : '';
  return (
    <Tooltip content={all}>
      <div
        className={s.notes}
        role="note"
        tabIndex={0}
        aria-label={`Data notes: ${all}`}
        data-testid={testIds.kpiPanel.notes}
      >
        <Icon name="info-circle" size="sm" aria-hidden />
        <span className={s.text}>
          {compact ? `${notes.length} data note${notes.length === 1 ? '' : 's'}` : `${notes[0]}${more}`}
        </span>
      </div>
    </Tooltip>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  notes: css`
    display: flex;
    align-items: center;
    gap: ${theme.spacing(0.5)};
    color: ${theme.colors.text.secondary};
    font-size: ${theme.typography.bodySmall.fontSize};
    cursor: help;
  `,
  text: css`
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  `,
});
