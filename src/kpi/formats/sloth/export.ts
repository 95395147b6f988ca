/**
 * Catalog → Sloth `prometheus/v1` specs: one spec per service, one SLO per KPI that Sloth can express (a published
 * Prometheus ratio KPI over the export's rolling period, with the default alert policy or part of it). The table of
 * how the two formats map, and why, heads import.ts.
 */
import { isCalendarWindow, parseDuration, tryParseDuration, windowText } from '../../time';
import {
  type BurnRateRuleSpec,
  type Catalog,
  differenceQuery,
  isCompositeKpi,
  isValueKpi,
  type KpiDefinition,
  type KpiQuery,
  PROM_ALERT_NAME,
  PROM_LABEL_KPI_ID,
  PROM_LABEL_KPI_VERSION,
  PROM_LABEL_SEVERITY,
  promqlOf,
  refusalOf,
  refuse,
  type Severity,
  unwrapDifference,
} from '../../model';
import { DEFAULT_POLICY_ROWS, tierEnabled } from '../../policy';
import {
  SLOTH_DEFAULT_PERIOD,
  SLOTH_SERVICE_TAG_PREFIX,
  SLOTH_SPEC_VERSION,
  SLOTH_WINDOW,
  type SlothAlert,
  type SlothAlerting,
  type SlothExport,
  type SlothExportOptions,
  type SlothExportProblem,
  type SlothSlo,
  type SlothSpec,
} from './types';
import { GRAFANA_WINDOW_MACRO, slug, SLOTH_NAME } from './conventions';

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

/** A policy row as the windows it resolves to, to compare custom rules with the default rows. */
function rowKey(rule: BurnRateRuleSpec): string {
  const longMs = tryParseDuration(rule.long) ?? NaN;
  const shortMs = rule.short !== undefined ? (tryParseDuration(rule.short) ?? NaN) : Math.round(longMs / 12);
  return `${rule.severity} ${rule.factor ?? ''} ${rule.budgetFraction ?? ''} ${longMs} ${shortMs}`;
}

function defaultRows(severity: Severity): BurnRateRuleSpec[] {
  return DEFAULT_POLICY_ROWS.filter((row) => row.severity === severity).map((row) => ({ ...row }));
}

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
function slothQuery(kpiQuery: KpiQuery, field: string): string {
  const query = promqlOf(kpiQuery);
  if (query === undefined) {
    refuse(field, "is not PromQL (a query object in its data source's model): Sloth's SLIs are PromQL only");
  }
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
