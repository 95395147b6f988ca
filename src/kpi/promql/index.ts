/**
 * The live PromQL: record names, quoting, the raw queries the app and Grafana-managed rules ask from the user's own
 * queries, maintenance conditions and queries over recorded series. What src/data and src/dashboards import; the
 * rule generators in src/kpi/rules build on it.
 */
export {
  cronMatch,
  dstHorizon,
  maintenanceCondition,
  maintenanceRulesValidUntil,
  maintenanceStepCondition,
} from './maintenanceRules';
export {
  budgetShare,
  DEFAULT_THRESHOLD_SLICE,
  errorRatioRecordName,
  goodRateRecordName,
  goodSumRecordName,
  idLabel,
  kpiLabels,
  kpiWindows,
  type KpiWindows,
  promNumber,
  promqlString,
  selector,
  sliceOf,
  totalRateRecordName,
  totalSumRecordName,
} from './promql';
export {
  offGridCountQueries,
  ratioQueries,
  rawAbsentExpr,
  rawAggregateErrorRatioExpr,
  rawCompositeErrorRatioExpr,
  rawErrorRatioExpr,
  rawErrorRatioOfPeriodExpr,
  rawEventCountExpr,
  rawEventCountGuard,
  type RawQuerySpan,
  rawWindowCountExprs,
  sliceVerdictExpr,
  unlessInMaintenanceRaw,
  weightedErrorRatioExpr,
} from './rawQueries';
export {
  offTrackBound,
  rawValueOverExpr,
  VALUE_STATUS_CODE,
  VALUE_SUBQUERY_STEP,
  valueOffTrackExpr,
  valueRangeMs,
  valueRangeText,
  valueStatusExpr,
} from './valueQueries';
export {
  kpiIdMatcher,
  kpiIdVariableMatcher,
  RECORDED_KPI_IDS_QUERY,
  recordedGoodExpr,
  recordedObjectiveExpr,
  recordedSliExpr,
  recordedTotalExpr,
  recordedWorstInstancesExpr,
} from './recordedQueries';
