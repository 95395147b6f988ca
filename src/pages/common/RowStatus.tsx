import React from 'react';
import { Badge, Spinner } from '@grafana/ui';
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
      return <Badge color="darkgrey" icon="pen" text="Draft" tooltip="Drafts are not evaluated until published." />;
    case 'retired':
      return <Badge color="darkgrey" icon="archive-alt" text="Retired" tooltip="Retired KPIs are not evaluated." />;
    case 'error':
      return (
        <span role="status" data-testid={testIds.catalog.rowError}>
          <Badge color="red" icon="exclamation-triangle" text="Query failed" tooltip={row.result?.error} />
        </span>
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
