import React, { useMemo, useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, Badge, Button, Input, useStyles2 } from '@grafana/ui';
import type { InstanceEvaluation } from '../kpi/evaluate';
import { decimalsForTarget, formatBurnRate, formatPercent, formatSli } from './format';
import { STATUS_LOOKS } from './StatusPill';
import { testIds } from './testIds';

/** Rows shown before "Show all": a panel stays readable, and 10,000 instances do not become 10,000 DOM rows. */
export const INSTANCE_ROWS_SHOWN = 20;
/** A filter box only where there is something to filter. */
const FILTER_FROM = 8;

interface Props {
  instances: readonly InstanceEvaluation[];
  groupBy: readonly string[];
  /** Every instance there was, listed or not. */
  instanceCount: number;
  belowTarget: number;
  target: number;
  /** The cardinality guard's warning, when it held instances back. */
  capWarning?: string;
}

/**
 * The instances of a per-label KPI, worst first (most severe status, then least budget left, then fastest burn):
 * one row each with its status, SLI, budget left and the burn rate of the shortest window. Values from the data
 * source render as text.
 */
export function InstanceTable({ instances, groupBy, instanceCount, belowTarget, target, capWarning }: Props) {
  const s = useStyles2(getStyles);
  const [filter, setFilter] = useState('');
  const [showAll, setShowAll] = useState(false);
  const unit = groupBy.join(' × ');
  const matching = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    return needle === '' ? instances : instances.filter((i) => i.name.toLowerCase().includes(needle));
  }, [instances, filter]);
  const shown = showAll ? matching : matching.slice(0, INSTANCE_ROWS_SHOWN);
  const shortest = instances[0]?.evaluation.windows[0]?.window;
  const decimals = decimalsForTarget(target);

  return (
    <section className={s.section} aria-label={`Instances by ${unit}`} data-testid={testIds.instances.container}>
      <div className={s.summary} data-testid={testIds.instances.summary}>
        {belowTarget} of {instanceCount} {unit} values below target, worst first
      </div>
      {capWarning && (
        <Alert
          severity="warning"
          title="More instances than indicator.maxInstances"
          data-testid={testIds.instances.cap}
        >
          {capWarning}
        </Alert>
      )}
      {instances.length >= FILTER_FROM && (
        <Input
          className={s.filter}
          value={filter}
          onChange={(event) => setFilter(event.currentTarget.value)}
          placeholder={`Filter by ${unit}`}
          aria-label={`Filter instances by ${unit}`}
          data-testid={testIds.instances.filter}
        />
      )}
      {instances.length === 0 ? (
        <p className={s.empty}>No instance has data: the queries returned no {unit} series.</p>
      ) : (
        <table className={s.table} data-testid={testIds.instances.table}>
          <caption className={s.caption}>Instances by {unit}, worst first</caption>
          <thead>
            <tr>
              <th scope="col">{unit}</th>
              <th scope="col">Status</th>
              <th scope="col">SLI</th>
              <th scope="col">Budget left</th>
              <th scope="col">Burn {shortest}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map(({ key, name, evaluation }) => {
              const look = STATUS_LOOKS[evaluation.status];
              return (
                <tr key={key} data-testid={testIds.instances.row} data-status={evaluation.status}>
                  <th scope="row" className={s.name}>
                    {name}
                  </th>
                  <td>
                    <Badge color={look.color} icon={look.icon} text={look.label} tooltip={look.meaning} />
                  </td>
                  <td className={s.number}>{formatSli(evaluation.sli, decimals)}</td>
                  <td className={s.number}>{formatPercent(evaluation.budgetRemaining, 1)}</td>
                  <td className={s.number}>{formatBurnRate(evaluation.windows[0]?.burnRate)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {matching.length > shown.length && (
        <Button variant="secondary" size="sm" onClick={() => setShowAll(true)} data-testid={testIds.instances.showAll}>
          Show all {matching.length}
        </Button>
      )}
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  section: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1) }),
  summary: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  filter: css({ maxWidth: 320 }),
  empty: css({ color: theme.colors.text.secondary, margin: 0 }),
  caption: css({
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
  }),
  table: css({
    width: '100%',
    borderCollapse: 'collapse',
    fontSize: theme.typography.body.fontSize,
    'th, td': {
      padding: theme.spacing(0.5, 1),
      borderBottom: `1px solid ${theme.colors.border.weak}`,
      textAlign: 'left',
    },
    'thead th': {
      color: theme.colors.text.secondary,
      fontWeight: theme.typography.fontWeightMedium,
      fontSize: theme.typography.bodySmall.fontSize,
    },
  }),
  name: css({ fontWeight: theme.typography.fontWeightRegular, wordBreak: 'break-all' }),
  number: css({ fontVariantNumeric: 'tabular-nums' }),
});
