/**
 * The editor's form state and its way to and from a KpiDefinition. Inputs hold text as typed; validation is the
 * catalog schema's own (parseKpi), so the editor and `northstar validate` say the same thing about the same KPI.
 */
import {
  alertingInputOf,
  numberOrText,
  percentText,
  policyFormOf,
  type PolicyForm,
} from '../../components/alertPolicyForm';
import {
  type AlertPolicySpec,
  type Audience,
  type CalendarUnit,
  type CatalogKpi,
  type Comparator,
  type KpiBase,
  type KpiLifecycle,
  type MaintenanceWindow,
  type ObjectiveWindow,
  isValueKpi,
  queryAsText,
  queryFromText,
} from '../../kpi/model';
import { isCalendarWindow, runtimeTimeZone } from '../../kpi/time';
import { compositeMemberProblems, parseKpi, type ValidationProblem } from '../../kpi/catalog';
import {
  EMPTY_VALUE_FIELDS,
  valueFieldsOf,
  valueIndicatorInputOf,
  valueObjectiveInputOf,
  type ValueFormFields,
} from './valueKpiForm';

export type IndicatorKind = 'ratio' | 'threshold' | 'timeslice' | 'composite' | 'value';

/** One member row of a composite: the member's id and its weight as typed. */
export interface MemberForm {
  kpi: string;
  weight: string;
}

/** One maintenance window as typed: the fields of both kinds are kept, so switching kind loses nothing. */
export interface MaintenanceRow {
  kind: 'fixed' | 'recurring';
  start: string;
  end: string;
  cron: string;
  duration: string;
  /** Empty is UTC. */
  timeZone: string;
  reason: string;
}

export const NEW_MAINTENANCE_ROW: MaintenanceRow = {
  kind: 'recurring',
  start: '',
  end: '',
  cron: '0 2 * * 0',
  duration: '2h',
  timeZone: '',
  reason: '',
};

/**
 * Every field of every indicator kind at once: switching the kind shows other fields but keeps what was typed in
 * these, so switching back loses nothing; only the chosen kind's fields are written (kpiInputFromForm).
 */
export interface KpiForm extends PolicyForm, ValueFormFields {
  id: string;
  name: string;
  description: string;
  owner: string;
  audience: Audience[];
  decision: string;
  tags: string[];
  datasourceType: string;
  datasourceUid: string;
  indicatorType: IndicatorKind;
  good: string;
  total: string;
  /** A per-label ratio KPI's labels (`indicator.groupBy`); empty for a KPI evaluated as one. */
  groupBy: string[];
  /** Its cardinality guard as typed; empty for the default. */
  maxInstances: string;
  /** A threshold or timeslice KPI's value, or a value KPI's query. */
  query: string;
  comparator: Comparator;
  threshold: string;
  /** A Grafana unit id: optional for a threshold's value, required for a value KPI. */
  unit: string;
  slice: string;
  /** A composite's members (the data source fields are then not used). */
  members: MemberForm[];
  /** In percent, as people write targets: "99.9". */
  targetPercent: string;
  /** A rolling window, or the calendar period the KPI is judged over. */
  windowKind: 'rolling' | CalendarUnit;
  /** The rolling window, e.g. "28d". */
  window: string;
  /** The calendar period's IANA time zone. */
  timeZone: string;
  maintenance: MaintenanceRow[];
  runbook: string;
  dashboard: string;
  /** Links the form has no field for (`links.oncall`, …): kept as they are, so an edit never drops them. */
  otherLinks: Record<string, string>;
  /** drivenBy, gate and review, which the form has no fields for yet: kept as they are, so an edit never drops them. */
  decisionFields: Pick<KpiBase, 'drivenBy' | 'gate' | 'review'>;
}

export function emptyForm(
  datasource: { type: string; uid: string } = { type: 'prometheus', uid: '' },
  alerting?: AlertPolicySpec
): KpiForm {
  return {
    id: '',
    name: '',
    description: '',
    owner: '',
    audience: [],
    decision: '',
    tags: [],
    datasourceType: datasource.type,
    datasourceUid: datasource.uid,
    indicatorType: 'ratio',
    good: '',
    total: '',
    groupBy: [],
    maxInstances: '',
    query: '',
    comparator: '<',
    threshold: '',
    unit: '',
    slice: '1m',
    members: [{ kpi: '', weight: '1' }],
    targetPercent: '99.9',
    windowKind: 'rolling',
    window: '28d',
    timeZone: runtimeTimeZone(),
    ...policyFormOf(alerting),
    ...EMPTY_VALUE_FIELDS,
    maintenance: [],
    runbook: '',
    dashboard: '',
    otherLinks: {},
    decisionFields: {},
  };
}

