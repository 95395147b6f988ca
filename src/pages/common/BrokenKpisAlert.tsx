import React from 'react';
import { Alert } from '@grafana/ui';
import { testIds } from '../../components/testIds';
import type { BrokenKpi } from '../../data/catalogStore';
import { formatProblem } from '../../kpi/catalog';

/** KPIs stored in a shape the schema refuses (a hand-edited catalog): named with each problem; the rest still shows. */
export function BrokenKpisAlert({ broken }: { broken: readonly BrokenKpi[] }) {
  if (broken.length === 0) {
    return null;
  }
  return (
    <Alert
      severity="warning"
      title={`${broken.length} KPI${broken.length === 1 ? ' is' : 's are'} invalid and not shown`}
      data-testid={testIds.catalog.broken}
    >
      <ul>
        {broken.map(({ index, id, problems }) => (
          <li key={index}>
            kpis[{index}]{id ? ` (${id})` : ''}: {problems.map(formatProblem).join('; ')}
          </li>
        ))}
      </ul>
      They stay in the stored catalog untouched. Fix them in the provisioning file or in the plugin settings.
    </Alert>
  );
}
