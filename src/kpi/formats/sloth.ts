/**
 * Sloth `prometheus/v1` service specs (github.com/slok/sloth, pkg/prometheus/api/v1) to and from the catalog.
 * Works on plain objects; the CLI parses YAML and splits multi-document files.
 *
 * How the two map:
 * | Sloth                                        | catalog                                                     |
 * |----------------------------------------------|-------------------------------------------------------------|
 * | service + slos[].name                        | id `<service>-<name>` (lower-case); tag `service:<service>` |
 * | labels.owner (spec or SLO)                   | owner (else the service)                                    |
 * | labels.kpi_id, labels.kpi_version            | id and version, when `<service>-<name>` cannot carry them   |
 * | slos[].description                           | description                                                 |
 * | slos[].objective (percent)                   | objective.target (share)                                    |
 * | (the --default-slo-period of the sloth run)  | objective.window (one period per export, default 30d)       |
 * | sli.events.error_query, total_query          | indicator good = total − errors, total                      |
 * | `{{.window}}` in queries                     | `$__rate_interval` (both mean "the window" in rules)        |
 * | page_alert / ticket_alert                    | alerting: default policy                                    |
 * | *_alert.disable: true                        | alerting.page / ticket: { enabled: false }                  |
 * | *_alert.labels.severity                      | alerting.page / ticket: { severity }                        |
 * | alerting.annotations.runbook_url (runbook)   | links.runbook                                               |
 *
 * Sloth's error_query counts BAD events, ours counts good ones: good = (total) − (errors). Our own export wraps
 * the good query that way and the import unwraps it, so both round trips give back the queries they started with.
 * What only one side has (KPI name, audience, decision, other tags, data source uid; Sloth's other labels, alert
 * names, labels and annotations, plugins) is not carried; the import names every such field in a note per SLO.
 * SLOs that cannot be converted (SLI plugins, raw error-ratio SLIs, no alerts at all, …) are refused one by one
 * with the field and the reason, and the rest converts. Sloth has no calendar windows: its period is rolling.
 */
import { isCalendarWindow, parseDuration, tryParseDuration, windowText } from '../time';
import {
  type AlertTierSpec,
  type BurnRateRuleSpec,
  type Catalog,
  CATALOG_API_VERSION,
  CATALOG_KIND,
  type DatasourceRef,
  differenceQuery,
  isCompositeKpi,
  isRecord,
  isValueKpi,
  type KpiDefinition,
  PROM_ALERT_NAME,
  PROM_LABEL_KPI_ID,
  PROM_LABEL_KPI_VERSION,
  PROM_LABEL_OWNER,
  PROM_LABEL_SEVERITY,
  type Rec,
  record,
  refusalOf,
  refuse,
  type Severity,
  unwrapDifference,
} from '../model';
import { DEFAULT_POLICY_ROWS, tierEnabled } from '../policy';

export const SLOTH_SPEC_VERSION = 'prometheus/v1';
/** Sloth's Kubernetes CRD: the same spec under `spec:`, with camelCase keys. Read, never written. */
export const SLOTH_K8S_API_VERSION = 'sloth.slok.dev/v1';
export const SLOTH_K8S_KIND = 'PrometheusServiceLevel';
/** `sloth generate --default-slo-period`'s default, and ours for both directions. */
export const SLOTH_DEFAULT_PERIOD = '30d';
export const SLOTH_WINDOW = '{{.window}}';
/** The tag that remembers a KPI's Sloth service. */
export const SLOTH_SERVICE_TAG_PREFIX = 'service:';

// Sloth's conventions.TplSLIQueryWindowVarRegex: the one template variable its SLI queries have.
const SLOTH_WINDOW_TOKEN = /\{\{ *\.window *\}\}/g;
// Grafana's window macros, both spellings, as in macros.ts; in rules they all mean the window.
const GRAFANA_WINDOW_MACRO =
  /\$\{(?:__rate_interval|__interval|__range)\}|\$(?:__rate_interval|__interval|__range)(?![A-Za-z0-9_])/g;
