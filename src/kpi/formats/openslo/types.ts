/**
 * OpenSLO v1 (github.com/OpenSLO/OpenSLO, README "Specification", `apiVersion: openslo/v1`): the document shapes we
 * write and read, the northstar.dev annotations that carry what OpenSLO has no field for, and what an import returns.
 */
import type { Catalog } from '../../model';

export const OPENSLO_API_VERSION = 'openslo/v1';
/** Window of an imported SLO without `timeWindow` (OpenSLO makes it optional). */
export const DEFAULT_IMPORT_WINDOW = '28d';
/** Slice written for threshold KPIs (their slice is the query step) and assumed when an SLO gives none. */
export const DEFAULT_TIMESLICE_WINDOW = '1m';

/** Annotations that carry what OpenSLO has no field for; values are strings, arrays and objects as JSON. */
export const NORTHSTAR_ANNOTATIONS = {
  version: 'northstar.dev/version',
  status: 'northstar.dev/status',
  owner: 'northstar.dev/owner',
  audience: 'northstar.dev/audience',
  decision: 'northstar.dev/decision',
  tags: 'northstar.dev/tags',
  datasource: 'northstar.dev/datasource',
  unit: 'northstar.dev/unit',
  alerting: 'northstar.dev/alerting',
  links: 'northstar.dev/links',
  /** `threshold` tells a threshold KPI from a timeslice KPI with a 1m slice. */
  indicatorType: 'northstar.dev/indicator-type',
  /** Our spelling of a window or slice that OpenSLO's shorthand writes differently ("1h30m" vs "90m"). */
  window: 'northstar.dev/window',
  slice: 'northstar.dev/slice',
  /**
   * A per-label KPI's `indicator.groupBy` (JSON list) and `maxInstances`: OpenSLO v1 has no instances, so they
   * travel as annotations, and an import gives them back (the queries keep their `sum by (…)` either way).
   */
  groupBy: 'northstar.dev/group-by',
  maxInstances: 'northstar.dev/max-instances',
  /** `maintenance` (JSON list): OpenSLO v1 has no maintenance or exclusion windows. */
  maintenance: 'northstar.dev/maintenance',
  /** `drivenBy`, `gate` and `review` (JSON): what ties the KPI to decisions; OpenSLO v1 has no such fields. */
  drivenBy: 'northstar.dev/driven-by',
  gate: 'northstar.dev/gate',
  review: 'northstar.dev/review',
} as const;

// ---------------------------------------------------------------------------------------------------------------
// The OpenSLO v1 shapes we write (and read, more loosely).

export type OpenSloOperator = 'lt' | 'lte' | 'gt' | 'gte';
export type OpenSloBudgetingMethod = 'Occurrences' | 'Timeslices' | 'RatioTimeslices';

export interface OpenSloMetadata {
  name: string;
  displayName?: string;
  labels?: Record<string, string | string[]>;
  annotations?: Record<string, string>;
}

export interface OpenSloMetricSource {
  metricSourceRef?: string;
  type?: string;
  spec: Record<string, unknown>;
}

export interface OpenSloMetric {
  metricSource: OpenSloMetricSource;
}

export interface OpenSloRatioMetric {
  counter?: boolean;
  good?: OpenSloMetric;
  bad?: OpenSloMetric;
  total?: OpenSloMetric;
  rawType?: 'success' | 'failure';
  raw?: OpenSloMetric;
}

export interface OpenSloSliSpec {
  description?: string;
  ratioMetric?: OpenSloRatioMetric;
  thresholdMetric?: OpenSloMetric;
}

export interface OpenSloTimeWindow {
  duration: string;
  isRolling?: boolean;
  calendar?: { startTime: string; timeZone: string };
}

export interface OpenSloObjective {
  displayName?: string;
  op?: OpenSloOperator;
  value?: number;
  target?: number;
  targetPercent?: number;
  timeSliceTarget?: number;
  timeSliceWindow?: string | number;
}

export interface OpenSloSloSpec {
  description?: string;
  service: string;
  indicator?: { metadata: OpenSloMetadata; spec: OpenSloSliSpec };
  indicatorRef?: string;
  timeWindow?: OpenSloTimeWindow[];
  budgetingMethod: OpenSloBudgetingMethod;
  objectives: OpenSloObjective[];
}

export interface OpenSloSlo {
  apiVersion: typeof OPENSLO_API_VERSION;
  kind: 'SLO';
  metadata: OpenSloMetadata;
  spec: OpenSloSloSpec;
}

export interface OpenSloSli {
  apiVersion: typeof OPENSLO_API_VERSION;
  kind: 'SLI';
  metadata: OpenSloMetadata;
  spec: OpenSloSliSpec;
}

export type OpenSloDocument = OpenSloSlo | OpenSloSli;

/** An SLO that could not be converted: its index in the document list, its name, the field at fault and why. */
export interface OpenSloProblem {
  document: number;
  name?: string;
  field: string;
  message: string;
}

export interface OpenSloImport {
  catalog: Catalog;
  problems: OpenSloProblem[];
}

export interface OpenSloImportOptions {
  /** Window for SLOs without `timeWindow`; default DEFAULT_IMPORT_WINDOW. */
  defaultWindow?: string;
}
