import React from 'react';
import type { IconName } from '@grafana/data';
import { Spinner } from '@grafana/ui';
import { Hint } from '../../components/Hint';
import { IconBadge } from '../../components/IconBadge';
import { StatusPill } from '../../components/StatusPill';
import { testIds } from '../../components/testIds';
import { isValueKpi } from '../../kpi/model';
import type { CatalogRow } from '../Catalog/catalogView';

/** A catalog row's state as the list, the tree and the KPI page's drivers show it: a status, or why there is none. */
export function RowStatus({ row }: { row: CatalogRow }) {
  switch (row.state) {
    case 'pending':
      return <Spinner inline aria-label="Evaluating" />;
    case 'draft':
      return <NotEvaluated text="Draft" icon="pen" why="Drafts are not evaluated until published." />;
    case 'retired':
      return <NotEvaluated text="Retired" icon="archive-alt" why="Retired KPIs are not evaluated." />;
    case 'error':
      return (
        <Hint content={row.result?.error ?? 'The query failed.'} placement="auto">
          <span role="status" data-testid={testIds.catalog.rowError}>
            <IconBadge color="red" icon="exclamation-triangle" text="Query failed" />
          </span>
        </Hint>
      );
    default:
      return (
        <StatusPill
          status={row.state}
          kind={isValueKpi(row.kpi) ? 'value' : 'slo'}
          reason={row.result?.value?.evaluation.reason}
        />
      );
  }
}

function NotEvaluated({ text, icon, why }: { text: string; icon: IconName; why: string }) {
  return (
    <Hint content={why} placement="auto">
      <span>
        <IconBadge color="darkgrey" icon={icon} text={text} />
      </span>
    </Hint>
  );
}