// Sloth's conventions.NameRegexp for services and SLO names.
const SLOTH_NAME = /^[A-Za-z0-9][-A-Za-z0-9_.]*[A-Za-z0-9]$/;
// The catalog's id rule (schema.ts): a slug of at most 63 characters.
const KPI_ID = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const RUNBOOK_ANNOTATIONS = ['runbook_url', 'runbook'];

// ---- The Sloth shapes we write (and read, more loosely) ---------------------------------------------------------

export interface SlothAlert {
  disable?: boolean;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface SlothAlerting {
  name?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  page_alert?: SlothAlert;
  ticket_alert?: SlothAlert;
}

export interface SlothSlo {
  name: string;
  objective: number;
  description?: string;
  labels?: Record<string, string>;
  sli: {
    events?: { error_query: string; total_query: string };
    raw?: { error_ratio_query: string };
    plugin?: { id: string; options?: Record<string, string> };
  };
  alerting: SlothAlerting;
}

export interface SlothSpec {
  version: typeof SLOTH_SPEC_VERSION;
  service: string;
  labels?: Record<string, string>;
  slos: SlothSlo[];
}

/** Something about one SLO (or a whole document, without `slo`): a refusal or a note. */
export interface SlothProblem {
  document: number;
  service?: string;
  slo?: { index: number; name?: string };
  field: string;
  message: string;
}

export interface SlothImport {
  catalog: Catalog;
  /** SLOs (or documents) that were not converted. */
  problems: SlothProblem[];
  /** Fields of converted SLOs that the catalog does not carry. */
  notes: SlothProblem[];
}

export interface SlothImportOptions {
  /** The SLO period the specs were written for (`--default-slo-period`); default 30d. */
  window?: string;
  /** The Grafana data source the KPIs read; default { type: prometheus, uid: prometheus }. */
  datasource?: DatasourceRef;
}

/** A KPI that was not exported, named like a validation problem: `kpis[2] (login-success).alerting`. */
export interface SlothExportProblem {
  index: number;
  id: string;
  field: string;
  message: string;
}

export interface SlothExport {
  specs: SlothSpec[];
  problems: SlothExportProblem[];
  /** What an exported KPI left behind that changes what its Sloth rules measure (its maintenance windows). */
  warnings: SlothExportProblem[];
}

export interface SlothExportOptions {
  /** The SLO period of the export: KPIs with another window are refused. Default 30d. */
  window?: string;
}

/** `documents[0] (myservice).slos[1] (requests-latency).sli.plugin: …` */
export function formatSlothProblem(problem: SlothProblem): string {
  const service = problem.service !== undefined ? ` (${problem.service})` : '';
  const slo =
    problem.slo === undefined
      ? ''
      : `.slos[${problem.slo.index}]${problem.slo.name !== undefined ? ` (${problem.slo.name})` : ''}`;
  return `documents[${problem.document}]${service}${slo}.${problem.field}: ${problem.message}`;
}

/** `kpis[2] (login-success).alerting: …` */
export function formatSlothExportProblem(problem: SlothExportProblem): string {
  return `kpis[${problem.index}] (${problem.id}).${problem.field}: ${problem.message}`;
}

/** Sloth's spec has no windows to leave out of the budget or to hold alerts in. */
function maintenanceLeftBehind(count: number): string {
  const windows = count === 1 ? '1 window is' : `${count} windows are`;
  return (
    `Sloth has no maintenance windows: ${windows} left out of the spec, so Sloth's rules count the events ` +
    'inside them and alert during them'
  );
}

// ---- Shared helpers ----------------------------------------------------------------------------------------------

/** Lower-case, with `_` and `.` (allowed in Sloth names) as `-`. */
function slug(name: string): string {
  return name.toLowerCase().replace(/[_.]/g, '-');
}

/** A policy row as the windows it resolves to, to compare custom rules with the default rows. */
function rowKey(rule: BurnRateRuleSpec): string {
  const longMs = tryParseDuration(rule.long) ?? NaN;
  const shortMs = rule.short !== undefined ? (tryParseDuration(rule.short) ?? NaN) : Math.round(longMs / 12);
  return `${rule.severity} ${rule.factor ?? ''} ${rule.budgetFraction ?? ''} ${longMs} ${shortMs}`;
}

function defaultRows(severity: Severity): BurnRateRuleSpec[] {
  return DEFAULT_POLICY_ROWS.filter((row) => row.severity === severity).map((row) => ({ ...row }));
}

// ---- Import: Sloth → catalog -------------------------------------------------------------------------------------

interface ImportContext {
  window: string;
  datasource: DatasourceRef;
}

/** Converts every SLO of every spec it can; one problem per SLO (or document) it cannot. */
export function slothToCatalog(docs: unknown[], options: SlothImportOptions = {}): SlothImport {
  const window = options.window ?? SLOTH_DEFAULT_PERIOD;
  if (!tryParseDuration(window)) {
    throw new Error(`Sloth SLO period "${window}" is not a duration (e.g. 30d)`);
  }
  const context: ImportContext = {
    window,
    datasource: options.datasource ?? { type: 'prometheus', uid: 'prometheus' },
  };
  const kpis: KpiDefinition[] = [];
  const problems: SlothProblem[] = [];
  const notes: SlothProblem[] = [];
  docs.forEach((doc, document) => {
    let spec: Rec;
    let service: string;
    try {
      spec = specOf(doc);
      service = text(spec.service, 'service');
      if (!SLOTH_NAME.test(service)) {
        refuse('service', `"${service}" is not a Sloth name (letters, digits, ".", "_" and "-")`);
      }
    } catch (error) {
      problems.push({ document, ...refusalOf(error) });
      return;
    }
    const slos = Array.isArray(spec.slos) ? spec.slos : [];
    if (slos.length === 0) {
      problems.push({ document, service, field: 'slos', message: 'missing or empty; a spec needs at least one SLO' });
    }
    if (spec.slo_plugins !== undefined) {
      notes.push({ document, service, field: 'slo_plugins', message: 'Sloth SLO plugins are not carried over' });
    }
    slos.forEach((slo, index) => {
      const name = isRecord(slo) && typeof slo.name === 'string' ? slo.name : undefined;
      const where = { document, service, slo: { index, ...(name !== undefined ? { name } : {}) } };
      try {
        const dropped: string[] = [];
        kpis.push(sloToKpi(spec, service, record(slo, 'slos[]'), context, dropped));
        if (dropped.length > 0) {
          notes.push({ ...where, field: '(not carried over)', message: dropped.join(', ') });
        }
      } catch (error) {
        problems.push({ ...where, ...refusalOf(error) });
      }
    });
  });
  return { catalog: { apiVersion: CATALOG_API_VERSION, kind: CATALOG_KIND, kpis }, problems, notes };
}

/** The spec of a `prometheus/v1` document, or of a `PrometheusServiceLevel` CRD with its keys in our spelling. */
function specOf(doc: unknown): Rec {
  const value = record(doc, '(document)');
  if (value.version === SLOTH_SPEC_VERSION) {
    return value;
  }
  if (value.apiVersion === SLOTH_K8S_API_VERSION && value.kind === SLOTH_K8S_KIND) {
    return snakeCaseKeys(record(value.spec, 'spec')) as Rec;
  }
  if (typeof value.apiVersion === 'string' && value.apiVersion.startsWith('openslo/')) {
    refuse('apiVersion', `${value.apiVersion} is OpenSLO; convert it with --from openslo`);
  }
  return refuse('version', `is ${JSON.stringify(value.version)}; only ${SLOTH_SPEC_VERSION} specs are supported`);
}

const CRD_KEYS: Readonly<Record<string, string>> = {
  errorQuery: 'error_query',
  totalQuery: 'total_query',
  errorRatioQuery: 'error_ratio_query',
  pageAlert: 'page_alert',
  ticketAlert: 'ticket_alert',
  sloPlugins: 'slo_plugins',
};

/** The CRD's camelCase field names in the spec's snake_case; label and annotation keys are left alone. */
function snakeCaseKeys(value: unknown, parent = ''): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => snakeCaseKeys(item, parent));
  }
  if (!isRecord(value) || parent === 'labels' || parent === 'annotations' || parent === 'options') {
    return value;
  }
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => {
      const name = CRD_KEYS[key] ?? key;
      return [name, snakeCaseKeys(item, name)];
    })
  );
}

