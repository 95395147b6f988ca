/**
 * Catalog → OpenSLO v1: one `kind: SLO` per KPI with an inline indicator. What OpenSLO has no field for (version,
 * status, audience, decision, data source, …) travels in `metadata.annotations` under `northstar.dev/…`, so our own
 * export comes back unchanged through the import.
 */
import { isCalendarWindow } from '../../time';
import {
  type Catalog,
  isCompositeKpi,
  isPromqlKpi,
  isValueKpi,
  type KpiDefinition,
  notPromqlNote,
  requirePromql,
  type ObjectiveWindow,
  sourcedKpis,
  unwrapDifference,
} from '../../model';
import {
  DEFAULT_TIMESLICE_WINDOW,
  NORTHSTAR_ANNOTATIONS,
  OPENSLO_API_VERSION,
  type OpenSloMetric,
  type OpenSloObjective,
  type OpenSloSliSpec,
  type OpenSloSlo,
  type OpenSloTimeWindow,
} from './types';
import {
  CALENDAR_ANCHOR,
  CALENDAR_DURATIONS,
  OP_BY_COMPARATOR,
  openSloMetricSourceType,
  toShorthand,
} from './vocabulary';

/**
 * One `kind: SLO` document per KPI, in catalog order. Composite and value KPIs are left out (see
 * compositesLeftOut): OpenSLO v1 has no composite SLO (the proposal, OpenSLO#142, is not part of v1), and a value
 * against a target is not an SLO at all.
 */
export function catalogToOpenSlo(catalog: Catalog): OpenSloSlo[] {
  return sourcedKpis(catalog.kpis).filter(isPromqlKpi).map(kpiToOpenSlo);
}

/** Why each composite or value KPI of the catalog has no OpenSLO document, as `<id>: <reason>`. */
export function compositesLeftOut(catalog: Catalog): string[] {
  return catalog.kpis.flatMap((kpi) =>
    isCompositeKpi(kpi)
      ? [`${kpi.id}: left out, a composite KPI has no OpenSLO v1 form (composite SLOs, OpenSLO#142, are not in v1)`]
      : isValueKpi(kpi)
        ? [`${kpi.id}: left out, a value KPI is not an SLO: OpenSLO v1 has no form for a value against a target`]
        : isPromqlKpi(kpi)
          ? []
          : [`${kpi.id}: left out, ${notPromqlNote(kpi, 'OpenSLO metric sources as Northstar writes them')}`]
  );
}

export function kpiToOpenSlo(kpi: KpiDefinition): OpenSloSlo {
  const timeWindow = openSloTimeWindowOf(kpi.objective.window);
  return {
    apiVersion: OPENSLO_API_VERSION,
    kind: 'SLO',
    metadata: { name: kpi.id, displayName: kpi.name, annotations: annotationsOf(kpi) },
    spec: {
      ...(kpi.description !== undefined ? { description: kpi.description } : {}),
      // OpenSLO requires a service. A KPI has none, and its owner is the closest grouping we have: the team that
      // answers for it. The owner annotation keeps the owner should a consumer rewrite `service`.
      service: kpi.owner,
      indicator: { metadata: { name: `${kpi.id}-sli` }, spec: indicatorSpecOf(kpi) },
      timeWindow: [timeWindow],
      budgetingMethod: kpi.indicator.type === 'ratio' ? 'Occurrences' : 'Timeslices',
      objectives: [objectiveOf(kpi)],
    },
  };
}

function indicatorSpecOf(kpi: KpiDefinition): OpenSloSliSpec {
  const type = openSloMetricSourceType(kpi.datasource.type);
  const metric = (query: string): OpenSloMetric => ({ metricSource: { type, spec: { query } } });
  if (kpi.indicator.type === 'ratio') {
    // counter: false because our good/total queries already return per-second rates (sum(rate(...))), not
    // monotonically increasing counters: a consumer must not take rate() of them again. No rawType: good and
    // total are event streams, not a precomputed ratio. A good query the import made from `bad` (Prometheus only) goes
    // back as bad.
    const good = requirePromql(kpi.indicator.good, 'good', kpi.id);
    const total = requirePromql(kpi.indicator.total, 'total', kpi.id);
    const bad = kpi.datasource.type === 'prometheus' ? unwrapDifference(good, total) : undefined;
    return {
      ratioMetric: {
        counter: false,
        ...(bad !== undefined ? { bad: metric(bad) } : { good: metric(good) }),
        total: metric(total),
      },
    };
  }
  return { thresholdMetric: metric(requirePromql(kpi.indicator.query, 'query', kpi.id)) };
}

