import { of, throwError } from 'rxjs';
import type { KpiDefinition } from '../kpi/model';
import { checkoutKpi } from '../testing/checkoutKpi';
import { compositeKpi } from '../testing/compositeKpi';
import { conversionKpi } from '../testing/valueKpis';
import { createKpiDashboards, DashboardsApiError, findLokiDataSource, NORTHSTAR_FOLDER_UID } from './dashboardsApi';

const mockFetch = jest.fn();
const mockConfig: { datasources: Record<string, { uid: string; type: string }> } = { datasources: {} };
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ fetch: mockFetch }),
  get config() {
    return mockConfig;
  },
}));

function baseKpi(): KpiDefinition {
  return checkoutKpi();
}

interface Stored {
  dashboard: Record<string, unknown>;
  folderUid: string;
  version: number;
}

type Request = { url: string; method?: string; data?: Record<string, unknown> };

/** Grafana's dashboard and folder API in memory, with its version check and errors (as e2e/host/api does). */
class FakeGrafana {
  folders: Array<{ uid: string; title: string }> = [];
  dashboards = new Map<string, Stored>();
  requests: Request[] = [];
  failNext?: { url: string; status: number; message: string };

  handle = (request: Request) => {
    this.requests.push(request);
    const method = request.method ?? 'GET';
    if (this.failNext && request.url === this.failNext.url && method === 'POST') {
      const { status, message } = this.failNext;
      this.failNext = undefined;
      return fail(status, message);
    }
    if (request.url === '/api/folders' && method === 'GET') {
      return ok(this.folders);
    }
    if (request.url === '/api/folders' && method === 'POST') {
      const { uid, title } = request.data as { uid: string; title: string };
      if (this.folders.some((folder) => folder.uid === uid)) {
        return fail(409, 'a folder with the same uid already exists');
      }
      this.folders.push({ uid, title });
      return ok({ uid, title });
    }
    const byUid = /^\/api\/dashboards\/uid\/(.+)$/.exec(request.url);
    if (byUid) {
      const stored = this.dashboards.get(decodeURIComponent(byUid[1]));
      return stored
        ? ok({
            dashboard: stored.dashboard,
            meta: { url: `/d/${stored.dashboard.uid}/slug`, folderUid: stored.folderUid, version: stored.version },
          })
        : fail(404, 'Dashboard not found');
    }
    if (request.url === '/api/dashboards/db') {
      return this.save(request.data as { dashboard: Record<string, unknown>; folderUid: string; overwrite: boolean });
    }
    return fail(404, 'Not found');
  };

  private save({
    dashboard,
    folderUid,
    overwrite,
  }: {
    dashboard: Record<string, unknown>;
    folderUid: string;
    overwrite: boolean;
  }) {
    const uid = dashboard.uid as string;
    const existing = this.dashboards.get(uid);
    if (existing && !overwrite && dashboard.version !== existing.version) {
      return fail(412, 'The dashboard has been changed by someone else');
    }
    const version = (existing?.version ?? 0) + 1;
    this.dashboards.set(uid, { dashboard: { ...dashboard, id: 7, version }, folderUid, version });
    return ok({ uid, url: `/d/${uid}/slug`, version, status: 'success' });
  }

  saves(uid?: string) {
    return this.requests.filter(
      (r) => r.url === '/api/dashboards/db' && (uid === undefined || (r.data?.dashboard as { uid: string }).uid === uid)
    );
  }
}

const ok = (data: unknown) => of({ data, status: 200, ok: true });
const fail = (status: number, message: string) => throwError(() => ({ status, data: { message }, statusText: '' }));

let grafana: FakeGrafana;
beforeEach(() => {
  grafana = new FakeGrafana();
  mockFetch.mockReset();
  mockFetch.mockImplementation(grafana.handle);
});

const outcomes = (results: Array<{ outcome: string }>) => results.map((result) => result.outcome);
const ONCALL = 'nsk-checkout-availability-oncall';

