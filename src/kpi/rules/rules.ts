/**
 * Prometheus recording and alerting rules for published KPIs, returned as plain data (YAML is written by src/cli).
 * One group per KPI, so that an incident fires one page (and at most one ticket) instead of one alert per window:
 *
 * - ratio KPIs record the good and total rates once, over the base window (the shortest policy window, 5m for the
 *   default policy): `northstar:kpi_good:rate5m`, `northstar:kpi_total:rate5m`. Every error ratio
 *   `northstar:kpi_error_ratio:rate<w>` is derived from those two records: the base window directly, every longer
 *   window as 1 − sum_over_time(good[w]) / sum_over_time(total[w]).
 * - threshold and timeslice KPIs record whether each slice was good (`northstar:kpi_slice_good:bool`, 1 or 0) once
 *   per slice (the group's `interval` is the slice), and derive every window as the share of bad slices in it.
 * - windows of a day and longer add up daily sums of exact counts per minute (longWindows.ts, counterDeltas.ts), which
 *   assume Prometheus' default evaluation interval of a minute.
 * - the objective as a metadata rule, then one alerting rule per severity whose policy rows are OR-ed.
 *
 * Each family has its file: recording.ts, metadata.ts, alerts.ts; the PromQL they share is in src/kpi/promql.
 *
 * What it costs, per evaluation of one ratio KPI whose good and total queries each select N raw series, with W
 * windows (8 for the default policy: 7 policy windows and the SLO window), scrape interval s, evaluation
 * interval e:
 *   before (the user's queries evaluated over every window): 2·N·W series, 2·N·Σ(w / s) samples;
 *   now (base window once, exact counts per minute, windows under a day from the records, longer ones from daily
 *   sums of the counts, longWindows.ts):
 *   2·N·(5m / s) + 4·N + 2 + 2·(1d / e) + 2·Σ_{w<1d}(w / e) + 2·Σ_{w≥1d}(w / 1d) samples.
 * For N = 100, s = 15s, e = 1m and a 30d SLO: 39.6 million → 8,490 samples (103,062 before the daily sums).
 * `ruleCost.ts` computes these figures, `npm run bench` prints them for whole catalogs and `npm run bench:rules`
 * measures them in a real Prometheus.
 *
 * Warm-up: a derived window only sees the base records Prometheus has kept since the rules were loaded, so the 1h
 * ratio covers one hour after one hour; windows of a day and longer add up daily sums, which exist only from the
 * rules' loading on, so the SLO-window ratio covers the whole SLO window only after that long (28d for a 28d SLO),
 * even when the base records were backfilled, unless the sums are backfilled after them (sumRecordGroups). Until
 * then each window reports the ratio of the history it has. Windows select the records by `kpi_id` alone and add
 * up across `kpi_version`s, so publishing a new version does not start the warm-up again (counts recorded under
 * the previous version stay in the windows until they age out).
 */
import { DEFAULT_SCRAPE_INTERVAL_MS } from '../time';
import {
  type CatalogKpi,
  type CompositeKpiDefinition,
  fnv1a32,
  isCompositeKpi,
  isValueKpi,
  type KpiDefinition,
  PROM_GOOD_INCREASE_RECORD_PREFIX,
  PROM_GOOD_RATE_RECORD_PREFIX,
  PROM_GOOD_SUM_RECORD_PREFIX,
  PROM_MAINTENANCE_RECORD,
  PROM_OBJECTIVE_RECORD,
  PROM_SLICE_GOOD_RECORD,
  PROM_TOTAL_INCREASE_RECORD_PREFIX,
  PROM_TOTAL_RATE_RECORD_PREFIX,
  PROM_TOTAL_SUM_RECORD_PREFIX,
  PROM_VALUE_DENOMINATOR_RECORD_PREFIX,
  PROM_VALUE_NUMERATOR_RECORD_PREFIX,
  PROM_VALUE_QUERY_RECORD_PREFIX,
  PROM_VALUE_TARGET_RECORD,
} from '../model';
import { valueRuleGroup } from './valueRules';
import { resolveMembers } from '../evaluate';
import { copyGroup, type MimirRuleFile, type PrometheusRuleFile, type RuleGroup } from './ruleGroup';
import { ratioRecordingRules, sliceRecordingRules, compositeErrorRatioExpr } from './recording';
import { objectiveRules, maintenanceRecordingRules } from './metadata';
import { burnRateAlertRules, absentDataAlertRules } from './alerts';
import { errorRatioRecordName, kpiLabels, kpiWindows, maintenanceCondition, sliceOf } from '../promql';

