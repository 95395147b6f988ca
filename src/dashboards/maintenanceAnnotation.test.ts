import { buildDebugDashboard } from './debug';
import { buildExecutiveDashboard } from './executive';
import { buildOnCallDashboard } from './oncall';
import { buildCatalogOnCallDashboard } from './oncallCatalog';
import { ratioKpi } from '../testing/dashboardKpis';

const upgrade = ratioKpi({
  id: 'checkout',
  maintenance: [{ start: '2026-11-28T02:00:00Z', end: '2026-11-28T04:00:00Z', reason: 'database upgrade' }],
});
const berlin = ratioKpi({
  id: 'berlin',
  maintenance: [{ cron: '0 2 * * 0', duration: '2h', timeZone: 'Europe/Berlin', reason: 'weekly' }],
});

const maintenanceAnnotations = (dashboard: { annotations?: { list?: Array<{ name?: string }> } }) =>
  (dashboard.annotations?.list ?? []).filter((annotation) => annotation.name === 'Maintenance');

describe('maintenance annotations', () => {
  test('the on-call, debug and executive dashboards of a KPI with windows shade them, from time() alone', () => {
    for (const dashboard of [
      buildOnCallDashboard(upgrade),
      buildDebugDashboard(upgrade),
      buildExecutiveDashboard([upgrade]),
    ]) {
      const [annotation] = maintenanceAnnotations(dashboard) as Array<{ target: { expr: string } }>;
      // 2026-11-28T02:00:00Z = 1,795,831,200 s
      expect(annotation.target.expr).toBe(
        'label_replace(vector(1) and on () (((vector(time()) >= 1795831200) < 1795838400)), "kpi_id", "checkout", "", "")'
      );
    }
  });

  test('a KPI without windows gets none', () => {
    expect(maintenanceAnnotations(buildOnCallDashboard(ratioKpi()))).toEqual([]);
  });

  test('a cron in a zone with daylight saving time is shaded at CET and CEST alike', () => {
    const [annotation] = maintenanceAnnotations(buildDebugDashboard(berlin)) as Array<{ target: { expr: string } }>;
    expect(annotation.target.expr).toContain('(hour(vector(time() + 3600)) == 2)');
    expect(annotation.target.expr).toContain('(hour(vector(time() + 7200)) == 2)');
    expect(annotation.target.expr).toMatch(/"kpi_id", "berlin", "", ""\)$/);
  });

  test('the executive overview shades every KPI with windows, each under its own kpi_id', () => {
    const [annotation] = maintenanceAnnotations(buildExecutiveDashboard([ratioKpi(), upgrade, berlin])) as Array<{
      target: { expr: string };
    }>;
    expect(annotation.target.expr.match(/label_replace/g)).toHaveLength(2);
  });

  test('the catalog-wide on-call dashboard reads the recorded series of the KPI it shows', () => {
    const [annotation] = maintenanceAnnotations(buildCatalogOnCallDashboard([upgrade])) as Array<{
      target: { expr: string; titleFormat: string };
    }>;
    expect(annotation.target).toMatchObject({
      expr: 'northstar:kpi_maintenance:bool{kpi_id="${kpi:percentencode}"} == 1',
      titleFormat: 'Maintenance: {{kpi_id}}',
    });
  });
});
