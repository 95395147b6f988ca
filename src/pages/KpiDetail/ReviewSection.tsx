import React, { useState } from 'react';
import { Alert, Button, Stack, Text } from '@grafana/ui';
import { testIds } from '../../components/testIds';
import { markReviewed, reviewState, type CatalogState } from '../../kpi/catalog';
import type { CatalogKpi } from '../../kpi/model';
import { fetchErrorMessage } from '../../data/fetchErrors';
import { localDay } from './localDay';

interface Props {
  kpi: CatalogKpi;
  /** Admins (or plugins:write) on a catalog the UI may write. */
  canMark: boolean;
  provisioned: boolean;
  login: string;
  save: (edit: (state: CatalogState) => CatalogState) => Promise<unknown>;
  reload: () => void;
}

const DAY_MS = 86_400_000;

/** The review cadence: when it was last reviewed and by whom, whether it is overdue, and "Mark reviewed". */
export function ReviewSection({ kpi, canMark, provisioned, login, save, reload }: Props) {
  const [state, setState] = useState<{ step: 'idle' | 'saving' } | { step: 'error'; message: string }>({
    step: 'idle',
  });
  // When the page opened: what "overdue" and "due in" are measured from, steady across renders.
  const [nowMs] = useState(() => Date.now());
  const review = kpi.review;
  if (!review) {
    return null;
  }
  const due = reviewState(kpi, nowMs);
  const mark = async () => {
    setState({ step: 'saving' });
    try {
      await save((s) => markReviewed(s, kpi.id, { day: localDay(), login }, s.revision));
      setState({ step: 'idle' });
    } catch (error) {
      setState({ step: 'error', message: fetchErrorMessage(error) });
    }
  };
  const unavailable = provisioned
    ? 'The catalog is provisioned: set review.last in its file.'
    : canMark
      ? undefined
      : 'Only Admins can mark a KPI reviewed.';
  return (
    <Stack direction="column" gap={1}>
      <div data-testid={testIds.review.section}>
        <Text>
          Reviewed every {review.every}; last reviewed <Text weight="medium">{review.last ?? 'never'}</Text>
          {review.by && (
            <>
              {' '}
              by <span data-testid={testIds.review.reviewer}>{review.by}</span>
            </>
          )}
          .
        </Text>{' '}
        {due?.overdue && (
          <Text color="warning" data-testid={testIds.review.overdue}>
            {due.neverReviewed
              ? 'Review due: never reviewed.'
              : `Review overdue since ${new Date(due.dueMs).toISOString().slice(0, 10)}${due.daysOverdue > 0 ? ` (${due.daysOverdue} ${due.daysOverdue === 1 ? 'day' : 'days'})` : ''}.`}
          </Text>
        )}
        {due && !due.overdue && (
          <Text color="secondary">Next review due in {Math.ceil((due.dueMs - nowMs) / DAY_MS)} days.</Text>
        )}
      </div>
      {unavailable ? (
        <Text color="secondary" variant="bodySmall" data-testid={testIds.review.unavailable}>
          {unavailable}
        </Text>
      ) : (
        <div>
          <Button
            icon="check"
            variant="secondary"
            onClick={mark}
            disabled={state.step === 'saving'}
            tooltip="Sets the last review to today and records you as the reviewer; not a new version"
            data-testid={testIds.review.markReviewed}
          >
            {state.step === 'saving' ? 'Marking…' : 'Mark reviewed'}
          </Button>
        </div>
      )}
      {state.step === 'error' && (
        <Alert
          severity="error"
          title="Not marked reviewed"
          buttonContent="Reload the catalog"
          onRemove={() => {
            setState({ step: 'idle' });
            reload();
          }}
        >
          {state.message}
        </Alert>
      )}
    </Stack>
  );
}
