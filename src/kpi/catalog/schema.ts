/**
 * The catalog schema (zod) and its validation. Every problem names the KPI and the field, from the inside out:
 *   kpis[2] (checkout-availability).objective.target: must be between 0 and 1 (exclusive)
 * The same schema drives the CLI, the editor and schema/catalog.schema.json.
 */
import { z } from 'zod';
import { formatDuration, isTimeZone, parseCron, parseInstant, shortestGapMs, tryParseDuration } from '../time';
import {
  CALENDAR_UNITS,
  type Catalog,
  CATALOG_API_VERSION,
  CATALOG_KIND,
  type CatalogKpi,
  DEFAULT_MAX_INSTANCES,
  isGroupableLabel,
  LABEL_NAME,
  labelsNotKept,
  MAX_GROUP_BY_LABELS,
  MAX_INSTANCES_LIMIT,
  RESERVED_GROUP_BY_LABELS,
} from '../model';
import { tierEnabled } from '../policy';
import { compositeProblems, duplicateIds } from './crossKpiChecks';
import { decisionFields, decisionProblems } from './decisionFields';
import { drivenByProblems } from './kpiTree';
import { formatPath, joinPath, readableMessage, type ValidationProblem } from './problems';
import { objectiveFields, objectiveProblems, valueIndicator } from './valueIndicator';
import { queryField, queryProblems } from './queryField';
import { policyWindowProblems, SLO_WINDOW_BOUNDS_MESSAGE, sloWindowInBounds } from './windowBounds';

const KPI_ID = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

const text = (what: string) => z.string().trim().min(1, `${what} must not be empty`);

const positiveDuration = z.string().refine((value) => (tryParseDuration(value) ?? 0) > 0, {
  message: 'must be a positive duration such as 5m, 1h or 28d',
});

/** Links from catalogs become hrefs only when they are http or https: never `javascript:` or `data:`. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

const httpUrl = z.string().refine(isHttpUrl, { message: 'must be an http:// or https:// URL' });

const comparator = z.enum(['<', '<=', '>', '>=']);
const query = queryField;

const groupByLabel = z
  .string()
  .regex(LABEL_NAME, 'must be a Prometheus label name: letters, digits and _, not starting with a digit')
  .refine((label) => !RESERVED_GROUP_BY_LABELS.includes(label), {
    message: `is set by Northstar's rules itself; group by another label than ${RESERVED_GROUP_BY_LABELS.join(', ')}`,
  })
  .refine((label) => !label.startsWith('__'), { message: 'labels starting with __ are reserved by Prometheus' });

const groupBy = z
  .array(groupByLabel)
  .min(1)
  .max(MAX_GROUP_BY_LABELS)
  .refine((labels) => new Set(labels).size === labels.length, { message: 'lists a label twice' })
  .optional()
  .describe('Per-label KPI: one instance per value of these labels, e.g. [route]; both queries must keep them');

const maxInstances = z
  .number()
  .int()
  .positive()
  .max(MAX_INSTANCES_LIMIT)
  .optional()
  .describe(`Cardinality guard of a per-label KPI: instances evaluated at most (default ${DEFAULT_MAX_INSTANCES})`);

const ratioIndicator = z.strictObject({
  type: z.literal('ratio'),
  good: query.describe(
    'Good events: PromQL per second, e.g. sum(rate(http_requests_total{code!~"5.."}[$__rate_interval])), or a ' +
      'query object in the data source model, e.g. SQL { rawSql, format } counting them per $__timeGroupAlias bucket'
  ),
  total: query.describe('All events: PromQL per second, or a query object (SQL: counts per time bucket)'),
  groupBy,
  maxInstances,
});

/** Threshold values do not add up across instances, so a per-label threshold KPI has no aggregate: refused. */
const ratioOnly = z
  .unknown()
  .refine(() => false, {
    message: 'applies to ratio KPIs only: threshold and timeslice values do not add up across instances',
  })
  .optional();

const thresholdFields = {
  query: query.describe(
    'A value compared with the threshold at each step, e.g. a p95 latency: PromQL, or a query object ({ rawSql, format })'
  ),
  comparator,
  threshold: z.number().refine(Number.isFinite, { message: 'must be a finite number' }),
  unit: z.string().optional(),
  groupBy: ratioOnly,
  maxInstances: ratioOnly,
};

