/**
 * Sloth `prometheus/v1` service specs (github.com/slok/sloth, pkg/prometheus/api/v1) to and from the catalog; this
 * file reads them (Sloth → catalog), export.ts writes them.
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
import { tryParseDuration } from '../../time';
import {
  type AlertTierSpec,
  CATALOG_API_VERSION,
  CATALOG_KIND,
  type DatasourceRef,
  differenceQuery,
  isRecord,
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
} from '../../model';
import {
  SLOTH_DEFAULT_PERIOD,
  SLOTH_K8S_API_VERSION,
  SLOTH_K8S_KIND,
  SLOTH_SERVICE_TAG_PREFIX,
  SLOTH_SPEC_VERSION,
  SLOTH_WINDOW,
  type SlothImport,
  type SlothImportOptions,
  type SlothProblem,
} from './types';
import { KPI_ID, slug, SLOTH_NAME, SLOTH_WINDOW_TOKEN } from './conventions';
import { optionalText, stringMap, text } from './importFields';

const RUNBOOK_ANNOTATIONS = ['runbook_url', 'runbook'];

/** `documents[0] (myservice).slos[1] (requests-latency).sli.plugin: …` */
export function formatSlothProblem(problem: SlothProblem): string {
  const service = problem.service !== undefined ? ` (${problem.service})` : '';
  const slo =
    problem.slo === undefined
      ? ''
      : `.slos[${problem.slo.index}]${problem.slo.name !== undefined ? ` (${problem.slo.name})` : ''}`;
  return `documents[${problem.document}]${service}${slo}.${problem.field}: ${problem.message}`;
}

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
