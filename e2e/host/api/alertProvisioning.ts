/**
 * Grafana-managed alert rules through the alerting provisioning API (Grafana's
 * pkg/services/ngalert/api/api_provisioning.go): a rule group read and replaced whole, rules created, listed, read
 * and deleted one by one. Kept in alert-rules.json in the state directory. Rules are not evaluated: the host stores
 * them as Grafana would and answers with them.
 *
 * Validation follows Grafana's `AlertRule.ValidateAlertRule` (pkg/services/ngalert/models/alert_rule.go) in its order
 * (uid, queries, title, group interval, error and no-data states, `for`), then the folder, then the condition and the
 * server-side expressions it is built from (alertExpressions.ts), with Grafana's texts; failures are 400 `{"message": …}`, a missing folder 404. Editors and Admins may write (Grafana's
 * Editor role has `alert.rules:write`); everyone signed in may read.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tryParseDuration } from '../../../src/kpi/time';
import { goDurationString } from '../prometheus/grafanaInterval';
import { expressionProblem } from './alertExpressions';
import type { DashboardLibrary } from '../server/dashboardLibrary';
import { generateUid, permissionDenied, uidProblem } from '../server/grafanaIds';
import { apiError, isRecord, readJsonObject, sendJson } from '../server/http';
import type { JsonFileStore } from '../server/jsonFileStore';
import type { Router } from '../server/router';
import { requireRole, requireSignedIn } from '../server/session';

/** Grafana's scheduler tick (`[unified_alerting] base_interval`, 10s): group intervals must be multiples of it. */
const BASE_INTERVAL_SECONDS = 10;
/** The interval of a group that a POSTed rule creates (Grafana's default evaluation interval). */
const DEFAULT_GROUP_INTERVAL_SECONDS = 60;
const NO_DATA_STATES = ['Alerting', 'NoData', 'OK', 'KeepLast'];
const EXEC_ERR_STATES = ['Alerting', 'Error', 'OK', 'KeepLast'];
/** Grafana's header for rules that stay editable in its UI (provenance "" instead of "api"). */
const DISABLE_PROVENANCE_HEADER = 'x-disable-provenance';
const WRITE_PERMISSION = permissionDenied('alert.rules:write');

/** StoredAlertRule knows one rule as the provisioning API returns it (`ProvisionedAlertRule`). */
export interface StoredAlertRule {
  id: number;
  uid: string;
  orgID: number;
  folderUID: string;
  ruleGroup: string;
  title: string;
  condition: string;
  data: unknown[];
  noDataState: string;
  execErrState: string;
  for: string;
  keep_firing_for: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  isPaused: boolean;
  notification_settings?: Record<string, unknown>;
  updated: string;
  provenance: string;
}

interface StoredGroup {
  folderUid: string;
  title: string;
  interval: number;
}

export interface AlertRuleState {
  rules: StoredAlertRule[];
  groups: StoredGroup[];
}

export const emptyAlertRules = (): AlertRuleState => ({ rules: [], groups: [] });

const invalid = (problem: string) => apiError(400, `invalid alert rule: ${problem}`);

function stringMap(value: unknown, field: string): Record<string, string> {
  if (value === undefined || value === null) {
    return {};
  }
  if (!isRecord(value) || Object.values(value).some((item) => typeof item !== 'string')) {
    throw apiError(400, 'bad request data', { error: `${field} must map names to strings` });
  }
  return value as Record<string, string>;
}

/** A duration field as Grafana's JSON binding reads it (Prometheus syntax); anything else is "bad request data". */
function duration(value: unknown, field: string, fallback: string): string {
  if (value === undefined || value === null || value === '') {
    return fallback;
  }
  if (typeof value !== 'string' || tryParseDuration(value) === undefined) {
    throw apiError(400, 'bad request data', { error: `${field}: not a valid duration string: "${String(value)}"` });
  }
  return value;
}

function checkInterval(intervalSeconds: unknown): number {
  const seconds = typeof intervalSeconds === 'number' && Number.isInteger(intervalSeconds) ? intervalSeconds : 0;
  if (seconds <= 0 || seconds % BASE_INTERVAL_SECONDS !== 0) {
    throw invalid(
      `interval (${goDurationString(seconds * 1000)}) should be non-zero and divided exactly by scheduler ` +
        `interval: ${BASE_INTERVAL_SECONDS}`
    );
  }
  return seconds;
}

interface Placement {
  folderUid: string;
  group: string;
  interval: number;
  provenance: string;
}

