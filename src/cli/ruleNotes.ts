/** The notes `northstar rules` writes on stderr beside the rules: what the generated file cannot say itself. */
import { formatDuration } from '../kpi/time';
import {
  type CatalogKpi,
  isCompositeKpi,
  isValueKpi,
  notPromqlKpiIds,
  notPromqlNote,
  queryLanguageOf,
} from '../kpi/model';
import { maintenanceRulesValidUntil } from '../kpi/promql';
import { sumsWarmUpMs } from '../kpi/rules';

/**
 * Says on stderr until when the rules follow the offset changes of each maintenance cron in a zone with daylight
 * saving time: they are written out for a horizon, after which the last offset goes on.
 */
export function noteOffsetChangeHorizons(
  file: string,
  kpis: readonly CatalogKpi[],
  generatedAtMs: number,
  err: (text: string) => void
): void {
  kpis.forEach((kpi, kpiIndex) => {
    if (kpi.status !== 'published' || isValueKpi(kpi)) {
      return;
    }
    for (const { index, timeZone, untilMs } of maintenanceRulesValidUntil(kpi, generatedAtMs)) {
      err(
        `${file}: note: kpis[${kpiIndex}] (${kpi.id}).maintenance[${index}].timeZone: the rules follow ` +
          `${timeZone}'s offset changes until ${new Date(untilMs).toISOString()}; regenerate them before then`
      );
    }
  });
}

/**
 * Says on stderr how long the daily sums take before the long windows cover their whole length, and how backfill
 * covers it: the base records first, then the sums, which read them.
 */
export function noteSumsWarmUp(
  file: string,
  kpis: readonly CatalogKpi[],
  skip: boolean | undefined,
  err: (text: string) => void
): void {
  const warmUps = kpis.map(sumsWarmUpMs).filter((ms): ms is number => ms !== undefined);
  if (warmUps.length === 0 || skip) {
    return;
  }
  err(
    `${file}: note: windows of a day and longer add up daily sums of the base records (northstar:kpi_*:sum1d), ` +
      `which start when the rules are loaded: they cover their whole length after ${formatDuration(Math.max(...warmUps))}. ` +
      'To have it at once, backfill the history with promtool tsdb create-blocks-from rules twice: first the ' +
      '--base-records file, then, with those blocks loaded, the --sum-records file'
  );
}

/**
 * The KPIs PromQL rules can be written for, and a note naming each published one left out as not applicable: its
 * queries are SQL or another data source's own model (eval --grafana evaluates it), or it is a composite with such
 * a member.
 */
export function promqlRuleKpis(kpis: readonly CatalogKpi[]): { kpis: CatalogKpi[]; notes: string[] } {
  const leftOut = notPromqlKpiIds(kpis);
  const notes = kpis.flatMap((kpi, index) =>
    leftOut.has(kpi.id) && kpi.status === 'published' && !isValueKpi(kpi)
      ? [`note: kpis[${index}] (${kpi.id}): ${notPromqlNote(kpi, 'Prometheus rules')}`]
      : []
  );
  return { kpis: kpis.filter((kpi) => !leftOut.has(kpi.id)), notes };
}

/** A ratio or value KPI over SQL: Grafana-managed rules run its SQL with server-side expressions. */
function hasSqlGrafanaRules(kpi: CatalogKpi): boolean {
  return (
    !isCompositeKpi(kpi) &&
    queryLanguageOf(kpi.datasource.type) === 'sql' &&
    (isValueKpi(kpi) || kpi.indicator.type === 'ratio')
  );
}

/**
 * The KPIs Grafana-managed rules can be written for: PromQL KPIs, and ratio and value KPIs over SQL (their SQL
 * with server-side expressions); a note names each published one left out.
 */
export function grafanaRuleKpis(kpis: readonly CatalogKpi[]): { kpis: CatalogKpi[]; notes: string[] } {
  const promqlOnly = notPromqlKpiIds(kpis);
  const leftOut = new Set([...promqlOnly].filter((id) => !hasSqlGrafanaRules(kpis.find((kpi) => kpi.id === id)!)));
  const notes = kpis.flatMap((kpi, index) => {
    if (!leftOut.has(kpi.id) || kpi.status !== 'published') {
      return [];
    }
    const why =
      !isCompositeKpi(kpi) && queryLanguageOf(kpi.datasource.type) === 'sql'
        ? `not applicable: Grafana-managed rules over SQL are made for ratio and value KPIs so far, and its ` +
          `indicator is ${kpi.indicator.type}`
        : notPromqlNote(kpi, 'Grafana-managed rules for it');
    return [`note: kpis[${index}] (${kpi.id}): ${why}`];
  });
  kpis.forEach((kpi, index) => {
    if (kpi.status === 'published' && hasSqlGrafanaRules(kpi) && (kpi.maintenance?.length ?? 0) > 0) {
      notes.push(
        `note: kpis[${index}] (${kpi.id}).maintenance: the rules over SQL count the events of its maintenance ` +
          'windows too; silence them with a Grafana mute timing'
      );
    }
  });
  return { kpis: kpis.filter((kpi) => !leftOut.has(kpi.id)), notes };
}
