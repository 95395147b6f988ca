/**
 * The plugin host keeps Grafana's HTTP contracts: every answer is validated against the upstream OpenAPI subset
 * (or, where upstream has no schema, against e2e/contracts' schemas written from Grafana's DTOs), with data from a
 * real Prometheus.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  definitionProblems,
  dsQueryWireProblems,
  pluginSettingProblems,
  responseProblems,
} from '../contracts/grafanaContracts';
import { buildGrafanaAlertRuleGroups, toProvisionedAlertRule } from '../../src/kpi/rules';
import type { KpiDefinition } from '../../src/kpi/model';
import { checkoutKpi } from '../../src/testing/checkoutKpi';
import { describeWithPrometheus, freePort, type RunningPrometheus } from '../../src/testing/prometheusServer';
import { ROLE_HEADER, type OrgRole } from './hostContract';
import { startHost, REPO_ROOT, type RunningHost } from './startHost';
import { startCheckoutPrometheus } from './testPrometheus';

jest.setTimeout(60_000);

interface Answer {
  status: number;
  body: unknown;
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** An answer's status and JSON body; an empty body (Grafana's 204s and empty 404s) is undefined. */
async function call(baseUrl: string, method: Method, path: string, role?: OrgRole, body?: unknown): Promise<Answer> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(role ? { [ROLE_HEADER]: role } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
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
  const api = (method: Method, path: string, role?: OrgRole, body?: unknown) =>
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

  describe('alerting provisioning', () => {
    const FOLDER = { uid: 'alerts-contract', title: 'Alert contract' };
    const groupUrl = (group: string, folderUid = FOLDER.uid) =>
      `/api/v1/provisioning/folder/${folderUid}/rule-groups/${group}`;
    const PUT_GROUP = 'PUT /v1/provisioning/folder/{FolderUID}/rule-groups/{Group}';
    const POST_RULE = 'POST /v1/provisioning/alert-rules';

    const kpi: KpiDefinition = checkoutKpi();
    /** The rule group the app sends for the KPI: the builder's rules as API bodies. */
    function appGroup(folderUid = FOLDER.uid) {
      const [group] = buildGrafanaAlertRuleGroups([kpi]);
      return {
        title: group.name,
        folderUid,
        interval: 60,
        rules: group.rules.map((rule) => toProvisionedAlertRule(group, rule, folderUid)),
      };
    }
    /**
     * The app's rules keep the last state on a query error (`execErrState: KeepLast`, accepted by Grafana's
     * models.ErrStateFromString since 10.4); the subset's enum predates it. That one line per rule is the only
     * difference allowed.
     */
    const beyondKeepLast = (problems: string[]) =>
      problems.filter((problem) => !/execErrState must be equal to one of the allowed values$/.test(problem));
    const simpleRule = (overrides: Record<string, unknown> = {}) => ({
      uid: 'contract-rule',
      title: 'Always firing',
      folderUID: FOLDER.uid,
      ruleGroup: 'contract',
      condition: 'B',
      data: appGroup().rules[0].data,
      noDataState: 'OK',
      execErrState: 'Error',
      for: '1m',
      ...overrides,
    });

    beforeAll(async () => {
      expect((await api('POST', '/api/folders', 'Editor', FOLDER)).status).toBe(200);
    });

    test('PUT of a whole group answers the group as sent; GET answers the stored rules with uid and provenance', async () => {
      const group = appGroup();
      const put = await api('PUT', groupUrl(group.title), 'Editor', group);
      const read = await api('GET', groupUrl(group.title), 'Viewer');

      expect(put.status).toBe(200);
      expect(beyondKeepLast(responseProblems(PUT_GROUP, put.status, put.body))).toEqual([]);
      expect(read.status).toBe(200);
      expect(beyondKeepLast(definitionProblems('AlertRuleGroup', read.body))).toEqual([]);
      const stored = read.body as { interval: number; rules: Array<Record<string, unknown>> };
      expect(stored.interval).toBe(60);
      expect(stored.rules.map((rule) => [rule.uid, rule.provenance, rule.keep_firing_for])).toEqual([
        ['nsk-checkout-availability-page', 'api', '5m'],
        ['nsk-checkout-availability-ticket', 'api', '30m'],
      ]);
      expect(stored.rules[0]).toMatchObject({ id: expect.any(Number), updated: expect.any(String) });
    });

    test('PUT again updates the same rules, and a rule left out of the group is deleted', async () => {
      const group = appGroup();
      await api('PUT', groupUrl(group.title), 'Editor', group);
      await api('PUT', groupUrl(group.title), 'Editor', group);
      const twice = await api('GET', '/api/v1/provisioning/alert-rules', 'Viewer');
      await api('PUT', groupUrl(group.title), 'Editor', { ...group, rules: group.rules.slice(1) });
      const shrunk = await api('GET', groupUrl(group.title), 'Viewer');

      const uidsOf = (rules: unknown) => (rules as Array<{ uid: string }>).map((rule) => rule.uid);
      expect(uidsOf(twice.body)).toEqual(['nsk-checkout-availability-page', 'nsk-checkout-availability-ticket']);
      expect(uidsOf((shrunk.body as { rules: unknown }).rules)).toEqual(['nsk-checkout-availability-ticket']);
    });

    test('DELETE of a group removes its rules (204); the group is then unknown (404)', async () => {
      const group = appGroup();
      await api('PUT', groupUrl('short-lived'), 'Editor', {
        ...group,
        rules: [simpleRule({ uid: 'short-lived-rule' })],
      });
      const deleted = await api('DELETE', groupUrl('short-lived'), 'Editor');
      const read = await api('GET', groupUrl('short-lived'), 'Viewer');
      const rule = await api('GET', '/api/v1/provisioning/alert-rules/short-lived-rule', 'Viewer');

      expect(deleted).toEqual({ status: 204, body: undefined });
      expect(read).toEqual({ status: 404, body: { message: 'rule group not found under this folder' } });
      expect(rule.status).toBe(404);
    });

    test('X-Disable-Provenance keeps rules editable in the UI: provenance is empty', async () => {
      const group = appGroup();
      const response = await fetch(`${host.url}${groupUrl('editable')}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', [ROLE_HEADER]: 'Editor', 'X-Disable-Provenance': 'true' },
        body: JSON.stringify({ ...group, rules: [simpleRule({ uid: 'editable-rule' })] }),
      });
      const read = await api('GET', '/api/v1/provisioning/alert-rules/editable-rule', 'Viewer');

      expect(response.status).toBe(200);
      expect(read.body).toMatchObject({ provenance: '', ruleGroup: 'editable' });
    });

    test('POST creates one rule (201), GET reads it, DELETE removes it (204), then GET is an empty 404', async () => {
      const created = await api('POST', '/api/v1/provisioning/alert-rules', 'Editor', simpleRule());
      const read = await api('GET', '/api/v1/provisioning/alert-rules/contract-rule', 'Viewer');
      const deleted = await api('DELETE', '/api/v1/provisioning/alert-rules/contract-rule', 'Editor');
      const gone = await api('GET', '/api/v1/provisioning/alert-rules/contract-rule', 'Viewer');

      expect(created.status).toBe(201);
      expect(responseProblems(POST_RULE, created.status, created.body)).toEqual([]);
      expect(created.body).toMatchObject({ uid: 'contract-rule', provenance: 'api', orgID: 1, keep_firing_for: '0s' });
      expect(read.status).toBe(200);
      expect(definitionProblems('ProvisionedAlertRule', read.body)).toEqual([]);
      expect(deleted).toEqual({ status: 204, body: undefined });
      expect(gone).toEqual({ status: 404, body: undefined });
    });

    test('POST with a uid that exists is 400', async () => {
      await api('POST', '/api/v1/provisioning/alert-rules', 'Editor', simpleRule({ uid: 'taken' }));
      const again = await api('POST', '/api/v1/provisioning/alert-rules', 'Editor', simpleRule({ uid: 'taken' }));

      expect(again.status).toBe(400);
      expect(responseProblems(POST_RULE, again.status, again.body)).toEqual([]);
      expect((again.body as { message: string }).message).toContain(
        'rule UID under the same organisation should be unique'
      );
    });

    test.each([
      ['no title', { title: '' }, 'invalid alert rule: title is empty'],
      ['no queries', { data: [] }, 'invalid alert rule: no queries or expressions are found'],
      ['a condition that is no query', { condition: 'C' }, 'Condition C does not exist, must be one of [A B]'],
      ['no condition', { condition: undefined }, 'Condition  does not exist, must be one of [A B]'],
      ['an unknown error state', { execErrState: 'Panic' }, 'invalid alert rule: unknown Error state option Panic'],
      ['a bad uid', { uid: 'no spaces' }, "cannot create rule with UID 'no spaces': uid contains illegal characters"],
    ])('a rule with %s is 400 with Grafana’s message', async (_name, overrides, message) => {
      const posted = await api('POST', '/api/v1/provisioning/alert-rules', 'Editor', simpleRule(overrides));
      const put = await api('PUT', groupUrl('contract'), 'Editor', { interval: 60, rules: [simpleRule(overrides)] });

      for (const [answer, operation] of [
        [posted, POST_RULE],
        [put, PUT_GROUP],
      ] as const) {
        expect(answer.status).toBe(400);
        expect(responseProblems(operation, answer.status, answer.body)).toEqual([]);
        expect((answer.body as { message: string }).message).toContain(message);
      }
    });

    test.each([
      [0, 'interval (0s) should be non-zero'],
      [15, 'interval (15s) should be non-zero and divided exactly by scheduler interval: 10'],
    ])('a group interval of %is is 400', async (interval, message) => {
      const { status, body } = await api('PUT', groupUrl('contract'), 'Editor', { interval, rules: [simpleRule()] });

      expect(status).toBe(400);
      expect(responseProblems(PUT_GROUP, status, body)).toEqual([]);
      expect((body as { message: string }).message).toContain(message);
    });

    test('a group in a folder that does not exist is 404 folder not found', async () => {
      const { status, body } = await api('PUT', groupUrl('contract', 'no-such-folder'), 'Editor', appGroup());
      const missing = await api('GET', groupUrl('never-written'), 'Viewer');

      expect({ status, body }).toEqual({ status: 404, body: { message: 'folder not found' } });
      expect(missing.status).toBe(404);
      expect(definitionProblems('ErrorResponseBody', missing.body)).toEqual([]);
    });

    test.each<[string, Method, string]>([
      ['PUT a group', 'PUT', groupUrl('contract')],
      ['POST a rule', 'POST', '/api/v1/provisioning/alert-rules'],
      ['DELETE a rule', 'DELETE', '/api/v1/provisioning/alert-rules/nsk-checkout-availability-ticket'],
    ])('a Viewer may not %s: 403 with Grafana’s message', async (_name, method, path) => {
      const { status, body } = await api(method, path, 'Viewer', { interval: 60, ...simpleRule() });

      expect(status).toBe(403);
      expect(definitionProblems('ErrorResponseBody', body)).toEqual([]);
      expect((body as { message: string }).message).toContain('alert.rules:write');
    });

    test('a folder with alert rules is deleted only with forceDeleteRules, and its rules with it', async () => {
      const folder = { uid: 'short-lived', title: 'Short-lived' };
      await api('POST', '/api/folders', 'Editor', folder);
      await api('PUT', groupUrl('doomed', folder.uid), 'Editor', appGroup(folder.uid));
      const refused = await api('DELETE', `/api/folders/${folder.uid}`, 'Editor');
      const forced = await api('DELETE', `/api/folders/${folder.uid}?forceDeleteRules=true`, 'Editor');
      const rules = await api('GET', '/api/v1/provisioning/alert-rules', 'Viewer');
      const again = await api('DELETE', `/api/folders/${folder.uid}`, 'Editor');

      expect(refused).toEqual({
        status: 400,
        body: { message: 'folder cannot be deleted: folder contains alert rules' },
      });
      expect(forced).toEqual({ status: 200, body: '' });
      expect((rules.body as Array<{ folderUID: string }>).some((rule) => rule.folderUID === folder.uid)).toBe(false);
      expect(again).toEqual({ status: 404, body: { message: 'folder not found' } });
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
