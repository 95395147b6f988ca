import React from 'react';
import { css, cx } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Badge, useStyles2 } from '@grafana/ui';
import type { KpiEvaluation, WindowEvaluation } from '../kpi/evaluate';
import { formatDuration } from '../kpi/time';
import { describeRule, type RuleDecision } from '../kpi/policy';
import { explainBurnRate, explainRule, type ExplainContext } from './explain';
import { ExplainedValue } from './ExplainedValue';
import { formatBurnRate, formatFactor } from './format';
import { testIds } from './testIds';

interface Props {
  evaluation: KpiEvaluation;
  context: ExplainContext;
  /** Small panels drop the factor column; the rule's name carries the factor instead. */
  compact?: boolean;
}

type RuleState = 'firing' | 'held-back' | 'maintenance' | 'quiet' | 'unknown';

/** Inside maintenance every rule is quiet by design, whatever its windows hold (often nothing: they are masked). */
function ruleState(decision: RuleDecision, inMaintenance: boolean): RuleState {
  if (decision.firing) {
    return 'firing';
  }
  if (inMaintenance) {
    return 'maintenance';
  }
  if (decision.heldBackByLowTraffic) {
    return 'held-back';
  }
  return decision.longBurnRate === null || decision.shortBurnRate === null ? 'unknown' : 'quiet';
}

/**
 * One row per burn-rate rule: the burn rate of its long and short window, the factor both are compared with, and
 * whether it fires. The SLO window's own burn rate closes the table.
 */
export function BurnRateTable({ evaluation, context, compact = false }: Props) {
  const s = useStyles2(getStyles);
  const byWindow = new Map(evaluation.windows.map((w) => [w.windowMs, w]));

  const burnCell = (windowMs: number, factor: number) => {
    const w = byWindow.get(windowMs) as WindowEvaluation;
    const above = w.burnRate !== null && w.burnRate > factor;
    return (
      <td className={s.number}>
        <ExplainedValue
          label={`Burn rate over ${w.window}`}
          value={formatBurnRate(w.burnRate)}
          explanation={explainBurnRate(w, context)}
          tone={above ? 'error' : w.burnRate === null ? 'muted' : 'default'}
        />
        {!compact && <span className={s.window}> {w.window}</span>}
      </td>
    );
  };

  return (
    <table
      className={cx(s.table, compact && s.compact)}
      aria-label="Burn rates per alert rule"
      data-testid={testIds.kpiPanel.burnRateTable}
    >
      <thead>
        <tr>
          <th scope="col">Rule</th>
          <th scope="col">Long</th>
          <th scope="col">Short</th>
          {!compact && <th scope="col">Fires above</th>}
          <th scope="col">State</th>
        </tr>
      </thead>
      <tbody>
        {evaluation.decisions.map((decision, index) => {
          const { rule } = decision;
          const state = ruleState(decision, evaluation.status === 'maintenance');
          return (
            <tr key={index} data-state={state}>
              <th scope="row" className={s.rule}>
                <ExplainedValue
                  label="Rule"
                  // Compact tables drop the factor column, so the rule's name carries it: "page 1h/5m > 13.44x".
                  value={
                    compact
                      ? describeRule(rule)
                      : `${rule.severity} ${formatDuration(rule.longMs)}/${formatDuration(rule.shortMs)}`
                  }
                  explanation={explainRule(decision, context)}
                />
              </th>
              {burnCell(rule.longMs, rule.factor)}
              {burnCell(rule.shortMs, rule.factor)}
              {!compact && <td className={s.number}>{formatFactor(rule.factor)}</td>}
              <td>
                {state === 'firing' ? (
                  <Badge
                    color={rule.severity === 'page' ? 'red' : 'orange'}
                    icon="fire"
                    text={`${rule.severity === 'page' ? 'Page' : 'Ticket'}`}
                  />
                ) : state === 'held-back' ? (
                  <Badge color="blue" icon="info-circle" text="Low traffic" />
                ) : state === 'maintenance' ? (
                  <Badge color="blue" icon="wrench" text="Maintenance" />
                ) : (
                  <span className={state === 'quiet' ? s.quiet : s.unknown}>
                    {state === 'quiet' ? 'Quiet' : 'No data'}
                  </span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" className={s.rule}>
            SLO window
          </th>
          <td className={s.number} colSpan={compact ? 3 : 4}>
            <ExplainedValue
              label={`Burn rate over the SLO window ${evaluation.slo.window}`}
              value={formatBurnRate(evaluation.slo.burnRate)}
              explanation={explainBurnRate(evaluation.slo, context)}
            />
            <span className={s.window}> {evaluation.slo.window}</span>
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  table: css`
    width: 100%;
    border-collapse: collapse;
    font-size: ${theme.typography.body.fontSize};
    th,
    td {
      padding: ${theme.spacing(0.5, 1)};
      border-bottom: 1px solid ${theme.colors.border.weak};
      text-align: left;
    }
    thead th {
      color: ${theme.colors.text.secondary};
      font-weight: ${theme.typography.fontWeightMedium};
      font-size: ${theme.typography.bodySmall.fontSize};
    }
    tfoot th,
    tfoot td {
      border-bottom: none;
      color: ${theme.colors.text.secondary};
    }
  `,
  compact: css`
    font-size: ${theme.typography.bodySmall.fontSize};
    th,
    td {
      padding: ${theme.spacing(0.25, 0.5)};
    }
  `,
  rule: css`
    font-weight: ${theme.typography.fontWeightRegular};
    white-space: nowrap;
  `,
  number: css`
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  `,
  window: css`
    color: ${theme.colors.text.secondary};
    font-size: ${theme.typography.bodySmall.fontSize};
  `,
  quiet: css`
    color: ${theme.colors.success.text};
  `,
  unknown: css`
    color: ${theme.colors.text.secondary};
  `,
});