const thresholdIndicator = z.strictObject({ type: z.literal('threshold'), ...thresholdFields });
const timesliceIndicator = z.strictObject({
  type: z.literal('timeslice'),
  ...thresholdFields,
  slice: positiveDuration.default('1m'),
});

/** Members and weights only: what they refer to is checked against the whole catalog (compositeProblems). */
const compositeIndicator = z.strictObject({
  type: z.literal('composite'),
  members: z
    .array(
      z.strictObject({
        kpi: z.string().describe('The id of another KPI of this catalog (not itself a composite)'),
        weight: z
          .number()
          .min(0)
          .describe('Its share of the composite: any finite number >= 0; weights must sum to > 0'),
      })
    )
    .min(1)
    .describe("The member KPIs and their weights; the SLI is the weighted mean of the members' SLIs"),
});

const calendarWindow = z.strictObject({
  calendar: z.enum(CALENDAR_UNITS).describe('The week (from Monday), month or quarter so far'),
  timeZone: z
    .string()
    .refine(isTimeZone, { message: 'must be an IANA time zone such as Europe/Berlin or UTC' })
    .describe('Where the period starts at local midnight, e.g. Europe/Berlin'),
});

/** Its fields are checked against the KPI's indicator type in objectiveProblems (an SLO's target is a share). */
const objective = z.strictObject({
  ...objectiveFields,
  window: z
    .union([
      positiveDuration
        .refine(sloWindowInBounds, { message: SLO_WINDOW_BOUNDS_MESSAGE })
        .describe('Rolling SLO window, e.g. 28d'),
      calendarWindow,
    ])
    .describe(
      'A rolling window such as 28d, or a calendar period such as { calendar: month, timeZone: Europe/Berlin }'
    ),
});

const burnRateRule = z
  .strictObject({
    severity: z.enum(['page', 'ticket']),
    long: positiveDuration,
    short: positiveDuration.optional(),
    factor: z.number().gt(0).optional(),
    budgetFraction: z.number().gt(0).lte(1).optional(),
  })
  .refine((rule) => (rule.factor === undefined) !== (rule.budgetFraction === undefined), {
    message: 'give either factor or budgetFraction',
  })
  .refine((rule) => rule.short === undefined || tryParseDuration(rule.short)! < tryParseDuration(rule.long)!, {
    message: 'short must be shorter than long',
    path: ['short'],
  });

const minEvents = z
  .number()
  .int()
  .positive()
  .optional()
  .describe('Low-traffic guard: burn-rate rules fire only when their short window holds at least this many events');

/** An Alertmanager-friendly label value: severity names such as critical, warning, P1. */
const labelValue = z.string().regex(/^[A-Za-z0-9_.:-]{1,63}$/, 'must be a short label value: letters, digits, _ . : -');

const alertTier = z
  .strictObject({
    enabled: z.boolean().optional(),
    severity: labelValue.optional(),
    for: positiveDuration.optional(),
  })
  .optional();

const alertControls = {
  minEvents,
  page: alertTier.describe('How the page tier alerts: enabled, severity label, for'),
  ticket: alertTier.describe('How the ticket tier alerts: enabled, severity label, for'),
  absent: z
    .strictObject({ for: positiveDuration, severity: labelValue.optional() })
    .optional()
    .describe('Alert when the KPI has no data for this long'),
};

/** A value KPI's alerting: no policy, since it has no budget to burn (objectiveProblems keeps each to its kind). */
const valueAlerting = z.strictObject({
  policy: z.undefined().optional(),
  for: positiveDuration
    .optional()
    .describe('Value KPIs: how long off-track (past warning, or target) before the alert fires; default 1h'),
  page: z.boolean().optional().describe('Value KPIs: page instead of the default ticket; default false'),
});

const alerting = z.discriminatedUnion('policy', [
  z.strictObject({ policy: z.literal('default'), ...alertControls }),
  z.strictObject({ policy: z.literal('custom'), rules: z.array(burnRateRule).min(1), ...alertControls }),
  valueAlerting,
]);

