/**
 * The app's "Create alert rules" code (src/data/alertRulesApi) against the plugin host's folder and alerting
 * provisioning endpoints over real HTTP: what the app sends must pass Grafana's validation as the host applies it.
 * Grafana's frontend runtime needs a browser, so getBackendSrv is wired here to Node's fetch the way the host page
 * wires it to the browser's (an Observable of one FetchResponse, or a FetchError `{status, data}`).
 */
import { Observable } from 'rxjs';
import { AlertProvisioningError, NORTHSTAR_FOLDER_UID, provisionKpiAlertRules } from '../../src/data/alertRulesApi';
import type { KpiDefinition } from '../../src/kpi/model';
import { checkoutKpi } from '../../src/testing/checkoutKpi';
import { buildGrafanaAlertRuleGroups, toProvisionedAlertRule } from '../../src/kpi/rules';
import { conversionKpi } from '../../src/testing/valueKpis';
import { paymentSuccessSqlKpi, POSTGRES_DATASOURCE, shopBucketSql } from '../../src/testing/shopSqlKpis';
import { ROLE_HEADER, type OrgRole } from './hostContract';
import { startApiOnlyHost } from './apiOnlyHost';
import type { RunningHost } from './startHost';

interface FetchOptions {
  url: string;
  method?: string;
  data?: unknown;
  params?: Record<string, string | number>;
}

let host: RunningHost;
let role: OrgRole = 'Editor';

function hostFetch(options: FetchOptions) {
  return new Observable((subscriber) => {
    const url = new URL(options.url, host.url);
    Object.entries(options.params ?? {}).forEach(([key, value]) => url.searchParams.set(key, String(value)));
    fetch(url, {
      method: options.method ?? 'GET',
      headers: { 'Content-Type': 'application/json', [ROLE_HEADER]: role },
      body: options.data === undefined ? undefined : JSON.stringify(options.data),
    })
      .then(async (response) => {
        const text = await response.text();
        const data = text === '' ? undefined : JSON.parse(text);
        if (response.ok) {
          subscriber.next({ data, status: response.status });
          subscriber.complete();
        } else {
          subscriber.error({ status: response.status, statusText: response.statusText, data, config: options });
        }
      })
      .catch((error: Error) => subscriber.error(error));
  });
}

jest.mock('@grafana/runtime', () => ({
  getBackendSrv: () => ({ fetch: hostFetch }),
  // The runtime's own check, which needs the browser build: an HTTP error carries status and data.
  isFetchError: (error: unknown) => typeof error === 'object' && error !== null && 'status' in error && 'data' in error,
}));

interface Query {
  refId: string;
  datasourceUid: string;
  model: Record<string, unknown>;
}
interface StoredRule {
  uid: string;
  condition: string;
  data: Array<{ refId: string; datasourceUid: string; model: { type?: string } }>;
}

const countsSql = (column: string) => shopBucketSql(`count(*) AS ${column}`, 'payments');
const paymentsKpi: KpiDefinition = paymentSuccessSqlKpi({ target: 0.995 });
const sqlConversion = {
  type: 'value',
  numerator: { rawSql: countsSql('orders') },
  denominator: { rawSql: countsSql('carts') },
  unit: 'percentunit',
} as const;

function mathOf(data: Query[], refId: string, expression: string): Query[] {
  return data.map((query) => (query.refId === refId ? { ...query, model: { ...query.model, expression } } : query));
}

const kpi: KpiDefinition = checkoutKpi({
  indicator: {
    type: 'threshold',
    query: 'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[$__rate_interval])))',
    comparator: '<',
    threshold: 0.3,
  },
  objective: { target: 0.99 },
  links: { runbook: 'https://runbooks.example.com/checkout' },
});

async function api(path: string): Promise<unknown> {
  const response = await fetch(`${host.url}${path}`, { headers: { [ROLE_HEADER]: 'Viewer' } });
  return response.json();
}