/** The form of a catalog KPI, whichever its kind. */
export function formFromKpi(kpi: CatalogKpi): KpiForm {
  if (isValueKpi(kpi)) {
    return {
      ...commonFormOf(kpi),
      indicatorType: 'value',
      ...valueFieldsOf(kpi),
      ...windowFormOf(kpi.objective.window),
    };
  }
  const indicator = kpi.indicator;
  const composite = indicator.type === 'composite' ? indicator : undefined;
  const slices = indicator.type === 'threshold' || indicator.type === 'timeslice' ? indicator : undefined;
  return {
    ...commonFormOf(kpi),
    indicatorType: indicator.type,
    good: indicator.type === 'ratio' ? queryAsText(indicator.good) : '',
    total: indicator.type === 'ratio' ? queryAsText(indicator.total) : '',
    groupBy: indicator.type === 'ratio' ? (indicator.groupBy ?? []) : [],
    maxInstances:
      indicator.type === 'ratio' && indicator.maxInstances !== undefined ? String(indicator.maxInstances) : '',
    query: slices ? queryAsText(slices.query) : '',
    comparator: slices?.comparator ?? '<',
    threshold: slices ? String(slices.threshold) : '',
    unit: slices?.unit ?? '',
    slice: indicator.type === 'timeslice' ? indicator.slice : '1m',
    members: composite
      ? composite.members.map((member) => ({ kpi: member.kpi, weight: String(member.weight) }))
      : emptyForm().members,
    targetPercent: percentText(kpi.objective.target),
    ...windowFormOf(kpi.objective.window),
    ...policyFormOf(kpi.alerting),
  };
}

/** The fields every kind of KPI has: what it is, its data source, maintenance and links. */
function commonFormOf(kpi: CatalogKpi): KpiForm {
  return {
    ...emptyForm(kpi.datasource),
    id: kpi.id,
    name: kpi.name,
    description: kpi.description ?? '',
    owner: kpi.owner,
    audience: kpi.audience ?? [],
    decision: kpi.decision ?? '',
    tags: kpi.tags ?? [],
    maintenance: (kpi.maintenance ?? []).map(maintenanceRowOf),
    runbook: kpi.links?.runbook ?? '',
    dashboard: kpi.links?.dashboard ?? '',
    otherLinks: Object.fromEntries(
      Object.entries(kpi.links ?? {}).filter(
        (entry): entry is [string, string] =>
          entry[0] !== 'runbook' && entry[0] !== 'dashboard' && entry[1] !== undefined
      )
    ),
    decisionFields: Object.fromEntries(
      (['drivenBy', 'gate', 'review'] as const).flatMap((field) =>
        kpi[field] === undefined ? [] : [[field, kpi[field]]]
      )
    ),
  };
}

function windowFormOf(window: ObjectiveWindow): Pick<KpiForm, 'windowKind' | 'window' | 'timeZone'> {
  return isCalendarWindow(window)
    ? { windowKind: window.calendar, window: '28d', timeZone: window.timeZone }
    : { windowKind: 'rolling', window, timeZone: runtimeTimeZone() };
}

function maintenanceRowOf(window: MaintenanceWindow): MaintenanceRow {
  return 'cron' in window
    ? { ...NEW_MAINTENANCE_ROW, ...window, kind: 'recurring', timeZone: window.timeZone ?? '' }
    : { ...NEW_MAINTENANCE_ROW, ...window, kind: 'fixed' };
}

/** The window a row describes, with only its kind's fields, as the schema expects. */
function maintenanceInputOf(row: MaintenanceRow): Record<string, string> {
  if (row.kind === 'fixed') {
    return { start: row.start.trim(), end: row.end.trim(), reason: row.reason };
  }
  const timeZone = row.timeZone.trim();
  return {
    cron: row.cron.trim(),
    duration: row.duration.trim(),
    ...(timeZone ? { timeZone } : {}),
    reason: row.reason,
  };
}

const optional = (text: string) => (text.trim() === '' ? undefined : text.trim());

