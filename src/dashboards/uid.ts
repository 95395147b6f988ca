/**
 * Dashboard kinds and their uids: the same KPI and kind give the same uid on every run, so creating the dashboards
 * again updates them instead of adding copies (DESIGN §5).
 */
import { catalogScopedUid, GRAFANA_UID_MAX_LENGTH, kpiScopedUid } from '../kpi/rules';

export const DASHBOARD_KINDS = ['executive', 'oncall', 'debug'] as const;
export type DashboardKind = (typeof DASHBOARD_KINDS)[number];

/** `nsk-<kpi id>-<kind>`, within Grafana's 40 characters (long ids are shortened and hashed). */
export function kpiDashboardUid(kpiId: string, kind: DashboardKind): string {
  return kpiScopedUid(kpiId, kind);
}

/** The executive dashboard of a whole catalog: one per Grafana organisation. */
export const CATALOG_EXECUTIVE_UID = catalogScopedUid('executive');
/** The on-call dashboard of every KPI with recorded series, picked with its `kpi` variable. */
export const CATALOG_ONCALL_UID = catalogScopedUid('oncall');

/** The uid of a user's copy: `<uid>-copy`, shortened so it stays within 40 characters. */
export function copyUid(uid: string): string {
  const suffix = '-copy';
  return `${uid.slice(0, GRAFANA_UID_MAX_LENGTH - suffix.length)}${suffix}`;
}

/** Where Grafana serves a dashboard by uid (it redirects to the slugged URL). */
export function dashboardPath(uid: string): string {
  return `/d/${uid}`;
}
