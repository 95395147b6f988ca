/**
 * The host's data sources and `GET /api/datasources`, `GET /api/datasources/uid/:uid` (Grafana's
 * pkg/api/datasources.go). Grafana's default RBAC grants `datasources:read` to org Admins only; everyone may query.
 */
import type { Router } from '../server/router';
import { apiError, sendJson } from '../server/http';
import { requireRole, requireSignedIn } from '../server/session';

/** HostDataSource knows one data source the host offers; only Prometheus for now. */
export interface HostDataSource {
  id: number;
  uid: string;
  name: string;
  type: 'prometheus';
  url: string;
  isDefault: boolean;
  jsonData: {
    httpMethod: 'POST';
    /** The data source's scrape interval: the lower limit of the step and the base of $__rate_interval. */
    timeInterval: string;
  };
}

/** Grafana serves core data source plugins from public/app/plugins; the host serves the logo there. */
export const PROMETHEUS_LOGO_URL = 'public/app/plugins/datasource/prometheus/img/prometheus_logo.svg';

/** The data source every example KPI names (`datasource: { type: prometheus, uid: prometheus }`). */
export function prometheusDataSource(url: string, scrapeInterval: string): HostDataSource {
  return {
    id: 1,
    uid: 'prometheus',
    name: 'Prometheus',
    type: 'prometheus',
    url,
    isDefault: true,
    jsonData: { httpMethod: 'POST', timeInterval: scrapeInterval },
  };
}

function commonFields(ds: HostDataSource) {
  return {
    id: ds.id,
    uid: ds.uid,
    orgId: 1,
    name: ds.name,
    type: ds.type,
    typeLogoUrl: PROMETHEUS_LOGO_URL,
    access: 'proxy',
    url: ds.url,
    user: '',
    database: '',
    basicAuth: false,
    isDefault: ds.isDefault,
    jsonData: ds.jsonData,
    readOnly: false,
  };
}

const listItemDto = (ds: HostDataSource) => ({ ...commonFields(ds), typeName: 'Prometheus' });

const dataSourceDto = (ds: HostDataSource) => ({
  ...commonFields(ds),
  basicAuthUser: '',
  withCredentials: false,
  secureJsonFields: {},
  version: 1,
});

export function registerDataSourceRoutes(router: Router, dataSources: HostDataSource[]): void {
  router.get('/api/datasources', ({ req, res }) => {
    requireRole(requireSignedIn(req), 'Admin');
    sendJson(res, 200, dataSources.map(listItemDto));
  });

  router.get('/api/datasources/uid/:uid', ({ req, res, params }) => {
    requireRole(requireSignedIn(req), 'Admin');
    const ds = dataSources.find((candidate) => candidate.uid === params.uid);
    if (!ds) {
      throw apiError(404, 'Data source not found');
    }
    sendJson(res, 200, dataSourceDto(ds));
  });
}
