/**
 * Which KPIs have had no data for a week (the article's "stale KPIs" to prune). One instant query per KPI asks
 * Prometheus itself whether the series a KPI counts on had any sample in the 7 days before the evaluation:
 *   present_over_time((sum(rate(requests_total[1h1m])))[7d:1h])
 * The subquery steps by the hour with a rate window of an hour and a scrape, so it covers the week without a gap,
 * and it costs 168 evaluations of the query however long the KPI's window is: far less than the range read.
 */
import { expandGrafanaMacros, formatDuration, grafanaRateInterval } from '../kpi/time';
import { type CatalogKpi, isCompositeKpi, isValueKpi, promqlOf } from '../kpi/model';
import { PrometheusError, type PrometheusClient } from './prometheus';

export const STALE_AFTER_MS = 7 * 86_400_000;
const PROBE_STEP_MS = 3_600_000;

/**
 * The PromQL whose absence means the KPI has nothing to count: its total, its value, its denominator; undefined for
 * a composite and for queries of other data sources, which this Prometheus probe cannot ask.
 */
function countedQuery(kpi: CatalogKpi): string | undefined {
  if (isCompositeKpi(kpi)) {
    return undefined;
  }
  const { indicator } = kpi;
  if (isValueKpi(kpi)) {
    return promqlOf(kpi.indicator.denominator ?? kpi.indicator.query);
  }
  return promqlOf(indicator.type === 'ratio' ? indicator.total : indicator.query);
}

/** The instant query that is empty exactly when `query` had no sample in the week before. */
export function presenceQuery(query: string, scrapeIntervalMs: number): string {
  const expanded = expandGrafanaMacros(query, {
    rateInterval: grafanaRateInterval(PROBE_STEP_MS, scrapeIntervalMs),
    interval: formatDuration(PROBE_STEP_MS),
    range: formatDuration(STALE_AFTER_MS),
  });
  return `present_over_time((${expanded})[${formatDuration(STALE_AFTER_MS)}:${formatDuration(PROBE_STEP_MS)}])`;
}

/**
 * The ids of the KPIs among `kpis` without data in the 7 days before `atMs`; a composite is stale when every member
 * is. A KPI whose probe Prometheus refuses is left out: its evaluation already says why it has no data.
 */
export async function staleKpiIds(
  client: PrometheusClient,
  kpis: readonly CatalogKpi[],
  catalog: readonly CatalogKpi[],
  options: { atMs: number; scrapeIntervalMs: number }
): Promise<Set<string>> {
  const byId = new Map(catalog.map((kpi) => [kpi.id, kpi]));
  const known = new Map<string, boolean>();
  const isStale = async (kpi: CatalogKpi): Promise<boolean | undefined> => {
    if (isCompositeKpi(kpi)) {
      const members = kpi.indicator.members.flatMap(({ kpi: id }) => byId.get(id) ?? []);
      const verdicts = [];
      for (const member of members) {
        verdicts.push(await isStale(member));
      }
      return verdicts.length > 0 && verdicts.every((verdict) => verdict === true);
    }
    if (!known.has(kpi.id)) {
      const query = countedQuery(kpi);
      try {
        known.set(
          kpi.id,
          query !== undefined &&
            (await client.instant(presenceQuery(query, options.scrapeIntervalMs), options.atMs)) === null
        );
      } catch (error) {
        if (!(error instanceof PrometheusError)) {
          throw error;
        }
        return undefined;
      }
    }
    return known.get(kpi.id);
  };
  const stale = new Set<string>();
  for (const kpi of kpis) {
    if (await isStale(kpi)) {
      stale.add(kpi.id);
    }
  }
  return stale;
}
