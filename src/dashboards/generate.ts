/**
 * Which dashboards exist for what: three per KPI (executive, on-call, debug), two per composite (on-call, debug;
 * it shows on the catalog's executive overview), the executive view only per value KPI (the on-call and debug
 * views show burn rates and budgets, which only SLOs have), or for a catalog the executive overview of its
 * published KPIs and value KPIs,
 * the on-call view of every KPI with recorded series, plus each published KPI's and composite's on-call and debug
 * dashboards. File names and the JSON
 * text are decided here, so `npm run dashboards`, the CLI and the staleness test agree byte for byte.
 */
import {
  isCompositeKpi,
  isValueKpi,
  queryLanguageOf,
  sourcedKpis,
  type CatalogKpi,
  type CompositeKpiDefinition,
  type KpiDefinition,
  type ValueKpiDefinition,
  valueKpis,
} from '../kpi/model';
import { resolveMembers, type ResolvedMembers } from '../kpi/evaluate';
import type { DashboardBuildOptions } from './dashboardModel';
import { buildCompositeDebugDashboard, buildDebugDashboard } from './debug';
import { buildExecutiveDashboard, executiveDashboardUid } from './executive';
import type { GeneratedDashboard } from './marker';
import { buildOnCallDashboard } from './oncall';
import { buildSqlExecutiveDashboard, buildSqlOnCallDashboard, buildSqlValueDashboard } from './sqlDashboards';
import { buildCatalogOnCallDashboard } from './oncallCatalog';
import { buildCompositeOnCallDashboard } from './oncallComposite';
import { CATALOG_EXECUTIVE_UID, DASHBOARD_KINDS, type DashboardKind } from './uid';

export interface DashboardFile {
  /** File name, e.g. `checkout-availability.oncall.json`. */
  file: string;
  kind: DashboardKind;
  kpiId?: string;
  dashboard: GeneratedDashboard;
}

/**
 * Why a KPI cannot have these dashboards, naming the field; undefined when it can. They are PromQL for a
 * Prometheus-compatible data source (Prometheus, Mimir, Thanos, …) and SQL for PostgreSQL and MySQL
 * (sqlDashboards.ts); other types have no query language Northstar can build panels in.
 */
export function dashboardProblem(kpi: KpiDefinition | ValueKpiDefinition): string | undefined {
  return queryLanguageOf(kpi.datasource.type) === 'opaque'
    ? `KPI ${kpi.id}: datasource.type "${kpi.datasource.type}": the dashboards' queries are PromQL or SQL, so it ` +
        'must be a Prometheus data source (Prometheus, Mimir, Thanos, …) or a SQL one (PostgreSQL, MySQL)'
    : undefined;
}

/** A KPI over SQL: its own dashboards are sqlDashboards.ts's; the catalog's on-call view leaves it out. */
function isSqlKpi(kpi: KpiDefinition | ValueKpiDefinition): boolean {
  return queryLanguageOf(kpi.datasource.type) === 'sql';
}

export class DashboardGenerationError extends Error {}

/**
 * The kinds of dashboard a KPI has, as kpiDashboards, valueKpiDashboards and compositeDashboards build them, so a
 * link to one leads to a dashboard that can exist: a SQL KPI has no debug dashboard (SQL_LEFT_OUT_NOTE), a value
 * KPI only its executive view, a composite no executive one of its own, a type without PromQL or SQL none.
 */
export function dashboardKindsOf(kpi: CatalogKpi): DashboardKind[] {
  if (isCompositeKpi(kpi)) {
    return ['oncall', 'debug'];
  }
  if (dashboardProblem(kpi) !== undefined) {
    return [];
  }
  if (isValueKpi(kpi)) {
    return ['executive'];
  }
  return isSqlKpi(kpi) ? ['executive', 'oncall'] : [...DASHBOARD_KINDS];
}

/** Whether the catalog's on-call view can show the KPI: it lists the KPIs with recorded series, which are PromQL's. */
export function inCatalogOnCallView(kpi: CatalogKpi): boolean {
  return !isCompositeKpi(kpi) && !isValueKpi(kpi) && queryLanguageOf(kpi.datasource.type) === 'promql';
}

