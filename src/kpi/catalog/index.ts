/** The catalog: schema validation (zod) and the draft, publish, retire and import steps over stored catalogs. */
export {
  assertRevision,
  type CatalogChanges,
  CatalogEditError,
  type CatalogState,
  checkPublishedVersions,
  diffCatalogs,
  diffKpis,
  type FieldChange,
  importCatalog,
  nextVersionOf,
  provisionedCatalogFields,
  publishDraft,
  retireKpi,
  RevisionConflictError,
  saveDraft,
  type StoredCatalogFields,
  type VersionHistory,
  versionedChanges,
} from './catalog';
export { earlierVersionProblems, publishedHistory } from './earlierVersions';
export {
  catalogJsonSchema,
  catalogSchema,
  isHttpUrl,
  kpiSchema,
  parseKpi,
  validateAlertPolicy,
  validateCatalog,
  validateKpi,
  type ValidationResult,
} from './schema';
export { compositeMemberProblems } from './crossKpiChecks';
export {
  drivenByKpiProblems,
  drivenKpisOf,
  driversOf,
  kpiTree,
  type KpiTreeNode,
  retiredDriverWarnings,
} from './kpiTree';
export { comparableQuery, lintCatalog, MAX_PUBLISHED_KPIS_PER_OWNER } from './lint';
export {
  CHECK_IN_MAX_LENGTH,
  type CheckIn,
  type CheckInDraft,
  checkInProblems,
  CHECK_IN_TAG,
  checkInsBetween,
  checkInsOf,
  checkInTimeMs,
  mergeCheckIns,
  readCheckIns,
  type StoredCheckIns,
  kpiIdOfTag,
  kpiTag,
} from './checkIns';
export { markReviewed } from './markReviewed';
export { parseReviewDate, reviewOverdue, reviewState, type ReviewState } from './review';
export { formatProblem, problemAt, type ValidationProblem } from './problems';
export {
  checkAgainstHistory,
  type PublishedRecord,
  publishedVersionProblems,
  saveNewDraft,
  takenIdProblem,
} from './catalogHistory';
export {
  compactHistory,
  expandHistory,
  type StoredHistory,
  type StoredVersion,
  type VersionDelta,
} from './historyCompaction';
