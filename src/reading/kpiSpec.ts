/**
 * Panel options (+ the catalog) -> what to evaluate: which queries, target, SLO window and burn-rate rules.
 * Every option a person can type wrong comes back as a PanelProblem that names the option and the fix.
 */
import type { IndicatorQueries } from './frames';
import { coveringRangeMs, formatDuration, nominalSloWindowMs, tryParseDuration, windowLabel } from '../kpi/time';
import { memberOverCompositeWindows, resolveMembers } from '../kpi/evaluate';
import {
  isCompositeKpi,
  type CatalogKpi,
  type CompositeKpiDefinition,
  type KpiDefinition,
  type ObjectiveWindow,
  isValueKpi,
} from '../kpi/model';
import { RECORDED_KPI_IDS_QUERY } from '../kpi/promql';
import { resolvePolicy, type BurnRateRule } from '../kpi/policy';
import { problem, type Checked } from './problems';
import { rangeReadingOf } from './dsQueryModels';
import type { KpiPanelOptions } from './panelOptions';
import type { CatalogState } from './appCatalog';

/** KpiSpec knows everything the evaluation needs besides the data. */
export interface KpiSpec {
  /** The catalog KPI, when the panel shows one. */
  kpi?: KpiDefinition;
  queries: IndicatorQueries;
  /** Unit of a threshold KPI's value, from the catalog (a panel's unit option wins). */
  unit?: string;
  /** Share of good events or slices, in (0, 1). */
  target: number;
  /** How the window is captioned: "28d", or "this month". */
  window: string;
  /** The data the evaluation needs: the rolling window, or the longest period of a calendar one. */
  windowMs: number;
  /** The objective's window; a calendar period's budget window is its period so far (sloWindow.ts). */
  objectiveWindow: ObjectiveWindow;
  rules: BurnRateRule[];
  /** Which policy the rules come from, for the burn-rate table's caption. */
  policy: 'default' | 'custom';
  /** The catalog KPI's low-traffic guard, with its own policy. */
  minEvents?: number;
  /**
   * The queries read `northstar rules` records (recordedQueries.ts): a per-label KPI's keep its groupBy labels
   * and read per instance; records summed over the KPI (a dashboard made before they kept them) read as a whole.
   */
  recorded?: boolean;
  /** A composite KPI: each member read from the panel's queries under its own refId prefix. */
  composite?: CompositeReading;
}

/** CompositeReading knows how a panel reads a composite: its members, each as a KPI over the composite's windows. */
export interface CompositeReading {
  kpi: CompositeKpiDefinition;
  members: Array<{ kpi: KpiDefinition; weight: number; refIdPrefix: string; spec: KpiSpec }>;
}

/** The refIds a composite's member `index` is queried under in a panel: `m0-good`, `m0-total`, or `m0-value`. */
export function memberRefIds(member: KpiDefinition, index: number): string[] {
  return memberQueryRefIds(member).map((refId) => `${memberRefIdPrefix(index)}${refId}`);
}

function memberQueryRefIds(member: KpiDefinition): string[] {
  return member.indicator.type === 'ratio' ? ['good', 'total'] : ['value'];
}

export function memberRefIdPrefix(index: number): string {
  return `m${index}-`;
}

function refIdsOf(options: KpiPanelOptions, type: 'ratio' | 'threshold'): Checked<string[]> {
  const fields =
    type === 'ratio'
      ? ([
          ['goodRefId', 'good events'],
          ['totalRefId', 'total events'],
        ] as const)
      : ([['valueRefId', 'the value']] as const);
  const refIds: string[] = [];
  for (const [key, what] of fields) {
    const refId = typeof options[key] === 'string' ? options[key].trim() : '';
    if (!refId) {
      return problem(
        'missing-ref-id-option',
        'Choose a query',
        `Pick the query (refId) that returns ${what} in the panel options.`
      );
    }
    refIds.push(refId);
  }
  return { ok: true, value: refIds };
}

/**
 * `kpi` for `$kpi`, `${kpi}`, `${kpi:raw}` or `[[kpi]]`: a KPI id that names a dashboard variable (and, after
 * interpolation, one the dashboard does not have); undefined for a KPI id.
 */
