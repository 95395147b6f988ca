import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { testIds } from '../../components/testIds';
import { checkInsBetween, checkInsOf, type CheckIn, type StoredCheckIns } from '../../kpi/catalog';

/** Each KPI's check-ins whose day is in the period, oldest first: what the report and its CSV list. */
export function periodCheckIns(
  stored: StoredCheckIns,
  kpiIds: readonly string[],
  period: { startMs: number; endMs: number }
): Map<string, CheckIn[]> {
  return new Map(
    kpiIds.map((id) => [id, checkInsBetween(checkInsOf(stored, id), period.startMs, period.endMs).reverse()])
  );
}

/** A KPI's notes in the report's cell, as text. */
export function ReportCheckIns({ notes }: { notes?: readonly CheckIn[] }) {
  const s = useStyles2(getStyles);
  if (!notes?.length) {
    return <span className={s.none}>—</span>;
  }
  return (
    <ul className={s.list} data-testid={testIds.checkIns.reportNotes}>
      {notes.map((note) => (
        <li key={note.id}>
          <span className={s.meta}>
            {note.date} · {note.login}:
          </span>{' '}
          {note.text}
        </li>
      ))}
    </ul>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  list: css({ margin: 0, paddingLeft: theme.spacing(2), maxWidth: 420, overflowWrap: 'anywhere' }),
  meta: css({ color: theme.colors.text.secondary }),
  none: css({ color: theme.colors.text.disabled }),
});
