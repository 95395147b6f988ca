/** What the on-call dashboards of a KPI, of a composite and of the whole catalog share. */
import type { AnnotationQuery, DataSourceRef, Panel } from '@grafana/schema';
import type { PrometheusAnnotationTarget } from './maintenanceAnnotation';
import type { Unplaced } from './layout';
import { fieldConfig, promTarget, SLI_UNIT, TIMESERIES_OPTIONS } from './panels';
import { datasourceVariableRef, WINDOW_VARIABLE } from './variables';

/**
 * The demo workload's deploy counter, one event per change. Other setups pass their own query (a counter of
 * deploys or a `changes()` of a build-info metric) as `deploymentsQuery`.
 */
export const DEFAULT_DEPLOYMENTS_QUERY = 'sum by (service) (changes(demo_deployments_total[$__interval])) > 0';
export const DEFAULT_SLI_WINDOW = '1h';

/** Two Northstar panels side by side. */
export const HALF = { w: 12, h: 10 };

/** The SLI over the `window` variable against the target line. */
export function sliPanel(
  description: string,
  datasource: DataSourceRef,
  sliExpr: string,
  targetExpr: string
): Unplaced<Panel> {
  return {
    type: 'timeseries',
    title: `SLI over $${WINDOW_VARIABLE} vs target`,
    description,
    datasource,
    maxDataPoints: 500,
    targets: [
      promTarget('A', datasource, sliExpr, { legendFormat: 'SLI' }),
      promTarget('B', datasource, targetExpr, { legendFormat: 'target' }),
    ],
    options: TIMESERIES_OPTIONS,
    fieldConfig: fieldConfig(
      SLI_UNIT,
      [{ color: 'green', value: null }],
      { decimals: 3, color: { mode: 'palette-classic' } },
      { lineWidth: 2, fillOpacity: 0, showPoints: 'never' }
    ),
    size: { w: 12, h: 8 },
  };
}

/** Deploys as annotations, from a query on the KPI's data source (the `datasource` variable). */
export function deploymentsAnnotation(type: string, expr: string): AnnotationQuery<PrometheusAnnotationTarget> {
  return {
    name: 'Deploys',
    enable: true,
    hide: false,
    iconColor: 'purple',
    datasource: datasourceVariableRef(type),
    target: {
      refId: 'Deploys',
      expr,
      step: '1m',
      titleFormat: 'Deploy {{service}}',
      tagKeys: 'service',
      useValueForTime: false,
    },
  };
}
