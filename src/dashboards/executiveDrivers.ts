/**
 * A business KPI's drivers on the executive dashboard (the KPI tree, `drivenBy`): under the KPI's own panels, in its
 * row, one status panel per driver, so a wall screen shows conversion next to the search latency and checkout
 * availability that drive it. An SLO driver gets the Northstar panel's stat (SLI vs target, budget left), a value
 * driver its value stat; composites and drivers outside Prometheus are left out, as in the rest of the dashboard.
 */
import type { DataSourceRef, Panel } from '@grafana/schema';
import { driversOf } from '../kpi/catalog';
import { type CatalogKpi, isSourcedSlo, isValueKpi, type KpiDefinition, type ValueKpiDefinition } from '../kpi/model';
import { valueStatPanel } from './executiveValue';
import type { Unplaced } from './layout';
import { northstarPanel } from './panels';

const DRIVER_PANEL_HEIGHT = 6;
/** Four drivers share a line; more wrap to the next. */
const NARROWEST_DRIVER_PANEL = 6;
const GRID_COLUMNS = 24;

/** The title says what the panel is to the row it sits in. */
export const driverPanelTitle = (driver: CatalogKpi): string => `Driver: ${driver.name} · owner ${driver.owner}`;

export function driverPanels(
  kpi: CatalogKpi,
  catalog: readonly CatalogKpi[],
  datasourceOf: (kpi: KpiDefinition | ValueKpiDefinition) => DataSourceRef,
  scrapeIntervalMs: number
): Array<Unplaced<Panel>> {
  const drivers = driversOf(kpi, new Map(catalog.map((other) => [other.id, other]))).filter(
    (driver): driver is KpiDefinition | ValueKpiDefinition =>
      driver.status === 'published' &&
      (isSourcedSlo(driver) || isValueKpi(driver)) &&
      driver.datasource.type === 'prometheus'
  );
  const w = Math.max(NARROWEST_DRIVER_PANEL, Math.floor(GRID_COLUMNS / Math.max(1, drivers.length)));
  const size = { w, h: DRIVER_PANEL_HEIGHT };
  return drivers.map((driver) => {
    const datasource = datasourceOf(driver);
    const panel = isValueKpi(driver)
      ? { ...valueStatPanel(driver, datasource, scrapeIntervalMs), size }
      : northstarPanel(driver, 'stat', '', datasource, size, { scrapeIntervalMs });
    return {
      ...panel,
      title: driverPanelTitle(driver),
      description: `Drives ${kpi.name}. ${panel.description ?? ''}`.trim(),
    };
  });
}