function objectiveOf(kpi: KpiDefinition): OpenSloObjective {
  const { indicator, objective } = kpi;
  if (indicator.type === 'ratio') {
    return { target: objective.target };
  }
  return {
    op: OP_BY_COMPARATOR[indicator.comparator],
    value: indicator.threshold,
    // `target` is the share of good slices in the window, which is what our target means. `timeSliceTarget` is
    // the share of a slice's points that must be good for the slice to count as good; our slice holds one
    // value, good when it meets the threshold, hence 1.
    target: objective.target,
    timeSliceTarget: 1,
    timeSliceWindow: indicator.type === 'timeslice' ? toShorthand(indicator.slice) : DEFAULT_TIMESLICE_WINDOW,
  };
}

function annotationsOf(kpi: KpiDefinition): Record<string, string> {
  const notes: Record<string, string> = {};
  const put = (key: string, value: string | undefined) => {
    if (value !== undefined) {
      notes[key] = value;
    }
  };
  const json = (value: unknown) => (value === undefined ? undefined : JSON.stringify(value));
  const { indicator } = kpi;
  put(NORTHSTAR_ANNOTATIONS.version, String(kpi.version));
  put(NORTHSTAR_ANNOTATIONS.status, kpi.status);
  put(NORTHSTAR_ANNOTATIONS.owner, kpi.owner);
  put(NORTHSTAR_ANNOTATIONS.audience, json(kpi.audience));
  put(NORTHSTAR_ANNOTATIONS.decision, kpi.decision);
  put(NORTHSTAR_ANNOTATIONS.tags, json(kpi.tags));
  put(NORTHSTAR_ANNOTATIONS.datasource, json(kpi.datasource));
  put(NORTHSTAR_ANNOTATIONS.unit, indicator.type === 'ratio' ? undefined : indicator.unit);
  put(NORTHSTAR_ANNOTATIONS.indicatorType, indicator.type === 'threshold' ? 'threshold' : undefined);
  put(NORTHSTAR_ANNOTATIONS.alerting, json(kpi.alerting));
  put(NORTHSTAR_ANNOTATIONS.links, json(kpi.links));
  put(
    NORTHSTAR_ANNOTATIONS.window,
    isCalendarWindow(kpi.objective.window) ? undefined : spellingIfChanged(kpi.objective.window)
  );
  put(NORTHSTAR_ANNOTATIONS.slice, indicator.type === 'timeslice' ? spellingIfChanged(indicator.slice) : undefined);
  put(NORTHSTAR_ANNOTATIONS.groupBy, indicator.type === 'ratio' ? json(indicator.groupBy) : undefined);
  put(NORTHSTAR_ANNOTATIONS.maxInstances, indicator.type === 'ratio' ? json(indicator.maxInstances) : undefined);
  put(NORTHSTAR_ANNOTATIONS.maintenance, kpi.maintenance?.length ? json(kpi.maintenance) : undefined);
  put(NORTHSTAR_ANNOTATIONS.drivenBy, json(kpi.drivenBy));
  put(NORTHSTAR_ANNOTATIONS.gate, json(kpi.gate));
  put(NORTHSTAR_ANNOTATIONS.review, json(kpi.review));
  return notes;
}

function openSloTimeWindowOf(window: ObjectiveWindow): OpenSloTimeWindow {
  return isCalendarWindow(window)
    ? {
        duration: CALENDAR_DURATIONS[window.calendar],
        isRolling: false,
        calendar: { startTime: CALENDAR_ANCHOR, timeZone: window.timeZone },
      }
    : { duration: toShorthand(window), isRolling: true };
}

function spellingIfChanged(duration: string): string | undefined {
  return toShorthand(duration) === duration ? undefined : duration;
}
