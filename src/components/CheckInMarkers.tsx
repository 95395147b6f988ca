import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Tooltip, useStyles2 } from '@grafana/ui';
import { checkInsBetween, checkInTimeMs, type CheckIn } from '../kpi/catalog';
import { testIds } from './testIds';

interface Props {
  notes: readonly CheckIn[];
  /** The chart's time axis: `startMs` at `left` pixels, `endMs` at `width - right`. */
  startMs: number;
  endMs: number;
  width: number;
  left?: number;
  right?: number;
}

/**
 * Check-ins as annotation markers under a chart, on the chart's own time axis: one per note, its text on hover or
 * keyboard focus. Notes render as text, never as markup.
 */
export function CheckInMarkers({ notes, startMs, endMs, width, left = 0, right = 0 }: Props) {
  const s = useStyles2(getStyles);
  const shown = checkInsBetween(notes, startMs, endMs);
  if (shown.length === 0 || endMs <= startMs) {
    return null;
  }
  const plotWidth = Math.max(width - left - right, 1);
  const x = (ms: number) => left + ((ms - startMs) / (endMs - startMs)) * plotWidth;
  return (
    <div className={s.strip} style={{ width }} aria-label="Check-ins on this chart" role="list">
      {shown.map((note) => (
        <Tooltip
          key={note.id}
          content={
            <div className={s.tip}>
              <strong>{note.date}</strong> · {note.login}
              <div>{note.text}</div>
            </div>
          }
        >
          <button
            type="button"
            role="listitem"
            className={s.marker}
            style={{ left: x(checkInTimeMs(note)!) }}
            aria-label={`Check-in on ${note.date} by ${note.login}: ${note.text}`}
            data-testid={testIds.checkIns.marker}
          />
        </Tooltip>
      ))}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  strip: css({ position: 'relative', height: theme.spacing(2), borderTop: `1px dashed ${theme.colors.border.weak}` }),
  marker: css({
    position: 'absolute',
    top: 0,
    width: 10,
    height: 10,
    marginLeft: -5,
    padding: 0,
    border: `1px solid ${theme.colors.background.primary}`,
    borderRadius: '50%',
    background: theme.colors.warning.main,
    cursor: 'pointer',
    '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}`, outlineOffset: 1 },
  }),
  tip: css({ maxWidth: 360, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }),
});
