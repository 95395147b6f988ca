/**
 * PromQL over the series `northstar rules` records (rules.ts), for a KPI id or a dashboard variable holding one.
 * Every KPI's records carry its id in `kpi_id`, so one set of these queries serves every KPI: a dashboard with a
 * `$kpi` variable needs no regeneration when the catalog grows.
 *
 * Only base records are read (good and total rates over the base window, slice verdicts, the objective), never
 * the derived error ratios: the base records are computed from the user's series alone, so they are also what
 * `promtool tsdb create-blocks-from rules` can backfill. Records of every `kpi_version` add up, as the rules'
 * own windows do, so a new version keeps its history.
 *
 * Ratio KPIs record `northstar:kpi_good:rate<base>` and `northstar:kpi_total:rate<base>`, with a base window of
 * their policy's choosing (5m for the default), hence the name pattern. Threshold and timeslice KPIs record each
 * slice's verdict, 1 or 0: summed it is the good slices, counted it is all slices, read per second like events.
 */
import {
  PROM_GOOD_RATE_RECORD_PREFIX,
  PROM_LABEL_KPI_ID,
  PROM_LABEL_KPI_VERSION,
  PROM_OBJECTIVE_RECORD,
  PROM_SLICE_GOOD_RECORD,
  PROM_TOTAL_RATE_RECORD_PREFIX,
} from '../model';
import { promqlString } from './promql';

/**
 * `kpi_id="${kpi:percentencode}"`: the KPI a dashboard variable holds. A link can set the variable to anything, and
 * Grafana's Prometheus data source leaves a `"` in a single value as it is; percent-encoding leaves a slug as it is
 * and turns every character that could close the string (`"`, `\`) into `%XX`, so no value can change the query.
 */
export function kpiIdVariableMatcher(variable: string): string {
  return `${PROM_LABEL_KPI_ID}="\${${variable}:percentencode}"`;
}

/** `kpi_id="checkout-availability"`, quoted as PromQL. */
export function kpiIdMatcher(kpiId: string): string {
  return `${PROM_LABEL_KPI_ID}=${promqlString(kpiId)}`;
}

function rateRecords(prefix: string, matcher: string): string {
  return `{__name__=~${promqlString(`${prefix}.+`)},${matcher}}`;
}

function sliceRecords(matcher: string): string {
  return `${PROM_SLICE_GOOD_RECORD}{${matcher}}`;
}

/**
 * `sum without (kpi_version)`: the versions added up, every other label kept. A per-label KPI's records keep its
 * groupBy labels (`route`), so the sum is one series per instance; any other KPI's is one series.
 */
function perInstance(aggregation: 'sum' | 'count'): string {
  return `${aggregation} without (${PROM_LABEL_KPI_VERSION}) `;
}

/**
 * Good events per second of a ratio KPI, per instance of a per-label KPI, or good slices (1 while the slice is
 * good) of a slice KPI.
 */
export function recordedGoodExpr(matcher: string): string {
  return (
    `${perInstance('sum')}(${rateRecords(PROM_GOOD_RATE_RECORD_PREFIX, matcher)}) or ` +
    `${perInstance('sum')}(${sliceRecords(matcher)})`
  );
}

/** All events per second of a ratio KPI (per instance, as recordedGoodExpr), or 1 while a slice KPI records verdicts. */
export function recordedTotalExpr(matcher: string): string {
  return (
    `${perInstance('sum')}(${rateRecords(PROM_TOTAL_RATE_RECORD_PREFIX, matcher)}) or ` +
    `${perInstance('count')}(${sliceRecords(matcher)})`
  );
}

/**
 * The SLI over a window (`5m`, `$window`): good over all events in it, or good slices over all slices. The rates
 * are recorded at one interval, so summing their samples weighs every moment alike, as the rules' windows do.
 * `instances`: one SLI per instance of a per-label KPI rather than the KPI's as a whole.
 */
export function recordedSliExpr(matcher: string, window: string, instances = false): string {
  const aggregation = instances ? perInstance('sum') : 'sum';
  const overWindow = (fn: string, series: string) => `${aggregation}(${fn}(${series}[${window}]))`;
  const good = rateRecords(PROM_GOOD_RATE_RECORD_PREFIX, matcher);
  const total = rateRecords(PROM_TOTAL_RATE_RECORD_PREFIX, matcher);
  const slices = sliceRecords(matcher);
  return (
    `(${overWindow('sum_over_time', good)} / ${overWindow('sum_over_time', total)}) or ` +
    `(${overWindow('sum_over_time', slices)} / ${overWindow('count_over_time', slices)})`
  );
}

/**
 * The `count` instances of a KPI with the lowest SLI over a window, from its records: a per-label KPI's worst
 * routes, labelled with their groupBy labels; a KPI evaluated as one is its one series.
 */
export function recordedWorstInstancesExpr(matcher: string, window: string, count: number): string {
  return `bottomk(${count}, ${recordedSliExpr(matcher, window, true)})`;
}

/** The KPI's target as recorded (`northstar:kpi_objective:ratio`). */
export function recordedObjectiveExpr(matcher: string): string {
  return `max(${PROM_OBJECTIVE_RECORD}{${matcher}})`;
}

/**
 * The KPI ids that have recorded series, as a Grafana label_values query: the values of a dashboard's `kpi`
 * variable. The objective record exists for every published KPI whose rules are loaded.
 */
export const RECORDED_KPI_IDS_QUERY = `label_values(${PROM_OBJECTIVE_RECORD}, ${PROM_LABEL_KPI_ID})`;
