import { of, throwError, type Observable } from 'rxjs';
import type { CatalogKpi, KpiDefinition } from '../kpi/model';
import { checkoutKpi } from '../testing/checkoutKpi';
import { compositeKpi } from '../testing/compositeKpi';
import {
  AlertProvisioningError,
  NORTHSTAR_FOLDER_UID,
  provisionKpiAlertRules,
  type ProvisionedKpiAlertRules,
} from './alertRulesApi';

interface Request {
  url: string;
  method: string;
  data?: unknown;
  params?: Record<string, unknown>;
  showErrorAlert?: boolean;
}

interface StoredRule {
  uid: string;
  title: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

interface StoredGroup {
  title: string;
  folderUid: string;
  interval: number;
  rules: StoredRule[];
}

/**
 * FakeGrafana knows the folders and rule groups of an in-memory Grafana: enough of /api/folders and the
 * provisioning API to see what the calls leave behind, and a way to make one endpoint answer with an error.
 */
class FakeGrafana {
  folders: Array<{ uid: string; title: string; parentUid?: string }> = [];
  groups = new Map<string, StoredGroup>();
  requests: string[] = [];
  private failures = new Map<string, { status: number; message: string }>();

  failNext(method: string, urlStart: string, status: number, message: string) {
    this.failures.set(`${method} ${urlStart}`, { status, message });
  }

  fetch = (request: Request): Observable<{ data: unknown; status: number }> => {
    this.requests.push(`${request.method} ${request.url}`);
    expect(request.showErrorAlert).toBe(false);
    for (const [key, failure] of this.failures) {
      if (`${request.method} ${request.url}`.startsWith(key)) {
        this.failures.delete(key);
        return throwError(() => ({ status: failure.status, data: { message: failure.message }, config: request }));
      }
    }
    return of({ data: this.answer(request), status: 200 });
  };

  private answer(request: Request): unknown {
    const groupPath = /^\/api\/v1\/provisioning\/folder\/([^/]+)\/rule-groups\/([^/]+)$/.exec(request.url);
    if (request.method === 'GET' && request.url === '/api/folders') {
      return this.folders;
    }
    if (request.method === 'POST' && request.url === '/api/folders') {
      const folder = request.data as { uid: string; title: string };
      this.folders.push(folder);
      return { ...folder, id: this.folders.length };
    }
    if (request.method === 'DELETE' && request.url.startsWith('/api/folders/')) {
      const uid = decodeURIComponent(request.url.slice('/api/folders/'.length));
      this.folders = this.folders.filter((folder) => folder.uid !== uid);
      return { message: 'Folder deleted' };
    }
    if (request.method === 'PUT' && groupPath) {
      const group = request.data as StoredGroup;
      this.groups.set(`${decodeURIComponent(groupPath[1])}/${decodeURIComponent(groupPath[2])}`, group);
      return group;
    }
    throw new Error(`the fake Grafana has no ${request.method} ${request.url}`);
  }

  allRuleUids(): string[] {
    return [...this.groups.values()].flatMap((group) => group.rules.map((rule) => rule.uid));
  }
}

let grafana: FakeGrafana;
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ fetch: (request: Request) => grafana.fetch(request) }),
}));

beforeEach(() => {
  grafana = new FakeGrafana();
});

function baseKpi(): KpiDefinition {
  return checkoutKpi({
    version: 7,
    datasource: { type: 'prometheus', uid: 'prom-eu-1' },
    objective: { target: 0.999, window: '30d' },
    links: { runbook: 'https://runbooks.example.com/checkout' },
  });
}

const GROUP_KEY = `${NORTHSTAR_FOLDER_UID}/northstar-kpi-checkout-availability`;

async function provisionError(kpi: CatalogKpi = baseKpi()): Promise<AlertProvisioningError> {
  const error = await provisionKpiAlertRules(kpi).then(
    () => undefined,
    (thrown: unknown) => thrown
  );
  expect(error).toBeInstanceOf(AlertProvisioningError);
  return error as AlertProvisioningError;
}

