import { useCallback } from 'react';
import { LoadingState, type PanelData } from '@grafana/data';
import type { PanelScenario } from '../scenarios';
import { runScenarioQueries } from './panelData';
import { useLoaded, type Loaded } from './useLoaded';

/**
 * A scenario's PanelData for a time range, queried again when the range changes (a panel may ask for another
 * range through onChangeTimeRange). As in Grafana, the previous data stays on screen in state Loading meanwhile.
 */
export function usePanelQueries(
  scenario: PanelScenario,
  timeRange: PanelScenario['timeRange'],
  maxDataPoints: number
): Loaded<PanelData> {
  const load = useCallback(
    () => runScenarioQueries({ ...scenario, timeRange }, maxDataPoints),
    [scenario, timeRange, maxDataPoints]
  );
  const loaded = useLoaded(load);
  if (loaded.state === 'loading' && loaded.previous) {
    return { state: 'done', value: { ...loaded.previous, state: LoadingState.Loading } };
  }
  return loaded;
}
