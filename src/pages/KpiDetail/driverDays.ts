/**
 * Each driver's bad days, the ones the overlap compares with the KPI's off-target days: an SLO's days with a daily
 * burn rate above 1 (from its range), a value KPI's days short of its target (from its catalog row's reading).
 */
import { dailyBurnRates } from '../../kpi/evaluate';
import {
  type CatalogKpi,
  isSourcedSlo,
  isValueKpi,
  type KpiDefinition,
  type ValueKpiDefinition,
} from '../../kpi/model';
import { evaluatePanel, specForKpi } from '../../reading';
import type { CatalogRowResult } from '../../data/catalogQuery';
import type { DriversReading } from '../../data/driversQuery';
import type { KpiRange } from '../../data/kpiRangeQuery';
import { valueDriverMissedDays } from './driverOverlapWords';

/**
 * Bad days per driver id. A driver left out is unread: its range or row failed, or not one day had events or a
 * value, which is not the same as never having a bad day.
 */
export function driverBadDays(drivers: readonly CatalogKpi[], { rows, ranges }: DriversReading): Map<string, number[]> {
  const badDays = new Map<string, number[]>();
  for (const driver of drivers) {
    const days = isSourcedSlo(driver)
      ? sloBadDays(driver, ranges.get(driver.id))
      : isValueKpi(driver)
        ? valueBadDays(
            driver,
            rows.find((row) => row.kpiId === driver.id)
          )
        : undefined;
    if (days) {
      badDays.set(driver.id, days);
    }
  }
  return badDays;
}

function sloBadDays(driver: KpiDefinition, range: KpiRange | Error | undefined): number[] | undefined {
  if (!range || range instanceof Error) {
    return undefined;
  }
  const reading = evaluatePanel(specForKpi(driver, range.refIds, true), {
    series: range.frames,
    timeRange: range.timeRange,
    fallbackStepMs: range.stepMs,
    queriedRefIds: range.queriedRefIds,
    queryErrors: range.errors,
  });
  const days = reading.ok ? dailyBurnRates(reading.value.counts, driver.objective.target) : [];
  return days.length === 0 ? undefined : days.filter((day) => day.value > 1).map((day) => day.dayMs);
}

function valueBadDays(driver: ValueKpiDefinition, row: CatalogRowResult | undefined): number[] | undefined {
  return row?.value ? valueDriverMissedDays(driver, row.value) : undefined;
}