export function dashboardVariableName(kpiId: string): string | undefined {
  const match = /^(?:\$(\w+)|\$\{(\w+)(?::\w+)?\}|\[\[(\w+)\]\])$/.exec(kpiId.trim());
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}

function fromCatalog(options: KpiPanelOptions, catalog: CatalogState): Checked<KpiSpec> {
  if (!options.kpiId) {
    return problem(
      'no-kpi-selected',
      'Pick a KPI',
      'Choose a KPI from the catalog in the panel options (KPI source → Catalog KPI), or choose Manual to set the target yourself.',
      'info'
    );
  }
  if (dashboardVariableName(options.kpiId) !== undefined) {
    return problem(
      'kpi-variable-unset',
      `The dashboard has no value for ${options.kpiId}`,
      `The panel takes its KPI from the dashboard variable ${options.kpiId}. Add that variable to the dashboard ` +
        `(its values are KPI ids, e.g. ${RECORDED_KPI_IDS_QUERY}), or pick a KPI in the panel options.`
    );
  }
  if (catalog.status === 'loading' || catalog.status === 'idle') {
    return problem(
      'catalog-loading',
      'Loading the KPI catalog…',
      `Reading "${options.kpiId}" from the Northstar KPI app.`,
      'info'
    );
  }
  if (catalog.status === 'error') {
    return problem('catalog-error', 'The KPI catalog could not be read', catalog.message);
  }
  const kpi = catalog.catalog.kpis.find((candidate) => candidate.id === options.kpiId);
  if (!kpi) {
    const broken = catalog.catalog.problems.filter((text) => text.includes(`(${options.kpiId})`));
    return problem(
      'kpi-not-found',
      `KPI "${options.kpiId}" is not in the catalog`,
      broken.length > 0
        ? `It is in the catalog but invalid: ${broken.join('; ')}. Fix it in the catalog, or pick another KPI.`
        : 'It may have been deleted from the catalog. Pick another KPI in the panel options, or switch to Manual.'
    );
  }
  if (isCompositeKpi(kpi)) {
    return compositeSpec(kpi, catalog.catalog.kpis, options.policy === 'kpi');
  }
  if (isValueKpi(kpi)) {
    return problem(
      'value-kpi',
      `KPI "${kpi.id}" is a value KPI`,
      'A value KPI has no budget or burn rates: the panel shows it in its value view.',
      'info'
    );
  }
  const recorded = options.queries === 'recorded';
  const refIds = refIdsOf(options, recorded || kpi.indicator.type === 'ratio' ? 'ratio' : 'threshold');
  if (!refIds.ok) {
    return refIds;
  }
  return { ok: true, value: specForKpi(kpi, refIds.value, options.policy === 'kpi', recorded) };
}

/**
 * The spec of a catalog KPI whose queries come back under `refIds` (good and total, or the value), with the KPI's
 * own burn-rate policy or the default one. The app's pages use it too, so they evaluate exactly as the panel does.
 * From `recorded` series every KPI reads as good and total: a slice KPI's records are its slices' verdicts, and
 * its values (and so the value's trend and unit) are not among them.
 */
export function specForKpi(
  kpi: KpiDefinition,
  refIds: readonly string[],
  ownPolicy: boolean,
  recorded = false
): KpiSpec {
  const indicator = kpi.indicator;
  const alerting = ownPolicy ? kpi.alerting : undefined;
  // Recorded series are Prometheus's; the KPI's own queries are read as its data source answers them.
  const buckets = !recorded && rangeReadingOf(kpi.datasource).bucketStart ? { buckets: true } : {};
  const reading: Pick<KpiSpec, 'queries' | 'unit'> =
    recorded || indicator.type === 'ratio'
      ? { queries: { type: 'ratio', goodRefId: refIds[0], totalRefId: refIds[1], ...buckets } }
      : {
          queries: {
            type: 'threshold',
            valueRefId: refIds[0],
            comparator: indicator.comparator,
            threshold: indicator.threshold,
            ...buckets,
          },
          unit: indicator.unit,
        };
  return {
    kpi,
    ...reading,
    ...objectiveOf(kpi, alerting),
    minEvents: alerting?.minEvents,
    ...(recorded ? { recorded } : {}),
  };
}