function sloToKpi(spec: Rec, service: string, slo: Rec, context: ImportContext, dropped: string[]): KpiDefinition {
  const name = text(slo.name, 'name');
  if (!SLOTH_NAME.test(name)) {
    refuse('name', `"${name}" is not a Sloth name (letters, digits, ".", "_" and "-")`);
  }
  const labels = { ...stringMap(spec.labels, 'labels'), ...stringMap(slo.labels, 'labels') };
  const labelled = labels[PROM_LABEL_KPI_ID];
  const id = labelled ?? slug(`${service}-${name}`);
  if (!KPI_ID.test(id)) {
    const rule = 'is not a northstar id: lower-case letters, digits and dashes, at most 63 characters';
    refuse(
      labelled !== undefined ? `labels.${PROM_LABEL_KPI_ID}` : 'name',
      labelled !== undefined
        ? `"${id}" ${rule}`
        : `the KPI id "${id}" (service and name) ${rule}; shorten the name or give the SLO a ${PROM_LABEL_KPI_ID} label`
    );
  }
  const version = versionOf(labels[PROM_LABEL_KPI_VERSION]);
  const description = optionalText(slo.description, 'description');
  for (const key of Object.keys(labels)) {
    if (![PROM_LABEL_OWNER, PROM_LABEL_KPI_ID, PROM_LABEL_KPI_VERSION].includes(key)) {
      dropped.push(`labels.${key}`);
    }
  }
  const alerting = record(slo.alerting ?? {}, 'alerting');
  const runbook = runbookOf(alerting, dropped);
  return {
    id,
    version,
    status: 'published',
    name,
    ...(description !== undefined ? { description } : {}),
    owner: labels[PROM_LABEL_OWNER] ?? service,
    tags: [`${SLOTH_SERVICE_TAG_PREFIX}${service}`],
    datasource: { ...context.datasource },
    indicator: indicatorOf(record(slo.sli, 'sli')),
    objective: { target: targetOf(slo.objective), window: context.window },
    alerting: policyOf(alerting, dropped),
    ...(runbook !== undefined ? { links: { runbook } } : {}),
  };
}

