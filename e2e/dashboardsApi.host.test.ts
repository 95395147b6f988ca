/**
 * createKpiDashboards against the plugin host's dashboard and folder API (Grafana's contract: version check, 412,
 * 409, roles), over real HTTP. @grafana/runtime is replaced by a backend that sends each request to the host, as
 * Grafana's backendSrv would, and rejects non-2xx answers with Grafana's FetchError shape.
 */
import { from } from 'rxjs';
import { createKpiDashboards, DashboardsApiError } from '../src/data/dashboardsApi';
import type { KpiDefinition } from '../src/kpi/model';
import { checkoutKpi } from '../src/testing/checkoutKpi';
import { ROLE_HEADER, type OrgRole } from './host/hostContract';
import { startApiOnlyHost } from './host/apiOnlyHost';
import type { RunningHost } from './host/startHost';

let host: RunningHost;
let role: OrgRole = 'Editor';

jest.mock('@grafana/runtime', () => ({
  config: { datasources: {} },
  getBackendSrv: () => ({
    fetch: (options: { url: string; method?: string; data?: unknown; params?: Record<string, unknown> }) =>
      from(hostFetch(options)),
  }),
}));

async function hostFetch(options: { url: string; method?: string; data?: unknown; params?: Record<string, unknown> }) {
  const url = new URL(options.url, host.url);
  Object.entries(options.params ?? {}).forEach(([key, value]) => url.searchParams.set(key, String(value)));
  const response = await fetch(url, {
    method: options.method ?? 'GET',
    headers: { [ROLE_HEADER]: role, 'Content-Type': 'application/json' },
    body: options.data === undefined ? undefined : JSON.stringify(options.data),
  });
  const data = await response.json();
  if (!response.ok) {
    throw { status: response.status, statusText: response.statusText, data };
  }
  return { data, status: response.status, ok: true };
}

async function stored(uid: string) {
  role = 'Editor';
  return (await hostFetch({ url: `/api/dashboards/uid/${uid}` })).data;
}

const checkout: KpiDefinition = checkoutKpi();
const ONCALL = 'nsk-checkout-availability-oncall';

beforeAll(async () => {
  host = await startApiOnlyHost('northstar-dashboards-api-');
});

afterAll(async () => {
  await host?.stop();
});

beforeEach(() => {
  role = 'Editor';
});

describe('createKpiDashboards against the plugin host', () => {
  test('a Viewer may not create dashboards: the 403 is an error, not a conflict', async () => {
    role = 'Viewer';
    await expect(createKpiDashboards(checkout)).rejects.toBeInstanceOf(DashboardsApiError);
  });

  test('creates the three dashboards in the Northstar KPI folder, then leaves them unchanged', async () => {
    const created = await createKpiDashboards(checkout);
    expect(created.map((result) => result.outcome)).toEqual(['created', 'created', 'created']);
    const { meta } = await stored(ONCALL);
    expect(meta).toMatchObject({ folderTitle: 'Northstar KPI', version: 1 });
    expect(created[1].url).toBe(meta.url);

    const again = await createKpiDashboards(checkout);
    expect(again.map((result) => result.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect((await stored(ONCALL)).meta.version).toBe(1);
  });

  test('a new KPI version updates them through the version check', async () => {
    const updated = await createKpiDashboards({ ...checkout, version: 2, name: 'Checkout success' });
    expect(updated.map((result) => result.outcome)).toEqual(['updated', 'updated', 'updated']);
    expect((await stored(ONCALL)).meta.version).toBe(2);
  });

  test('an edit saved in Grafana is a conflict; overwrite replaces it, copy sits beside it', async () => {
    const { dashboard } = await stored(ONCALL);
    await hostFetch({
      url: '/api/dashboards/db',
      method: 'POST',
      data: { dashboard: { ...dashboard, title: 'Our on-call board' }, folderUid: 'northstar-kpi' },
    });
    const kpi = { ...checkout, version: 2, name: 'Checkout success' };

    const [, conflict] = await createKpiDashboards(kpi);
    expect(conflict.outcome).toBe('conflict');
    expect((await stored(ONCALL)).dashboard.title).toBe('Our on-call board');

    const [, copy] = await createKpiDashboards(kpi, { onConflict: { [ONCALL]: 'copy' } });
    expect(copy).toMatchObject({ outcome: 'created', uid: `${ONCALL}-copy` });
    expect((await stored(ONCALL)).dashboard.title).toBe('Our on-call board');

    const [, overwritten] = await createKpiDashboards(kpi, { onConflict: { [ONCALL]: 'overwrite' } });
    expect(overwritten.outcome).toBe('updated');
    expect((await stored(ONCALL)).dashboard.title).toBe('Checkout success: on-call');
  });
});
