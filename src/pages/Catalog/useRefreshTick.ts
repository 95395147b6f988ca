import { useCallback, useEffect, useState } from 'react';
import { tryParseDuration } from '../../kpi/time';

/**
 * A counter that ticks every `interval` (a RefreshPicker value such as "30s" or "1m"; empty is off) and on
 * `refreshNow`; whoever reads it asks for fresh data when it changes.
 */
export function useRefreshTick(interval: string): { tick: number; refreshNow: () => void } {
  const [tick, setTick] = useState(0);
  const refreshNow = useCallback(() => setTick((t) => t + 1), []);
  useEffect(() => {
    const everyMs = tryParseDuration(interval);
    if (!everyMs) {
      return;
    }
    const timer = setInterval(refreshNow, everyMs);
    return () => clearInterval(timer);
  }, [interval, refreshNow]);
  return { tick, refreshNow };
}
