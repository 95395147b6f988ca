import React, { useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, Button, Field, Input, LoadingPlaceholder, Stack, Text, TextArea, useStyles2 } from '@grafana/ui';
import { testIds } from '../../components/testIds';
import { CHECK_IN_MAX_LENGTH, type CheckIn, type CheckInDraft } from '../../kpi/catalog';
import { fetchErrorMessage } from '../../data/fetchErrors';
import type { CheckInsLoad } from '../common/useCheckIns';
import { currentUserTimeZone, type CheckInPermission } from '../../utils/permissions';
import { formatDateTime } from '../../components/format';
import { localDay } from './localDay';

interface Props {
  kpiId: string;
  load: CheckInsLoad;
  /** This KPI's notes, newest first. */
  notes: readonly CheckIn[];
  /** Whether the signed-in user may add a note here, or why not. */
  permission: CheckInPermission;
  onAdd: (draft: CheckInDraft) => Promise<unknown>;
}

/** A KPI's check-ins, newest first, and the form that adds one. */
export function CheckInsSection({ kpiId, load, notes, permission, onAdd }: Props) {
  const s = useStyles2(getStyles);
  const [draft, setDraft] = useState<CheckInDraft>(() => ({ date: localDay(), text: '' }));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();
  const tooLong = draft.text.trim().length > CHECK_IN_MAX_LENGTH;

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(undefined);
    try {
      await onAdd(draft);
      setDraft({ date: draft.date, text: '' });
    } catch (e) {
      // The text stays in the form, so a conflict or a refusal loses nothing.
      setError(fetchErrorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div data-testid={testIds.checkIns.section}>
      {permission.allowed ? (
        <form onSubmit={submit} className={s.form} aria-label={`Add a check-in to ${kpiId}`}>
          <Stack direction="row" gap={2} alignItems="flex-start" wrap="wrap">
            <Field label="Day" description="The day the note is about" noMargin>
              <Input
                type="date"
                value={draft.date}
                max={localDay()}
                onChange={(e) => setDraft({ ...draft, date: e.currentTarget.value })}
                data-testid={testIds.checkIns.date}
                width={20}
              />
            </Field>
            <Field
              label="Note"
              description={`${draft.text.trim().length.toLocaleString()} of ${CHECK_IN_MAX_LENGTH.toLocaleString()} characters`}
              invalid={tooLong}
              error={
                tooLong ? `A check-in takes at most ${CHECK_IN_MAX_LENGTH.toLocaleString()} characters` : undefined
              }
              className={s.note}
              noMargin
            >
              <TextArea
                value={draft.text}
                rows={2}
                placeholder="conversion dip: search incident INC-123, fixed on 12 Nov"
                onChange={(e) => setDraft({ ...draft, text: e.currentTarget.value })}
                data-testid={testIds.checkIns.text}
              />
            </Field>
          </Stack>
          <Button
            type="submit"
            icon="comment-alt"
            disabled={saving || draft.text.trim() === ''}
            data-testid={testIds.checkIns.add}
          >
            {saving ? 'Adding…' : 'Add check-in'}
          </Button>
          {error && (
            <Alert severity="error" title="The check-in was not added" data-testid={testIds.checkIns.error}>
              {error}
            </Alert>
          )}
        </form>
      ) : (
        <p className={s.unavailable} data-testid={testIds.checkIns.unavailable}>
          {permission.reason}
        </p>
      )}
      {load.status === 'loading' && <LoadingPlaceholder text="Loading check-ins…" />}
      {load.status === 'error' && (
        <Alert severity="warning" title="The check-ins could not be loaded">
          {load.message}
        </Alert>
      )}
      {load.status === 'loaded' && notes.length === 0 && (
        <Text color="secondary" element="p">
          No check-ins yet: note what happened to this KPI and why (an incident, a release, a campaign).
        </Text>
      )}
      {notes.length > 0 && (
        <ol className={s.list} aria-label="Check-ins, newest first">
          {notes.map((note) => (
            <li key={note.id} className={s.item} data-testid={testIds.checkIns.item}>
              <Text weight="medium">{note.date}</Text>{' '}
              <Text color="secondary" variant="bodySmall">
                {note.login} · written {formatDateTime(Date.parse(note.at), currentUserTimeZone())}
              </Text>
              <div className={s.text}>{note.text}</div>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  form: css({
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(2),
    '& > *': { alignSelf: 'stretch' },
    '& > button': { alignSelf: 'flex-start' },
  }),
  note: css({ flex: '1 1 360px' }),
  unavailable: css({ color: theme.colors.text.secondary }),
  list: css({ listStyle: 'none', margin: 0, padding: 0 }),
  item: css({ padding: theme.spacing(1, 0), borderTop: `1px solid ${theme.colors.border.weak}` }),
  text: css({ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }),
});
