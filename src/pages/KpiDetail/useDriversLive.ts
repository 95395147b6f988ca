import { useEffect, useState } from 'react';
import type { CatalogRowResult } from '../../data/catalogQuery';
import { refreshDrivers } from '../../data/driversQuery';
import type { CatalogKpi } from '../../kpi/model';
import { driverBadDays } from './driverDays';

export type DriversLive =
  | { status: 'idle' }
  | { status: 'loading' }
  | {
      status: 'done';
      /** Each driver's status and figures, from the catalog's own refresh: the numbers the list shows. */
      results: ReadonlyMap<string, CatalogRowResult>;
      /**
       * Drivers' bad days: an SLO's with a daily burn rate above 1, a value KPI's short of its target. A driver
       * whose reading failed or held no day is missing.
       */
      badDays: ReadonlyMap<string, number[]>;
    };

/**
 * A KPI's drivers read live: their statuses as the catalog's refresh reads them and the SLO drivers' ranges over
 * their windows, in one request per data source (refreshDrivers), and from those each driver's bad days.
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
    refreshDrivers(live, Date.now(), catalog).then((reading) => {
      if (current) {
        const results = new Map(reading.rows.map((row) => [row.kpiId, row]));
        setAnswer({ key, value: { status: 'done', results, badDays: driverBadDays(live, reading) } });
      }
    });
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
