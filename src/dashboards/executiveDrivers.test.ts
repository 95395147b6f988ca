import type { Panel, RowPanel } from '@grafana/schema';
import type { CatalogKpi } from '../kpi/model';
import { latencyKpi, ratioKpi } from '../testing/dashboardKpis';
import { conversionKpi, monthlyOrdersKpi } from '../testing/valueKpis';
import { buildExecutiveDashboard } from './executive';
import { catalogDashboards } from './generate';
import { validateDashboard } from './validateDashboard';

const checkout = ratioKpi();
const search = latencyKpi();
const conversion = { ...conversionKpi(), drivenBy: [search.id, checkout.id] };
const orders = monthlyOrdersKpi();
const catalog: CatalogKpi[] = [checkout, search, conversion, orders];

/** The dashboard as rows, each with its panels' titles, in the order a reader meets them. */
function rowsOf(panels: Array<Panel | RowPanel>): Array<[string, string[]]> {
  const rows: Array<[string, string[]]> = [];
  for (const panel of panels) {
    if (panel.type === 'row') {
      rows.push([panel.title ?? '', []]);
    } else {
      rows[rows.length - 1]?.[1].push(panel.title ?? '');
    }
  }
  return rows;
}

describe('the executive dashboard grouped by drivers', () => {
  const dashboard = buildExecutiveDashboard([checkout, search], { valueKpis: [conversion, orders], catalog });
  const rows = new Map(rowsOf(dashboard.panels ?? []));

  test('a business KPI’s row holds its own panels, then one status panel per driver in drivenBy order', () => {
    const titles = rows.get('Shop conversion · owner team-growth')!;
    // Its own: the Northstar panel (value vs target with the change) and the trend.
    expect(titles.slice(0, 2)).toEqual(['Shop conversion vs target', 'Shop conversion: trend vs target']);
    expect(titles.slice(2)).toEqual([
      `Driver: ${search.name} · owner ${search.owner}`,
      `Driver: ${checkout.name} · owner ${checkout.owner}`,
    ]);
    expect(validateDashboard(dashboard)).toEqual([]);
  });

  test('the driver panels are the Northstar stat of each SLO, half the width each, on a line below the KPI', () => {
    const drivers = (dashboard.panels as Panel[]).filter((panel) => panel.title?.startsWith('Driver: '));
    expect(drivers.map((panel) => [panel.type, panel.gridPos?.w, panel.gridPos?.x])).toEqual([
      ['northstar-kpi-panel', 12, 0],
      ['northstar-kpi-panel', 12, 12],
    ]);
    expect(drivers.map((panel) => (panel.options as { kpiId?: string }).kpiId)).toEqual([search.id, checkout.id]);
    expect(drivers[0].description).toMatch(/^Drives Shop conversion\./);
    const [conversionStat] = (dashboard.panels as Panel[]).filter((panel) => panel.title?.startsWith('Shop conversion:'));
    expect(drivers[0].gridPos!.y).toBeGreaterThan(conversionStat.gridPos!.y);
  });

  test('a KPI with no drivers keeps its row as before, and the SLOs keep theirs', () => {
    expect(rows.get('Shop orders · owner team-growth')!.some((title) => title.startsWith('Driver: '))).toBe(false);
    expect(rows.get(`${checkout.name} · owner ${checkout.owner}`)).toBeDefined();
  });

  test('a retired driver is left out; the catalog overview the plugin ships groups its drivers too', () => {
    const retired = { ...search, status: 'retired' as const };
    const [overview] = catalogDashboards([checkout, retired, conversion]);
    const titles = new Map(rowsOf(overview.dashboard.panels ?? [])).get('Shop conversion · owner team-growth')!;
    expect(titles.filter((title) => title.startsWith('Driver: '))).toEqual([
      `Driver: ${checkout.name} · owner ${checkout.owner}`,
    ]);
  });
});
