/**
 * Grafana-managed burn-rate alert rules for published KPIs, as pure data: one rule group per KPI with a page rule
 * and a ticket rule. `northstar rules --format grafana` writes them as an alerting provisioning file
 * (provisioning/alerting/*.yaml); the app turns the same rules into `/api/v1/provisioning/alert-rules` bodies with
 * `toProvisionedAlertRule`.
 *
 * Each rule is one PromQL query on the KPI's own data source plus a threshold expression. The query ORs the
 * severity's policy rows, each "long and short window both above the factor", over RAW error ratios (the user's
 * queries, see rawErrorRatioExpr): Grafana-managed rules must work whether or not `northstar rules` recording
 * rules run in that Prometheus. A row that does not burn returns no series, so no data means "not burning".
 * With `alerting.absent`, a third rule fires when the KPI's own queries return nothing (`absent(…)`) for its `for`.
 * A composite's query is the weighted mean of its members' raw error ratios, on the data source they share.
 */
import {
  type CatalogKpi,
  type CompositeKpiDefinition,
  fnv1a32Hex,
  isCompositeKpi,
  isValueKpi,
  type KpiDefinition,
  queryLanguageOf,
  type SloKpi,
  type Severity,
  type ValueKpiDefinition,
} from '../model';
import { sqlBurnRateRules, sqlValueAlertRule } from './grafanaSqlAlertRules';
import { grafanaValueAlertRuleGroup, VALUE_RULE_GROUP_INTERVAL } from './grafanaValueAlertRule';
import { absentRuleShell, burnRateRuleShell, type RuleContext, type RuleQuery } from './grafanaRuleShells';
import { resolveMembers } from '../evaluate';
import { burnRateCondition, SEVERITY_ORDER } from './alerts';
import {
  rawEventCountGuard,
  kpiWindows,
  maintenanceCondition,
  rawAbsentExpr,
  unlessInMaintenanceRaw,
  rawCompositeErrorRatioExpr,
  rawErrorRatioExpr,
  type RawQuerySpan,
} from '../promql';
import { ruleGroupName } from './rules';
import { DEFAULT_SCRAPE_INTERVAL_MS } from '../time';

/** Grafana's pseudo data source that runs server-side expressions (math, reduce, threshold). */
export const GRAFANA_EXPRESSION_DATASOURCE_UID = '__expr__';
/** The folder the dashboards of the app go to as well (DESIGN §5). */
export const DEFAULT_GRAFANA_FOLDER = 'Northstar KPI';
export const DEFAULT_GRAFANA_RULE_GROUP_INTERVAL = '1m';
/** Grafana refuses rule uids longer than 40 characters or with other characters than these. */
export const GRAFANA_UID_MAX_LENGTH = 40;
const GRAFANA_UID_CHARACTERS = /^[a-zA-Z0-9_-]+$/;
/** Grafana limits rule titles and group names to 190 characters. */
const GRAFANA_TITLE_MAX_LENGTH = 190;
const UID_PREFIX = 'nsk-';
const QUERY_REF = 'A';
const CONDITION_REF = 'B';
/** Look-back Grafana shows for the query; an instant query is evaluated at the end of it either way. */
const QUERY_RANGE_SECONDS = 600;

/**
 * Against flapping. `for` rides out a single noisy evaluation: every row already needs its short window to burn
 * too, which is the workbook's damping, so it stays short (page 2m, as the Prometheus rules). `keepFiringFor`
 * keeps an alert firing after the condition clears: a burn that pauses for less than the page's shortest short
 * window (5m) and then resumes stays one page instead of resolve + re-page; tickets, which nobody is woken for,
 * hold on for 30m so an intermittent slow burn keeps one ticket open.
 */
export const GRAFANA_ALERT_TIMING: Readonly<Record<Severity, { for: string; keepFiringFor: string }>> = {
  page: { for: '2m', keepFiringFor: '5m' },
  ticket: { for: '15m', keepFiringFor: '30m' },
};
/**
 * An empty result means no row burns: OK, not NoData (the KPI status reports missing data; DESIGN §3). A failed
 * query keeps the last state instead of firing a DatasourceError alert with the rule's `severity: page`, which
 * would page on-call for a Prometheus hiccup; the rule's health still shows the error in Grafana.
 */
