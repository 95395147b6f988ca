import { useEffect, useState } from 'react';
import { refreshCatalog, type CatalogRowResult } from '../../data/catalogQuery';
import { fetchKpiRanges } from '../../data/kpiRangeQuery';
import { dailyBurnRates, rangeStepMs } from '../../kpi/evaluate';
import { isSourcedSlo, type CatalogKpi } from '../../kpi/model';
import { evaluatePanel, specForKpi } from '../../reading';

export type DriversLive =
  | { status: 'idle' }
  | { status: 'loading' }
  | {
      status: 'done';
      /** Each driver's status and figures, from the catalog's own refresh: the numbers the list shows. */
      results: ReadonlyMap<string, CatalogRowResult>;
      /** SLO drivers' days with a daily burn rate above 1; a driver whose range failed or held no events is missing. */
      burning: ReadonlyMap<string, number[]>;
    };

/**
 * A KPI's drivers read live: their statuses as the catalog's refresh reads them (one request per data source), and
 * the SLO drivers' ranges over their windows in one more batched request, from which their burning days come.
 * Runs again when the drivers or `refreshKey` change; nothing runs without drivers.
 */
export function useDriversLive(
  drivers: readonly CatalogKpi[],
  catalog: readonly CatalogKpi[],
  refreshKey = 0
): DriversLive {
  const [answer, setAnswer] = useState<{ key: string; value: DriversLive }>();
  const key = `${refreshKey}|${drivers.map((kpi) => `${kpi.id}@${kpi.version}`).join(',')}`;

  useEffect(() => {
    const live = drivers.filter((kpi) => kpi.status === 'published');
    if (live.length === 0) {
      return;
    }
    let current = true;
    const atMs = Date.now();
    const slos = live.filter(isSourcedSlo);
    const stepMs = Math.max(...slos.map((kpi) => rangeStepMs(kpi)), 0);
    Promise.all([refreshCatalog(live, atMs, catalog), slos.length ? fetchKpiRanges(slos, stepMs, atMs) : []]).then(
      ([rows, ranges]) => {
        if (!current) {
          return;
        }
        const burning = new Map<string, number[]>();
        ranges.forEach((range, i) => {
          if (range instanceof Error) {
            return;
          }
          const reading = evaluatePanel(specForKpi(slos[i], range.refIds, true), {
            series: range.frames,
            timeRange: range.timeRange,
            fallbackStepMs: range.stepMs,
            queriedRefIds: range.queriedRefIds,
            queryErrors: range.errors,
          });
          const days = reading.ok ? dailyBurnRates(reading.value.counts, slos[i].objective.target) : [];
          // A driver without a single day of events is unread, not "never burning".
          if (days.length > 0) {
            burning.set(
              slos[i].id,
              days.filter((day) => day.value > 1).map((day) => day.dayMs)
            );
          }
        });
        const results = new Map(rows.map((row) => [row.kpiId, row]));
        setAnswer({ key, value: { status: 'done', results, burning } });
      }
    );
    return () => {
      current = false;
    };
    // The key names the drivers and the refresh: a new array of the same drivers is no reason to ask again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  if (!drivers.some((kpi) => kpi.status === 'published')) {
    return IDLE;
  }
  return answer?.key === key ? answer.value : LOADING;
}

const IDLE: DriversLive = { status: 'idle' };
const LOADING: DriversLive = { status: 'loading' };