describe('provisionKpiAlertRules', () => {
  test('the first run creates the Northstar KPI folder and the KPI group with a page and a ticket rule', async () => {
    const result = await provisionKpiAlertRules(baseKpi(), { dashboardUrl: '/d/nsk-oncall-checkout/on-call' });

    expect(grafana.requests).toEqual([
      'GET /api/folders',
      'POST /api/folders',
      `PUT /api/v1/provisioning/folder/${NORTHSTAR_FOLDER_UID}/rule-groups/northstar-kpi-checkout-availability`,
    ]);
    expect(grafana.folders).toEqual([{ uid: NORTHSTAR_FOLDER_UID, title: 'Northstar KPI' }]);
    expect(result).toEqual<ProvisionedKpiAlertRules>({
      folder: { uid: NORTHSTAR_FOLDER_UID, title: 'Northstar KPI', createdNow: true },
      groupName: 'northstar-kpi-checkout-availability',
      rules: [
        {
          uid: 'nsk-checkout-availability-page',
          title: 'Checkout availability (checkout-availability): page on error budget burn',
          severity: 'page',
          viewUrl: '/alerting/grafana/nsk-checkout-availability-page/view',
        },
        {
          uid: 'nsk-checkout-availability-ticket',
          title: 'Checkout availability (checkout-availability): ticket on error budget burn',
          severity: 'ticket',
          viewUrl: '/alerting/grafana/nsk-checkout-availability-ticket/view',
        },
      ],
    });
  });

  test("a composite's group is written the same way, its members found in the catalog", async () => {
    const journey = compositeKpi({ 'checkout-availability': 1 });
    const result = await provisionKpiAlertRules(journey, { catalogKpis: [baseKpi(), journey] });
    expect(result.groupName).toBe('northstar-kpi-journey');
    expect(result.rules.map((rule) => [rule.uid, rule.severity])).toEqual([
      ['nsk-journey-page', 'page'],
      ['nsk-journey-ticket', 'ticket'],
    ]);
    const stored = grafana.groups.get(`${NORTHSTAR_FOLDER_UID}/northstar-kpi-journey`)!;
    expect(stored.rules.map((rule) => rule.labels.kpi_id)).toEqual(['journey', 'journey']);
  });

  test('a composite without its members in the catalog is refused before any request', async () => {
    const error = await provisionError(compositeKpi({ 'checkout-availability': 1 }));
    expect([error.step, error.message]).toEqual([
      'kpi',
      'Grafana alert rules for KPI journey: its member "checkout-availability" is not a valid KPI of this catalog',
    ]);
    expect(grafana.requests).toEqual([]);
  });

  test('the group is sent whole: interval in seconds, rules in the folder, labelled and linked', async () => {
    await provisionKpiAlertRules(baseKpi(), { dashboardUrl: '/d/nsk-oncall-checkout/on-call' });

    const group = grafana.groups.get(GROUP_KEY)!;
    expect([group.title, group.folderUid, group.interval]).toEqual([
      'northstar-kpi-checkout-availability',
      NORTHSTAR_FOLDER_UID,
      60,
    ]);
    const [page] = group.rules;
    expect(page).toMatchObject({
      folderUID: NORTHSTAR_FOLDER_UID,
      ruleGroup: 'northstar-kpi-checkout-availability',
      for: '2m',
      keep_firing_for: '5m',
    });
    expect(page.labels).toEqual({
      severity: 'page',
      burnrate_tier: 'page',
      kpi_id: 'checkout-availability',
      kpi_version: '7',
      owner: 'team-payments',
      managed_by: 'northstar-kpi-app',
    });
    expect(page.annotations).toMatchObject({
      runbook_url: 'https://runbooks.example.com/checkout',
      dashboard_url: '/d/nsk-oncall-checkout/on-call',
      managed_by: expect.stringContaining('Managed by Northstar KPI'),
    });
  });

  test('a second run reuses the folder and replaces the same group: same uids, no duplicates', async () => {
    await provisionKpiAlertRules(baseKpi());
    grafana.requests = [];
    const next = { ...baseKpi(), version: 8 };

    const result = await provisionKpiAlertRules(next);

    expect(grafana.requests).toEqual([
      'GET /api/folders',
      `PUT /api/v1/provisioning/folder/${NORTHSTAR_FOLDER_UID}/rule-groups/northstar-kpi-checkout-availability`,
    ]);
    expect(result.folder.createdNow).toBe(false);
    expect(grafana.folders).toHaveLength(1);
    expect(grafana.allRuleUids()).toEqual(['nsk-checkout-availability-page', 'nsk-checkout-availability-ticket']);
    expect(grafana.groups.get(GROUP_KEY)!.rules[0].labels.kpi_version).toBe('8');
  });

  test('an existing top-level folder titled Northstar KPI is used, whatever its uid', async () => {
    grafana.folders = [
      { uid: 'nested', title: 'Northstar KPI', parentUid: 'team' },
      { uid: 'made-by-hand', title: 'Northstar KPI' },
    ];

    const result = await provisionKpiAlertRules(baseKpi());

    expect(result.folder).toEqual({ uid: 'made-by-hand', title: 'Northstar KPI', createdNow: false });
    expect([...grafana.groups.keys()]).toEqual(['made-by-hand/northstar-kpi-checkout-availability']);
  });

  test('a 409 on creating the folder means our uid exists already: it is used and never rolled back', async () => {
    grafana.failNext('POST', '/api/folders', 409, 'a folder with the same uid already exists');
    grafana.failNext('PUT', '/api/v1/provisioning', 400, 'invalid alert rule: title is empty');

    const error = await provisionError();

    expect(error.message).toBe('invalid alert rule: title is empty');
    expect(grafana.requests).not.toContain(`DELETE /api/folders/${NORTHSTAR_FOLDER_UID}`);
  });

  test.each([
    [
      403,
      "You'll need additional permissions to perform this action. Permissions needed: any of alert.provisioning:write",
    ],
    [409, 'failed to update rule group: optimistic lock: version conflict'],
    [400, 'invalid alert rule: interval (15s) should be non-zero and divided exactly by scheduler interval: 10'],
  ])('a %i on the group write is reported with Grafana’s own message and status', async (status, message) => {
    grafana.folders = [{ uid: 'kpis', title: 'Northstar KPI' }];
    grafana.failNext('PUT', '/api/v1/provisioning', status, message);

    const error = await provisionError();

    expect([error.message, error.status, error.step, error.rollbackProblem]).toEqual([
      message,
      status,
      'rule-group',
      undefined,
    ]);
    // The folder was there before: it stays.
    expect(grafana.folders).toEqual([{ uid: 'kpis', title: 'Northstar KPI' }]);
  });

  test('when the group write fails, a folder created by the same call is deleted again', async () => {
    grafana.failNext('PUT', '/api/v1/provisioning', 403, 'Access Denied');

    const error = await provisionError();

    expect(error.message).toBe('Access Denied');
    expect(grafana.requests.slice(-2)).toEqual([
      `PUT /api/v1/provisioning/folder/${NORTHSTAR_FOLDER_UID}/rule-groups/northstar-kpi-checkout-availability`,
      `DELETE /api/folders/${NORTHSTAR_FOLDER_UID}`,
    ]);
    expect(grafana.folders).toEqual([]);
    expect(grafana.groups.size).toBe(0);
  });

  test('a rollback that fails too is reported beside the first error', async () => {
    grafana.failNext('PUT', '/api/v1/provisioning', 400, 'invalid alert rule: no queries or expressions are found');
    grafana.failNext('DELETE', '/api/folders/', 403, 'Access Denied');

    const error = await provisionError();

    expect(error.message).toBe('invalid alert rule: no queries or expressions are found');
    expect(error.rollbackProblem).toBe('Access Denied');
  });

  test('a folder Grafana refuses to create stops before any rule is written', async () => {
    grafana.failNext('POST', '/api/folders', 403, 'You’ll need additional permissions: folders:create');

    const error = await provisionError();

    expect([error.step, error.status, error.message]).toEqual([
      'folder',
      403,
      'You’ll need additional permissions: folders:create',
    ]);
    expect(grafana.requests).toEqual(['GET /api/folders', 'POST /api/folders']);
  });

  test.each([
    ['draft', 'Only published KPIs get alert rules: checkout-availability is a draft.'],
    ['retired', 'Only published KPIs get alert rules: checkout-availability is retired.'],
  ] as const)('a %s KPI is refused before any request', async (status, message) => {
    const error = await provisionError({ ...baseKpi(), status });

    expect([error.step, error.message]).toEqual(['kpi', message]);
    expect(grafana.requests).toEqual([]);
  });

  test('a KPI whose data source does not speak PromQL is refused by name before any request', async () => {
    const error = await provisionError({ ...baseKpi(), datasource: { type: 'loki', uid: 'logs' } });

    expect(error.message).toContain('its data source is of type "loki"');
    expect(grafana.requests).toEqual([]);
  });
});