const NO_DATA_STATE = 'OK';
const EXEC_ERR_STATE = 'KeepLast';

export interface GrafanaRelativeTimeRange {
  from: number;
  to: number;
}

export interface GrafanaAlertQuery {
  refId: string;
  relativeTimeRange: GrafanaRelativeTimeRange;
  datasourceUid: string;
  model: Record<string, unknown>;
}

/** A rule as Grafana's alerting provisioning file reads it (`keepFiringFor` in camelCase there). */
export interface GrafanaAlertRule {
  uid: string;
  title: string;
  condition: string;
  data: GrafanaAlertQuery[];
  noDataState: 'NoData' | 'Alerting' | 'OK' | 'KeepLast';
  execErrState: 'Error' | 'Alerting' | 'OK' | 'KeepLast';
  for: string;
  keepFiringFor: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  isPaused: boolean;
}

export interface GrafanaAlertRuleGroup {
  orgId: number;
  name: string;
  /** Folder title in a provisioning file; the API takes the folder's uid instead. */
  folder: string;
  interval: string;
  rules: GrafanaAlertRule[];
}

/** The content of a file in provisioning/alerting/, ready for `yaml.stringify`. */
export interface GrafanaAlertingFile {
  apiVersion: 1;
  groups: GrafanaAlertRuleGroup[];
}

export interface GrafanaAlertRuleOptions {
  folder?: string;
  orgId?: number;
  /** Evaluation interval of each group; default 1m. */
  interval?: string;
  /** For `$__rate_interval` in threshold and timeslice queries. */
  scrapeIntervalMs?: number;
  /**
   * The on-call dashboard of a KPI, for the `dashboard_url` annotation that takes the person who is paged straight
   * to the burn; without it (or when it gives undefined) the KPI's own `links.dashboard` is used, if any.
   */
  dashboardUrl?: (kpi: CatalogKpi) => string | undefined;
  /** Where composites find their members: the KPIs given, unless said (a shard's KPIs, the app's one KPI). */
  catalog?: readonly CatalogKpi[];
  /** When the rules are generated (default now), for maintenance crons in zones with daylight saving time. */
  generatedAtMs?: number;
}

export { ABSENT_RULE_UID_SUFFIX, ANNOTATION_DASHBOARD_URL } from './grafanaRuleShells';

/**
 * One group per published KPI, in catalog order; drafts and retired KPIs have no rules. A value KPI's group holds
 * its off-track rule (grafanaValueAlertRule.ts).
 */
export function buildGrafanaAlertRuleGroups(
  kpis: readonly CatalogKpi[],
  options: GrafanaAlertRuleOptions = {}
): GrafanaAlertRuleGroup[] {
  return kpis
    .filter((kpi) => kpi.status === 'published')
    .map((kpi) => {
      try {
        if (queryLanguageOf(kpi.datasource?.type ?? '') === 'sql' && !isCompositeKpi(kpi)) {
          return sqlAlertRuleGroup(kpi, options);
        }
        if (isValueKpi(kpi)) {
          return grafanaValueAlertRuleGroup(
            kpi,
            options,
            ruleContext(kpi, options),
            options.folder ?? DEFAULT_GRAFANA_FOLDER
          );
        }
        return isCompositeKpi(kpi)
          ? compositeAlertRuleGroup(kpi, options.catalog ?? kpis, options)
          : kpiAlertRuleGroup(kpi, options);
      } catch (error) {
        throw new Error(`Grafana alert rules for KPI ${kpi.id}: ${(error as Error).message}`);
      }
    });
}

/**
 * A KPI over SQL: its own SQL per window with server-side expressions for the maths (grafanaSqlAlertRules.ts); a
 * value KPI's group reads every 5m, as over PromQL.
 */