/** The three dashboards of one KPI, each linking to the others; DashboardGenerationError when it cannot have them. */
export function kpiDashboards(kpi: KpiDefinition, options: DashboardBuildOptions = {}): DashboardFile[] {
  const problem = dashboardProblem(kpi);
  if (problem) {
    throw new DashboardGenerationError(problem);
  }
  if (isSqlKpi(kpi)) {
    return sqlKpiDashboards(kpi, options);
  }
  const linked = { ...options, executiveUid: executiveDashboardUid([kpi]) };
  return [
    {
      file: `${kpi.id}.executive.json`,
      kind: 'executive',
      kpiId: kpi.id,
      dashboard: buildExecutiveDashboard([kpi], linked),
    },
    ...perKpiDashboards(kpi, linked),
  ];
}

/**
 * The one dashboard of a value KPI: its executive view. The on-call and debug templates are for SLOs (burn rates,
 * error budgets), which a value KPI does not have. DashboardGenerationError when it cannot have it.
 */
export function valueKpiDashboards(kpi: ValueKpiDefinition, options: DashboardBuildOptions = {}): DashboardFile[] {
  const problem = dashboardProblem(kpi);
  if (problem) {
    throw new DashboardGenerationError(problem);
  }
  if (isSqlKpi(kpi)) {
    return [
      { file: `${kpi.id}.executive.json`, kind: 'executive', kpiId: kpi.id, dashboard: buildSqlValueDashboard(kpi) },
    ];
  }
  const linked = { ...options, executiveUid: executiveDashboardUid([kpi]) };
  return [
    {
      file: `${kpi.id}.executive.json`,
      kind: 'executive',
      kpiId: kpi.id,
      dashboard: buildExecutiveDashboard([], { ...linked, valueKpis: [kpi] }),
    },
  ];
}

/**
 * The on-call and debug dashboards of a composite, read from its members: `catalog` holds them. A
 * DashboardGenerationError names the composite and its first member that is missing or cannot have dashboards.
 */
export function compositeDashboards(
  composite: CompositeKpiDefinition,
  catalog: readonly CatalogKpi[],
  options: DashboardBuildOptions = {}
): DashboardFile[] {
  const members = dashboardMembers(composite, catalog);
  if (!members.ok) {
    throw new DashboardGenerationError(members.error);
  }
  const linked = { ...options, executiveUid: options.executiveUid ?? CATALOG_EXECUTIVE_UID };
  return [
    {
      file: `${composite.id}.oncall.json`,
      kind: 'oncall',
      kpiId: composite.id,
      dashboard: buildCompositeOnCallDashboard(composite, members.members, linked),
    },
    {
      file: `${composite.id}.debug.json`,
      kind: 'debug',
      kpiId: composite.id,
      dashboard: buildCompositeDebugDashboard(composite, members.members, linked),
    },
  ];
}

/** Why a composite cannot have its dashboards, naming it and the member; undefined when it can. */
export function compositeDashboardProblem(
  composite: CompositeKpiDefinition,
  catalog: readonly CatalogKpi[]
): string | undefined {
  const members = dashboardMembers(composite, catalog);
  return members.ok ? undefined : members.error;
}

function dashboardMembers(
  composite: CompositeKpiDefinition,
  catalog: readonly CatalogKpi[]
): { ok: true; members: ResolvedMembers } | { ok: false; error: string } {
  const resolved = resolveMembers(composite, catalog);
  if (!resolved.ok) {
    return { ok: false, error: `KPI ${composite.id}: ${resolved.error}` };
  }
  for (const { kpi } of resolved.members) {
    const problem = isSqlKpi(kpi)
      ? `KPI ${kpi.id}: datasource.type "${kpi.datasource.type}": a composite's dashboards read its members in PromQL`
      : dashboardProblem(kpi);
    if (problem) {
      return { ok: false, error: `KPI ${composite.id}: its member ${problem}` };
    }
  }
  return resolved;
}

