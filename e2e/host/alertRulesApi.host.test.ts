/**
 * The app's "Create alert rules" code (src/data/alertRulesApi) against the plugin host's folder and alerting
 * provisioning endpoints over real HTTP: what the app sends must pass Grafana's validation as the host applies it.
 * Grafana's frontend runtime needs a browser, so getBackendSrv is wired here to Node's fetch the way the host page
 * wires it to the browser's (an Observable of one FetchResponse, or a FetchError `{status, data}`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Observable } from 'rxjs';
import { AlertProvisioningError, NORTHSTAR_FOLDER_UID, provisionKpiAlertRules } from '../../src/data/alertRulesApi';
import { freePort } from '../../src/testing/prometheusServer';
import type { KpiDefinition } from '../../src/kpi/model';
import { checkoutKpi } from '../../src/testing/checkoutKpi';
import { conversionKpi } from '../../src/testing/valueKpis';
import { ROLE_HEADER, type OrgRole } from './hostContract';
import { startHost, type RunningHost } from './startHost';

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
  let stateDir: string;

  beforeAll(async () => {
    stateDir = mkdtempSync(join(tmpdir(), 'northstar-alert-rules-'));
    // No data query is made: a Prometheus URL where nothing listens will do.
    const prometheusUrl = `http://127.0.0.1:${await freePort()}`;
    host = await startHost({ port: 0, buildPage: false, prometheusUrl, stateDir });
  });

  afterAll(async () => {
    await host?.stop();
    rmSync(stateDir, { recursive: true, force: true });
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
});
