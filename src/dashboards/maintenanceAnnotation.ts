/**
 * Maintenance windows as dashboard annotations: a Prometheus annotation query that has a series while a window is
 * open, which Grafana draws as a shaded region (consecutive samples one step apart become one region).
 * Dashboards of known KPIs compute the windows from time() alone (maintenanceRules.ts), so they show without any
 * rules loaded; the catalog-wide on-call dashboard reads the rules' `northstar:kpi_maintenance:bool` record.
 */
import type { AnnotationQuery, DataQuery, DataSourceRef } from '@grafana/schema';
import { maintenanceCondition, promqlString } from '../kpi/promql';
import { PROM_LABEL_KPI_ID, PROM_MAINTENANCE_RECORD, type CatalogKpi } from '../kpi/model';

/** A Prometheus annotation query as Grafana 10+ stores it: the query and its formatting in `target`. */
export interface PrometheusAnnotationTarget extends DataQuery {
  expr: string;
  step: string;
  titleFormat: string;
  tagKeys: string;
  useValueForTime: boolean;
}

const MAINTENANCE_ANNOTATION_NAME = 'Maintenance';

/**
 * The open windows of these KPIs, one series per KPI labelled with its `kpi_id`; undefined when none has windows
 * PromQL can express (an invalid cron cannot be; the KPI page names its error). `generatedAtMs` places the
 * horizon of daylight-saving offset changes (maintenanceRules.ts).
 */
export function kpiMaintenanceExpr(kpis: readonly CatalogKpi[], generatedAtMs = Date.now()): string | undefined {
  const terms = kpis.flatMap((kpi) => {
    const condition = expressibleCondition(kpi, generatedAtMs);
    return condition === undefined
      ? []
      : [
          `label_replace(vector(1) and on () (${condition}), ${promqlString(PROM_LABEL_KPI_ID)}, ${promqlString(kpi.id)}, "", "")`,
        ];
  });
  return terms.length > 0 ? terms.join(' or ') : undefined;
}

function expressibleCondition(kpi: CatalogKpi, generatedAtMs: number): string | undefined {
  try {
    return maintenanceCondition(kpi, generatedAtMs);
  } catch {
    return undefined;
  }
}

/** The annotation of the KPIs' own windows, or undefined when there are none to show. */
export function kpiMaintenanceAnnotation(
  kpis: readonly CatalogKpi[],
  datasource: DataSourceRef
): AnnotationQuery<PrometheusAnnotationTarget> | undefined {
  const expr = kpiMaintenanceExpr(kpis);
  return expr === undefined ? undefined : maintenanceAnnotation(expr, datasource);
}

/** The annotation of whichever KPI the dashboard shows, from the recorded series (`kpiMatcher`: `kpi_id="$kpi"`). */
export function recordedMaintenanceAnnotation(
  kpiMatcher: string,
  datasource: DataSourceRef
): AnnotationQuery<PrometheusAnnotationTarget> {
  return maintenanceAnnotation(`${PROM_MAINTENANCE_RECORD}{${kpiMatcher}} == 1`, datasource);
}

function maintenanceAnnotation(expr: string, datasource: DataSourceRef): AnnotationQuery<PrometheusAnnotationTarget> {
  return {
    name: MAINTENANCE_ANNOTATION_NAME,
    enable: true,
    hide: false,
    iconColor: 'blue',
    datasource,
    target: {
      refId: MAINTENANCE_ANNOTATION_NAME,
      expr,
      step: '1m',
      titleFormat: `Maintenance: {{${PROM_LABEL_KPI_ID}}}`,
      tagKeys: PROM_LABEL_KPI_ID,
      useValueForTime: false,
    },
  };
}

/** `[value]` or `[]`, for spreading an annotation that may not exist into a list. */
export function optional<T>(value: T | undefined): T[] {
  return value === undefined ? [] : [value];
}
