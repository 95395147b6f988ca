/**
 * RuleCost knows how much one evaluation of a KPI's recording rules reads from Prometheus: the series each
 * selector touches and the samples it loads, before (every window evaluated from the user's queries, as the rules
 * did until the records) and now (rules.ts: the base window once, longer windows from the records). A model, not
 * a measurement: a range of length w over samples every d holds about w / d samples, and the alerting rules,
 * which read one recorded series per window either way, are left out.
 */
import { DEFAULT_SCRAPE_INTERVAL_MS, grafanaRateInterval, parseDuration } from '../time';
import { groupByOf, type KpiDefinition, maxInstancesOf } from '../model';
import { kpiWindows, sliceOf } from '../promql';
import { readsSums, sumSpansMs, sumTermCount } from './longWindows';
import { countDeltaExpr } from './counterDeltas';

export interface RuleCostOptions {
  /** Series each of the KPI's queries selects (its good and its total query each select this many). */
  rawSeries: number;
  scrapeIntervalMs?: number;
  /** Prometheus' global evaluation interval (default 1m); slice KPIs are evaluated once per slice instead. */
  evaluationIntervalMs?: number;
  /**
   * Instances of a per-label KPI (`indicator.groupBy`): every record is written once per instance. Defaults to
   * the KPI's `indicator.maxInstances`, the most it is meant to have; 1 for a KPI evaluated as one.
   */
  instances?: number;
}

export interface EvaluationCost {
  series: number;
  samples: number;
}

export interface RuleCost {
  before: EvaluationCost;
  after: EvaluationCost;
}

export const DEFAULT_EVALUATION_INTERVAL_MS = 60_000;

/** The cost of one evaluation of the recording rules of a KPI, before and now. */
export function ruleEvaluationCost(kpi: KpiDefinition, options: RuleCostOptions): RuleCost {
  const n = options.rawSeries;
  const scrapeMs = options.scrapeIntervalMs ?? DEFAULT_SCRAPE_INTERVAL_MS;
  const evaluationMs = options.evaluationIntervalMs ?? DEFAULT_EVALUATION_INTERVAL_MS;
  const { windowsMs } = kpiWindows(kpi);
  const slice = sliceOf(kpi);
  if (slice === undefined) {
    const [baseMs, ...longerMs] = windowsMs;
    const k = options.instances ?? instancesOf(kpi);
    const sumSpans = sumSpansMs(longerMs);
    const windowReads = (w: number) => (readsSums(w) ? sumTermCount(w) : 1);
    const windowSamples = (w: number) => (readsSums(w) ? sumTermCount(w) : w / evaluationMs);
    // the counts per minute read each raw series twice, now and a minute ago, one sample each (counterDeltas.ts)
    const counts = countsPerMinute(kpi, sumSpans) ? 4 * n : 0;
    return {
      // good and total over every window: the raw series hold every instance already
      before: { series: 2 * n * windowsMs.length, samples: 2 * n * sum(windowsMs.map((w) => w / scrapeMs)) },
      after: {
        // good and total over the base window; the base ratio reads one sample of each record; the daily (and
        // hourly) sums read their span of both records; a window shorter than a day reads a range of both
        // records, a longer one a sample of both sums per day (and odd hour); the records are per instance
        series: 2 * n + counts + k * (2 + 2 * sumSpans.length + 2 * sum(longerMs.map(windowReads))),
        samples:
          2 * n * (baseMs / scrapeMs) +
          counts +
          k * (2 + 2 * sum(sumSpans.map((span) => span / evaluationMs)) + 2 * sum(longerMs.map(windowSamples))),
      },
    };
  }
  const sliceMs = parseDuration(slice);
  const samplesPerQuery = n * (parseDuration(grafanaRateInterval(sliceMs, scrapeMs)) / scrapeMs);
  const slicesPerWindow = windowsMs.map((w) => w / sliceMs);
  return {
    // a subquery per window evaluates the query once per slice in it
    before: { series: n * sum(slicesPerWindow), samples: samplesPerQuery * sum(slicesPerWindow) },
    // the query once; every window reads the verdicts twice (sum_over_time and count_over_time)
    after: { series: n + 2 * windowsMs.length, samples: samplesPerQuery + 2 * sum(slicesPerWindow) },
  };
}

/** Whether the KPI records exact counts per minute for its sums (recording.ts): both queries sum one counter. */
function countsPerMinute(kpi: KpiDefinition, sumSpans: readonly number[]): boolean {
  const { indicator } = kpi;
  return (
    indicator.type === 'ratio' &&
    sumSpans.length > 0 &&
    countDeltaExpr(indicator.good) !== undefined &&
    countDeltaExpr(indicator.total) !== undefined
  );
}

function instancesOf(kpi: KpiDefinition): number {
  return groupByOf(kpi).length > 0 ? maxInstancesOf(kpi) : 1;
}

/** The series a KPI's rules write and keep in Prometheus' TSDB (the cost that grows with label values). */
export interface RecordedSeries {
  /**
   * Good and total rates, their counts per minute (when recorded), their daily (and hourly) sums and one error ratio
   * per window (ratio KPIs), or the slice verdict and the ratios.
   */
  perInstance: number;
  instances: number;
  /** perInstance × instances, plus the objective, which has no instances. */
  total: number;
}

export function recordedSeries(kpi: KpiDefinition, instances = instancesOf(kpi)): RecordedSeries {
  const { windowsMs } = kpiWindows(kpi);
  const sumSpans = sumSpansMs(windowsMs.slice(1));
  const counts = countsPerMinute(kpi, sumSpans) ? 2 : 0;
  const perInstance = (sliceOf(kpi) === undefined ? 2 + counts + 2 * sumSpans.length : 1) + windowsMs.length;
  return { perInstance, instances, total: perInstance * instances + 1 };
}

/**
 * "checkout-routes: 10 recorded series per route × 50 routes + 1 objective = 501 series" (per-label KPIs), or
 * "checkout: 11 recorded series" for a KPI evaluated as one.
 */
export function describeRecordedSeries(kpi: KpiDefinition, instances?: number): string {
  const cost = recordedSeries(kpi, instances);
  const groupBy = groupByOf(kpi);
  if (groupBy.length === 0) {
    return `${kpi.id}: ${cost.total} recorded series`;
  }
  const unit = groupBy.join(' × ');
  const count = cost.instances.toLocaleString('en-US');
  const bound =
    instances === undefined
      ? ` (assuming indicator.maxInstances of them; the rules record every value Prometheus has)`
      : '';
  return (
    `${kpi.id}: ${cost.perInstance} recorded series per ${unit} × ${count} ${unit} values${bound} + 1 objective = ` +
    `${cost.total.toLocaleString('en-US')} series`
  );
}

/** The cost of one evaluation of every published KPI's recording rules. */
export function catalogRuleCost(kpis: readonly KpiDefinition[], options: RuleCostOptions): RuleCost {
  const total: RuleCost = { before: { series: 0, samples: 0 }, after: { series: 0, samples: 0 } };
  for (const kpi of kpis) {
    if (kpi.status !== 'published') {
      continue;
    }
    const cost = ruleEvaluationCost(kpi, options);
    total.before.series += cost.before.series;
    total.before.samples += cost.before.samples;
    total.after.series += cost.after.series;
    total.after.samples += cost.after.samples;
  }
  return total;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