/** The `indicator` of the form's kind, with only that kind's fields. */
function indicatorInputOf(form: KpiForm): Record<string, unknown> {
  switch (form.indicatorType) {
    case 'composite':
      return {
        type: 'composite',
        members: form.members.map((member) => ({ kpi: member.kpi, weight: numberOrText(member.weight) })),
      };
    case 'ratio':
      return {
        type: 'ratio',
        good: queryFromText(form.good),
        total: queryFromText(form.total),
        ...(form.groupBy.length > 0 ? { groupBy: form.groupBy } : {}),
        ...(optional(form.maxInstances) ? { maxInstances: numberOrText(form.maxInstances) } : {}),
      };
    case 'value':
      return valueIndicatorInputOf(form);
    default:
      return {
        type: form.indicatorType,
        query: queryFromText(form.query),
        comparator: form.comparator,
        threshold: numberOrText(form.threshold),
        ...(optional(form.unit) ? { unit: form.unit.trim() } : {}),
        ...(form.indicatorType === 'timeslice' ? { slice: form.slice.trim() } : {}),
      };
  }
}

/**
 * The objective and alerting of the form's kind: an SLO's target share typed in percent and its burn-rate policy,
 * or a value KPI's direction, target and warning in its unit, with its alerting kept as stored.
 */
function objectiveAndAlertingOf(form: KpiForm): { objective: Record<string, unknown>; alerting?: unknown } {
  const window =
    form.windowKind === 'rolling' ? form.window.trim() : { calendar: form.windowKind, timeZone: form.timeZone.trim() };
  if (form.indicatorType === 'value') {
    return {
      objective: { ...valueObjectiveInputOf(form), window },
      ...(form.keptValueAlerting === undefined ? {} : { alerting: form.keptValueAlerting }),
    };
  }
  const target = numberOrText(form.targetPercent);
  return {
    objective: { target: typeof target === 'number' ? Number((target / 100).toPrecision(12)) : target, window },
    alerting: alertingInputOf(form),
  };
}

/** The KPI the form describes, before validation: what parseKpi is given. Empty optional fields are left out. */
export function kpiInputFromForm(form: KpiForm, version: number, status: KpiLifecycle): Record<string, unknown> {
  const links = {
    ...form.otherLinks,
    ...Object.fromEntries(
      (
        [
          ['runbook', form.runbook],
          ['dashboard', form.dashboard],
        ] as const
      )
        .map(([name, url]) => [name, url.trim()])
        .filter(([, url]) => url !== '')
    ),
  };
  const input: Record<string, unknown> = {
    id: form.id.trim(),
    version,
    status,
    name: form.name,
    owner: form.owner,
    // A composite has no data source of its own: its members have theirs.
    ...(form.indicatorType === 'composite'
      ? {}
      : { datasource: { type: form.datasourceType, uid: form.datasourceUid } }),
    indicator: indicatorInputOf(form),
    ...objectiveAndAlertingOf(form),
  };
  const optionalFields: Array<[string, unknown]> = [
    ['description', optional(form.description)],
    ['decision', optional(form.decision)],
    ['audience', form.audience.length ? form.audience : undefined],
    ['tags', form.tags.length ? form.tags : undefined],
    ['maintenance', form.maintenance.length ? form.maintenance.map(maintenanceInputOf) : undefined],
    ['links', Object.keys(links).length ? links : undefined],
    ...Object.entries(form.decisionFields),
  ];
  for (const [key, value] of optionalFields) {
    if (value !== undefined) {
      input[key] = value;
    }
  }
  return input;
}

export type FormCheck = { ok: true; kpi: CatalogKpi } | { ok: false; problems: ValidationProblem[] };

/**
 * Validates the form as the catalog schema would, with problems by field path (`objective.target`); a composite's
 * members are checked against `catalogKpis`, the catalog it is to join.
 */
export function checkForm(
  form: KpiForm,
  version: number,
  status: KpiLifecycle,
  catalogKpis: readonly CatalogKpi[] = []
): FormCheck {
  const input = kpiInputFromForm(form, version, status);
  const parsed = parseKpi(input);
  const problems = [...(parsed.ok ? [] : parsed.problems), ...compositeMemberProblems(input, catalogKpis)];
  return parsed.ok && problems.length === 0 ? { ok: true, kpi: parsed.kpi } : { ok: false, problems };
}
