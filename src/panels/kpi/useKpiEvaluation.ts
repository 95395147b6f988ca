import { useMemo } from 'react';
import type { PanelData } from '@grafana/data';
import {
  type CatalogState,
  type Checked,
  evaluatePanel,
  type KpiPanelOptions,
  type PanelEvaluation,
  resolveKpiSpec,
} from '../../reading';

/**
 * The panel's evaluation, recomputed only when the frames, their time range, the options or the catalog change:
 * a resize, a hover or a theme switch re-renders without re-evaluating.
 */
export function useKpiEvaluation(
  options: KpiPanelOptions,
  data: PanelData,
  catalog: CatalogState
): Checked<PanelEvaluation> {
  const spec = useMemo(() => resolveKpiSpec(options, catalog), [options, catalog]);
  const fromMs = data.timeRange.from.valueOf();
  const toMs = data.timeRange.to.valueOf();
  const fallbackStepMs = data.request?.intervalMs;
  // Joined so a new request object with the same queries keeps the memo.
  const queriedRefIds = data.request?.targets.map((target) => target.refId).join('\u0000');
  const withBurndown = options.view === 'budget-burndown';
  const { series, errors } = data;

  return useMemo(() => {
    if (!spec.ok) {
      return spec;
    }
    return evaluatePanel(spec.value, {
      series,
      timeRange: { fromMs, toMs },
      fallbackStepMs,
      queriedRefIds:
        queriedRefIds === undefined ? undefined : queriedRefIds === '' ? [] : queriedRefIds.split('\u0000'),
      queryErrors: errors,
      withBurndown,
    });
  }, [spec, series, fromMs, toMs, fallbackStepMs, queriedRefIds, errors, withBurndown]);
}
