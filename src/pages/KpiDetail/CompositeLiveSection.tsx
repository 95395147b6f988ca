import React from 'react';
import { css, cx } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, LoadingPlaceholder, TextLink, Tooltip, useStyles2 } from '@grafana/ui';
import { BudgetBar } from '../../components/BudgetBar';
import { BurnRateTable } from '../../components/BurnRateTable';
import { explainBudget, explainContextOfKpi, explainSli } from '../../components/explain';
import { decimalsForTarget, formatBurnRate, formatPercent, formatSli, MISSING } from '../../components/format';
import { StatusPill } from '../../components/StatusPill';
import { testIds } from '../../components/testIds';
import type { CompositeEvaluation, MemberShare } from '../../kpi/evaluate';
import type { CompositeKpiDefinition } from '../../kpi/model';
import { kpiDetailUrl } from '../../utils/utils.routing';
import type { CompositeLive, CompositeMemberLive } from '../common/useCompositeLiveEvaluation';
import { cardStyle } from '../common/cardStyle';

const BUDGET_WARNING_PERCENT = 25;
const BUDGET_CRITICAL_PERCENT = 0;

/** A composite evaluated live: its SLI, budget and burn rates, then each member and its part in the composite. */
export function CompositeLiveSection({ kpi, live }: { kpi: CompositeKpiDefinition; live: CompositeLive }) {
  const s = useStyles2(getStyles);
  const context = explainContextOfKpi(kpi);
  const decimals = decimalsForTarget(kpi.objective.target);
  return (
    <div className={s.section} data-testid={testIds.kpiDetail.live} data-state={live.status}>
      {live.status === 'loading' && <LoadingPlaceholder text="Evaluating the members over the SLO window…" />}
      {live.status === 'error' && (
        <Alert severity="error" title="The composite could not be evaluated">
          {live.message}
        </Alert>
      )}
      {live.status === 'done' && (
        <>
          {live.evaluation ? (
            <div className={s.card}>
              <div className={s.summary}>
                <StatusPill status={live.evaluation.status} />
                <Tooltip content={explainSli(live.evaluation, context)}>
                  <span tabIndex={0} className={s.figure} data-testid={testIds.kpiDetail.compositeSli}>
                    {formatSli(live.evaluation.sli, decimals)}
                  </span>
                </Tooltip>
                <span className={s.secondary}>
                  SLI {live.evaluation.slo.window} vs target {formatPercent(kpi.objective.target, decimals - 1)}
                </span>
                <div className={s.budget}>
                  <BudgetBar
                    remaining={live.evaluation.budgetRemaining}
                    warningPercent={BUDGET_WARNING_PERCENT}
                    criticalPercent={BUDGET_CRITICAL_PERCENT}
                    explanation={explainBudget(live.evaluation, context)}
                  />
                </div>
              </div>
              <BurnRateTable evaluation={live.evaluation} context={context} />
              <span className={s.secondary}>
                Error budget in events: {MISSING} (a composite has none: its members count different things). No budget
                burndown chart for composites.
              </span>
            </div>
          ) : (
            <Alert severity="warning" title="A member could not be read, so the composite has no number">
              The members below say what went wrong.
            </Alert>
          )}
          <MembersTable kpi={kpi} evaluation={live.evaluation} members={live.members} />
        </>
      )}
    </div>
  );
}

interface MembersTableProps {
  kpi: CompositeKpiDefinition;
  evaluation: CompositeEvaluation | null;
  members: CompositeMemberLive[];
}

/** Each member with its weight, its own SLI and its share of the composite's errors: which member hurts most. */
function MembersTable({ kpi, evaluation, members }: MembersTableProps) {
  const s = useStyles2(getStyles);
  const shares = new Map((evaluation?.members ?? []).map((share) => [share.kpiId, share]));
  const worst = Math.max(0, ...[...shares.values()].map((share) => share.badShare ?? 0));
  const sloBurn = evaluation?.slo.burnRate ?? null;
  return (
    <div className={s.card}>
      <h3>Members</h3>
      <table className={s.table} data-testid={testIds.kpiDetail.members}>
        <thead>
          <tr>
            <th scope="col">Member</th>
            <th scope="col">Weight</th>
            <th scope="col">SLI {evaluation?.slo.window ?? ''}</th>
            <th scope="col">Its target</th>
            <th scope="col">Share of the bad</th>
            <th scope="col">Burn it adds</th>
          </tr>
        </thead>
        <tbody>
          {members.map((member) => {
            const share = shares.get(member.kpi.id);
            const hurtsMost = share?.badShare !== null && share?.badShare !== undefined && share.badShare === worst;
            return (
              <tr
                key={member.kpi.id}
                data-testid={testIds.kpiDetail.member}
                data-kpi-id={member.kpi.id}
                className={cx(hurtsMost && worst > 0 && s.worst)}
              >
                <td>
                  <TextLink href={kpiDetailUrl(member.kpi.id)} inline={false}>
                    {member.kpi.name}
                  </TextLink>
                  <div className={s.secondary}>{member.kpi.id}</div>
                </td>
                <td>
                  {member.weight}
                  {share && <span className={s.secondary}> ({formatPercent(share.effectiveWeight, 0)})</span>}
                </td>
                <td>{memberSli(member, share, decimalsForTarget(kpi.objective.target))}</td>
                <td>
                  {formatPercent(member.kpi.objective.target, decimalsForTarget(member.kpi.objective.target) - 1)}
                </td>
                <td>{share?.badShare === null || !share ? MISSING : formatPercent(share.badShare, 1)}</td>
                <td>
                  {share?.badShare === null || !share || sloBurn === null
                    ? MISSING
                    : formatBurnRate(share.badShare * sloBurn)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <span className={s.secondary}>
        Share of the bad = weight × (1 − SLI) / the same summed over the members: the part of the composite&apos;s error
        ratio, and so of its burn rate, that comes from this member.
      </span>
    </div>
  );
}

function memberSli(member: CompositeMemberLive, share: MemberShare | undefined, decimals: number): React.ReactNode {
  if (!member.result.ok) {
    return (
      <span>
        {MISSING} {member.result.problem.title}: {member.result.problem.detail}
      </span>
    );
  }
  if (!share || share.sli === null) {
    return `${MISSING} (${share?.state ?? 'no-data'})`;
  }
  return formatSli(share.sli, decimals);
}

const getStyles = (theme: GrafanaTheme2) => ({
  section: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2) }),
  card: css({ ...cardStyle(theme), display: 'flex', flexDirection: 'column', gap: theme.spacing(1) }),
  summary: css({ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: theme.spacing(1, 3) }),
  figure: css({ fontSize: theme.typography.h2.fontSize, fontWeight: theme.typography.fontWeightMedium }),
  budget: css({ flex: 1, minWidth: 160 }),
  secondary: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  table: css({
    width: '100%',
    borderCollapse: 'collapse',
    'th, td': {
      textAlign: 'left',
      padding: theme.spacing(0.5, 1),
      borderBottom: `1px solid ${theme.colors.border.weak}`,
    },
    th: { color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightMedium },
  }),
  worst: css({ background: theme.colors.error.transparent }),
});