function sqlAlertRuleGroup(
  kpi: KpiDefinition | ValueKpiDefinition,
  options: GrafanaAlertRuleOptions
): GrafanaAlertRuleGroup {
  const context = ruleContext(kpi, options);
  return {
    orgId: options.orgId ?? 1,
    name: ruleGroupName(kpi.id),
    folder: options.folder ?? DEFAULT_GRAFANA_FOLDER,
    interval: isValueKpi(kpi) ? VALUE_RULE_GROUP_INTERVAL : (options.interval ?? DEFAULT_GRAFANA_RULE_GROUP_INTERVAL),
    rules: isValueKpi(kpi) ? [sqlValueAlertRule(kpi, context)] : sqlBurnRateRules(kpi, context),
  };
}

/** The uids, titles, timing and dashboard link of a KPI's rules. */
function ruleContext(kpi: CatalogKpi, options: GrafanaAlertRuleOptions): RuleContext {
  return {
    uid: kpiScopedUid,
    title: titleWithin,
    timing: GRAFANA_ALERT_TIMING,
    dashboardUrl: options.dashboardUrl?.(kpi) ?? kpi.links?.dashboard,
  };
}

/** What a KPI's rules query: one data source, each window's error ratio, the low-traffic guard, the absent check. */
interface RuleQueries {
  datasource: { type: string; uid: string };
  errorRatio: (windowMs: number) => string;
  /** None for a composite, which counts no events of its own. */
  eventGuard?: (shortMs: number) => string;
  absent: string;
}

function kpiAlertRuleGroup(kpi: KpiDefinition, options: GrafanaAlertRuleOptions): GrafanaAlertRuleGroup {
  requirePrometheus(kpi);
  const scrapeIntervalMs = options.scrapeIntervalMs ?? DEFAULT_SCRAPE_INTERVAL_MS;
  return alertRuleGroup(kpi, options, {
    datasource: kpi.datasource,
    errorRatio: (windowMs) => `(${rawErrorRatioExpr(kpi, windowMs, scrapeIntervalMs, foreverSpan(options))})`,
    eventGuard: (shortMs) => rawEventCountGuard(kpi, shortMs),
    absent: rawAbsentExpr(kpi, kpiWindows(kpi).windowsMs[0], scrapeIntervalMs),
  });
}

/**
 * A composite's rules: per window the weighted mean of its members' raw error ratios (rawCompositeErrorRatioExpr:
 * a member without traffic drops out of the weights, one without data empties the window, which never burns),
 * with the composite's own target, policy, tiers, `for` and maintenance. One query needs one data source, so the
 * members must share theirs; the absent-data rule fires when any member's query answers nothing.
 */
function compositeAlertRuleGroup(
  composite: CompositeKpiDefinition,
  catalog: readonly CatalogKpi[],
  options: GrafanaAlertRuleOptions
): GrafanaAlertRuleGroup {
  const resolved = resolveMembers(composite, catalog);
  if (!resolved.ok) {
    throw new Error(resolved.error);
  }
  const { members } = resolved;
  members.forEach(({ kpi }) => requirePrometheus(kpi, `its member ${kpi.id}'s data source`));
  const datasource = members[0].kpi.datasource;
  const elsewhere = members.filter(({ kpi }) => kpi.datasource.uid !== datasource.uid);
  if (elsewhere.length > 0) {
    const sources = members.map(({ kpi }) => `${kpi.id}: ${kpi.datasource.uid}`).join(', ');
    throw new Error(
      `its members read different data sources (${sources}); a Grafana-managed rule queries one, so use ` +
        "`northstar rules` (Prometheus rules from the members' records) for this composite"
    );
  }
  const scrapeIntervalMs = options.scrapeIntervalMs ?? DEFAULT_SCRAPE_INTERVAL_MS;
  const baseWindowMs = kpiWindows(composite).windowsMs[0];
  const forEver = foreverSpan(options);
  return alertRuleGroup(composite, options, {
    datasource,
    errorRatio: (windowMs) => `(${rawCompositeErrorRatioExpr(members, windowMs, scrapeIntervalMs, forEver)})`,
    absent: members.map(({ kpi }) => `(${rawAbsentExpr(kpi, baseWindowMs, scrapeIntervalMs)})`).join(' or '),
  });
}