/**
 * The catalog's executive overview (PromQL and SQL KPIs alike) and on-call view, and the on-call and debug
 * dashboards of every published KPI and composite; those with a dashboardProblem or compositeDashboardProblem are
 * left out (callers report them).
 */
export function catalogDashboards(kpis: readonly CatalogKpi[], options: DashboardBuildOptions = {}): DashboardFile[] {
  const shown = <T extends KpiDefinition | ValueKpiDefinition>(kpi: T) =>
    kpi.status === 'published' && dashboardProblem(kpi) === undefined;
  const slos = sourcedKpis(kpis).filter(shown);
  const values = valueKpis(kpis).filter(shown);
  const sqlFiles = [...slos, ...values]
    .filter(isSqlKpi)
    .flatMap((kpi) =>
      kpi.indicator.type === 'value'
        ? valueKpiDashboards(kpi as ValueKpiDefinition)
        : kpiDashboards(kpi as KpiDefinition, options)
    );
  return [...promqlCatalogDashboards(kpis, slos, values, options), ...sqlFiles];
}

/**
 * The catalog's overviews, and its PromQL KPIs' and composites' own dashboards. The executive overview shows the SQL
 * KPIs too, unless one SQL KPI is all there is: its own executive dashboard is then the overview.
 */
function promqlCatalogDashboards(
  kpis: readonly CatalogKpi[],
  slos: KpiDefinition[],
  values: ValueKpiDefinition[],
  options: DashboardBuildOptions
): DashboardFile[] {
  const promql = <T extends KpiDefinition | ValueKpiDefinition>(kpi: T) => !isSqlKpi(kpi);
  const published = slos.filter(promql);
  const overviewed = [...values, ...slos];
  if (overviewed.length === 0 || (overviewed.length === 1 && isSqlKpi(overviewed[0]))) {
    return [];
  }
  // Composites appear in the executive overview, read from their members, and get their own on-call and debug.
  const composites = kpis.filter(
    (kpi): kpi is CompositeKpiDefinition => isCompositeKpi(kpi) && kpi.status === 'published'
  );
  const linked = { ...options, executiveUid: executiveDashboardUid(overviewed) };
  const executive = buildExecutiveDashboard(slos, { ...linked, composites, catalog: kpis, valueKpis: values });
  if (published.length === 0) {
    return [{ file: 'executive.json', kind: 'executive', dashboard: executive }];
  }
  return [
    { file: 'executive.json', kind: 'executive', dashboard: executive },
    { file: 'oncall.json', kind: 'oncall', dashboard: buildCatalogOnCallDashboard(published, linked) },
    ...published.flatMap((kpi) => perKpiDashboards(kpi, linked)),
    ...composites
      .filter((composite) => compositeDashboardProblem(composite, kpis) === undefined)
      .flatMap((composite) => compositeDashboards(composite, kpis, linked)),
  ];
}

function perKpiDashboards(kpi: KpiDefinition, options: DashboardBuildOptions): DashboardFile[] {
  return [
    { file: `${kpi.id}.oncall.json`, kind: 'oncall', kpiId: kpi.id, dashboard: buildOnCallDashboard(kpi, options) },
    { file: `${kpi.id}.debug.json`, kind: 'debug', kpiId: kpi.id, dashboard: buildDebugDashboard(kpi, options) },
  ];
}

/** A SQL KPI's executive and on-call dashboards; no debug dashboard, whose breakdowns are PromQL (SQL_LEFT_OUT_NOTE). */
function sqlKpiDashboards(kpi: KpiDefinition, options: DashboardBuildOptions): DashboardFile[] {
  return [
    {
      file: `${kpi.id}.executive.json`,
      kind: 'executive',
      kpiId: kpi.id,
      dashboard: buildSqlExecutiveDashboard(kpi, options),
    },
    { file: `${kpi.id}.oncall.json`, kind: 'oncall', kpiId: kpi.id, dashboard: buildSqlOnCallDashboard(kpi, options) },
  ];
}

/** The text of a dashboard file: two-space JSON and a final newline. */
export function dashboardJson(dashboard: GeneratedDashboard): string {
  return `${JSON.stringify(dashboard, null, 2)}\n`;
}
