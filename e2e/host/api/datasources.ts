/**
 * The host's data sources and `GET /api/datasources`, `GET /api/datasources/uid/:uid` (Grafana's
 * pkg/api/datasources.go). Grafana's default RBAC grants `datasources:read` to org Admins only; everyone may query.
 */
import type { Router } from '../server/router';
import { apiError, sendJson } from '../server/http';
import { requireRole, requireSignedIn } from '../server/session';

interface DataSourceIdentity {
  id: number;
  uid: string;
  name: string;
  isDefault: boolean;
  /** As Grafana lists it: Prometheus' base URL, PostgreSQL's `host:port`. */
  url: string;
}

/** PrometheusHostDataSource knows the Prometheus behind the host's "Prometheus" data source. */
export interface PrometheusHostDataSource extends DataSourceIdentity {
  type: 'prometheus';
  jsonData: {
    httpMethod: 'POST';
    /** The data source's scrape interval: the lower limit of the step and the base of $__rate_interval. */
    timeInterval: string;
  };
}

export const POSTGRES_TYPE = 'grafana-postgresql-datasource';

/** PostgresHostDataSource knows the PostgreSQL behind the host's "PostgreSQL" data source. */
export interface PostgresHostDataSource extends DataSourceIdentity {
  type: typeof POSTGRES_TYPE;
  user: string;
  /** The full connection URL the host connects with; never listed (it may hold the password). */
  connectionUrl: string;
  hasPassword: boolean;
  jsonData: { database: string; sslmode: 'disable'; postgresVersion: number; timescaledb: false };
}

/** HostDataSource knows one data source the host offers. */
export type HostDataSource = PrometheusHostDataSource | PostgresHostDataSource;

/** Grafana serves core data source plugins from public/app/plugins; the host serves the logo there. */
export const PROMETHEUS_LOGO_URL = 'public/app/plugins/datasource/prometheus/img/prometheus_logo.svg';
export const POSTGRES_LOGO_URL = `public/app/plugins/datasource/${POSTGRES_TYPE}/img/postgresql_logo.svg`;

const TYPE_NAMES: Record<HostDataSource['type'], { typeName: string; logo: string }> = {
  prometheus: { typeName: 'Prometheus', logo: PROMETHEUS_LOGO_URL },
  [POSTGRES_TYPE]: { typeName: 'PostgreSQL', logo: POSTGRES_LOGO_URL },
};

/** The data source every example KPI names (`datasource: { type: prometheus, uid: prometheus }`). */
export function prometheusDataSource(url: string, scrapeInterval: string): PrometheusHostDataSource {
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

/**
 * The "PostgreSQL" data source (uid `postgres`) for a connection URL such as
 * `postgresql://postgres@127.0.0.1:5432/shop`: listed as Grafana lists one configured in its UI (`url` is
 * `host:port`, the database in `jsonData.database`, a password only as `secureJsonFields.password`).
 */
export function postgresDataSource(connectionUrl: string, id: number): PostgresHostDataSource {
  const parsed = new URL(connectionUrl);
  if (parsed.protocol !== 'postgresql:' && parsed.protocol !== 'postgres:') {
    throw new Error(`the PostgreSQL URL must start with postgresql://, not ${parsed.protocol}//`);
  }
  return {
    id,
    uid: 'postgres',
    name: 'PostgreSQL',
    type: POSTGRES_TYPE,
    url: `${parsed.hostname}:${parsed.port || '5432'}`,
    user: decodeURIComponent(parsed.username),
    connectionUrl,
    hasPassword: parsed.password !== '',
    isDefault: false,
    jsonData: {
      database: decodeURIComponent(parsed.pathname.slice(1)) || 'postgres',
      sslmode: 'disable',
      postgresVersion: 1500,
      timescaledb: false,
    },
  };
}

function commonFields(ds: HostDataSource) {
  return {
    id: ds.id,
    uid: ds.uid,
    orgId: 1,
    name: ds.name,
    type: ds.type,
    typeLogoUrl: TYPE_NAMES[ds.type].logo,
    access: 'proxy',
    url: ds.url,
    user: ds.type === POSTGRES_TYPE ? ds.user : '',
    database: '',
    basicAuth: false,
    isDefault: ds.isDefault,
    jsonData: ds.jsonData,
    readOnly: false,
  };
}

const listItemDto = (ds: HostDataSource) => ({ ...commonFields(ds), typeName: TYPE_NAMES[ds.type].typeName });

const dataSourceDto = (ds: HostDataSource) => ({
  ...commonFields(ds),
  basicAuthUser: '',
  withCredentials: false,
  secureJsonFields: ds.type === POSTGRES_TYPE && ds.hasPassword ? { password: true } : {},
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
