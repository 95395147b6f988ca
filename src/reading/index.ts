/**
 * Reading: the pure room between the data sources and the screens. It turns query frames into the engine's inputs
 * and evaluates a KPI for a panel or page; it holds the panel options' types that dashboards/ and pages share. No
 * React and no network: src/data fetches, src/panels and src/pages render. Code outside imports only this file.
 */
export type { AppCatalog, CatalogState } from './appCatalog';
export {
  evaluatePanel,
  type PanelEvaluation,
  type PanelInput,
  type PerLabelReading,
  type ThresholdReading,
} from './evaluatePanel';
export {
  type DsQueryModel,
  kpiRangeQueryModels,
  RANGE_REF_IDS,
  type RangeReading,
  rangeQueryModel,
  rangeReadingOf,
} from './dsQueryModels';
export { datasourceKey, DsQueryBatch, type DsQueryBody, type DsQueryRequest } from './dsQueryBatch';
export { ENTITY_VALUES, type FrameEntity, frameFromJson, type FrameJson } from './frameJson';
export type { FrameNote, FrameProblem, FrameTimeRange, GridOptions, StepSource } from './frameTypes';
export {
  countsFromFrames,
  latestSumOfFrames,
  type AlignedFrames,
  type CountsResult,
  type FrameCounts,
  type IndicatorQueries,
} from './frames';
export {
  dashboardVariableName,
  memberRefIdPrefix,
  memberRefIds,
  resolveKpiSpec,
  specForKpi,
  type CompositeReading,
  type KpiSpec,
} from './kpiSpec';
export {
  defaultKpiPanelOptions,
  type KpiPanelOptions,
  type KpiPanelView,
  type KpiQueriesKind,
  type KpiSourceKind,
  type ManualIndicatorType,
  type PolicyChoice,
} from './panelOptions';
export type { Checked, PanelProblem } from './problems';
export {
  evaluateValueFrames,
  labelsToSumAway,
  severalSeriesReason,
  valueQueryRefs,
  valueSeriesFromFrames,
  valueWithoutData,
  type ValueField,
  type ValueQueryRef,
  type ValueReading,
  type ValueReadingOptions,
  type ValueSeriesResult,
} from './valueFrames';
export { catalogValueKpi, evaluateValuePanel, type ValuePanelEvaluation, type ValuePanelInput } from './valuePanel';
export {
  isPlannedValueRange,
  type PlannedValueRange,
  planValueRange,
  type UnplannedValueRange,
  valueRangeStartMs,
} from './valueRangePlan';
export {
  alignedToStep,
  GRAFANA_MAX_POINTS,
  valuePanelQueryOptions,
  type ValuePanelQueryOptions,
  valueQueryStep,
  type ValueQueryStep,
  VALUE_STEP_POINTS,
} from './valueStep';
export {
  type PeriodBounds,
  type PeriodErrorRatios,
  periodErrorRatios,
  type PeriodReadingOptions,
  unreadableSourceReason,
} from './periodErrorRatios';