/** A rule body checked as Grafana checks it, in Grafana's order; the placement (folder, group) is decided by the caller. */
function validRule(body: unknown, placement: Placement, state: AlertRuleState, library: DashboardLibrary) {
  if (!isRecord(body)) {
    throw apiError(400, 'bad request data');
  }
  const uid = typeof body.uid === 'string' && body.uid !== '' ? body.uid : generateUid();
  const uidTrouble = uidProblem(uid);
  if (uidTrouble) {
    throw apiError(400, `invalid alert rule\ncannot create rule with UID '${uid}': ${uidTrouble}`);
  }
  const data = Array.isArray(body.data) ? body.data : [];
  if (data.length === 0) {
    throw invalid('no queries or expressions are found');
  }
  const title = typeof body.title === 'string' ? body.title : '';
  if (title === '') {
    throw invalid('title is empty');
  }
  checkInterval(placement.interval);
  const execErrState = typeof body.execErrState === 'string' && body.execErrState !== '' ? body.execErrState : 'Error';
  if (!EXEC_ERR_STATES.includes(execErrState)) {
    throw invalid(`unknown Error state option ${execErrState}`);
  }
  const noDataState = typeof body.noDataState === 'string' && body.noDataState !== '' ? body.noDataState : 'NoData';
  if (!NO_DATA_STATES.includes(noDataState)) {
    throw invalid(`unknown NoData state option ${noDataState}`);
  }
  const forDuration = duration(body.for, 'for', '0s');
  const keepFiringFor = duration(body.keep_firing_for, 'keep_firing_for', '0s');
  if (!library.folders.some((folder) => folder.uid === placement.folderUid)) {
    throw apiError(404, 'folder not found');
  }
  const refIds = data.map((query) => (isRecord(query) && typeof query.refId === 'string' ? query.refId : ''));
  const condition = typeof body.condition === 'string' ? body.condition : '';
  if (!refIds.includes(condition) || condition === '') {
    throw apiError(400, `Condition ${condition} does not exist, must be one of [${refIds.join(' ')}]`);
  }
  const expressions = expressionProblem(data);
  if (expressions) {
    throw invalid(expressions);
  }
  const existing = state.rules.find((rule) => rule.uid === uid);
  const rule: StoredAlertRule = {
    id: existing?.id ?? Math.max(0, ...state.rules.map((stored) => stored.id)) + 1,
    uid,
    orgID: 1,
    folderUID: placement.folderUid,
    ruleGroup: placement.group,
    title,
    condition,
    data,
    noDataState,
    execErrState,
    for: forDuration,
    keep_firing_for: keepFiringFor,
    labels: stringMap(body.labels, 'labels'),
    annotations: stringMap(body.annotations, 'annotations'),
    isPaused: body.isPaused === true,
    ...(isRecord(body.notification_settings) ? { notification_settings: body.notification_settings } : {}),
    updated: new Date().toISOString(),
    provenance: placement.provenance,
  };
  return rule;
}

const provenanceOf = (req: IncomingMessage) => (req.headers[DISABLE_PROVENANCE_HEADER] !== undefined ? '' : 'api');

const inGroup = (folderUid: string, group: string) => (rule: StoredAlertRule) =>
  rule.folderUID === folderUid && rule.ruleGroup === group;

/** Groups that still have rules; Grafana has no empty groups. */
function withoutEmptyGroups(state: AlertRuleState): AlertRuleState {
  const groups = state.groups.filter((group) => state.rules.some(inGroup(group.folderUid, group.title)));
  return { ...state, groups };
}

function sendGroup(res: ServerResponse, state: AlertRuleState, folderUid: string, title: string): void {
  const group = state.groups.find((stored) => stored.folderUid === folderUid && stored.title === title);
  if (!group) {
    throw apiError(404, 'rule group not found under this folder');
  }
  sendJson(res, 200, {
    title,
    folderUid,
    interval: group.interval,
    rules: state.rules.filter(inGroup(folderUid, title)),
  });
}

/** PUT of a whole group: the rules listed replace the group's rules (those missing are deleted), all or nothing. */
function replaceGroup(
  state: AlertRuleState,
  library: DashboardLibrary,
  body: Record<string, unknown>,
  placement: Omit<Placement, 'interval'>
): AlertRuleState {
  const interval = checkInterval(body.interval);
  const rules = (Array.isArray(body.rules) ? body.rules : []).map((rule) =>
    validRule(rule, { ...placement, interval }, state, library)
  );
  if (!library.folders.some((folder) => folder.uid === placement.folderUid)) {
    throw apiError(404, 'folder not found');
  }
  const uids = new Set(rules.map((rule) => rule.uid));
  if (uids.size !== rules.length) {
    throw invalid('rule group contains rules with the same UID');
  }
  const others = state.rules.filter(
    (rule) => !inGroup(placement.folderUid, placement.group)(rule) && !uids.has(rule.uid)
  );
  const groups = [
    ...state.groups.filter((group) => !(group.folderUid === placement.folderUid && group.title === placement.group)),
    { folderUid: placement.folderUid, title: placement.group, interval },
  ];
  return withoutEmptyGroups({ rules: [...others, ...rules], groups });
}

