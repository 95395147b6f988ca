/**
 * Grafana-managed burn-rate alert rules for one KPI, written through Grafana's alerting provisioning API: the KPI's
 * rule group (a page and a ticket rule, built by src/kpi/grafanaAlertRules) in the "Northstar KPI" folder.
 *
 * The group is written with one `PUT /api/v1/provisioning/folder/{folderUid}/rule-groups/{group}`, which replaces
 * the whole group in one transaction: running it again updates the same rules (their uids come from the KPI id),
 * a rule the policy no longer has is removed, and a refused write changes nothing. The only thing this call may
 * create besides the group is the folder, so when the group write fails a folder created by the same call is
 * deleted again: nothing half-created is left behind.
 *
 * Provenance: no `X-Disable-Provenance` header. Grafana then marks the rules as provisioned ("api") and locks them
 * in its alerting UI, which is what we want: the catalog is their source of truth (as for provisioned catalogs,
 * DESIGN §4), and an edit made in the alerting UI would be overwritten silently by the next "Create alert rules".
 * The rules also carry the label `managed_by="northstar-kpi-app"` (searchable in the rule list, usable in
 * notification policies) and an annotation that says where to change them.
 */
import { lastValueFrom } from 'rxjs';
import { getBackendSrv } from '@grafana/runtime';
import { parseDuration } from '../kpi/time';
import {
  buildGrafanaAlertRuleGroups,
  DEFAULT_GRAFANA_FOLDER,
  toProvisionedAlertRule,
  type GrafanaAlertRule,
  type GrafanaAlertRuleGroup,
  type ProvisionedAlertRule,
  VALUE_RULE_UID_SUFFIX,
} from '../kpi/rules';
import { PROM_LABEL_BURNRATE_TIER, PROM_LABEL_SEVERITY, type CatalogKpi, type Severity } from '../kpi/model';
import { fetchErrorDetails } from './fetchErrors';

/** The uid of the folder when this app creates it; an existing folder with the right title is reused instead. */
export const NORTHSTAR_FOLDER_UID = 'northstar-kpi';
export const MANAGED_BY_LABEL = 'managed_by';
export const MANAGED_BY_VALUE = 'northstar-kpi-app';
export const MANAGED_BY_ANNOTATION = 'managed_by';
const MANAGED_BY_TEXT =
  'Managed by Northstar KPI: change the KPI in the catalog, then use "Create alert rules" on its page again.';

export interface ProvisionAlertRulesOptions {
  /** The KPI's on-call dashboard, linked from both rules (annotation `dashboard_url`). */
  dashboardUrl?: string;
  /** Title of the folder the group goes to; "Northstar KPI" by default, as for the dashboards. */
  folderTitle?: string;
  /** The data source's scrape interval, for `$__rate_interval` in threshold and timeslice queries. */
  scrapeIntervalMs?: number;
  /** The catalog's KPIs, where a composite finds its members. */
  catalogKpis?: readonly CatalogKpi[];
}

/** ProvisionedRuleSummary knows one rule as written, and where Grafana shows it. */
export interface ProvisionedRuleSummary {
  uid: string;
  title: string;
  /** The burn-rate tier, or `absent` for the absent-data rule (`alerting.absent`). */
  severity: Severity | 'absent';
  /** Grafana's page of the rule, relative to Grafana's root (`/alerting/grafana/<uid>/view`). */
  viewUrl: string;
}

export interface ProvisionedKpiAlertRules {
  folder: { uid: string; title: string; createdNow: boolean };
  groupName: string;
  rules: ProvisionedRuleSummary[];
}

/** Which step failed: the KPI itself (nothing was sent), the folder, or the rule group. */
export type AlertProvisioningStep = 'kpi' | 'folder' | 'rule-group';

/**
 * AlertProvisioningError knows why the rules were not written: its `message` is Grafana's own message (or ours when
 * the KPI was refused before any request), `status` the HTTP status Grafana answered with.
 */
export class AlertProvisioningError extends Error {
  constructor(
    message: string,
    readonly step: AlertProvisioningStep,
    readonly status?: number,
    /** Set when a folder created for the rules could not be deleted again after the group write failed. */
    readonly rollbackProblem?: string
  ) {
    super(message);
    this.name = 'AlertProvisioningError';
  }
}

/** Grafana's page for a Grafana-managed rule. */
export const alertRuleViewUrl = (uid: string) => `/alerting/grafana/${encodeURIComponent(uid)}/view`;

/** The rule group that `provisionKpiAlertRules` writes for a KPI, with the folder's title; throws for bad input. */
export function kpiAlertRuleGroup(kpi: CatalogKpi, options: ProvisionAlertRulesOptions = {}): GrafanaAlertRuleGroup {
  if (kpi.status !== 'published') {
    throw new AlertProvisioningError(
      `Only published KPIs get alert rules: ${kpi.id} is ${kpi.status === 'draft' ? 'a draft' : 'retired'}.`,
      'kpi'
    );
  }
  try {
    const [group] = buildGrafanaAlertRuleGroups([kpi], {
      folder: options.folderTitle ?? DEFAULT_GRAFANA_FOLDER,
      scrapeIntervalMs: options.scrapeIntervalMs,
      dashboardUrl: () => options.dashboardUrl,
      catalog: options.catalogKpis,
    });
    return group;
  } catch (error) {
    throw new AlertProvisioningError((error as Error).message, 'kpi');
  }
}

