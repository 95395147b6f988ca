import { useMemo } from 'react';
import type { PanelData } from '@grafana/data';
import {
  type CatalogState,
  catalogValueKpi,
  type Checked,
  evaluateValuePanel,
  type KpiPanelOptions,
  type ValuePanelEvaluation,
} from '../../reading';

/**
 * The panel's evaluation of a catalog value KPI from its own queries; undefined when the panel shows no value KPI
 * (an SLO, a manual KPI, or a catalog still loading: useKpiEvaluation says which). Recomputed only when the
 * frames, their range, the options or the catalog change.
 */
export function useValueEvaluation(
  options: KpiPanelOptions,
  data: PanelData,
  catalog: CatalogState
): Checked<ValuePanelEvaluation> | undefined {
  const kpi = useMemo(() => catalogValueKpi(options, catalog), [options, catalog]);
  const fromMs = data.timeRange.from.valueOf();
  const toMs = data.timeRange.to.valueOf();
  const fallbackStepMs = data.request?.intervalMs;
  // Joined so a new request object with the same queries keeps the memo.
  const queriedRefIds = data.request?.targets.map((target) => target.refId).join('\u0000');
  const { series } = data;

  return useMemo(() => {
    if (!kpi) {
      return undefined;
    }
    return evaluateValuePanel(kpi, options, {
      series,
      timeRange: { fromMs, toMs },
      fallbackStepMs,
      queriedRefIds:
        queriedRefIds === undefined ? undefined : queriedRefIds === '' ? [] : queriedRefIds.split('\u0000'),
    });
  }, [kpi, options, series, fromMs, toMs, fallbackStepMs, queriedRefIds]);
}