/**
 * Rules run for ever: each window's events leave out the steps a maintenance window touches, worked out from
 * time(), so a long window stops counting an outage inside one as soon as the window closes, as the recorded
 * rates and the engine do.
 */
function foreverSpan(options: GrafanaAlertRuleOptions): RawQuerySpan {
  return { forEver: true, generatedAtMs: options.generatedAtMs ?? Date.now() };
}

function requirePrometheus(kpi: KpiDefinition, subject = 'its data source'): void {
  if (kpi.datasource.type !== 'prometheus') {
    throw new Error(
      `${subject} is of type "${kpi.datasource.type}"; the rules are PromQL, so it must be a Prometheus data ` +
        'source (Prometheus, Mimir, Thanos, …)'
    );
  }
}

function alertRuleGroup(kpi: SloKpi, options: GrafanaAlertRuleOptions, queries: RuleQueries): GrafanaAlertRuleGroup {
  const { sloWindowMs, policy } = kpiWindows(kpi);
  const maintenance = maintenanceCondition(kpi, options.generatedAtMs ?? Date.now());
  const context = ruleContext(kpi, options);
  const rules = SEVERITY_ORDER.flatMap((severity) => {
    const rows = policy.filter((row) => row.severity === severity);
    if (rows.length === 0) {
      return [];
    }
    const query: RuleQuery = {
      condition: CONDITION_REF,
      data: [
        burnQuery(
          queries.datasource,
          unlessInMaintenanceRaw(maintenance, burnRateCondition(kpi, rows, queries.errorRatio, queries.eventGuard))
        ),
        firesWhenAnySeries(),
      ],
      noDataState: NO_DATA_STATE,
      execErrState: EXEC_ERR_STATE,
    };
    return [burnRateRuleShell(kpi, severity, rows, sloWindowMs, query, context)];
  });
  // `absent(<its own query>)` returns 1 while the query answers nothing and no series while it answers, which
  // Grafana reads as NoData and so OK.
  const absent = absentRuleShell(
    kpi,
    {
      condition: CONDITION_REF,
      data: [burnQuery(queries.datasource, unlessInMaintenanceRaw(maintenance, queries.absent)), firesWhenAnySeries()],
      noDataState: NO_DATA_STATE,
      execErrState: EXEC_ERR_STATE,
    },
    context
  );
  return {
    orgId: options.orgId ?? 1,
    name: ruleGroupName(kpi.id),
    folder: options.folder ?? DEFAULT_GRAFANA_FOLDER,
    interval: options.interval ?? DEFAULT_GRAFANA_RULE_GROUP_INTERVAL,
    rules: absent ? [...rules, absent] : rules,
  };
}

/** A: the burn condition as an instant PromQL query on the KPI's data source. */
function burnQuery(datasource: RuleQueries['datasource'], expr: string): GrafanaAlertQuery {
  return {
    refId: QUERY_REF,
    relativeTimeRange: { from: QUERY_RANGE_SECONDS, to: 0 },
    datasourceUid: datasource.uid,
    model: {
      refId: QUERY_REF,
      datasource: { type: datasource.type, uid: datasource.uid },
      editorMode: 'code',
      expr,
      instant: true,
      range: false,
      intervalMs: 60_000,
      maxDataPoints: 43_200,
    },
  };
}

/** B: fires for every series A returns; a burning row's value is its long-window error ratio, above 0. */
function firesWhenAnySeries(): GrafanaAlertQuery {
  return {
    refId: CONDITION_REF,
    relativeTimeRange: { from: 0, to: 0 },
    datasourceUid: GRAFANA_EXPRESSION_DATASOURCE_UID,
    model: {
      refId: CONDITION_REF,
      datasource: { type: GRAFANA_EXPRESSION_DATASOURCE_UID, uid: GRAFANA_EXPRESSION_DATASOURCE_UID },
      type: 'threshold',
      expression: QUERY_REF,
      conditions: [{ evaluator: { type: 'gt', params: [0] } }],
    },
  };
}