/** A catalog KPI's target, window and burn-rate rules, as the spec reads them. */
function objectiveOf(
  kpi: CatalogKpi,
  alerting: CatalogKpi['alerting']
): Pick<KpiSpec, 'target' | 'window' | 'windowMs' | 'objectiveWindow' | 'rules' | 'policy'> {
  return {
    target: kpi.objective.target,
    window: windowLabel(kpi.objective.window),
    windowMs: coveringRangeMs(kpi),
    objectiveWindow: kpi.objective.window,
    rules: resolvePolicy(alerting, nominalSloWindowMs(kpi)),
    policy: alerting?.policy === 'custom' ? 'custom' : 'default',
  };
}

/**
 * A composite's spec: its own target, window and policy, and per member the spec of the member over the
 * composite's windows, reading the member's queries under `m<i>-` (what the generated dashboards query).
 */
function compositeSpec(
  kpi: CompositeKpiDefinition,
  catalog: readonly CatalogKpi[],
  ownPolicy: boolean
): Checked<KpiSpec> {
  const resolved = resolveMembers(kpi, catalog);
  if (!resolved.ok) {
    return problem('composite-kpi', `Composite KPI "${kpi.id}" cannot be read`, `${resolved.error}.`);
  }
  const members = resolved.members.map(({ kpi: member, weight }, index) => {
    const over = memberOverCompositeWindows(member, kpi);
    const spec = specForKpi(over, memberQueryRefIds(member), true);
    return { kpi: over, weight, refIdPrefix: memberRefIdPrefix(index), spec };
  });
  return {
    ok: true,
    value: {
      // What the panel's own checks see: the first member's queries (each member is checked when it is read).
      queries: members[0].spec.queries,
      ...objectiveOf(kpi, ownPolicy ? kpi.alerting : undefined),
      composite: { kpi, members },
    },
  };
}

function fromManualOptions(options: KpiPanelOptions): Checked<KpiSpec> {
  const percent = options.targetPercent;
  if (typeof percent !== 'number' || !Number.isFinite(percent)) {
    return problem('target-out-of-range', 'The target is not a number', 'Type the target as a percentage, e.g. 99.9.');
  }
  if (!(percent > 0 && percent < 100)) {
    return problem(
      'target-out-of-range',
      `Target ${percent} % is out of range`,
      'The target is a percentage strictly between 0 and 100, e.g. 99.9 for 99.9 % good events.'
    );
  }
  const windowMs = tryParseDuration(options.window);
  if (!windowMs) {
    return problem(
      'invalid-window',
      `Window "${options.window ?? ''}" is not a duration`,
      'Type the SLO window as a duration such as 28d, 7d or 1h30m.'
    );
  }
  const type = options.indicatorType === 'threshold' ? 'threshold' : 'ratio';
  if (type === 'threshold' && !(typeof options.threshold === 'number' && Number.isFinite(options.threshold))) {
    return problem(
      'invalid-threshold',
      'The threshold is not a number',
      'Type the value each step is compared with, e.g. 0.3.'
    );
  }
  const refIds = refIdsOf(options, type);
  if (!refIds.ok) {
    return refIds;
  }
  return {
    ok: true,
    value: {
      queries:
        type === 'ratio'
          ? { type: 'ratio', goodRefId: refIds.value[0], totalRefId: refIds.value[1] }
          : {
              type: 'threshold',
              valueRefId: refIds.value[0],
              comparator: options.comparator ?? '<',
              threshold: options.threshold,
            },
      // 99.9 / 100 is 0.9990000000000001 in floating point; the rounding keeps the target the one typed.
      target: Number((percent / 100).toPrecision(12)),
      window: formatDuration(windowMs),
      objectiveWindow: formatDuration(windowMs),
      windowMs,
      rules: resolvePolicy(undefined, windowMs),
      policy: 'default',
    },
  };
}

export function resolveKpiSpec(options: KpiPanelOptions, catalog: CatalogState): Checked<KpiSpec> {
  return options.source === 'manual' ? fromManualOptions(options) : fromCatalog(options, catalog);
}
