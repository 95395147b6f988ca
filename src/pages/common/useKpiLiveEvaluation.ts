import { useEffect, useState } from 'react';
import { fetchKpiRange } from '../../data/kpiRangeQuery';
import type { KpiDefinition } from '../../kpi/model';
import { type Checked, evaluatePanel, type PanelEvaluation, specForKpi } from '../../reading';

export type LiveEvaluation =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'done'; result: Checked<PanelEvaluation> }
  | { status: 'error'; message: string };

/**
 * One KPI evaluated over its SLO window from its data source, as the panel evaluates it (its own policy, burndown
 * included). Runs again when `kpi` or `refreshKey` changes; nothing runs for a null KPI.
 */
export function useKpiLiveEvaluation(kpi: KpiDefinition | null, refreshKey = 0): LiveEvaluation {
  // The answer remembers what it answers, so a newer request reads as loading without a state change in the effect.
  const [answer, setAnswer] = useState<{ kpi: KpiDefinition; refreshKey: number; value: LiveEvaluation }>();

  useEffect(() => {
    if (!kpi) {
      return;
    }
    let current = true;
    fetchKpiRange(kpi).then((range) => {
      if (!current) {
        return;
      }
      const value: LiveEvaluation =
        range instanceof Error
          ? { status: 'error', message: range.message }
          : {
              status: 'done',
              result: evaluatePanel(specForKpi(kpi, range.refIds, true), {
                series: range.frames,
                timeRange: range.timeRange,
                fallbackStepMs: range.stepMs,
                queriedRefIds: range.queriedRefIds,
                queryErrors: range.errors,
                withBurndown: true,
              }),
            };
      setAnswer({ kpi, refreshKey, value });
    });
    return () => {
      current = false;
    };
  }, [kpi, refreshKey]);

  if (!kpi) {
    return IDLE;
  }
  return answer && answer.kpi === kpi && answer.refreshKey === refreshKey ? answer.value : LOADING;
}

const IDLE: LiveEvaluation = { status: 'idle' };
const LOADING: LiveEvaluation = { status: 'loading' };
