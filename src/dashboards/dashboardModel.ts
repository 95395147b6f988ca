/**
 * What every generated dashboard has in common: schema version, Grafana's built-in annotations, tags with the
 * generator's tag, the template variables and links, and the generator's mark added last.
 */
import type { AnnotationQuery, Dashboard, DashboardLink, Panel, RowPanel, VariableModel } from '@grafana/schema';
import type { CatalogKpi } from '../kpi/model';
import { checkInAnnotationQuery, GRAFANA_BUILT_IN_DATASOURCE } from './checkInAnnotation';
import { markGenerated, NORTHSTAR_TAG, type GeneratedDashboard } from './marker';
import { safeHttpUrl } from './panels';
import { dashboardPath, kpiDashboardUid, type DashboardKind } from './uid';
import { DATASOURCE_VARIABLE, KPI_VARIABLE } from './variables';

/** The dashboard JSON schema version these dashboards are written in (Grafana 11.0 reads it without migrating). */
export const SCHEMA_VERSION = 39;

/** What builders of all three kinds take. */
export interface DashboardBuildOptions {
  /** For `$__rate_interval` inside threshold slices, as in the rules (default 15s). */
  scrapeIntervalMs?: number;
  /** When the Grafana has a Loki data source: the debug dashboard gets a `loki` variable and a logs panel. */
  loki?: { uid: string };
  /** The deploy annotation of the on-call dashboard: PromQL on the KPI's data source, one event per change. */
  deploymentsQuery?: string;
  /** uid of the executive dashboard the others link to (default: the KPI's own). */
  executiveUid?: string;
}

export interface DashboardParts {
  uid: string;
  kind: DashboardKind;
  kpiId?: string;
  title: string;
  description: string;
  tags: string[];
  variables: VariableModel[];
  panels: Array<Panel | RowPanel>;
  links: DashboardLink[];
  annotations?: AnnotationQuery[];
  /**
   * Whose check-ins the charts show: `kpiId` unless said (a variable such as `${kpi}` on a dashboard that shows one
   * KPI at a time); every KPI's on a dashboard of several.
   */
  checkInsOf?: string;
  /** Default time range, e.g. `now-28d`. */
  from: string;
  refresh: string;
}

type DashboardIdentity = Pick<DashboardParts, 'uid' | 'kind' | 'kpiId' | 'title' | 'description' | 'tags'>;

/** One KPI's executive or on-call dashboard, named after the KPI and its owner; the uid is the KPI's own unless given. */
export function kpiDashboardIdentity(
  kpi: Pick<CatalogKpi, 'id' | 'name' | 'owner' | 'decision'>,
  kind: 'executive' | 'oncall',
  uid = kpiDashboardUid(kpi.id, kind)
): DashboardIdentity {
  const named =
    kind === 'executive'
      ? {
          title: `${kpi.name}: executive view`,
          description: `${kpi.name} against its target, for ${kpi.owner}. ${kpi.decision ?? ''}`.trim(),
        }
      : {
          title: `${kpi.name}: on-call`,
          description: `Burn rate, error budget and alerts of ${kpi.name} (owner ${kpi.owner}).`,
        };
  return { uid, kind, kpiId: kpi.id, ...named, tags: [`kpi:${kpi.id}`] };
}

const BUILT_IN_ANNOTATIONS: AnnotationQuery = {
  builtIn: 1,
  datasource: GRAFANA_BUILT_IN_DATASOURCE,
  enable: true,
  hide: true,
  iconColor: 'rgba(0, 211, 255, 1)',
  name: 'Annotations & Alerts',
  type: 'dashboard',
};

export function dashboardModel(parts: DashboardParts): GeneratedDashboard {
  const dashboard: Dashboard = {
    uid: parts.uid,
    title: parts.title,
    description: parts.description,
    tags: [NORTHSTAR_TAG, `northstar-${parts.kind}`, ...parts.tags],
    editable: true,
    graphTooltip: 1,
    schemaVersion: SCHEMA_VERSION,
    time: { from: parts.from, to: 'now' },
    timepicker: {},
    timezone: 'browser',
    refresh: parts.refresh,
    annotations: {
      list: [
        BUILT_IN_ANNOTATIONS,
        checkInAnnotationQuery(parts.checkInsOf ?? parts.kpiId),
        ...(parts.annotations ?? []),
      ],
    },
    templating: { list: parts.variables },
    links: parts.links,
    panels: parts.panels,
  };
  return markGenerated(dashboard, parts.kind, parts.kpiId);
}

/**
 * A link to another generated dashboard with the time range, data source and KPI (this dashboard's, or `kpiId`:
 * a composite's dashboards link to their members'); not every variable, because `window` means a different
 * choice of windows on each kind.
 */
export function dashboardLink(title: string, uid: string, tooltip: string, kpiId?: string): DashboardLink {
  return {
    title,
    type: 'link',
    url: `${dashboardPath(uid)}?var-${DATASOURCE_VARIABLE}=\${${DATASOURCE_VARIABLE}}&var-${KPI_VARIABLE}=${kpiId ?? `\${${KPI_VARIABLE}}`}`,
    tooltip,
    icon: 'dashboard',
    tags: [],
    asDropdown: false,
    includeVars: false,
    keepTime: true,
    targetBlank: false,
  };
}

/** The KPI's runbook, only when it is an http(s) URL; opens in a new tab. */
export function runbookLinks(kpi: CatalogKpi): DashboardLink[] {
  const url = safeHttpUrl(kpi.links?.runbook);
  if (!url) {
    return [];
  }
  return [
    {
      title: 'Runbook',
      type: 'link',
      url,
      tooltip: `Runbook of ${kpi.name}`,
      icon: 'doc',
      tags: [],
      asDropdown: false,
      includeVars: false,
      keepTime: false,
      targetBlank: true,
    },
  ];
}

/** refIds A … Z, then AA, AB …, for panels with one query per KPI. */
export function refIdAt(index: number): string {
  const letter = String.fromCharCode(65 + (index % 26));
  return index < 26 ? letter : `${refIdAt(Math.floor(index / 26) - 1)}${letter}`;
}
