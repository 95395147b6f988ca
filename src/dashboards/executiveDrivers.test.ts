import type { Panel, RowPanel } from '@grafana/schema';
import type { CatalogKpi } from '../kpi/model';
import { compositeKpi } from '../testing/compositeKpi';
import { latencyKpi, ratioKpi } from '../testing/dashboardKpis';
import { paymentSuccessSqlKpi, POSTGRES_DATASOURCE, weeklyOrdersSqlKpi } from '../testing/shopSqlKpis';
import { conversionKpi, monthlyOrdersKpi } from '../testing/valueKpis';
import { buildExecutiveDashboard } from './executive';
import { COMPOSITE_DRIVER_NOTE, UNQUERIED_DRIVER_NOTE } from './executiveDrivers';
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

describe('SQL drivers and drivers no panel can show', () => {
  const payments = paymentSuccessSqlKpi();
  const weeklyOrders = weeklyOrdersSqlKpi();
  const journey = compositeKpi({ [checkout.id]: 1, [search.id]: 1 });
  const driven = { ...conversionKpi(), drivenBy: [payments.id, weeklyOrders.id, journey.id] };
  const sqlCatalog: CatalogKpi[] = [checkout, search, payments, weeklyOrders, journey, driven];
  const [overview] = catalogDashboards(sqlCatalog);
  const panels = overview.dashboard.panels as Panel[];
  const drivers = panels.filter((panel) => panel.title?.startsWith('Driver: '));
  /** A panel as its builder made it, without what the grid and the row it sits in give it. */
  const built = ({ gridPos: _gridPos, id: _id, title: _title, description: _description, ...rest }: Panel) => rest;

  test('each driver has a panel in the business KPI’s row, in drivenBy order, a third of the width each', () => {
    expect(new Map(rowsOf(panels)).get('Shop conversion · owner team-growth')!.slice(2)).toEqual([
      'Driver: Payment success · owner team-payments',
      `Driver: ${weeklyOrders.name} · owner ${weeklyOrders.owner}`,
      'Driver: Journey · owner team',
    ]);
    expect(drivers.map((panel) => panel.gridPos?.w)).toEqual([8, 8, 8]);
    expect(drivers.map((panel) => panel.description?.startsWith('Drives Shop conversion.'))).toEqual([
      true,
      true,
      true,
    ]);
    expect(validateDashboard(overview.dashboard)).toEqual([]);
  });

  test('a SQL SLO driver is the Northstar stat of its own row, on its own PostgreSQL', () => {
    const ownStat = panels.find((panel) => panel.title === 'Payment success vs target')!;
    expect(drivers[0].type).toBe('northstar-kpi-panel');
    expect(drivers[0].options).toMatchObject({ view: 'stat', kpiId: payments.id });
    expect(drivers[0].datasource).toEqual(POSTGRES_DATASOURCE);
    expect(built(drivers[0])).toEqual(built(ownStat));
  });

  test('a SQL value driver is the tile of its own row, reading its own SQL on its own PostgreSQL', () => {
    const ownTile = panels.find((panel) => panel.title === `${weeklyOrders.name} vs target`)!;
    expect(drivers[1].type).toBe('northstar-kpi-panel');
    expect(drivers[1].options).toMatchObject({ view: 'stat', kpiId: weeklyOrders.id });
    expect(drivers[1].datasource).toEqual(POSTGRES_DATASOURCE);
    expect(built(drivers[1])).toEqual(built(ownTile));
  });

  test('a SQL value driver whose period has no lasting Query options is its own row’s stat of the period so far', () => {
    const berlinQuarter = {
      ...weeklyOrders,
      objective: { ...weeklyOrders.objective, window: { calendar: 'quarter' as const, timeZone: 'Europe/Berlin' } },
    };
    const dashboard = buildExecutiveDashboard([checkout], {
      valueKpis: [{ ...conversionKpi(), drivenBy: [berlinQuarter.id] }, berlinQuarter],
      catalog: [checkout, berlinQuarter],
    });
    const all = dashboard.panels as Panel[];
    const driver = all.find((panel) => panel.title?.startsWith('Driver: '))!;
    expect(driver.type).toBe('stat');
    expect(driver.timeFrom).toBe('now/fQ');
    expect(built(driver)).toEqual(built(all.find((panel) => panel.title === `${weeklyOrders.name} vs target`)!));
  });

  test('a composite driver keeps its place as a note that says why it has no panel, naming no catalog text', () => {
    expect(drivers[2].type).toBe('text');
    expect(drivers[2].options).toEqual({ mode: 'markdown', content: COMPOSITE_DRIVER_NOTE });
  });

  test('a driver on a data source Northstar cannot query is a note too', () => {
    const elsewhere = { ...search, datasource: { type: 'influxdb', uid: 'influx' } };
    const dashboard = buildExecutiveDashboard([checkout], {
      valueKpis: [{ ...conversionKpi(), drivenBy: [elsewhere.id] }],
      catalog: [checkout, elsewhere],
    });
    const driver = (dashboard.panels as Panel[]).find((panel) => panel.title?.startsWith('Driver: '))!;
    expect(driver.options).toEqual({ mode: 'markdown', content: UNQUERIED_DRIVER_NOTE });
  });

  test('on a dashboard of SQL KPIs alone, a driver on the picked PostgreSQL follows the picker', () => {
    const sqlBusiness = { ...weeklyOrders, id: 'sql-business', name: 'SQL business', drivenBy: [payments.id] };
    const dashboard = buildExecutiveDashboard([payments], { valueKpis: [sqlBusiness], catalog: [payments, sqlBusiness] });
    const driver = (dashboard.panels as Panel[]).find((panel) => panel.title?.startsWith('Driver: '))!;
    expect(driver.datasource).toEqual({ type: POSTGRES_DATASOURCE.type, uid: '${datasource}' });
  });
});
