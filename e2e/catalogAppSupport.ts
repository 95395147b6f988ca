/**
 * What the catalog app's browser specs share: the app's paths, the settings of a spec's own host, and the steps
 * several tests take (open a generated panel, create alert rules, add KPIs for one test).
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import type { Panel } from '@grafana/schema';
import { testIds } from '../src/components/testIds';
import type { CatalogKpi, KpiDefinition } from '../src/kpi/model';
import { APP_BASE_PATH, HOST_PANEL_TEST_ID, ROLE_HEADER, type OrgRole } from './host/hostContract';
import { expect, type HostPageOptions } from './fixtures';
import { asScenario, openScenario } from './panelScenarios';

export const SETTINGS_PATH = '/api/plugins/northstar-kpi-app/settings';
export const catalogPath = `${APP_BASE_PATH}/catalog`;
export const detailPath = (id: string) => `${APP_BASE_PATH}/kpi/${id}`;
export const editorPath = (id?: string) => `${APP_BASE_PATH}/edit${id ? `/${id}` : ''}`;
/** Written for review, beside screenshots.spec.ts's (git ignores the PNGs). */
export const SCREENSHOTS = join(__dirname, 'screenshots');

export interface StoredSettings {
  enabled: boolean;
  pinned: boolean;
  jsonData: { catalog: { apiVersion: string; kind: string; kpis: CatalogKpi[] }; [key: string]: unknown };
}

/** A generated dashboard panel as a host scenario on this spec's host, open and answered. */
/** "Create alert rules" on the KPI page open in `page`, confirmed in its dialog, until it says they are saved. */
export async function createAlertRulesFromPage(page: Page) {
  await page.getByTestId(testIds.createAlertRules.button).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Create alert rules' }).click();
  await expect(page.getByTestId(testIds.createAlertRules.success)).toBeVisible();
}

/** The host's Grafana-managed rules of one KPI, by their kpi_id label. */
/** Runs `body` with `kpis` added to the stored catalog, and puts the catalog back afterwards. */
export function checkoutCopy(id: string, name: string): KpiDefinition {
  return {
    id,
    version: 1,
    status: 'published',
    name,
    owner: 'team-e2e',
    datasource: { type: 'prometheus', uid: 'prometheus' },
    indicator: {
      type: 'ratio',
      good: 'sum(rate(http_requests_total{job="checkout",code!~"5.."}[$__rate_interval]))',
      total: 'sum(rate(http_requests_total{job="checkout"}[$__rate_interval]))',
    },
    objective: { target: 0.999, window: '28d' },
  };
}

export async function pickPrometheus(page: Page) {
  await page.locator('#kpi-datasource').click();
  await page.locator('#kpi-datasource').fill('Prometheus');
  await page.keyboard.press('Enter');
}

/** The helpers that read and write one spec file's own host (see ownHostForThisFile). */
export function hostHelpers(host: { readonly url: string }) {
  async function readSettings(request: APIRequestContext): Promise<StoredSettings> {
    const response = await request.get(`${host.url}${SETTINGS_PATH}`, { headers: { [ROLE_HEADER]: 'Admin' } });
    return (await response.json()) as StoredSettings;
  }

  async function writeSettings(request: APIRequestContext, settings: StoredSettings, role: OrgRole = 'Admin') {
    return request.post(`${host.url}${SETTINGS_PATH}`, {
      headers: { [ROLE_HEADER]: role },
      data: { enabled: settings.enabled, pinned: settings.pinned, jsonData: settings.jsonData },
    });
  }

  async function openPanel(
    {
      page,
      request,
      openHostPage,
    }: {
      page: Page;
      request: APIRequestContext;
      openHostPage: (path: string, options?: HostPageOptions) => Promise<void>;
    },
    panel: Panel,
    name: string
  ) {
    await openScenario(
      { request, hostUrl: host.url, openHostPage: (path) => openHostPage(path, { hostUrl: host.url }) },
      asScenario(panel, name, 'prometheus'),
      { width: 900, height: 420 }
    );
    await expect(page.getByTestId(HOST_PANEL_TEST_ID)).toHaveAttribute('data-state', 'Done');
  }

  async function storedAlertRules(request: APIRequestContext, kpiId: string) {
    const rules = await request.get(`${host.url}/api/v1/provisioning/alert-rules`, {
      headers: { [ROLE_HEADER]: 'Admin' },
    });
    return ((await rules.json()) as Array<{ uid: string; labels?: Record<string, string> }>).filter(
      (rule) => rule.labels?.kpi_id === kpiId
    );
  }

  async function withExtraKpis(request: APIRequestContext, kpis: CatalogKpi[], body: () => Promise<void>) {
    const original = await readSettings(request);
    const changed = structuredClone(original);
    changed.jsonData.catalog.kpis.push(...kpis);
    expect((await writeSettings(request, changed)).status()).toBe(200);
    try {
      await body();
    } finally {
      // A fresh revision token, as after any save: an editor still open on the changed catalog must conflict.
      await writeSettings(request, { ...original, jsonData: { ...original.jsonData, revision: randomUUID() } });
    }
  }

  return { readSettings, writeSettings, openPanel, storedAlertRules, withExtraKpis };
}