function versionOf(label: string | undefined): number {
  if (label === undefined) {
    return 1;
  }
  if (!/^[1-9]\d*$/.test(label)) {
    refuse(`labels.${PROM_LABEL_KPI_VERSION}`, `"${label}" is not a whole number of at least 1`);
  }
  return Number(label);
}

function indicatorOf(sli: Rec): KpiDefinition['indicator'] {
  const kinds = ['events', 'raw', 'plugin'].filter((kind) => sli[kind] !== undefined);
  if (kinds.length !== 1) {
    refuse('sli', kinds.length === 0 ? 'needs events, raw or plugin' : `has ${kinds.join(' and ')}; give one`);
  }
  if (sli.plugin !== undefined) {
    const plugin = record(sli.plugin, 'sli.plugin');
    refuse(
      'sli.plugin',
      `SLI plugin "${String(plugin.id)}" writes its query inside Sloth when it generates rules; northstar cannot ` +
        'run it. Write the SLI as events (error_query and total_query)'
    );
  }
  if (sli.raw !== undefined) {
    refuse(
      'sli.raw',
      'a precomputed error ratio carries no event counts, and northstar weighs windows by events; write the SLI ' +
        'as events (error_query and total_query)'
    );
  }
  const events = record(sli.events, 'sli.events');
  const errors = grafanaQuery(events.error_query, 'sli.events.error_query');
  const total = grafanaQuery(events.total_query, 'sli.events.total_query');
  // Our own export wrote error_query as (total) - (good): take good back instead of wrapping it twice.
  const good = unwrapDifference(errors, total) ?? differenceQuery(total, errors);
  return { type: 'ratio', good, total };
}

