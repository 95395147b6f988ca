import { useEffect, useState } from 'react';
import { fetchValueReading } from '../../data/valueRangeQuery';
import type { ValueKpiDefinition } from '../../kpi/model';
import type { ValueReading } from '../../reading';

export type ValueLiveEvaluation =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'done'; reading: ValueReading }
  | { status: 'error'; message: string };

/**
 * One value KPI read over its period and the one before, in one request to its data source. Runs again when `kpi`
 * or `refreshKey` changes; nothing runs for a null KPI.
 */
export function useValueLiveEvaluation(kpi: ValueKpiDefinition | null, refreshKey = 0): ValueLiveEvaluation {
  // The answer remembers what it answers, so a newer request reads as loading without a state change in the effect.
  const [answer, setAnswer] = useState<{ kpi: ValueKpiDefinition; refreshKey: number; value: ValueLiveEvaluation }>();

  useEffect(() => {
    if (!kpi) {
      return;
    }
    let current = true;
    fetchValueReading(kpi).then((reading) => {
      if (current) {
        const value: ValueLiveEvaluation =
          reading instanceof Error ? { status: 'error', message: reading.message } : { status: 'done', reading };
        setAnswer({ kpi, refreshKey, value });
      }
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

const IDLE: ValueLiveEvaluation = { status: 'idle' };
const LOADING: ValueLiveEvaluation = { status: 'loading' };