const instant = z.string().refine((value) => parseInstant(value) !== null, {
  message: 'must be an ISO 8601 instant with Z or an offset, such as 2026-11-28T02:00:00Z',
});

/**
 * One object with either start + end or cron + duration (+ timeZone): a union would report the wrong branch's
 * fields; this way the problem is named at the field ("maintenance[1].cron: minute 61 is out of range 0–59").
 */
const maintenanceWindow = z
  .strictObject({
    start: instant.optional().describe('Fixed window: first instant, e.g. 2026-11-28T02:00:00Z'),
    end: instant.optional().describe('Fixed window: end (exclusive), after start'),
    cron: z.string().optional().describe('Recurring window: 5-field cron of its starts, e.g. "0 2 * * 0"'),
    duration: positiveDuration.optional().describe('Recurring window: how long each occurrence lasts, e.g. 2h'),
    timeZone: z
      .string()
      .refine(isTimeZone, { message: 'must be an IANA time zone such as Europe/Berlin or UTC' })
      .optional()
      .describe('Recurring window: the wall clock the cron runs on (default UTC)'),
    reason: text('reason').describe('Why, shown with the window: e.g. database upgrade'),
  })
  .superRefine((window, ctx) => {
    const fixed = window.start !== undefined || window.end !== undefined;
    const recurring = window.cron !== undefined || window.duration !== undefined || window.timeZone !== undefined;
    if (fixed && recurring) {
      ctx.addIssue({ code: 'custom', message: 'give either start and end, or cron and duration, not both', path: [] });
      return;
    }
    if (!fixed && !recurring) {
      ctx.addIssue({ code: 'custom', message: 'give either start and end, or cron and duration', path: [] });
      return;
    }
    const required: Array<'start' | 'end' | 'cron' | 'duration'> = fixed ? ['start', 'end'] : ['cron', 'duration'];
    for (const field of required) {
      if (window[field] === undefined) {
        ctx.addIssue({ code: 'custom', message: 'is required', path: [field] });
      }
    }
    if (fixed) {
      const start = parseInstant(window.start ?? '');
      const end = parseInstant(window.end ?? '');
      if (start !== null && end !== null && end <= start) {
        ctx.addIssue({ code: 'custom', message: 'must be after start', path: ['end'] });
      }
      return;
    }
    if (window.cron === undefined) {
      return;
    }
    const parsed = parseCron(window.cron);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.message, path: ['cron'] });
      return;
    }
    const gapMs = shortestGapMs(parsed.cron);
    const durationMs = tryParseDuration(window.duration);
    if (gapMs === null) {
      ctx.addIssue({ code: 'custom', message: 'never fires: no day matches it', path: ['cron'] });
    } else if (durationMs !== undefined && durationMs > gapMs) {
      ctx.addIssue({
        code: 'custom',
        message: `is longer than the ${formatDuration(gapMs)} between two starts of "${window.cron}"`,
        path: ['duration'],
      });
    }
  });

/** Fixed windows of one KPI must not overlap: two reasons for the same hour are a catalog mistake. */
function fixedWindowOverlaps(
  windows: ReadonlyArray<z.infer<typeof maintenanceWindow>>
): Array<{ index: number; other: number }> {
  const fixed = windows
    .map((window, index) => ({ index, start: parseInstant(window.start ?? ''), end: parseInstant(window.end ?? '') }))
    .filter((w): w is { index: number; start: number; end: number } => w.start !== null && w.end !== null);
  const overlaps: Array<{ index: number; other: number }> = [];
  for (let i = 0; i < fixed.length; i++) {
    for (let j = 0; j < i; j++) {
      if (fixed[i].start < fixed[j].end && fixed[j].start < fixed[i].end) {
        overlaps.push({ index: fixed[i].index, other: fixed[j].index });
      }
    }
  }
  return overlaps;
}

const maintenance = z
  .array(maintenanceWindow)
  .superRefine((windows, ctx) => {
    for (const { index, other } of fixedWindowOverlaps(windows)) {
      ctx.addIssue({ code: 'custom', message: `overlaps maintenance[${other}]`, path: [index] });
    }
  })
  .optional()
  .describe('Windows excluded from the budget and from alerting: { start, end, reason } or { cron, duration, reason }');