describe('createKpiDashboards', () => {
  test('creates the folder and the three dashboards, each with its uid and URL', async () => {
    const results = await createKpiDashboards(baseKpi());
    expect(results).toEqual([
      {
        kind: 'executive',
        uid: 'nsk-checkout-availability-executive',
        title: 'Checkout availability: executive view',
        url: '/d/nsk-checkout-availability-executive/slug',
        outcome: 'created',
      },
      expect.objectContaining({ kind: 'oncall', uid: ONCALL, outcome: 'created' }),
      expect.objectContaining({ kind: 'debug', uid: 'nsk-checkout-availability-debug', outcome: 'created' }),
    ]);
    expect(grafana.folders).toEqual([{ uid: NORTHSTAR_FOLDER_UID, title: 'Northstar KPI' }]);
    expect([...grafana.dashboards.values()].map((stored) => stored.folderUid)).toEqual(Array(3).fill('northstar-kpi'));
  });

  test("a value KPI gets its executive view only, without the SLOs' every-KPI on-call view", async () => {
    const results = await createKpiDashboards(conversionKpi(), { catalogKpis: [baseKpi(), conversionKpi()] });
    expect(results).toEqual([
      expect.objectContaining({ kind: 'executive', uid: 'nsk-conversion-executive', outcome: 'created' }),
    ]);
    expect([...grafana.dashboards.keys()]).toEqual(['nsk-conversion-executive']);
  });

  test('a second run changes nothing: same folder, no saves', async () => {
    await createKpiDashboards(baseKpi());
    const savesBefore = grafana.saves().length;
    const results = await createKpiDashboards(baseKpi());
    expect(outcomes(results)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(grafana.saves()).toHaveLength(savesBefore);
    expect(grafana.folders).toHaveLength(1);
  });

  test('with the catalog, the on-call view of every KPI comes too, once: the KPI page of any KPI leaves it as it is', async () => {
    const login = { ...baseKpi(), id: 'login-success', name: 'Login success' };
    const draft = { ...baseKpi(), id: 'checkout-conversion', status: 'draft' as const };
    const catalogKpis = [baseKpi(), login, draft];
    const first = await createKpiDashboards(baseKpi(), { catalogKpis });
    expect(first.map((result) => [result.uid, result.outcome])).toEqual([
      ['nsk-checkout-availability-executive', 'created'],
      [ONCALL, 'created'],
      ['nsk-checkout-availability-debug', 'created'],
      ['nsk-oncall', 'created'],
    ]);
    const fromLogin = await createKpiDashboards(login, { catalogKpis });
    expect(fromLogin.at(-1)).toMatchObject({ uid: 'nsk-oncall', outcome: 'unchanged' });
    expect(grafana.saves('nsk-oncall')).toHaveLength(1);
  });

  test("a composite's on-call and debug go into the same folder, from its members in the catalog, idempotently", async () => {
    const login = { ...baseKpi(), id: 'login-success', name: 'Login success' };
    const journey = compositeKpi({ 'checkout-availability': 1, 'login-success': 2 });
    const catalogKpis = [baseKpi(), login, journey];
    const first = await createKpiDashboards(journey, { catalogKpis });
    expect(first.map((result) => [result.kind, result.uid, result.outcome])).toEqual([
      ['oncall', 'nsk-journey-oncall', 'created'],
      ['debug', 'nsk-journey-debug', 'created'],
      ['oncall', 'nsk-oncall', 'created'],
    ]);
    expect(grafana.dashboards.get('nsk-journey-oncall')?.folderUid).toBe(NORTHSTAR_FOLDER_UID);
    const again = await createKpiDashboards(journey, { catalogKpis });
    expect(outcomes(again)).toEqual(['unchanged', 'unchanged', 'unchanged']);
  });

  test('a composite without its members in the catalog is refused before anything is saved', async () => {
    const journey = compositeKpi({ 'checkout-availability': 1, 'login-success': 2 });
    await expect(createKpiDashboards(journey, { catalogKpis: [baseKpi(), journey] })).rejects.toThrow(
      'KPI journey: its member "login-success" is not a valid KPI of this catalog'
    );
    expect(grafana.saves()).toEqual([]);
  });

  test('an existing folder of that title is used, whatever its uid', async () => {
    grafana.folders.push({ uid: 'abc123', title: 'Northstar KPI' });
    await createKpiDashboards(baseKpi());
    expect(grafana.requests.filter((r) => r.url === '/api/folders' && r.method === 'POST')).toEqual([]);
    expect(grafana.dashboards.get(ONCALL)?.folderUid).toBe('abc123');
  });

  test('a folder uid that is taken (409) is reused', async () => {
    grafana.folders.push({ uid: NORTHSTAR_FOLDER_UID, title: 'Renamed by someone' });
    const results = await createKpiDashboards(baseKpi());
    expect(outcomes(results)).toEqual(['created', 'created', 'created']);
    expect(grafana.dashboards.get(ONCALL)?.folderUid).toBe(NORTHSTAR_FOLDER_UID);
  });

  test('a changed KPI updates the dashboards we generated, sending the version Grafana holds', async () => {
    await createKpiDashboards(baseKpi());
    const results = await createKpiDashboards({ ...baseKpi(), name: 'Checkout success' });
    expect(outcomes(results)).toEqual(['updated', 'updated', 'updated']);
    const update = grafana.saves(ONCALL).at(-1)!.data!;
    expect(update).toMatchObject({ overwrite: false, dashboard: { version: 1, id: 7 } });
    expect(grafana.dashboards.get(ONCALL)?.version).toBe(2);
  });

  test('a dashboard somebody edited is a conflict and is not overwritten', async () => {
    await createKpiDashboards(baseKpi());
    const edited = grafana.dashboards.get(ONCALL)!;
    edited.dashboard = { ...edited.dashboard, title: 'Our on-call board' };
    const results = await createKpiDashboards({ ...baseKpi(), name: 'Checkout success' });
    const oncall = results.find((result) => result.kind === 'oncall')!;
    expect(oncall).toMatchObject({ outcome: 'conflict', url: `/d/${ONCALL}/slug` });
    expect(oncall.message).toContain('was edited in Grafana after Northstar generated it');
    expect(grafana.dashboards.get(ONCALL)?.dashboard.title).toBe('Our on-call board');
    expect(outcomes(results.filter((result) => result.kind !== 'oncall'))).toEqual(['updated', 'updated']);
  });

  test('a dashboard without the generator mark (saved from the editor) that needs an update is a conflict', async () => {
    await createKpiDashboards(baseKpi());
    const stored = grafana.dashboards.get(ONCALL)!;
    const { northstarGenerated: _dropped, ...saved } = stored.dashboard;
    stored.dashboard = saved;
    const [, oncall] = await createKpiDashboards({ ...baseKpi(), name: 'Checkout success' });
    expect(oncall.outcome).toBe('conflict');
    expect(oncall.message).toContain('not generated by Northstar');
  });

  test('overwrite, when asked for, replaces the edited dashboard', async () => {
    await createKpiDashboards(baseKpi());
    const edited = grafana.dashboards.get(ONCALL)!;
    edited.dashboard = { ...edited.dashboard, title: 'Our on-call board' };
    const [, oncall] = await createKpiDashboards(baseKpi(), { onConflict: { [ONCALL]: 'overwrite' } });
    expect(oncall.outcome).toBe('updated');
    expect(grafana.saves(ONCALL).at(-1)!.data!.overwrite).toBe(true);
    expect(grafana.dashboards.get(ONCALL)?.dashboard.title).toBe('Checkout availability: on-call');
  });

  test('save as copy leaves the edited dashboard and creates ours beside it under a new uid and title', async () => {
    await createKpiDashboards(baseKpi());
    const edited = grafana.dashboards.get(ONCALL)!;
    edited.dashboard = { ...edited.dashboard, title: 'Our on-call board' };
    const [, oncall] = await createKpiDashboards(baseKpi(), { onConflict: { [ONCALL]: 'copy' } });
    expect(oncall).toMatchObject({
      outcome: 'created',
      uid: 'nsk-checkout-availability-oncall-copy',
      title: 'Checkout availability: on-call (Northstar copy)',
    });
    expect(grafana.dashboards.get(ONCALL)?.dashboard.title).toBe('Our on-call board');
    // Copying again finds the copy as generated: nothing to do.
    const [, again] = await createKpiDashboards(baseKpi(), { onConflict: { [ONCALL]: 'copy' } });
    expect(again.outcome).toBe('unchanged');
  });

  test('a version mismatch while updating (412) is a conflict with Grafana’s reason', async () => {
    await createKpiDashboards(baseKpi());
    grafana.failNext = {
      url: '/api/dashboards/db',
      status: 412,
      message: 'The dashboard has been changed by someone else',
    };
    const [executive] = await createKpiDashboards({ ...baseKpi(), name: 'Checkout success' });
    expect(executive).toMatchObject({
      outcome: 'conflict',
      message: 'Grafana refused the save: The dashboard has been changed by someone else.',
    });
  });

  test('a refusal that is no conflict (403) rejects with the request and Grafana’s message', async () => {
    grafana.failNext = { url: '/api/folders', status: 403, message: 'Access denied' };
    const failure = createKpiDashboards(baseKpi());
    await expect(failure).rejects.toBeInstanceOf(DashboardsApiError);
    await expect(createKpiDashboards(baseKpi())).resolves.toHaveLength(3);
  });
});

describe('findLokiDataSource', () => {
  test('the first Loki data source of the boot data, or none', () => {
    mockConfig.datasources = { Prometheus: { uid: 'prom', type: 'prometheus' } };
    expect(findLokiDataSource()).toBeUndefined();
    mockConfig.datasources = { Prometheus: { uid: 'prom', type: 'prometheus' }, Logs: { uid: 'loki-1', type: 'loki' } };
    expect(findLokiDataSource()).toEqual({ uid: 'loki-1' });
  });
});
