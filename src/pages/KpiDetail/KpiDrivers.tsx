import React, { useMemo } from 'react';
import { driversOf } from '../../kpi/catalog';
import { isSourcedSlo, isValueKpi, type CatalogKpi } from '../../kpi/model';
import type { Checked, PanelEvaluation, ValueReading } from '../../reading';
import type { Live } from '../common/useLiveLoad';
import { DriversSection, type OffTargetDays } from './DriversSection';
import { sloOffTargetDays, valueOffTargetDays } from './driverOverlapWords';
import { useDriversLive } from './useDriversLive';

interface Props {
  kpi: CatalogKpi;
  catalogKpis: readonly CatalogKpi[];
  /** The page's own readings of the KPI: its off-target days come from them, with no request of their own. */
  live: Live<Checked<PanelEvaluation>>;
  valueLive: Live<ValueReading>;
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

function offTargetOf(
  kpi: CatalogKpi,
  live: Live<Checked<PanelEvaluation>>,
  valueLive: Live<ValueReading>
): OffTargetDays {
  if (kpi.status !== 'published') {
    return { unavailable: 'Drafts and retired KPIs are not evaluated, so there are no days to compare.' };
  }
  if (isValueKpi(kpi)) {
    if (valueLive.status === 'done') {
      return { days: valueOffTargetDays(kpi, valueLive.value) };
    }
    return valueLive.status === 'error'
      ? { unavailable: `This KPI’s own queries failed, so its days are unknown: ${valueLive.message}` }
      : { loading: true };
  }
  if (isSourcedSlo(kpi)) {
    if (live.status === 'done') {
      return live.value.ok
        ? { days: sloOffTargetDays(kpi, live.value.value.counts) }
        : { unavailable: `This KPI’s own reading failed, so its days are unknown: ${live.value.problem.title}` };
    }
    return live.status === 'error'
      ? { unavailable: `This KPI’s own queries failed, so its days are unknown: ${live.message}` }
      : { loading: true };
  }
  return { unavailable: 'A composite’s days are not compared with its drivers’: open each member instead.' };
}