/** The KPI's name, shortened with an ellipsis when needed, then `rest`, within Grafana's 190 characters. */
function titleWithin(kpi: CatalogKpi, rest: string): string {
  const room = GRAFANA_TITLE_MAX_LENGTH - rest.length;
  const name = kpi.name.length > room ? `${kpi.name.slice(0, room - 1)}…` : kpi.name;
  return `${name}${rest}`;
}

/**
 * The same uid for the same KPI and severity on every run, so that provisioning again updates the rule instead of
 * adding one (the version is left out on purpose: a new version updates the rule).
 */
export function grafanaRuleUid(kpiId: string, severity: Severity): string {
  return kpiScopedUid(kpiId, severity);
}

/**
 * `nsk-<id>-<suffix>` when that fits Grafana's 40 characters and uid charset; longer or odd ids keep a prefix and
 * add a hash of the whole id, so the uid stays the same for the same id and differs between ids. Rule and
 * dashboard uids both come from here.
 */
export function kpiScopedUid(kpiId: string, suffix: string): string {
  const plain = `${UID_PREFIX}${kpiId}-${suffix}`;
  if (plain.length <= GRAFANA_UID_MAX_LENGTH && GRAFANA_UID_CHARACTERS.test(plain)) {
    return plain;
  }
  const hash = fnv1a32Hex(kpiId);
  const room = GRAFANA_UID_MAX_LENGTH - UID_PREFIX.length - hash.length - suffix.length - 2;
  const prefix = kpiId
    .replace(/[^a-zA-Z0-9_-]/g, '-')
    .slice(0, room)
    .replace(/-+$/, '');
  return `${UID_PREFIX}${prefix}-${hash}-${suffix}`;
}

/** `nsk-<name>` for uids that belong to no single KPI (the catalog's executive dashboard). */
export function catalogScopedUid(name: string): string {
  return `${UID_PREFIX}${name}`;
}

/**
 * The file for provisioning/alerting/. Grafana expands `$NAME` and `${NAME}` from the environment in the text of
 * provisioning files, with `$$` for a literal `$`; the query models are read raw, so only the rest is escaped.
 */
export function grafanaAlertingFile(groups: readonly GrafanaAlertRuleGroup[]): GrafanaAlertingFile {
  const esc = (text: string) => text.replaceAll('$', '$$$$');
  return {
    apiVersion: 1,
    groups: groups.map((group) => ({
      ...group,
      name: esc(group.name),
      folder: esc(group.folder),
      rules: group.rules.map((rule) => ({
        ...rule,
        title: esc(rule.title),
        labels: mapValues(rule.labels, esc),
        annotations: mapValues(rule.annotations, esc),
      })),
    })),
  };
}

/** The body of POST /api/v1/provisioning/alert-rules (and PUT …/:uid) for one rule of a group. */
export interface ProvisionedAlertRule {
  uid: string;
  orgID: number;
  folderUID: string;
  ruleGroup: string;
  title: string;
  condition: string;
  data: GrafanaAlertQuery[];
  noDataState: GrafanaAlertRule['noDataState'];
  execErrState: GrafanaAlertRule['execErrState'];
  for: string;
  keep_firing_for: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  isPaused: boolean;
}

/** The API's shape of a rule: folder by uid, group by name, `keep_firing_for` in snake case; nothing escaped. */
export function toProvisionedAlertRule(
  group: GrafanaAlertRuleGroup,
  rule: GrafanaAlertRule,
  folderUid: string
): ProvisionedAlertRule {
  return {
    uid: rule.uid,
    orgID: group.orgId,
    folderUID: folderUid,
    ruleGroup: group.name,
    title: rule.title,
    condition: rule.condition,
    data: rule.data,
    noDataState: rule.noDataState,
    execErrState: rule.execErrState,
    for: rule.for,
    keep_firing_for: rule.keepFiringFor,
    labels: { ...rule.labels },
    annotations: { ...rule.annotations },
    isPaused: rule.isPaused,
  };
}

function mapValues(record: Record<string, string>, fn: (value: string) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, fn(value)]));
}
