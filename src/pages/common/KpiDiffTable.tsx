import React, { useMemo } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { testIds } from '../../components/testIds';
import { diffKpis } from '../../kpi/catalog';
import type { CatalogKpi } from '../../kpi/model';
import { versionLabel } from './versions';

/** A field's value as one line of text; lists and objects as JSON, so nothing from the catalog becomes markup. */
function show(value: unknown): string {
  if (value === undefined) {
    return '(not set)';
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

interface Props {
  before: CatalogKpi;
  after: CatalogKpi;
  beforeLabel?: string;
  afterLabel?: string;
}

/** The fields that differ between two definitions of a KPI, before and after, one row each. */
export function KpiDiffTable({ before, after, beforeLabel, afterLabel }: Props) {
  const s = useStyles2(getStyles);
  const changes = useMemo(() => diffKpis(before, after), [before, after]);
  return (
    <table className={s.table} data-testid={testIds.kpiDetail.diff} aria-label="Changes between the two versions">
      <thead>
        <tr>
          <th>Field</th>
          <th>{beforeLabel ?? versionLabel(before)}</th>
          <th>{afterLabel ?? versionLabel(after)}</th>
        </tr>
      </thead>
      <tbody>
        {changes.length === 0 ? (
          <tr>
            <td colSpan={3}>No field differs between these versions.</td>
          </tr>
        ) : (
          changes.map((change) => (
            <tr key={change.path}>
              <td>
                <code>{change.path}</code>
              </td>
              <td className={s.before}>{show(change.before)}</td>
              <td className={s.after}>{show(change.after)}</td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  table: css({
    width: '100%',
    marginTop: theme.spacing(2),
    borderCollapse: 'collapse',
    'th, td': {
      textAlign: 'left',
      padding: theme.spacing(0.75, 1),
      borderBottom: `1px solid ${theme.colors.border.weak}`,
      verticalAlign: 'top',
      wordBreak: 'break-word',
    },
    th: { color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightMedium },
  }),
  before: css({ color: theme.colors.error.text }),
  after: css({ color: theme.colors.success.text }),
});