/** A Sloth query with `{{.window}}` as `$__rate_interval`; any other template action is refused. */
function grafanaQuery(value: unknown, field: string): string {
  const query = text(value, field).trim();
  if (query.match(SLOTH_WINDOW_TOKEN) === null) {
    refuse(field, `has no ${SLOTH_WINDOW}; Sloth needs it in every SLI query, and so does northstar`);
  }
  const converted = query.replace(SLOTH_WINDOW_TOKEN, '$__rate_interval');
  if (converted.includes('{{')) {
    refuse(field, `has a Go template action other than ${SLOTH_WINDOW}, which northstar cannot expand`);
  }
  return converted;
}

function targetOf(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    refuse('objective', 'must be a number, the percentage of good events (e.g. 99.9)');
  }
  if (value <= 0 || value >= 100) {
    refuse(
      'objective',
      value === 100
        ? '100 leaves no error budget: a KPI target is below 100 %'
        : `${value} is not a percentage between 0 and 100`
    );
  }
  // 99.9 / 100 is 0.9990000000000001 in binary floating point; 15 significant digits undo that.
  return Number((value / 100).toPrecision(15));
}

/**
 * The default policy, with a tier switched off where Sloth disables its alert and the tier's severity label where
 * Sloth names one; both disabled is refused.
 */
function policyOf(alerting: Rec, dropped: string[]): NonNullable<KpiDefinition['alerting']> {
  if (alerting.name !== undefined && alerting.name !== PROM_ALERT_NAME) {
    dropped.push('alerting.name');
  }
  dropped.push(...Object.keys(stringMap(alerting.labels, 'alerting.labels')).map((key) => `alerting.labels.${key}`));
  const tiers: Partial<Record<Severity, AlertTierSpec>> = {};
  for (const severity of ['page', 'ticket'] as const) {
    const field = `alerting.${severity}_alert`;
    const alert = record(alerting[`${severity}_alert`] ?? {}, field);
    const tier: AlertTierSpec = {};
    for (const [key, value] of Object.entries(stringMap(alert.labels, `${field}.labels`))) {
      if (key === PROM_LABEL_SEVERITY) {
        if (value !== severity) {
          tier.severity = value;
        }
      } else {
        dropped.push(`${field}.labels.${key}`);
      }
    }
    dropped.push(
      ...Object.keys(stringMap(alert.annotations, `${field}.annotations`)).map((k) => `${field}.annotations.${k}`)
    );
    if (alert.disable === true) {
      tier.enabled = false;
    }
    if (Object.keys(tier).length > 0) {
      tiers[severity] = tier;
    }
  }
  if (tiers.page?.enabled === false && tiers.ticket?.enabled === false) {
    refuse(
      'alerting',
      'both page_alert and ticket_alert are disabled; a northstar KPI always has a burn-rate policy, so enable ' +
        'at least one of them'
    );
  }
  return { policy: 'default', ...tiers };
}

function runbookOf(alerting: Rec, dropped: string[]): string | undefined {
  const annotations = stringMap(alerting.annotations, 'alerting.annotations');
  let runbook: string | undefined;
  for (const [key, value] of Object.entries(annotations)) {
    if (runbook === undefined && RUNBOOK_ANNOTATIONS.includes(key) && /^https?:\/\/\S+$/.test(value)) {
      runbook = value;
    } else {
      dropped.push(`alerting.annotations.${key}`);
    }
  }
  return runbook;
}

// ---- Export: catalog → Sloth -------------------------------------------------------------------------------------

const VALUE_HAS_NO_SLOTH_FORM =
  'a value KPI has no Sloth form: Sloth writes SLOs (error and total events), not a value against a target';

const COMPOSITE_HAS_NO_SLOTH_FORM =
  'a composite KPI has no Sloth form: a Sloth SLO reads its own error and total queries; export its members instead';