const GROUP_NAME_PREFIX = 'northstar-kpi-';

export interface RuleGenerationOptions {
  /** Scrape interval of the KPIs' Prometheus, used for `$__rate_interval` inside timeslice queries. */
  scrapeIntervalMs?: number;
  /** Where composites find their members: the whole catalog, when the KPIs given are a part of it (a shard). */
  catalog?: readonly CatalogKpi[];
  /**
   * When the rules are generated (default now): a cron in a zone with daylight saving time follows the zone's
   * offset changes from a year before to ten years after (maintenanceRules.ts).
   */
  generatedAtMs?: number;
}

/**
 * One rule group per published KPI; drafts and retired KPIs have no rules. A value KPI, which has no error budget
 * to burn, records its value over the period and alerts when it is off-track (valueRules.ts).
 */
export function generateRuleGroups(kpis: readonly CatalogKpi[], options: RuleGenerationOptions = {}): RuleGroup[] {
  const scrapeIntervalMs = options.scrapeIntervalMs ?? DEFAULT_SCRAPE_INTERVAL_MS;
  const catalog = options.catalog ?? kpis;
  const generatedAtMs = options.generatedAtMs ?? Date.now();
  return kpis
    .filter((kpi) => kpi.status === 'published')
    .map((kpi) =>
      isValueKpi(kpi)
        ? namingKpi(kpi, () => valueRuleGroup(kpi, ruleGroupName(kpi.id), generatedAtMs))
        : isCompositeKpi(kpi)
          ? compositeRuleGroup(kpi, catalog, generatedAtMs)
          : kpiRuleGroup(kpi, scrapeIntervalMs, generatedAtMs)
    );
}

/**
 * The groups with their base records only: good and total rates, slice verdicts and the objective, each computed
 * from the user's series alone. These are what `promtool tsdb create-blocks-from rules` can backfill, because it
 * evaluates every rule against the raw series and so leaves rules on other records without history; they are
 * also all that dashboards on recorded series read (recordedQueries.ts). Alerts and derived ratios are left out.
 */
export function baseRecordGroups(groups: readonly RuleGroup[]): RuleGroup[] {
  return groups.map((group) => ({
    ...group,
    rules: group.rules.filter((rule) => 'record' in rule && isBaseRecord(rule.record)),
  }));
}

/**
 * The groups with their daily and hourly sums only (longWindows.ts), for a second `promtool tsdb create-blocks-from
 * rules` pass once the base records are backfilled: the sums read the base records, so the first pass cannot
 * compute them, and without them the windows of a day and longer only cover the time since the rules were loaded.
 * Groups without sums (slice KPIs, composites) are left out.
 */
export function sumRecordGroups(groups: readonly RuleGroup[]): RuleGroup[] {
  return groups
    .map((group) => ({
      ...group,
      rules: group.rules.filter(
        (rule) =>
          'record' in rule &&
          (rule.record.startsWith(PROM_GOOD_SUM_RECORD_PREFIX) || rule.record.startsWith(PROM_TOTAL_SUM_RECORD_PREFIX))
      ),
    }))
    .filter((group) => group.rules.length > 0);
}

function isBaseRecord(name: string): boolean {
  return (
    name.startsWith(PROM_GOOD_RATE_RECORD_PREFIX) ||
    name.startsWith(PROM_TOTAL_RATE_RECORD_PREFIX) ||
    name.startsWith(PROM_GOOD_INCREASE_RECORD_PREFIX) ||
    name.startsWith(PROM_TOTAL_INCREASE_RECORD_PREFIX) ||
    name === PROM_SLICE_GOOD_RECORD ||
    name === PROM_OBJECTIVE_RECORD ||
    name === PROM_MAINTENANCE_RECORD ||
    name.startsWith(PROM_VALUE_NUMERATOR_RECORD_PREFIX) ||
    name.startsWith(PROM_VALUE_DENOMINATOR_RECORD_PREFIX) ||
    name.startsWith(PROM_VALUE_QUERY_RECORD_PREFIX) ||
    name === PROM_VALUE_TARGET_RECORD
  );
}

