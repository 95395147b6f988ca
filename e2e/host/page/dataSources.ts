/**
 * Data sources on the page: the instance settings come from the boot data (`config.datasources`), as in Grafana;
 * instances are made by their plugin (dataSourcePlugins.ts) through @grafana/runtime's loader, which hands them
 * the plugin's components (its query editor) as Grafana's DatasourceSrv does.
 */
import {
  dateTime,
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceApi,
  type DataSourceInstanceSettings,
  type ScopedVars,
} from '@grafana/data';
import { PrometheusDatasource, type PromOptions } from '@grafana/prometheus';
import type { DataQuery, DataSourceRef } from '@grafana/schema';
import {
  config,
  DataSourceWithBackend,
  getBackendSrv,
  getTemplateSrv,
  type DataSourceSrv,
  type GetDataSourceListFilters,
} from '@grafana/runtime';
import { getDataSourceInstance } from '@grafana/runtime/unstable';
import type { Observable } from 'rxjs';

import { prometheusDefaultFormat } from '../../../src/testing/prometheusInterpolation';

/** A Prometheus target as Grafana's Prometheus query editor stores it. */
export interface PrometheusQuery extends DataQuery {
  expr: string;
  range?: boolean;
  instant?: boolean;
  legendFormat?: string;
  interval?: string;
  exemplar?: boolean;
  /** The browser's UTC offset, which Grafana's backend aligns steps to. */
  utcOffsetSec?: number;
}

type PrometheusTarget = ReturnType<PrometheusDatasource['applyTemplateVariables']>;

/**
 * HostPrometheusDataSource is Grafana's own Prometheus data source (@grafana/prometheus), so Grafana's PromQL
 * editor gets the instance it expects (language provider, resource calls). Its queries keep the host's preparation,
 * which the panel tests pin: variables through its own format (src/testing/prometheusInterpolation.ts), range unless
 * instant, no exemplars, the browser's UTC offset for step alignment, macros left for the backend, and frames as the
 * backend sent them (no incremental cache, no transformV2).
 */
export class HostPrometheusDataSource extends PrometheusDatasource {
  constructor(instanceSettings: DataSourceInstanceSettings<PromOptions>) {
    super(instanceSettings);
  }

  query(request: DataQueryRequest<PrometheusQuery>): Observable<DataQueryResponse> {
    return DataSourceWithBackend.prototype.query.call(this, request);
  }

  // The base type promises `interval` and `legendFormat` as strings; the host sends them only when a target has them.
  applyTemplateVariables(query: PrometheusQuery, scopedVars: ScopedVars): PrometheusTarget {
    const instant = query.instant === true;
    const target: PrometheusQuery = {
      ...query,
      expr: getTemplateSrv().replace(query.expr, scopedVars, prometheusDefaultFormat),
      range: !instant,
      instant,
      exemplar: false,
      utcOffsetSec: dateTime().utcOffset() * 60,
    };
    return target as PrometheusTarget;
  }
}

/** The boot data's data sources as instance settings. */
export function instanceSettingsFromConfig(): DataSourceInstanceSettings[] {
  return Object.values(config.datasources);
}

function matchesFilters(ds: DataSourceInstanceSettings, filters: GetDataSourceListFilters): boolean {
  const { meta } = ds;
  return (
    (!filters.metrics || Boolean(meta.metrics)) &&
    (!filters.logs || Boolean(meta.logs)) &&
    (!filters.tracing || Boolean(meta.tracing)) &&
    (!filters.alerting || Boolean(meta.alerting)) &&
    (!filters.annotations || Boolean(meta.annotations)) &&
    (!filters.type || (Array.isArray(filters.type) ? filters.type.includes(ds.type) : filters.type === ds.type)) &&
    (!filters.pluginId || filters.pluginId === meta.id) &&
    (!filters.filter || filters.filter(ds))
  );
}

/**
 * HostDataSourceSrv knows the host's data sources by uid, name and reference; their instances come from
 * @grafana/runtime's loader, one per uid, each with its plugin's components.
 */
export class HostDataSourceSrv implements DataSourceSrv {
  constructor(private settings: DataSourceInstanceSettings[]) {}

  getInstanceSettings(ref?: DataSourceRef | string | null): DataSourceInstanceSettings | undefined {
    if (ref === undefined || ref === null || ref === 'default') {
      return this.settings.find((ds) => ds.isDefault);
    }
    const key = typeof ref === 'string' ? ref : ref.uid;
    return this.settings.find((ds) => ds.uid === key || ds.name === key);
  }

  async get(ref?: DataSourceRef | string | null): Promise<DataSourceApi> {
    const settings = this.getInstanceSettings(ref);
    if (!settings) {
      throw new Error(`Datasource ${JSON.stringify(ref)} was not found`);
    }
    return getDataSourceInstance(settings.uid);
  }

  getList(filters: GetDataSourceListFilters = {}): DataSourceInstanceSettings[] {
    return this.settings.filter((ds) => matchesFilters(ds, filters)).sort((a, b) => a.name.localeCompare(b.name));
  }

  async reload(): Promise<void> {
    const settings = await getBackendSrv().get<{ datasources: Record<string, DataSourceInstanceSettings> }>(
      '/api/frontend/settings'
    );
    this.settings = Object.values(settings.datasources);
  }

  registerRuntimeDataSource(): void {
    throw new Error('runtime data sources are not supported by the plugin host');
  }
}
