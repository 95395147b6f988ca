/** Other formats into and out of the one model: OpenSLO and Sloth, each imported and exported. */
export { catalogToOpenSlo, compositesLeftOut, kpiToOpenSlo } from './openslo/export';
export { formatOpenSloProblem, openSloToCatalog } from './openslo/import';
export {
  DEFAULT_IMPORT_WINDOW,
  DEFAULT_TIMESLICE_WINDOW,
  NORTHSTAR_ANNOTATIONS,
  OPENSLO_API_VERSION,
  type OpenSloBudgetingMethod,
  type OpenSloDocument,
  type OpenSloImport,
  type OpenSloImportOptions,
  type OpenSloMetadata,
  type OpenSloMetric,
  type OpenSloMetricSource,
  type OpenSloObjective,
  type OpenSloOperator,
  type OpenSloProblem,
  type OpenSloRatioMetric,
  type OpenSloSli,
  type OpenSloSliSpec,
  type OpenSloSlo,
  type OpenSloSloSpec,
  type OpenSloTimeWindow,
} from './openslo/types';
export { openSloMetricSourceType } from './openslo/vocabulary';
export { catalogToSloth, formatSlothExportProblem } from './sloth/export';
export { formatSlothProblem, slothToCatalog } from './sloth/import';
export {
  SLOTH_DEFAULT_PERIOD,
  SLOTH_K8S_API_VERSION,
  SLOTH_K8S_KIND,
  SLOTH_SERVICE_TAG_PREFIX,
  SLOTH_SPEC_VERSION,
  SLOTH_WINDOW,
  type SlothAlert,
  type SlothAlerting,
  type SlothExport,
  type SlothExportOptions,
  type SlothExportProblem,
  type SlothImport,
  type SlothImportOptions,
  type SlothProblem,
  type SlothSlo,
  type SlothSpec,
} from './sloth/types';
