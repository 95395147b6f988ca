/**
 * Evaluation: events on the grid into window totals, burn rates, budgets, composites, per-label instances, trends
 * and reports. Pure; the pages, the panel and the CLI feed it series.
 */
export { budgetBurndown, type BudgetBurndown } from './burndown';
export {
  combineMembers,
  compositeErrorRatio,
  type CompositeEvaluation,
  type CompositeInput,
  type CompositeMemberInput,
  evaluateComposite,
  memberOverCompositeWindows,
  type MemberShare,
  type ResolvedMembers,
  resolveMembers,
} from './composite';
export {
  countsFromRates,
  countsFromSlices,
  evaluateKpi,
  evaluateWindow,
  evaluateWindowTotals,
  type EvaluationInput,
  evaluationWindows,
  type KpiEvaluation,
  PrefixSums,
  stepsIn,
  sumWindowsEndingAt,
  timeToExhaustion,
  type WindowEvaluation,
  type WindowState,
  type WindowTotals,
  type WindowTotalsInput,
} from './evaluate';
export {
  aggregateCounts,
  describeCap,
  evaluatePerLabel,
  type InstanceCap,
  type InstanceCounts,
  type InstanceEvaluation,
  type InstanceNote,
  type LabelledSeries,
  matchInstances,
  type PerLabelEvaluation,
  type PerLabelInput,
  worstFirst,
} from './instances';
export {
  baseStepMs,
  chooseStepMs,
  gcd,
  type PlanOptions,
  planRange,
  type RangePlan,
  rangeStepMs,
  stepWithinPointBudget,
} from './plan';
export { previousPeriodReading, type PreviousPeriodReading } from './previousPeriod';
export {
  failedReportRow,
  REPORT_PERIODS,
  comparedValuePeriods,
  reportCsv,
  type ReportNote,
  reportPeriod,
  type ReportPeriod,
  type ReportPeriodChoice,
  type ReportRow,
  reportRowOf,
  reportValuePeriods,
  sliOfErrorRatio,
  valueReportRowOf,
  type ValueReportFigures,
} from './report';
export {
  comparePeriods,
  deltaDirection,
  type DeltaDirection,
  latestValue,
  meetsThreshold,
  type PeriodComparison,
} from './trend';
export {
  evaluateValue,
  judgeValue,
  type ValueChange,
  type ValueEvaluation,
  type ValueEvaluationInput,
  type ValueSeries,
  type ValueStatus,
} from './valueEvaluation';
export {
  denseSeries,
  isValuePoints,
  pointsToGrid,
  type SlotPoints,
  type ValuePoints,
  type ValueSeriesOrPoints,
} from './valuePoints';
export { slotsIn, type ValuePeriod, type ValuePeriods, valuePeriodsAt, valueStepMs } from './valuePeriods';
export {
  instanceTotalsFromCounts,
  type InstanceWindowTotals,
  type LabelledCount,
  offGridWindows,
  totalsFromCounts,
  windowCountRefIds,
} from './windowCounts';
export { type GateJudgement, type GateReading, type GateVerdict, judgeGate } from './gate';
export { type ValueLine, valueLine } from './valueRunning';
export {
  burningDays,
  DAY_MS,
  dailyBurnRates,
  type DailyFigure,
  dailyValues,
  type DriverOverlap,
  driverOverlaps,
  missedTargetDays,
  offTrackValueDays,
  overlapDays,
} from './dailyOverlap';