/** One `prometheus/v1` spec per service, in catalog order; one problem per KPI that cannot be written. */
export function catalogToSloth(catalog: Catalog, options: SlothExportOptions = {}): SlothExport {
  const window = options.window ?? SLOTH_DEFAULT_PERIOD;
  const periodMs = parseDuration(window);
  const byService = new Map<string, Array<{ kpi: KpiDefinition; slo: SlothSlo }>>();
  const problems: SlothExportProblem[] = [];
  const warnings: SlothExportProblem[] = [];
  catalog.kpis.forEach((kpi, index) => {
    if (isCompositeKpi(kpi)) {
      problems.push({ index, id: kpi.id, field: 'indicator.type', message: COMPOSITE_HAS_NO_SLOTH_FORM });
      return;
    }
    if (isValueKpi(kpi)) {
      problems.push({ index, id: kpi.id, field: 'indicator.type', message: VALUE_HAS_NO_SLOTH_FORM });
      return;
    }
    try {
      const service = serviceOf(kpi);
      const slo = kpiToSlo(kpi, service, window, periodMs);
      byService.set(service, [...(byService.get(service) ?? []), { kpi, slo }]);
      if (kpi.maintenance?.length) {
        warnings.push({
          index,
          id: kpi.id,
          field: 'maintenance',
          message: maintenanceLeftBehind(kpi.maintenance.length),
        });
      }
    } catch (error) {
      problems.push({ index, id: kpi.id, ...refusalOf(error) });
    }
  });
  const specs = [...byService].map(([service, entries]): SlothSpec => {
    // The owner goes on the spec when all its SLOs share it, else on each SLO; the service is the fallback.
    const owners = new Set(entries.map(({ kpi }) => kpi.owner));
    const shared = owners.size === 1 ? [...owners][0] : undefined;
    const slos = entries.map(({ kpi, slo }): SlothSlo => {
      const labels = { ...(shared === undefined && kpi.owner !== service ? { owner: kpi.owner } : {}), ...slo.labels };
      const { name, objective, description, sli, alerting } = slo;
      return {
        name,
        objective,
        ...(description !== undefined ? { description } : {}),
        ...(Object.keys(labels).length > 0 ? { labels } : {}),
        sli,
        alerting,
      };
    });
    return {
      version: SLOTH_SPEC_VERSION,
      service,
      ...(shared !== undefined && shared !== service ? { labels: { owner: shared } } : {}),
      slos,
    };
  });
  return { specs, problems, warnings };
}

/** The `service:` tag, else the owner in Sloth's name characters. */
function serviceOf(kpi: KpiDefinition): string {
  const tagged = kpi.tags?.find((tag) => tag.startsWith(SLOTH_SERVICE_TAG_PREFIX));
  const service = tagged !== undefined ? tagged.slice(SLOTH_SERVICE_TAG_PREFIX.length) : kpi.owner;
  if (SLOTH_NAME.test(service)) {
    return service;
  }
  const cleaned = service.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  return SLOTH_NAME.test(cleaned)
    ? cleaned
    : refuse(tagged !== undefined ? 'tags' : 'owner', `"${service}" cannot be written as a Sloth service name`);
}

function kpiToSlo(kpi: KpiDefinition, service: string, window: string, periodMs: number): SlothSlo {
  if (kpi.status !== 'published') {
    refuse('status', `${kpi.status} KPIs are not exported: Sloth generates rules for every SLO it reads`);
  }
  if (kpi.indicator.type !== 'ratio') {
    refuse(
      'indicator.type',
      `${kpi.indicator.type} KPIs count good slices, not events; Sloth's events SLI needs error and total queries`
    );
  }
  if (kpi.datasource.type !== 'prometheus') {
    refuse('datasource.type', `"${kpi.datasource.type}" is not Prometheus; Sloth writes Prometheus rules`);
  }
  if (kpi.indicator.groupBy) {
    refuse(
      'indicator.groupBy',
      `per-label KPIs have no Sloth equivalent (slok/sloth#277): its rules would drop the ` +
        `${kpi.indicator.groupBy.join(', ')} label; use northstar rules for this KPI`
    );
  }
  if (isCalendarWindow(kpi.objective.window)) {
    refuse('objective.window', `${windowText(kpi.objective.window)}: Sloth's SLO periods are rolling, not calendar`);
  }
  if (parseDuration(kpi.objective.window) !== periodMs) {
    refuse(
      'objective.window',
      `${kpi.objective.window} is not the SLO period of this export (${window}); Sloth takes the period from ` +
        `the command line (--default-slo-period), so export each window on its own (--window ${kpi.objective.window})`
    );
  }
  const total = slothQuery(kpi.indicator.total, 'indicator.total');
  const good = slothQuery(kpi.indicator.good, 'indicator.good');
  // Sloth counts bad events. A good query we imported from Sloth is (total) - (errors): give errors back.
  const errors = unwrapDifference(good, total) ?? differenceQuery(total, good);
  const prefix = `${slug(service)}-`;
  const rest = kpi.id.startsWith(prefix) ? kpi.id.slice(prefix.length) : '';
  const name = rest !== '' ? rest : kpi.id;
  const labels: Record<string, string> = {
    ...(slug(`${service}-${name}`) !== kpi.id ? { [PROM_LABEL_KPI_ID]: kpi.id } : {}),
    ...(kpi.version !== 1 ? { [PROM_LABEL_KPI_VERSION]: String(kpi.version) } : {}),
  };
  return {
    name,
    objective: Number((kpi.objective.target * 100).toPrecision(15)),
    ...(kpi.description !== undefined ? { description: kpi.description } : {}),
    ...(Object.keys(labels).length > 0 ? { labels } : {}),
    sli: { events: { error_query: errors, total_query: total } },
    alerting: slothAlerting(kpi),
  };
}

