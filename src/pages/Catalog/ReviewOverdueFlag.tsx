import React from 'react';
import { Badge } from '@grafana/ui';
import { testIds } from '../../components/testIds';
import { reviewState } from '../../kpi/catalog';
import type { CatalogKpi } from '../../kpi/model';

/** A flag on a catalog row whose review is due or past due; nothing otherwise. */
export function ReviewOverdueFlag({ kpi, nowMs }: { kpi: CatalogKpi; nowMs: number }) {
  const state = reviewState(kpi, nowMs);
  if (!state?.overdue) {
    return null;
  }
  const text = state.neverReviewed ? 'never reviewed' : 'review overdue';
  const tooltip = state.neverReviewed
    ? `Reviewed every ${kpi.review?.every}, never yet`
    : `Due ${new Date(state.dueMs).toISOString().slice(0, 10)}: last reviewed ${kpi.review?.last}, every ${kpi.review?.every}`;
  return (
    <span data-testid={testIds.catalog.reviewOverdue}>
      <Badge color="orange" icon="clock-nine" text={text} tooltip={tooltip} />
    </span>
  );
}