/** The plain object of a rule file; optional fields that are unset are left out rather than written as null. */
export function ruleGroupsToPrometheusFile(groups: RuleGroup[]): PrometheusRuleFile {
  return { groups: groups.map(copyGroup) };
}

/** The same groups under a `namespace:`, as mimirtool and cortextool read them. */
export function ruleGroupsToMimirFile(groups: RuleGroup[], namespace: string): MimirRuleFile {
  return { namespace, groups: groups.map(copyGroup) };
}

/** The rule-group name of a KPI: `northstar-kpi-<id>`. */
export function ruleGroupName(kpiId: string): string {
  return `${GROUP_NAME_PREFIX}${kpiId}`;
}

/**
 * The shard (0 … shards − 1) a KPI's rules go to: a hash of its id, so a KPI stays in its file when others are
 * added or removed. Changing the number of shards moves most KPIs.
 */
export function shardOf(kpiId: string, shards: number): number {
  if (!Number.isInteger(shards) || shards < 1) {
    throw new Error(`${shards} shards: give a whole number of at least 1`);
  }
  return fnv1a32(kpiId) % shards;
}

/** Runs `build`, and names the KPI in any error it throws: "rules for KPI checkout: maintenance[1]…". */
function namingKpi<T>(kpi: CatalogKpi, build: () => T): T {
  try {
    return build();
  } catch (error) {
    throw new Error(`rules for KPI ${kpi.id}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function kpiRuleGroup(kpi: KpiDefinition, scrapeIntervalMs: number, generatedAtMs: number): RuleGroup {
  return namingKpi(kpi, () => {
    const { sloWindowMs, policy, windowsMs } = kpiWindows(kpi);
    const slice = sliceOf(kpi);
    const maintenance = maintenanceCondition(kpi, generatedAtMs);
    const recording =
      kpi.indicator.type === 'ratio'
        ? ratioRecordingRules(kpi, kpi.indicator, windowsMs, maintenance)
        : sliceRecordingRules(kpi, kpi.indicator, windowsMs, scrapeIntervalMs, maintenance);
    return {
      name: ruleGroupName(kpi.id),
      ...(slice !== undefined ? { interval: slice } : {}),
      rules: [
        ...maintenanceRecordingRules(kpi, maintenance),
        ...recording,
        ...objectiveRules(kpi),
        ...burnRateAlertRules(kpi, policy, sloWindowMs, windowsMs[0]),
        ...absentDataAlertRules(kpi, windowsMs[0]),
      ],
    };
  });
}

/**
 * A composite's group: per window of its own policy and SLO window, its error ratio from its members' base
 * records (compositeErrorRatioExpr), then the usual objective and burn-rate alerts on it. It reads the members'
 * base records, which every published member records in its own group, so it needs no query of its own.
 */
function compositeRuleGroup(
  kpi: CompositeKpiDefinition,
  catalog: readonly CatalogKpi[],
  generatedAtMs: number
): RuleGroup {
  return namingKpi(kpi, () => {
    const resolved = resolveMembers(kpi, catalog);
    if (!resolved.ok) {
      throw new Error(resolved.error);
    }
    const { sloWindowMs, policy, windowsMs } = kpiWindows(kpi);
    const labels = kpiLabels(kpi);
    return {
      name: ruleGroupName(kpi.id),
      rules: [
        // The composite's own windows hold its alerts; its members' windows already leave their base records.
        ...maintenanceRecordingRules(kpi, maintenanceCondition(kpi, generatedAtMs)),
        ...windowsMs.map((windowMs) => ({
          record: errorRatioRecordName(windowMs),
          expr: compositeErrorRatioExpr(resolved.members, windowMs),
          labels,
        })),
        ...objectiveRules(kpi),
        ...burnRateAlertRules(kpi, policy, sloWindowMs, windowsMs[0]),
        ...absentDataAlertRules(kpi, windowsMs[0]),
      ],
    };
  });
}