describe('provisionKpiAlertRules against the plugin host', () => {
  beforeAll(async () => {
    // No data query is made, and no plugin page is loaded: the API-only host will do.
    host = await startApiOnlyHost('northstar-alert-rules-');
  });

  afterAll(async () => {
    await host?.stop();
  });

  beforeEach(() => {
    role = 'Editor';
  });

  test('a Viewer is refused at the folder with Grafana’s message, and nothing is created', async () => {
    role = 'Viewer';

    const error = await provisionKpiAlertRules(kpi).catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(AlertProvisioningError);
    expect(error).toMatchObject({
      step: 'folder',
      status: 403,
      message: "You'll need additional permissions to perform this action. Permissions needed: folders:create",
    });
    expect(await api('/api/folders')).toEqual([]);
    expect(await api('/api/v1/provisioning/alert-rules')).toEqual([]);
  });

  test('the first run creates the folder and a group Grafana accepts; the second updates the same two rules', async () => {
    const first = await provisionKpiAlertRules(kpi, { dashboardUrl: '/d/nsk-oncall/on-call' });
    const second = await provisionKpiAlertRules({ ...kpi, version: 4 }, { dashboardUrl: '/d/nsk-oncall/on-call' });

    expect(first.folder).toEqual({ uid: NORTHSTAR_FOLDER_UID, title: 'Northstar KPI', createdNow: true });
    expect(second.folder.createdNow).toBe(false);
    expect(await api('/api/folders')).toEqual([expect.objectContaining({ uid: NORTHSTAR_FOLDER_UID })]);
    const rules = (await api('/api/v1/provisioning/alert-rules')) as Array<{
      uid: string;
      ruleGroup: string;
      labels: Record<string, string>;
      annotations: Record<string, string>;
    }>;
    expect(rules.map((rule) => [rule.uid, rule.ruleGroup, rule.labels.kpi_version, rule.labels.managed_by])).toEqual([
      ['nsk-checkout-availability-page', 'northstar-kpi-checkout-availability', '4', 'northstar-kpi-app'],
      ['nsk-checkout-availability-ticket', 'northstar-kpi-checkout-availability', '4', 'northstar-kpi-app'],
    ]);
    expect(rules[0].annotations.dashboard_url).toBe('/d/nsk-oncall/on-call');
  });

  test("a value KPI's off-track rule passes Grafana's validation: a ticket after its hour, reduced and thresholded", async () => {
    const provisioned = await provisionKpiAlertRules(conversionKpi());

    expect(provisioned.rules).toEqual([
      expect.objectContaining({ uid: 'nsk-conversion-offtrack', severity: 'ticket' }),
    ]);
    const rules = (await api('/api/v1/provisioning/alert-rules')) as Array<{
      uid: string;
      ruleGroup: string;
      condition: string;
      for: string;
      labels: Record<string, string>;
      data: Array<{ refId: string; model: { type?: string; expr?: string } }>;
    }>;
    const rule = rules.find((candidate) => candidate.uid === 'nsk-conversion-offtrack')!;
    expect(rule).toMatchObject({ ruleGroup: 'northstar-kpi-conversion', condition: 'C', for: '1h' });
    expect(rule.labels).toMatchObject({ severity: 'ticket', kpi_id: 'conversion' });
    expect(rule.data.map((query) => [query.refId, query.model.type ?? 'prometheus'])).toEqual([
      ['A', 'prometheus'],
      ['B', 'reduce'],
      ['C', 'threshold'],
    ]);
  });

  test('a SQL SLO’s rules pass: its SQL per window and the Reduce, Math and Threshold expressions over them', async () => {
    const provisioned = await provisionKpiAlertRules(paymentsKpi);

    expect(provisioned.rules.map((rule) => rule.uid)).toEqual([
      'nsk-payment-success-page',
      'nsk-payment-success-ticket',
    ]);
    const rules = (await api('/api/v1/provisioning/alert-rules')) as StoredRule[];
    const page = rules.find((candidate) => candidate.uid === 'nsk-payment-success-page')!;
    expect(page.condition).toBe('firing');
    const kinds = page.data.map((query) => `${query.refId}:${query.model.type ?? query.datasourceUid}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'good_5m_rows:postgres',
        'good_5m:reduce',
        'burn_5m:math',
        'burning:math',
        'firing:threshold',
      ])
    );
  });

  test('a SQL value KPI’s off-track rule passes: Σ numerator / Σ denominator against its warning', async () => {
    const provisioned = await provisionKpiAlertRules({
      ...conversionKpi(),
      datasource: POSTGRES_DATASOURCE,
      indicator: sqlConversion,
    });

    expect(provisioned.rules).toEqual([
      expect.objectContaining({ uid: 'nsk-conversion-offtrack', severity: 'ticket' }),
    ]);
  });

  test.each([
    [
      'a Math that reads a refId the rule lacks',
      (data: Query[]) => mathOf(data, 'burning', '$burn_1h > 1 && $burn_7m > 1'),
      "invalid alert rule: unable to find dependent node 'burn_7m'",
    ],
    [
      'an expression type Grafana has not',
      (data: Query[]) =>
        data.map((q) => (q.refId === 'good_1h' ? { ...q, model: { ...q.model, type: 'average' } } : q)),
      "invalid alert rule: expression command type 'average' in expression 'good_1h' not implemented",
    ],
    [
      'a Reduce by an unknown reducer',
      (data: Query[]) =>
        data.map((q) => (q.refId === 'good_1h' ? { ...q, model: { ...q.model, reducer: 'total' } } : q)),
      "invalid alert rule: failed to parse expression 'good_1h': reducer 'total' is not implemented",
    ],
    [
      'a query without its data source uid',
      (data: Query[]) => data.map((q) => (q.refId === 'total_1h_rows' ? { ...q, datasourceUid: '' } : q)),
      "invalid alert rule: failed to build query 'total_1h_rows': data source not found",
    ],
    [
      'a Math that reads itself',
      (data: Query[]) => mathOf(data, 'burning', '$burning > 1'),
      "invalid alert rule: expression 'burning' cannot reference itself. Must be query or another expression",
    ],
  ])('%s is refused with Grafana’s message, and nothing is stored', async (_name, change, message) => {
    const [group] = buildGrafanaAlertRuleGroups([paymentsKpi]);
    const body = toProvisionedAlertRule(group, group.rules[0], NORTHSTAR_FOLDER_UID);
    const response = await fetch(`${host.url}/api/v1/provisioning/alert-rules`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [ROLE_HEADER]: 'Editor' },
      body: JSON.stringify({ ...body, uid: 'nsk-broken-rule', data: change(body.data as Query[]) }),
    });

    expect([response.status, await response.json()]).toEqual([400, { message }]);
    const rules = (await api('/api/v1/provisioning/alert-rules')) as StoredRule[];
    expect(rules.map((rule) => rule.uid)).not.toContain('nsk-broken-rule');
  });
});