export const kpiSchema = z
  .strictObject({
    id: z.string().regex(KPI_ID, 'must be a slug: lower-case letters, digits and dashes, at most 63 characters'),
    version: z.number().int().positive(),
    status: z.enum(['draft', 'published', 'retired']),
    name: text('name'),
    description: z.string().optional(),
    owner: text('owner').describe('Team or person accountable for the KPI'),
    audience: z.array(z.enum(['executive', 'oncall', 'engineering', 'product', 'business'])).optional(),
    decision: z.string().optional().describe('The decision this KPI drives'),
    ...decisionFields,
    tags: z.array(text('tag')).optional(),
    datasource: z
      .strictObject({ type: text('type'), uid: text('uid') })
      .optional()
      .describe('Where the queries run; required for every KPI but a composite, which has none of its own'),
    indicator: z.discriminatedUnion('type', [
      ratioIndicator,
      thresholdIndicator,
      timesliceIndicator,
      compositeIndicator,
      valueIndicator,
    ]),
    objective,
    alerting: alerting.optional(),
    maintenance,
    links: z.record(z.string(), httpUrl).optional(),
  })
  .refine(
    (kpi) =>
      kpi.alerting?.policy === undefined || kpi.alerting.minEvents === undefined || kpi.indicator.type === 'ratio',
    {
      message: 'applies to ratio KPIs only: threshold and timeslice KPIs count slices, not events',
      path: ['alerting', 'minEvents'],
    }
  )
  .refine((kpi) => kpi.datasource !== undefined || kpi.indicator.type === 'composite', {
    message: 'is required',
    path: ['datasource'],
  })
  .refine((kpi) => kpi.datasource === undefined || kpi.indicator.type !== 'composite', {
    message: 'a composite KPI has no data source of its own: its members carry theirs (remove this field)',
    path: ['datasource'],
  })
  .refine((kpi) => alertsAtAll(kpi.alerting), {
    message: 'turns every burn-rate rule off: keep the page or the ticket tier enabled',
    path: ['alerting'],
  })
  .superRefine((kpi, context) => {
    for (const { path, message } of objectiveProblems(kpi.indicator, kpi.objective, kpi.alerting)) {
      context.addIssue({ code: 'custom', path, message });
    }
    policyWindowProblems(kpi).forEach((problem) => context.addIssue({ code: 'custom', ...problem }));
    decisionProblems(kpi).forEach((problem) => context.addIssue({ code: 'custom', ...problem }));
  })
  .superRefine((kpi, context) => {
    if (kpi.datasource === undefined) {
      return;
    }
    for (const { field, message } of queryProblems(kpi.indicator, kpi.datasource.type)) {
      context.addIssue({ code: 'custom', path: ['indicator', field], message });
    }
  })
  .superRefine((kpi, context) => {
    // Labels that are refused already would only repeat their problem here.
    if (kpi.indicator.type !== 'ratio' || !kpi.indicator.groupBy?.every(isGroupableLabel)) {
      return;
    }
    for (const field of ['good', 'total'] as const) {
      const query = kpi.indicator[field];
      // SQL keeps a label by selecting its text column: nothing to read in PromQL terms.
      const promql = typeof query === 'string' ? query : typeof query.expr === 'string' ? query.expr : undefined;
      const [missing] = promql === undefined ? [] : labelsNotKept(promql, kpi.indicator.groupBy);
      if (missing !== undefined) {
        context.addIssue({
          code: 'custom',
          path: ['indicator', field],
          message: `must keep the groupBy label ${missing}, e.g. sum by (${kpi.indicator.groupBy.join(', ')}) (…)`,
        });
      }
    }
  });

/** Some rule of the policy belongs to a tier that is not turned off. */
function alertsAtAll(spec: z.infer<typeof alerting> | undefined): boolean {
  if (spec !== undefined && spec.policy === undefined) {
    return true;
  }
  const severities =
    spec?.policy === 'custom' ? spec.rules.map((rule) => rule.severity) : (['page', 'ticket'] as const);
  return severities.some((severity) => tierEnabled(spec, severity));
}

export const catalogSchema = z.strictObject({
  apiVersion: z.literal(CATALOG_API_VERSION),
  kind: z.literal(CATALOG_KIND),
  kpis: z.array(kpiSchema),
});

