/**
 * Data sources on the page: the instance settings come from the boot data (`config.datasources`), as in Grafana;
 * the Prometheus and PostgreSQL instances are real `DataSourceWithBackend`s, so their `query()` posts to the host's
 * `/api/ds/query` and converts the answer with Grafana's own `toDataQueryResponse` (SQL's in sqlDataSource.ts).
 */
import {
  DataSourcePlugin,
  dateTime,
  type DataSourceApi,
  type DataSourceInstanceSettings,
  type DataSourceJsonData,
  type ScopedVars,
} from '@grafana/data';
import type { DataQuery, DataSourceRef } from '@grafana/schema';
import {
  config,
  DataSourceWithBackend,
  getBackendSrv,
  getTemplateSrv,
  type DataSourceSrv,
  type GetDataSourceListFilters,
} from '@grafana/runtime';

import { SQL_DATASOURCE_TYPES } from '../../../src/kpi/model';
import { prometheusDefaultFormat } from '../../../src/testing/prometheusInterpolation';
import { HostSqlDataSource } from './sqlDataSource';

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

interface PrometheusJsonData extends DataSourceJsonData {
  timeInterval?: string;
}

/**
 * HostPrometheusDataSource knows how Grafana's Prometheus data source prepares a target for the backend:
 * variables through its own format (src/testing/prometheusInterpolation.ts), range unless instant, no exemplars, the browser's
 * UTC offset for step alignment; macros stay for the backend.
 */
export class HostPrometheusDataSource extends DataSourceWithBackend {
  constructor(instanceSettings: DataSourceInstanceSettings<PrometheusJsonData>) {
    super(instanceSettings);
    this.interval = instanceSettings.jsonData.timeInterval || '15s';
  }

  applyTemplateVariables(query: PrometheusQuery, scopedVars: ScopedVars): PrometheusQuery {
    const instant = query.instant === true;
    return {
      ...query,
      expr: getTemplateSrv().replace(query.expr, scopedVars, prometheusDefaultFormat),
      range: !instant,
      instant,
      exemplar: false,
      utcOffsetSec: dateTime().utcOffset() * 60,
    };
  }
}

export const prometheusPlugin = new DataSourcePlugin<DataSourceApi>(HostPrometheusDataSource);

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

/** HostDataSourceSrv knows the host's data sources by uid, name and reference, and makes their instances. */
export class HostDataSourceSrv implements DataSourceSrv {
  private readonly instances = new Map<string, DataSourceApi>();

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
    const cached = this.instances.get(settings.uid);
    if (cached) {
      return cached;
    }
    const instance = SQL_DATASOURCE_TYPES.includes(settings.type)
      ? new HostSqlDataSource(settings)
      : new HostPrometheusDataSource(settings as DataSourceInstanceSettings<PrometheusJsonData>);
    this.instances.set(settings.uid, instance);
    return instance;
  }

  getList(filters: GetDataSourceListFilters = {}): DataSourceInstanceSettings[] {
    return this.settings.filter((ds) => matchesFilters(ds, filters)).sort((a, b) => a.name.localeCompare(b.name));
  }

  async reload(): Promise<void> {
    const settings = await getBackendSrv().get<{ datasources: Record<string, DataSourceInstanceSettings> }>(
      '/api/frontend/settings'
    );
    this.instances.clear();
    this.settings = Object.values(settings.datasources);
  }

  registerRuntimeDataSource(): void {
    throw new Error('runtime data sources are not supported by the plugin host');
  }
}
