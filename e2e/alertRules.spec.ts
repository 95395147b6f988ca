/**
 * The host's alerting provisioning API as the app's "Create alert rules" uses it, over HTTP: the KPI's group written
 * whole, twice, stays one group of the same two rules; a refused write changes nothing; a Viewer may not write.
 * (The button itself sits on the KPI detail page, which has its own browser tests once it shows the button.)
 */
import type { APIRequestContext } from '@playwright/test';
import { buildGrafanaAlertRuleGroups, toProvisionedAlertRule } from '../src/kpi/rules';
import type { KpiDefinition } from '../src/kpi/model';
import { checkoutKpi } from '../src/testing/checkoutKpi';
import { ROLE_HEADER, type OrgRole } from './host/hostContract';
import { expect, test } from './fixtures';

const FOLDER = { uid: 'e2e-alert-rules', title: 'Alert rules e2e' };

const kpi: KpiDefinition = checkoutKpi();

/** The group body the app sends for the KPI (src/data/alertRulesApi: the builder's rules, interval in seconds). */
function appGroup() {
  const [group] = buildGrafanaAlertRuleGroups([kpi]);
  return {
    title: group.name,
    folderUid: FOLDER.uid,
    interval: 60,
    rules: group.rules.map((rule) => toProvisionedAlertRule(group, rule, FOLDER.uid)),
  };
}

const groupUrl = (hostUrl: string) =>
  `${hostUrl}/api/v1/provisioning/folder/${FOLDER.uid}/rule-groups/${appGroup().title}`;
const as = (role: OrgRole) => ({ headers: { [ROLE_HEADER]: role } });

async function ruleUidsInFolder(request: APIRequestContext, hostUrl: string): Promise<string[]> {
  const response = await request.get(`${hostUrl}/api/v1/provisioning/alert-rules`, as('Viewer'));
  expect(response.status()).toBe(200);
  const rules = (await response.json()) as Array<{ uid: string; folderUID: string }>;
  return rules.filter((rule) => rule.folderUID === FOLDER.uid).map((rule) => rule.uid);
}

test.beforeAll(async ({ request, hostUrl }) => {
  const created = await request.post(`${hostUrl}/api/folders`, { ...as('Editor'), data: FOLDER });
  // 409: a retried run finds the folder of the first attempt.
  expect([200, 409]).toContain(created.status());
});

test('writing the KPI group twice leaves one group with the same two rules', async ({ request, hostUrl }) => {
  const first = await request.put(groupUrl(hostUrl), { ...as('Admin'), data: appGroup() });
  const second = await request.put(groupUrl(hostUrl), { ...as('Admin'), data: appGroup() });
  const read = await request.get(groupUrl(hostUrl), as('Viewer'));

  expect([first.status(), second.status(), read.status()]).toEqual([200, 200, 200]);
  expect(await ruleUidsInFolder(request, hostUrl)).toEqual([
    'nsk-checkout-availability-page',
    'nsk-checkout-availability-ticket',
  ]);
  const group = (await read.json()) as { rules: Array<{ labels: Record<string, string>; provenance: string }> };
  expect(group.rules.map((rule) => [rule.labels.severity, rule.labels.kpi_id, rule.provenance])).toEqual([
    ['page', 'checkout-availability', 'api'],
    ['ticket', 'checkout-availability', 'api'],
  ]);
});

test('a refused group write says why in Grafana’s words and changes nothing', async ({ request, hostUrl }) => {
  await request.put(groupUrl(hostUrl), { ...as('Admin'), data: appGroup() });
  const broken = appGroup();
  broken.rules[1] = { ...broken.rules[1], condition: 'C' };

  const refused = await request.put(groupUrl(hostUrl), { ...as('Admin'), data: broken });

  expect(refused.status()).toBe(400);
  expect(await refused.json()).toEqual({ message: 'Condition C does not exist, must be one of [A B]' });
  expect(await ruleUidsInFolder(request, hostUrl)).toEqual([
    'nsk-checkout-availability-page',
    'nsk-checkout-availability-ticket',
  ]);
});

test('a Viewer may not write alert rules: 403 with Grafana’s message', async ({ request, hostUrl }) => {
  const denied = await request.put(groupUrl(hostUrl), { ...as('Viewer'), data: appGroup() });

  expect(denied.status()).toBe(403);
  expect(await denied.json()).toEqual({
    message: "You'll need additional permissions to perform this action. Permissions needed: alert.rules:write",
  });
});
