/**
 * The plugin host keeps Grafana's HTTP contracts: every answer is validated against the upstream OpenAPI subset
 * (or, where upstream has no schema, against e2e/contracts' schemas written from Grafana's DTOs), with data from a
 * real Prometheus.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dsQueryWireProblems, pluginSettingProblems, responseProblems } from '../contracts/grafanaContracts';
import { describeWithPrometheus, freePort, type RunningPrometheus } from '../../src/testing/prometheusServer';
import { ROLE_HEADER, type OrgRole } from './hostContract';
import { startHost, REPO_ROOT, type RunningHost } from './startHost';
import { startCheckoutPrometheus } from './testPrometheus';

jest.setTimeout(60_000);

interface Answer {
  status: number;
  body: unknown;
}

async function call(
  baseUrl: string,
  method: 'GET' | 'POST',
  path: string,
  role?: OrgRole,
  body?: unknown
): Promise<Answer> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(role ? { [ROLE_HEADER]: role } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

const checkoutQuery = (refId: string, expr: string) => ({
  refId,
  datasource: { type: 'prometheus', uid: 'prometheus' },
  expr,
  range: true,
  instant: false,
  intervalMs: 60_000,
  maxDataPoints: 600,
});

const lastHours = (hours: number) => ({ from: String(Date.now() - hours * 3_600_000), to: String(Date.now()) });

describeWithPrometheus('plugin host HTTP contracts', () => {
  let prometheus: RunningPrometheus;
  let host: RunningHost;
  let hostWithoutPrometheus: RunningHost;
  const stateDirs: string[] = [];
  const stateDir = () => {
    stateDirs.push(mkdtempSync(join(tmpdir(), 'northstar-host-')));
    return stateDirs[stateDirs.length - 1];
  };
  const api = (method: 'GET' | 'POST', path: string, role?: OrgRole, body?: unknown) =>
    call(host.url, method, path, role, body);

  beforeAll(async () => {
    prometheus = await startCheckoutPrometheus();
    const common = { port: 0, buildPage: false, catalogFile: join(REPO_ROOT, 'examples', 'catalog.yaml') };
    host = await startHost({ ...common, prometheusUrl: prometheus.url, stateDir: stateDir() });
    // Nothing listens on a port that was free a moment ago: Prometheus is down as far as this host knows.
    const deadPrometheus = `http://127.0.0.1:${await freePort()}`;
    hostWithoutPrometheus = await startHost({ ...common, prometheusUrl: deadPrometheus, stateDir: stateDir() });
  });

  afterAll(async () => {
    await host?.stop();
    await hostWithoutPrometheus?.stop();
    await prometheus?.stop();
    stateDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  });

  describe('plugin settings', () => {
    test('GET answers the PluginSetting DTO, with the catalog the host was seeded with', async () => {
      const { status, body } = await api('GET', '/api/plugins/northstar-kpi-app/settings', 'Viewer');

      expect(status).toBe(200);
      expect(pluginSettingProblems(body)).toEqual([]);
      const settings = body as { jsonData: { catalog: { kpis: Array<{ id: string }> } }; module: string };
      expect(settings.module).toBe('public/plugins/northstar-kpi-app/module.js');
      expect(settings.jsonData.catalog.kpis.map((kpi) => kpi.id)).toContain('checkout-availability');
    });

    test('the nested panel has settings of its own', async () => {
      const { status, body } = await api('GET', '/api/plugins/northstar-kpi-panel/settings', 'Viewer');

      expect(status).toBe(200);
      expect(pluginSettingProblems(body)).toEqual([]);
      expect(body).toMatchObject({ type: 'panel', module: 'public/plugins/northstar-kpi-panel/module.js' });
    });

    test('an Admin POST replaces every field: omitting enabled disables the app', async () => {
      const saved = await call(hostWithoutPrometheus.url, 'POST', '/api/plugins/northstar-kpi-app/settings', 'Admin', {
        pinned: true,
        jsonData: { defaultDatasourceUid: 'prometheus' },
        secureJsonData: { token: 's3cret' },
      });
      const read = await call(hostWithoutPrometheus.url, 'GET', '/api/plugins/northstar-kpi-app/settings', 'Admin');

      expect(saved).toEqual({ status: 200, body: { message: 'Plugin settings updated' } });
      expect(pluginSettingProblems(read.body)).toEqual([]);
      expect(read.body).toMatchObject({
        enabled: false,
        pinned: true,
        jsonData: { defaultDatasourceUid: 'prometheus' },
        secureJsonFields: { token: true },
      });
      expect(JSON.stringify(read.body)).not.toContain('s3cret');
    });

    test.each<[OrgRole]>([['Viewer'], ['Editor']])('a POST as %s is 403 Access Denied', async (role) => {
      const { status, body } = await api('POST', '/api/plugins/northstar-kpi-app/settings', role, { enabled: true });

      expect(status).toBe(403);
      expect(body).toEqual({ message: 'Access Denied' });
    });

    test('without a session the API answers 401 in the shape of Grafana errors', async () => {
      const { status, body } = await api('GET', '/api/plugins/northstar-kpi-app/settings');

      expect(status).toBe(401);
      expect(responseProblems('GET /user', status, body)).toEqual([]);
    });
  });

  describe('POST /api/ds/query', () => {
    test('answers 200 with Prometheus data as Grafana data frames', async () => {
      const { status, body } = await api('POST', '/api/ds/query', 'Viewer', {
        ...lastHours(6),
        queries: [checkoutQuery('total', 'sum(rate(http_requests_total{job="checkout"}[$__rate_interval]))')],
      });

      expect(status).toBe(200);
      expect(responseProblems('POST /ds/query', status, body)).toEqual([]);
      expect(dsQueryWireProblems(body)).toEqual([]);
      const [frame] = (body as { results: { total: { frames: Array<{ data: { values: number[][] } }> } } }).results
        .total.frames;
      expect(frame.data.values[1].length).toBeGreaterThan(300);
      // Two days of 5 to 15 requests per second, in the last hours 12.
      expect(frame.data.values[1].every((value) => value > 4 && value < 16)).toBe(true);
    });

    test('answers 207 with a per-refId error when Prometheus refuses one query, the others still answered', async () => {
      const { status, body } = await api('POST', '/api/ds/query', 'Viewer', {
        ...lastHours(1),
        queries: [checkoutQuery('good', 'sum(rate(http_requests_total[5m]))'), checkoutQuery('broken', 'sum(rate(')],
      });

      expect(status).toBe(207);
      expect(responseProblems('POST /ds/query', status, body)).toEqual([]);
      expect(dsQueryWireProblems(body)).toEqual([]);
      expect(body).toMatchObject({
        results: {
          good: { status: 200 },
          broken: {
            status: 400,
            frames: [],
            errorSource: 'downstream',
            error: expect.stringMatching(/^bad_data: .*parse error/),
          },
        },
      });
    });

    test('answers 207 with a 502 per refId when Prometheus cannot be reached', async () => {
      const { status, body } = await call(hostWithoutPrometheus.url, 'POST', '/api/ds/query', 'Viewer', {
        ...lastHours(1),
        queries: [checkoutQuery('total', 'sum(rate(http_requests_total[5m]))')],
      });

      expect(status).toBe(207);
      expect(dsQueryWireProblems(body)).toEqual([]);
      expect(body).toMatchObject({
        results: {
          total: {
            status: 502,
            frames: [],
            errorSource: 'downstream',
            error: expect.stringMatching(/^Post ".*\/api\/v1\/query_range": dial tcp .*: connect: connection refused$/),
          },
        },
      });
    });

    test('refuses a query for a data source it does not have with 400', async () => {
      const { status, body } = await api('POST', '/api/ds/query', 'Viewer', {
        ...lastHours(1),
        queries: [{ ...checkoutQuery('A', 'up'), datasource: { type: 'prometheus', uid: 'no-such-uid' } }],
      });

      expect(status).toBe(400);
      expect(responseProblems('POST /ds/query', status, body)).toEqual([]);
    });
  });

  describe('data sources', () => {
    test('GET /api/datasources lists the Prometheus data source for Admins', async () => {
      const { status, body } = await api('GET', '/api/datasources', 'Admin');

      expect(status).toBe(200);
      expect(responseProblems('GET /datasources', status, body)).toEqual([]);
      expect(body).toMatchObject([{ uid: 'prometheus', type: 'prometheus', url: prometheus.url, isDefault: true }]);
    });

    test('GET /api/datasources is 403 for a Viewer (datasources:read)', async () => {
      const { status, body } = await api('GET', '/api/datasources', 'Viewer');

      expect(status).toBe(403);
      expect(responseProblems('GET /datasources', status, body)).toEqual([]);
    });

    test.each([
      ['prometheus', 200],
      ['no-such-uid', 404],
    ])('GET /api/datasources/uid/%s answers %i', async (uid, expected) => {
      const { status, body } = await api('GET', `/api/datasources/uid/${uid}`, 'Admin');

      expect(status).toBe(expected);
      expect(responseProblems('GET /datasources/uid/{uid}', status, body)).toEqual([]);
    });
  });

  describe('folders, dashboards and search', () => {
    test('a folder is created once; its uid taken a second time is 409; listing finds it', async () => {
      const folder = { uid: 'northstar-kpi', title: 'Northstar KPI' };
      const created = await api('POST', '/api/folders', 'Editor', folder);
      const again = await api('POST', '/api/folders', 'Editor', folder);
      const listed = await api('GET', '/api/folders', 'Viewer');

      expect(created.status).toBe(200);
      expect(responseProblems('POST /folders', created.status, created.body)).toEqual([]);
      expect(again.status).toBe(409);
      expect(responseProblems('POST /folders', again.status, again.body)).toEqual([]);
      expect(responseProblems('GET /folders', listed.status, listed.body)).toEqual([]);
      expect(listed.body).toEqual([expect.objectContaining(folder)]);
    });

    test('a dashboard saved, read back, then saved from a stale version is 412 version-mismatch', async () => {
      const dashboard = {
        uid: 'northstar-oncall-checkout',
        title: 'Checkout on-call',
        tags: ['northstar'],
        panels: [],
      };
      // As in Grafana, a save without folderUid would move the dashboard to the root folder.
      const save = (version?: number) =>
        api('POST', '/api/dashboards/db', 'Editor', {
          dashboard: { ...dashboard, version },
          folderUid: 'northstar-kpi',
        });
      const first = await save();
      const read = await api('GET', `/api/dashboards/uid/${dashboard.uid}`, 'Viewer');
      const second = await save(1);
      const stale = await save(1);

      expect(first.status).toBe(200);
      expect(responseProblems('POST /dashboards/db', first.status, first.body)).toEqual([]);
      expect(first.body).toMatchObject({
        status: 'success',
        version: 1,
        uid: dashboard.uid,
        folderUid: 'northstar-kpi',
      });
      expect(responseProblems('GET /dashboards/uid/{uid}', read.status, read.body)).toEqual([]);
      expect(read.body).toMatchObject({
        dashboard: { title: 'Checkout on-call', version: 1 },
        meta: { folderTitle: 'Northstar KPI' },
      });
      expect(second.body).toMatchObject({ version: 2 });
      expect(stale.status).toBe(412);
      expect(responseProblems('POST /dashboards/db', stale.status, stale.body)).toEqual([]);
      expect(stale.body).toEqual({
        status: 'version-mismatch',
        message: 'The dashboard has been changed by someone else',
      });
    });

    test('a Viewer may not save dashboards; a missing dashboard is 404', async () => {
      const denied = await api('POST', '/api/dashboards/db', 'Viewer', { dashboard: { title: 'Nope' } });
      const missing = await api('GET', '/api/dashboards/uid/no-such-dashboard', 'Viewer');

      expect(denied.status).toBe(403);
      expect(responseProblems('POST /dashboards/db', denied.status, denied.body)).toEqual([]);
      expect(missing.status).toBe(404);
      expect(responseProblems('GET /dashboards/uid/{uid}', missing.status, missing.body)).toEqual([]);
    });

    test('search finds the folder and the dashboard as hits', async () => {
      const { status, body } = await api('GET', '/api/search?query=checkout', 'Viewer');
      const folders = await api('GET', '/api/search?type=dash-folder', 'Viewer');

      expect(responseProblems('GET /search', status, body)).toEqual([]);
      expect(body).toEqual([
        expect.objectContaining({ type: 'dash-db', uid: 'northstar-oncall-checkout', folderUid: 'northstar-kpi' }),
      ]);
      expect(folders.body).toEqual([expect.objectContaining({ type: 'dash-folder', uid: 'northstar-kpi' })]);
    });
  });

  test.each<[OrgRole, boolean]>([
    ['Admin', true],
    ['Viewer', false],
  ])('GET /api/user describes the signed-in %s', async (role, isGrafanaAdmin) => {
    const { status, body } = await api('GET', '/api/user', role);

    expect(status).toBe(200);
    expect(responseProblems('GET /user', status, body)).toEqual([]);
    expect(body).toMatchObject({ login: role.toLowerCase(), isGrafanaAdmin });
  });

  test('an unknown /api path is 404 {"message":"Not found"}', async () => {
    const { status, body } = await api('GET', '/api/northstar/no-such-endpoint', 'Admin');

    expect(status).toBe(404);
    expect(body).toEqual({ message: 'Not found' });
    expect(responseProblems('GET /datasources/uid/{uid}', status, body)).toEqual([]);
  });
});
