/**
 * Template variables the three dashboards share: `datasource` (the KPI's data source, any of its type), `kpi`
 * (the `kpi_id` label of recorded series and alerts) and `window` (the window of SLI and breakdown panels).
 */
import type { DataSourceRef, VariableModel } from '@grafana/schema';
import type { KpiDefinition } from '../kpi/model';
import { RECORDED_KPI_IDS_QUERY } from '../kpi/promql';

export const DATASOURCE_VARIABLE = 'datasource';
export const KPI_VARIABLE = 'kpi';
export const WINDOW_VARIABLE = 'window';
export const LOKI_VARIABLE = 'loki';

/** How panels name the data source the viewer picked. */
export const DATASOURCE_REF_TEXT = `\${${DATASOURCE_VARIABLE}}`;
export const LOKI_REF_TEXT = `\${${LOKI_VARIABLE}}`;

/** The data source panels point at: the `datasource` variable, of the KPI's data source type. */
export function datasourceVariableRef(type: string): DataSourceRef {
  return { type, uid: DATASOURCE_REF_TEXT };
}

/**
 * Which data source a KPI's queries name on a dashboard whose picker starts on `main`: KPIs on it follow the
 * picker, a KPI elsewhere keeps its own.
 */
export function datasourceFollowingPicker(main: {
  type: string;
  uid: string;
}): (kpi: Pick<KpiDefinition, 'datasource'>) => DataSourceRef {
  return (kpi) =>
    kpi.datasource.type === main.type && kpi.datasource.uid === main.uid
      ? datasourceVariableRef(main.type)
      : { ...kpi.datasource };
}

/** A data source picker of one type, starting on the given data source. */
export function datasourceVariable(name: string, label: string, type: string, currentUid: string): VariableModel {
  return {
    name,
    label,
    type: 'datasource',
    query: type,
    current: { text: currentUid, value: currentUid, selected: true },
    options: [],
    refresh: 1,
    regex: '',
    hide: 0,
  };
}

/**
 * The KPI ids a dashboard knows, as a custom variable that takes no other value: panels on recorded series
 * (`northstar:…{kpi_id="$kpi"}`) and the alert list follow it. `multi` selects them all, for the executive view.
 */
export function kpiVariable(ids: readonly string[], multi: boolean): VariableModel {
  const current = multi ? { text: ['All'], value: ['$__all'] } : { text: ids[0], value: ids[0] };
  return {
    name: KPI_VARIABLE,
    label: 'KPI',
    type: 'custom',
    query: ids.map(escapeCustomOption).join(','),
    current: { ...current, selected: true },
    options: ids.map((id) => ({ text: id, value: id, selected: !multi && id === ids[0] })),
    multi,
    includeAll: multi,
    // A link may carry any `var-kpi`; only the listed ids are taken, and queries quote it anyway (kpiIdVariableMatcher).
    allowCustomValue: false,
    hide: 0,
  };
}

/**
 * The KPIs whose recorded series the viewer's data source holds, as a query variable: a KPI whose rules are
 * loaded appears by itself, so the dashboard never needs regenerating for a new KPI. `current` is the KPI it
 * opens on (a link may pass another in `var-kpi`).
 */
export function recordedKpiVariable(type: string, current: string | undefined): VariableModel {
  return {
    name: KPI_VARIABLE,
    label: 'KPI',
    type: 'query',
    datasource: datasourceVariableRef(type),
    query: { qryType: 1, query: RECORDED_KPI_IDS_QUERY, refId: 'PrometheusVariableQueryEditor-VariableQuery' },
    ...(current === undefined ? {} : { current: { text: current, value: current, selected: true } }),
    options: [],
    // On time range change: a KPI whose records have aged out of the range leaves the list.
    refresh: 2,
    regex: '',
    sort: 1,
    multi: false,
    includeAll: false,
    allowCustomValue: false,
    hide: 0,
  };
}

const BUILT_IN_VARIABLES = new Set([DATASOURCE_VARIABLE, KPI_VARIABLE, WINDOW_VARIABLE, LOKI_VARIABLE]);

/** `route` for the label route; a label named like one of the dashboards' own variables becomes `<label>_value`. */
export function instanceVariableName(label: string): string {
  return BUILT_IN_VARIABLES.has(label) ? `${label}_value` : label;
}

/**
 * One variable per groupBy label of a per-label KPI (`route`), listing the values of its total query's counter:
 * `label_values(http_requests_total{job="checkout"}, route)`, several at once and All by default. All is `.*`
 * rather than the list of values: it keeps routes that appeared after the list was read, and 50,000 routes do not
 * make a 50,000-branch regex in every query.
 */
export function instanceVariable(type: string, label: string, selectorText: string): VariableModel {
  return {
    name: instanceVariableName(label),
    label,
    type: 'query',
    datasource: datasourceVariableRef(type),
    query: {
      qryType: 1,
      query: `label_values(${selectorText}, ${label})`,
      refId: 'PrometheusVariableQueryEditor-VariableQuery',
    },
    current: { text: ['All'], value: ['$__all'], selected: true },
    options: [],
    refresh: 2,
    regex: '',
    sort: 1,
    multi: true,
    includeAll: true,
    allValue: '.*',
    hide: 0,
  };
}

/** A choice of Prometheus durations, starting on `current` (which is added when missing). */
export function windowVariable(windows: readonly string[], current: string, label = 'Window'): VariableModel {
  const all = windows.includes(current) ? [...windows] : [current, ...windows];
  return {
    name: WINDOW_VARIABLE,
    label,
    type: 'custom',
    query: all.join(','),
    current: { text: current, value: current, selected: true },
    options: all.map((window) => ({ text: window, value: window, selected: window === current })),
    multi: false,
    includeAll: false,
    hide: 0,
  };
}

// A custom variable's query is comma-separated; KPI ids are slugs, but a stray comma must not split one.
function escapeCustomOption(value: string): string {
  return value.replaceAll(',', '\\,');
}
