/**
 * A business KPI's drivers on the executive dashboard (the KPI tree, `drivenBy`): under the KPI's own panels, in its
 * row, one status panel per driver, so a wall screen shows conversion next to the search latency and checkout
 * availability that drive it. A PromQL SLO driver gets the Northstar panel's stat (SLI vs target, budget left), a
 * PromQL value driver its value stat; a SQL driver the panel its own executive row leads with (sqlDashboards.ts), on
 * its own data source. A driver no panel can show (a composite, a data source Northstar cannot query) keeps its
 * place in the row as a note that says so.
 */
import type { DataSourceRef, Panel } from '@grafana/schema';
import { driversOf } from '../kpi/catalog';
import {
  type CatalogKpi,
  isSourcedSlo,
  isValueKpi,
  type KpiDefinition,
  queryLanguageOf,
  type ValueKpiDefinition,
} from '../kpi/model';
import { valueStatPanel } from './executiveValue';
import type { Unplaced } from './layout';
import { northstarPanel } from './panels';
import { notePanel, sqlSloStatPanel, sqlValueTile } from './sqlDashboards';

const DRIVER_PANEL_HEIGHT = 6;
/** Four drivers share a line; more wrap to the next. */
const NARROWEST_DRIVER_PANEL = 6;
const GRID_COLUMNS = 24;

type Size = { w: number; h: number };

/** The title says what the panel is to the row it sits in. */
export const driverPanelTitle = (driver: CatalogKpi): string => `Driver: ${driver.name} · owner ${driver.owner}`;

/** Why a driver has no status panel. Fixed words: the note is Markdown, so no catalog text goes into it. */
export const COMPOSITE_DRIVER_NOTE =
  'A composite KPI has no status panel of its own here: it is read from its members, in its own row of the ' +
  'executive overview.';
export const UNQUERIED_DRIVER_NOTE =
  'This KPI’s data source is neither Prometheus nor SQL, so no panel here can read it; its page in the app shows it.';

export function driverPanels(
  kpi: CatalogKpi,
  catalog: readonly CatalogKpi[],
  datasourceOf: (kpi: KpiDefinition | ValueKpiDefinition) => DataSourceRef,
  scrapeIntervalMs: number
): Array<Unplaced<Panel>> {
  const drivers = driversOf(kpi, new Map(catalog.map((other) => [other.id, other]))).filter(
    (driver) => driver.status === 'published'
  );
  const w = Math.max(NARROWEST_DRIVER_PANEL, Math.floor(GRID_COLUMNS / Math.max(1, drivers.length)));
  const size = { w, h: DRIVER_PANEL_HEIGHT };
  return drivers.map((driver) => {
    const panel = statusPanel(driver, datasourceOf, scrapeIntervalMs, size);
    return {
      ...panel,
      title: driverPanelTitle(driver),
      description: `Drives ${kpi.name}. ${panel.description ?? ''}`.trim(),
    };
  });
}

/** The driver's status as its own executive row shows it, or a note on why none can. */
function statusPanel(
  driver: CatalogKpi,
  datasourceOf: (kpi: KpiDefinition | ValueKpiDefinition) => DataSourceRef,
  scrapeIntervalMs: number,
  size: Size
): Unplaced<Panel> {
  if (!isSourcedSlo(driver) && !isValueKpi(driver)) {
    return notePanel(size, COMPOSITE_DRIVER_NOTE);
  }
  const datasource = datasourceOf(driver);
  switch (queryLanguageOf(driver.datasource.type)) {
    case 'promql':
      return isValueKpi(driver)
        ? { ...valueStatPanel(driver, datasource, scrapeIntervalMs), size }
        : northstarPanel(driver, 'stat', '', datasource, size, { scrapeIntervalMs });
    case 'sql':
      return isValueKpi(driver) ? sqlValueTile(driver, datasource, size) : sqlSloStatPanel(driver, datasource, size);
    default:
      return notePanel(size, UNQUERIED_DRIVER_NOTE);
  }
}