/** Creates or updates the KPI's rule group; see the file comment for idempotence, rollback and provenance. */
export async function provisionKpiAlertRules(
  kpi: CatalogKpi,
  options: ProvisionAlertRulesOptions = {}
): Promise<ProvisionedKpiAlertRules> {
  const group = kpiAlertRuleGroup(kpi, options);
  const folder = await resolveFolder(group.folder);
  try {
    await putRuleGroup(group, folder.uid);
  } catch (error) {
    const { status, message } = fetchErrorDetails(error);
    const rollbackProblem = folder.createdNow ? await deleteFolder(folder.uid) : undefined;
    throw new AlertProvisioningError(message, 'rule-group', status, rollbackProblem);
  }
  return {
    folder,
    groupName: group.name,
    rules: group.rules.map((rule) => ({
      uid: rule.uid,
      title: rule.title,
      severity: ruleTier(rule),
      viewUrl: alertRuleViewUrl(rule.uid),
    })),
  };
}

/**
 * The tier of a rule, whatever the KPI names its severity label (alerting.page.severity: critical); the
 * absent-data rule has none. A value KPI's off-track rule has no burn-rate tier: its severity label is its tier.
 */
export function ruleTier(rule: GrafanaAlertRule): Severity | 'absent' {
  const tier = rule.labels[PROM_LABEL_BURNRATE_TIER] as Severity | undefined;
  if (tier !== undefined) {
    return tier;
  }
  return rule.uid.endsWith(`-${VALUE_RULE_UID_SUFFIX}`) ? (rule.labels[PROM_LABEL_SEVERITY] as Severity) : 'absent';
}

interface FolderHit {
  uid: string;
  title: string;
  parentUid?: string;
}

/** The top-level folder with this title, else a new one; a 409 (our uid is taken) means it exists: reuse it. */
async function resolveFolder(title: string): Promise<ProvisionedKpiAlertRules['folder']> {
  try {
    const hits = await request<FolderHit[]>({ url: '/api/folders', method: 'GET', params: { limit: 1000 } });
    const existing = hits.find((hit) => hit.title === title && !hit.parentUid);
    if (existing) {
      return { uid: existing.uid, title: existing.title, createdNow: false };
    }
  } catch (error) {
    throw folderError(error);
  }
  try {
    const created = await request<FolderHit>({
      url: '/api/folders',
      method: 'POST',
      data: { uid: NORTHSTAR_FOLDER_UID, title },
    });
    return { uid: created.uid, title: created.title, createdNow: true };
  } catch (error) {
    // Someone created it meanwhile (another tab, the dashboards), or renamed it: the uid is ours either way.
    if (fetchErrorDetails(error).status === 409) {
      return { uid: NORTHSTAR_FOLDER_UID, title, createdNow: false };
    }
    throw folderError(error);
  }
}

function folderError(error: unknown): AlertProvisioningError {
  const { status, message } = fetchErrorDetails(error);
  return new AlertProvisioningError(message, 'folder', status);
}

/** The body of the whole-group PUT: every rule with the app's managed-by marks. */
export function ruleGroupBody(group: GrafanaAlertRuleGroup, folderUid: string) {
  const rules: ProvisionedAlertRule[] = group.rules.map((rule) => {
    const body = toProvisionedAlertRule(group, rule, folderUid);
    return {
      ...body,
      labels: { ...body.labels, [MANAGED_BY_LABEL]: MANAGED_BY_VALUE },
      annotations: { ...body.annotations, [MANAGED_BY_ANNOTATION]: MANAGED_BY_TEXT },
    };
  });
  // The API takes the interval in seconds; Grafana wants a multiple of its 10s scheduler tick, which 1m is.
  return { title: group.name, folderUid, interval: parseDuration(group.interval) / 1000, rules };
}

async function putRuleGroup(group: GrafanaAlertRuleGroup, folderUid: string): Promise<void> {
  await request({
    url: `/api/v1/provisioning/folder/${encodeURIComponent(folderUid)}/rule-groups/${encodeURIComponent(group.name)}`,
    method: 'PUT',
    data: ruleGroupBody(group, folderUid),
  });
}

/** Rollback of a folder this call created; the problem in words when that fails too. */
async function deleteFolder(uid: string): Promise<string | undefined> {
  try {
    await request({ url: `/api/folders/${encodeURIComponent(uid)}`, method: 'DELETE' });
    return undefined;
  } catch (error) {
    return fetchErrorDetails(error).message || 'the folder could not be deleted';
  }
}

/** Grafana's toasts stay off: the button shows the outcome itself, with Grafana's message. */
async function request<T = unknown>(options: {
  url: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  data?: unknown;
  params?: Record<string, string | number>;
}): Promise<T> {
  const response = await lastValueFrom(
    getBackendSrv().fetch<T>({ ...options, showErrorAlert: false, showSuccessAlert: false })
  );
  return response.data;
}
