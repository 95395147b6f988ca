/**
 * Sloth `prometheus/v1` service specs (github.com/slok/sloth, pkg/prometheus/api/v1): the shapes we write and read,
 * the spec's names and versions, and what an import or an export returns.
 */
import type { Catalog, DatasourceRef } from '../../model';

export const SLOTH_SPEC_VERSION = 'prometheus/v1';
/** Sloth's Kubernetes CRD: the same spec under `spec:`, with camelCase keys. Read, never written. */
export const SLOTH_K8S_API_VERSION = 'sloth.slok.dev/v1';
export const SLOTH_K8S_KIND = 'PrometheusServiceLevel';
/** `sloth generate --default-slo-period`'s default, and ours for both directions. */
export const SLOTH_DEFAULT_PERIOD = '30d';
export const SLOTH_WINDOW = '{{.window}}';
/** The tag that remembers a KPI's Sloth service. */
export const SLOTH_SERVICE_TAG_PREFIX = 'service:';

export interface SlothAlert {
  disable?: boolean;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface SlothAlerting {
  name?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  page_alert?: SlothAlert;
  ticket_alert?: SlothAlert;
}

export interface SlothSlo {
  name: string;
  objective: number;
  description?: string;
  labels?: Record<string, string>;
  sli: {
    events?: { error_query: string; total_query: string };
    raw?: { error_ratio_query: string };
    plugin?: { id: string; options?: Record<string, string> };
  };
  alerting: SlothAlerting;
}

export interface SlothSpec {
  version: typeof SLOTH_SPEC_VERSION;
  service: string;
  labels?: Record<string, string>;
  slos: SlothSlo[];
}

/** Something about one SLO (or a whole document, without `slo`): a refusal or a note. */
export interface SlothProblem {
  document: number;
  service?: string;
  slo?: { index: number; name?: string };
  field: string;
  message: string;
}

export interface SlothImport {
  catalog: Catalog;
  /** SLOs (or documents) that were not converted. */
  problems: SlothProblem[];
  /** Fields of converted SLOs that the catalog does not carry. */
  notes: SlothProblem[];
}

export interface SlothImportOptions {
  /** The SLO period the specs were written for (`--default-slo-period`); default 30d. */
  window?: string;
  /** The Grafana data source the KPIs read; default { type: prometheus, uid: prometheus }. */
  datasource?: DatasourceRef;
}

/** A KPI that was not exported, named like a validation problem: `kpis[2] (login-success).alerting`. */
export interface SlothExportProblem {
  index: number;
  id: string;
  field: string;
  message: string;
}

export interface SlothExport {
  specs: SlothSpec[];
  problems: SlothExportProblem[];
  /** What an exported KPI left behind that changes what its Sloth rules measure (its maintenance windows). */
  warnings: SlothExportProblem[];
}

export interface SlothExportOptions {
  /** The SLO period of the export: KPIs with another window are refused. Default 30d. */
  window?: string;
}