export type ValidationResult = { ok: true; catalog: Catalog } | { ok: false; problems: ValidationProblem[] };

/** Validates a parsed catalog document (from YAML or JSON). */
export function validateCatalog(input: unknown): ValidationResult {
  if (input === null || input === undefined) {
    return { ok: false, problems: [{ path: '(catalog)', message: 'is empty: expected apiVersion, kind and kpis' }] };
  }
  const parsed = catalogSchema.safeParse(input, { error: readableMessage });
  const crossKpi = [...duplicateIds(input), ...compositeProblems(input), ...drivenByProblems(input)];
  if (parsed.success && crossKpi.length === 0) {
    return { ok: true, catalog: parsed.data as Catalog };
  }
  const issues = parsed.success ? [] : parsed.error.issues;
  const problems = issues.flatMap((issue) => {
    const path: PropertyKey[] = [...issue.path];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: formatPath(input, [...path, key]), message: 'unknown field' }));
    }
    return [{ path: formatPath(input, path), message: issue.message }];
  });
  return { ok: false, problems: [...problems, ...crossKpi] };
}

/** Parses one KPI on its own, with paths relative to the KPI; a valid KPI comes back with defaults filled in. */
export function parseKpi(input: unknown): { ok: true; kpi: CatalogKpi } | { ok: false; problems: ValidationProblem[] } {
  const parsed = kpiSchema.safeParse(input, { error: readableMessage });
  if (parsed.success) {
    return { ok: true, kpi: parsed.data as CatalogKpi };
  }
  const problems = parsed.error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: joinPath([...issue.path, key]), message: 'unknown field' }))
      : [{ path: joinPath(issue.path), message: issue.message }]
  );
  return { ok: false, problems };
}

/** Validates an alert policy on its own (the app's default policy for new KPIs), paths relative to `alerting`. */
export function validateAlertPolicy(input: unknown): ValidationProblem[] {
  const parsed = alerting.safeParse(input, { error: readableMessage });
  if (parsed.success) {
    return [];
  }
  return parsed.error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: joinPath(['alerting', ...issue.path, key]), message: 'unknown field' }))
      : [{ path: joinPath(['alerting', ...issue.path]), message: issue.message }]
  );
}

/** Validates one KPI on its own (the editor), with paths relative to the KPI. */
export function validateKpi(input: unknown): ValidationProblem[] {
  const parsed = parseKpi(input);
  return parsed.ok ? [] : parsed.problems;
}

/** The JSON Schema editors use to validate catalogs as you type (schema/catalog.schema.json). */
export function catalogJsonSchema(): object {
  const schema = z.toJSONSchema(catalogSchema, { io: 'input', unrepresentable: 'any' }) as unknown as {
    properties: { kpis: { items: Record<string, unknown> & { properties: { alerting: AlertingJsonSchema } } } };
  };
  schema.properties.kpis.items.allOf = [OBJECTIVE_BY_INDICATOR_TYPE];
  // zod writes the value branch's absent policy as "anything", which would let every SLO policy match it too.
  for (const branch of schema.properties.kpis.items.properties.alerting.oneOf) {
    if (branch.properties.policy !== undefined && Object.keys(branch.properties.policy).length === 0) {
      branch.properties.policy = false;
    }
  }
  return { $id: 'https://northstar.dev/schema/catalog.schema.json', title: 'Northstar KPI catalog', ...schema };
}

interface AlertingJsonSchema {
  oneOf: Array<{ properties: Record<string, object | boolean> }>;
}

/**
 * What objectiveProblems checks that zod's JSON Schema cannot say: the objective's shape depends on the indicator
 * type. A value KPI needs a direction; an SLO's target is a share and it has no direction or warning.
 */
const OBJECTIVE_BY_INDICATOR_TYPE = {
  if: { properties: { indicator: { properties: { type: { const: 'value' } } } } },
  then: { properties: { objective: { required: ['direction'] } } },
  else: {
    properties: {
      objective: {
        properties: { target: { exclusiveMinimum: 0, exclusiveMaximum: 1 }, direction: false, warning: false },
      },
    },
  },
};
