import React, { useMemo } from 'react';
import { driversOf } from '../../kpi/catalog';
import { isSourcedSlo, isValueKpi, type CatalogKpi } from '../../kpi/model';
import type { LiveEvaluation } from '../common/useKpiLiveEvaluation';
import type { ValueLiveEvaluation } from '../common/useValueLiveEvaluation';
import { DriversSection, type OffTargetDays } from './DriversSection';
import { sloOffTargetDays, valueOffTargetDays } from './driverOverlapWords';
import { useDriversLive } from './useDriversLive';

interface Props {
  kpi: CatalogKpi;
  catalogKpis: readonly CatalogKpi[];
  /** The page's own readings of the KPI: its off-target days come from them, with no request of their own. */
  live: LiveEvaluation;
  valueLive: ValueLiveEvaluation;
  refreshKey: number;
}

/** The KPI page's drivers: nothing for a KPI without `drivenBy`, otherwise the section with their live data. */
export function KpiDrivers({ kpi, catalogKpis, live, valueLive, refreshKey }: Props) {
  const drivers = useMemo(
    () => driversOf(kpi, new Map(catalogKpis.map((other) => [other.id, other]))),
    [kpi, catalogKpis]
  );
  const driversLive = useDriversLive(drivers, catalogKpis, refreshKey);
  const offTarget = useMemo(() => offTargetOf(kpi, live, valueLive), [kpi, live, valueLive]);
  if (drivers.length === 0) {
    return null;
  }
  return <DriversSection kpi={kpi} drivers={drivers} live={driversLive} offTarget={offTarget} />;
}

function offTargetOf(kpi: CatalogKpi, live: LiveEvaluation, valueLive: ValueLiveEvaluation): OffTargetDays {
  if (kpi.status !== 'published') {
    return { unavailable: 'Drafts and retired KPIs are not evaluated, so there are no days to compare.' };
  }
  if (isValueKpi(kpi)) {
    if (valueLive.status === 'done') {
      return { days: valueOffTargetDays(kpi, valueLive.reading) };
    }
    return valueLive.status === 'error'
      ? { unavailable: `This KPI’s own queries failed, so its days are unknown: ${valueLive.message}` }
      : { loading: true };
  }
  if (isSourcedSlo(kpi)) {
    if (live.status === 'done') {
      return live.result.ok
        ? { days: sloOffTargetDays(kpi, live.result.value.counts) }
        : { unavailable: `This KPI’s own reading failed, so its days are unknown: ${live.result.problem.title}` };
    }
    return live.status === 'error'
      ? { unavailable: `This KPI’s own queries failed, so its days are unknown: ${live.message}` }
      : { loading: true };
  }
  return { unavailable: 'A composite’s days are not compared with its drivers’: open each member instead.' };
}