/** A catalog query with Grafana's window macros as `{{.window}}`. */
function slothQuery(query: string, field: string): string {
  if (query.includes('{{')) {
    refuse(field, 'contains "{{", which Sloth would read as a Go template action');
  }
  const converted = query.replace(GRAFANA_WINDOW_MACRO, SLOTH_WINDOW);
  if (converted === query) {
    refuse(field, `has no $__rate_interval; Sloth needs ${SLOTH_WINDOW} in every SLI query to evaluate it per window`);
  }
  return converted;
}

/**
 * Sloth's two alerts follow the Google windows for its period: our default policy, or part of it, with each
 * tier's switch and severity name. A tier's own `for`, the low-traffic guard and the absent-data alert have no
 * Sloth field and are not carried.
 */
function slothAlerting(kpi: KpiDefinition): SlothAlerting {
  const enabled = enabledSeverities(kpi.alerting).filter((severity) => tierEnabled(kpi.alerting, severity));
  const alert = (severity: Severity): SlothAlert =>
    enabled.includes(severity)
      ? { labels: { [PROM_LABEL_SEVERITY]: kpi.alerting?.[severity]?.severity ?? severity } }
      : { disable: true };
  return {
    name: PROM_ALERT_NAME,
    ...(kpi.links?.runbook !== undefined ? { annotations: { runbook_url: kpi.links.runbook } } : {}),
    page_alert: alert('page'),
    ticket_alert: alert('ticket'),
  };
}

function enabledSeverities(alerting: KpiDefinition['alerting']): Severity[] {
  if (alerting === undefined || alerting.policy === 'default') {
    return ['page', 'ticket'];
  }
  const wanted = new Set(alerting.rules.map(rowKey));
  const severities = (['page', 'ticket'] as const).filter((severity) =>
    alerting.rules.some((rule) => rule.severity === severity)
  );
  const expected = new Set(severities.flatMap(defaultRows).map(rowKey));
  const same = wanted.size === expected.size && [...wanted].every((key) => expected.has(key));
  if (!same || alerting.rules.length !== wanted.size) {
    refuse(
      'alerting',
      'custom burn-rate rules cannot be written in a Sloth spec: Sloth takes its alert windows from one ' +
        'AlertWindows file per run; only the default policy (or all default rows of one severity) converts'
    );
  }
  return severities;
}

// ---- Reading plain objects ---------------------------------------------------------------------------------------

function text(value: unknown, field: string): string {
  if (value === undefined || value === null || value === '') {
    refuse(field, 'missing');
  }
  return typeof value === 'string' ? value : refuse(field, 'must be a string');
}

function optionalText(value: unknown, field: string): string | undefined {
  return value === undefined || value === '' ? undefined : text(value, field);
}

function stringMap(value: unknown, field: string): Record<string, string> {
  if (value === undefined || value === null) {
    return {};
  }
  const map = record(value, field);
  for (const [key, item] of Object.entries(map)) {
    if (typeof item !== 'string') {
      refuse(`${field}.${key}`, 'must be a string');
    }
  }
  return map as Record<string, string>;
}