export function registerAlertProvisioningRoutes(
  router: Router,
  store: JsonFileStore<AlertRuleState>,
  library: JsonFileStore<DashboardLibrary>
): void {
  const groupPath = '/api/v1/provisioning/folder/:folderUid/rule-groups/:group';

  router.get(groupPath, ({ req, res, params }) => {
    requireSignedIn(req);
    sendGroup(res, store.get(), params.folderUid, params.group);
  });

  router.put(groupPath, async ({ req, res, params }) => {
    requireRole(requireSignedIn(req), 'Editor', WRITE_PERMISSION);
    const body = await readJsonObject(req);
    const placement = { folderUid: params.folderUid, group: params.group, provenance: provenanceOf(req) };
    store.set(replaceGroup(store.get(), library.get(), body, placement));
    // Grafana answers with the group as it was sent, folder and title taken from the path.
    sendJson(res, 200, { ...body, folderUid: params.folderUid, title: params.group });
  });

  router.delete(groupPath, ({ req, res, params }) => {
    requireRole(requireSignedIn(req), 'Editor', WRITE_PERMISSION);
    const state = store.get();
    store.set(
      withoutEmptyGroups({ ...state, rules: state.rules.filter((r) => !inGroup(params.folderUid, params.group)(r)) })
    );
    res.writeHead(204).end();
  });

  router.get('/api/v1/provisioning/alert-rules', ({ req, res }) => {
    requireSignedIn(req);
    sendJson(res, 200, store.get().rules);
  });

  router.post('/api/v1/provisioning/alert-rules', async ({ req, res }) => {
    requireRole(requireSignedIn(req), 'Editor', WRITE_PERMISSION);
    const body = await readJsonObject(req);
    const state = store.get();
    const folderUid = typeof body.folderUID === 'string' ? body.folderUID : '';
    const group = typeof body.ruleGroup === 'string' ? body.ruleGroup : '';
    if (group === '') {
      throw apiError(400, 'bad request data', { error: 'ruleGroup is required' });
    }
    if (typeof body.uid === 'string' && state.rules.some((rule) => rule.uid === body.uid)) {
      throw apiError(
        400,
        'failed to create alert rule: a conflicting alert rule is found: rule UID under the same organisation should be unique'
      );
    }
    const existingGroup = state.groups.find((stored) => stored.folderUid === folderUid && stored.title === group);
    const interval = existingGroup?.interval ?? DEFAULT_GROUP_INTERVAL_SECONDS;
    const rule = validRule(body, { folderUid, group, interval, provenance: provenanceOf(req) }, state, library.get());
    store.set({
      rules: [...state.rules, rule],
      groups: existingGroup ? state.groups : [...state.groups, { folderUid, title: group, interval }],
    });
    sendJson(res, 201, rule);
  });

  router.get('/api/v1/provisioning/alert-rules/:uid', ({ req, res, params }) => {
    requireSignedIn(req);
    const rule = store.get().rules.find((stored) => stored.uid === params.uid);
    if (!rule) {
      // Grafana's response.Empty(404): no body.
      res.writeHead(404).end();
      return;
    }
    sendJson(res, 200, rule);
  });

  router.delete('/api/v1/provisioning/alert-rules/:uid', ({ req, res, params }) => {
    requireRole(requireSignedIn(req), 'Editor', WRITE_PERMISSION);
    const state = store.get();
    // Deleting a rule that is not there succeeds too, as in Grafana.
    store.set(withoutEmptyGroups({ ...state, rules: state.rules.filter((rule) => rule.uid !== params.uid) }));
    res.writeHead(204).end();
  });
}

/** For the folder API: the rules in a folder, and removing them with it (`forceDeleteRules`). */
export function alertRulesInFolder(store: JsonFileStore<AlertRuleState>) {
  return {
    count: (folderUid: string) => store.get().rules.filter((rule) => rule.folderUID === folderUid).length,
    deleteAll: (folderUid: string) => {
      const state = store.get();
      store.set(withoutEmptyGroups({ ...state, rules: state.rules.filter((rule) => rule.folderUID !== folderUid) }));
    },
  };
}
