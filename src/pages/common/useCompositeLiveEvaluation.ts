import { useEffect, useMemo, useState } from 'react';
import { fetchKpiRanges, type KpiRange } from '../../data/kpiRangeQuery';
import {
  combineMembers,
  type CompositeEvaluation,
  memberOverCompositeWindows,
  rangeStepMs,
  resolveMembers,
} from '../../kpi/evaluate';
import type { CatalogKpi, CompositeKpiDefinition, KpiDefinition } from '../../kpi/model';
import { type Checked, evaluatePanel, type PanelEvaluation, specForKpi } from '../../reading';

/** One member as the composite reads it: over the composite's windows, with its own target. */
export interface CompositeMemberLive {
  kpi: KpiDefinition;
  weight: number;
  result: Checked<PanelEvaluation>;
}

export type CompositeLive =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | {
      status: 'done';
      /** Null when a member could not be read (its problem is in `members`). */
      evaluation: CompositeEvaluation | null;
      members: CompositeMemberLive[];
    };

/**
 * The step all members share: the coarsest any of them needs, so every member's grid (and a calendar period so
 * far) has the same steps and their windows line up.
 */
export function compositeStepMs(members: readonly KpiDefinition[]): number {
  return Math.max(...members.map(rangeStepMs));
}

/** Reads every member from its range and combines them; pure, for tests. */
export function compositeFromRanges(
  composite: CompositeKpiDefinition,
  members: ReadonlyArray<{ kpi: KpiDefinition; weight: number }>,
  ranges: ReadonlyArray<KpiRange | Error>
): CompositeLive {
  const live: CompositeMemberLive[] = members.map(({ kpi, weight }, i) => {
    const range = ranges[i];
    const result: Checked<PanelEvaluation> =
      range instanceof Error
        ? {
            ok: false,
            problem: {
              code: 'query-error',
              title: 'The data source request failed',
              detail: range.message,
              tone: 'error',
            },
          }
        : evaluatePanel(specForKpi(kpi, range.refIds, true), {
            series: range.frames,
            timeRange: range.timeRange,
            fallbackStepMs: range.stepMs,
            queriedRefIds: range.queriedRefIds,
            queryErrors: range.errors,
          });
    return { kpi, weight, result };
  });
  const evaluations = live.map((member) => (member.result.ok ? member.result.value.evaluation : null));
  if (evaluations.some((evaluation) => evaluation === null)) {
    return { status: 'done', evaluation: null, members: live };
  }
  const evaluation = combineMembers(
    composite,
    live.map((member, i) => ({ kpiId: member.kpi.id, weight: member.weight, evaluation: evaluations[i]! }))
  );
  return { status: 'done', evaluation, members: live };
}

/**
 * A composite evaluated live: its members' range queries over its SLO window, one request per data source, each
 * member read as the panel reads a KPI, then combined (kpi/composite.ts). Nothing runs for a null composite.
 */
export function useCompositeLiveEvaluation(
  composite: CompositeKpiDefinition | null,
  catalog: readonly CatalogKpi[],
  refreshKey = 0
): CompositeLive {
  const [answer, setAnswer] = useState<{
    composite: CompositeKpiDefinition;
    refreshKey: number;
    value: CompositeLive;
  }>();
  const resolved = useMemo(() => (composite ? resolveMembers(composite, catalog) : undefined), [composite, catalog]);

  useEffect(() => {
    if (!composite || !resolved?.ok) {
      return;
    }
    let current = true;
    const members = resolved.members.map(({ kpi, weight }) => ({
      kpi: memberOverCompositeWindows(kpi, composite),
      weight,
    }));
    const kpis = members.map((member) => member.kpi);
    fetchKpiRanges(kpis, compositeStepMs(kpis)).then((ranges) => {
      if (current) {
        setAnswer({ composite, refreshKey, value: compositeFromRanges(composite, members, ranges) });
      }
    });
    return () => {
      current = false;
    };
  }, [composite, resolved, refreshKey]);

  if (!composite || !resolved) {
    return IDLE;
  }
  if (!resolved.ok) {
    return { status: 'error', message: `This composite cannot be evaluated: ${resolved.error}.` };
  }
  return answer && answer.composite === composite && answer.refreshKey === refreshKey ? answer.value : LOADING;
}

const IDLE: CompositeLive = { status: 'idle' };
const LOADING: CompositeLive = { status: 'loading' };
