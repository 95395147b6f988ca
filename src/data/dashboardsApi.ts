/**
 * Creates and updates the generated dashboards of a KPI in Grafana (DESIGN §5): the only code that talks to the
 * dashboard and folder HTTP API. Idempotent: a dashboard that is already as we would write it is left alone, one
 * we generated and nobody edited is updated with the version Grafana gave it (its optimistic lock), and one
 * somebody edited is a conflict, never overwritten unless the caller asks for it or for a copy.
 */
import { lastValueFrom } from 'rxjs';
import { config, getBackendSrv, type FetchError } from '@grafana/runtime';
import { compositeDashboards, kpiDashboards, valueKpiDashboards } from '../dashboards/generate';
import { buildCatalogOnCallDashboard } from '../dashboards/oncallCatalog';
import type { DashboardBuildOptions } from '../dashboards/dashboardModel';
import {
  dashboardContent,
  isUnedited,
  markGenerated,
  markerOf,
  MARKER_FIELD,
  type GeneratedDashboard,
} from '../dashboards/marker';
import { copyUid, dashboardPath, type DashboardKind } from '../dashboards/uid';
import { DEFAULT_GRAFANA_FOLDER } from '../kpi/rules';
import { isCompositeKpi, isValueKpi, sourcedKpis, type CatalogKpi } from '../kpi/model';

/** The folder's uid when we create it; an existing folder of the same title is used whatever its uid. */
export const NORTHSTAR_FOLDER_UID = 'northstar-kpi';
const COPY_TITLE_SUFFIX = ' (Northstar copy)';

export type DashboardOutcome = 'created' | 'updated' | 'unchanged' | 'conflict';

/** What to do with a dashboard somebody edited since we generated it. */
export type ConflictResolution = 'keep' | 'copy' | 'overwrite';

export interface DashboardResult {
  kind: DashboardKind;
  uid: string;
  title: string;
  url: string;
  outcome: DashboardOutcome;
  message?: string;
}

export interface CreateDashboardsOptions extends DashboardBuildOptions {
  folderTitle?: string;
  /** Per dashboard uid; `keep` (the default) reports a conflict and leaves the edited dashboard as it is. */
  onConflict?: Partial<Record<string, ConflictResolution>>;
  /**
   * The catalog's KPIs: a composite's members are found here, and the on-call view of every KPI (`nsk-oncall`,
   * which a KPI's on-call dashboard links to) is created or updated too, from the published ones.
   */
  catalogKpis?: readonly CatalogKpi[];
}

/** A request Grafana refused for another reason than a conflict (permissions, server error). */
export class DashboardsApiError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    /** Grafana's own words, e.g. "The dashboard has been changed by someone else". */
    readonly grafanaMessage?: string
  ) {
    super(message);
  }
}

interface StoredDashboard {
  dashboard: Record<string, unknown> & { version?: number; id?: number };
  meta: { url?: string; folderUid?: string; version?: number };
}

interface SaveResponse {
  uid: string;
  url: string;
  version: number;
}

/**
 * Creates or updates the executive, on-call and debug dashboards of a KPI (a composite's on-call and debug, from
 * its members in `catalogKpis`; a value KPI's executive view only), then (with `catalogKpis`, for an SLO) the
 * on-call view of every KPI, in order; one result per dashboard.
 */
export async function createKpiDashboards(
  kpi: CatalogKpi,
  options: CreateDashboardsOptions = {}
): Promise<DashboardResult[]> {
  const catalog = options.catalogKpis ?? [];
  const files = isValueKpi(kpi)
    ? valueKpiDashboards(kpi, options)
    : isCompositeKpi(kpi)
      ? compositeDashboards(kpi, catalog, options)
      : kpiDashboards(kpi, options);
  const published = sourcedKpis(catalog).filter((candidate) => candidate.status === 'published');
  const dashboards = [
    ...files,
    // The every-KPI on-call view is for SLOs, which a value KPI's executive view does not link to.
    ...(published.length > 0 && !isValueKpi(kpi)
      ? [{ kind: 'oncall' as const, dashboard: buildCatalogOnCallDashboard(published, options) }]
      : []),
  ];
  const folderUid = await findOrCreateFolder(options.folderTitle ?? DEFAULT_GRAFANA_FOLDER);
  const results: DashboardResult[] = [];
  for (const { kind, dashboard } of dashboards) {
    const resolution = options.onConflict?.[dashboard.uid ?? ''] ?? 'keep';
    results.push(await saveDashboard(kind, dashboard, folderUid, resolution));
  }
  return results;
}

/** The uid of the folder with this title, created when there is none (a taken uid means it is there already). */
export async function findOrCreateFolder(title: string): Promise<string> {
  const folders = await request<Array<{ uid: string; title: string }>>({
    url: '/api/folders',
    params: { limit: 1000 },
  });
  const existing = folders.find((folder) => folder.title === title);
  if (existing) {
    return existing.uid;
  }
  try {
    const created = await request<{ uid: string }>({
      url: '/api/folders',
      method: 'POST',
      data: { uid: NORTHSTAR_FOLDER_UID, title },
    });
    return created.uid;
  } catch (error) {
    if (error instanceof DashboardsApiError && error.status === 409) {
      return NORTHSTAR_FOLDER_UID;
    }
    throw error;
  }
}

/** The first Loki data source of the boot data (those the user can see), for the debug dashboard's logs panel. */
export function findLokiDataSource(): { uid: string } | undefined {
  const loki = Object.values(config.datasources ?? {}).find((datasource) => datasource.type === 'loki');
  return loki ? { uid: loki.uid } : undefined;
}

async function saveDashboard(
  kind: DashboardKind,
  generated: GeneratedDashboard,
  folderUid: string,
  resolution: ConflictResolution
): Promise<DashboardResult> {
  const uid = generated.uid!;
  const title = generated.title!;
  const stored = await readDashboard(uid);
  const result = (outcome: DashboardOutcome, url: string, message?: string): DashboardResult => ({
    kind,
    uid,
    title,
    url,
    outcome,
    ...(message !== undefined ? { message } : {}),
  });

  if (!stored) {
    const saved = await post(generated, folderUid, { overwrite: false });
    return saved.ok ? result('created', saved.response.url) : result('conflict', dashboardPath(uid), saved.message);
  }
  const url = stored.meta.url ?? dashboardPath(uid);
  if (dashboardContent(stored.dashboard) === dashboardContent(generated)) {
    return result('unchanged', url);
  }
  // Updates stay in the folder the dashboard is in now: somebody may have moved it on purpose.
  const storedFolder = stored.meta.folderUid ?? folderUid;
  const update = { ...generated, id: stored.dashboard.id, version: stored.dashboard.version ?? stored.meta.version };
  if (isUnedited(stored.dashboard) || resolution === 'overwrite') {
    const saved = await post(update, storedFolder, { overwrite: resolution === 'overwrite' });
    return saved.ok ? result('updated', saved.response.url) : result('conflict', url, saved.message);
  }
  if (resolution === 'copy') {
    const copy = markGenerated(
      { ...withoutMarker(generated), uid: copyUid(uid), title: `${title}${COPY_TITLE_SUFFIX}` },
      kind,
      generated[MARKER_FIELD].kpiId
    );
    return saveDashboard(kind, copy, folderUid, 'keep');
  }
  const why = markerOf(stored.dashboard)
    ? 'was edited in Grafana after Northstar generated it'
    : 'was not generated by Northstar or was saved from the dashboard editor';
  return result(
    'conflict',
    url,
    `"${title}" ${why}, so it was left as it is. Save the new version as a copy, or overwrite the edits.`
  );
}

async function readDashboard(uid: string): Promise<StoredDashboard | undefined> {
  try {
    return await request<StoredDashboard>({ url: `/api/dashboards/uid/${encodeURIComponent(uid)}` });
  } catch (error) {
    if (error instanceof DashboardsApiError && error.status === 404) {
      return undefined;
    }
    throw error;
  }
}

type PostResult = { ok: true; response: SaveResponse } | { ok: false; message: string };

/** POST /api/dashboards/db; Grafana's 412s (changed by someone else, same name in the folder) are conflicts. */
async function post(dashboard: object, folderUid: string, { overwrite }: { overwrite: boolean }): Promise<PostResult> {
  try {
    const response = await request<SaveResponse>({
      url: '/api/dashboards/db',
      method: 'POST',
      data: { dashboard, folderUid, overwrite, message: 'Generated by Northstar KPI' },
    });
    return { ok: true, response };
  } catch (error) {
    if (error instanceof DashboardsApiError && error.status === 412) {
      return { ok: false, message: `Grafana refused the save: ${error.grafanaMessage ?? error.message}.` };
    }
    throw error;
  }
}

function withoutMarker(dashboard: GeneratedDashboard) {
  const { [MARKER_FIELD]: _marker, ...rest } = dashboard;
  return rest;
}

async function request<T>(options: {
  url: string;
  method?: 'GET' | 'POST';
  data?: unknown;
  params?: Record<string, unknown>;
}): Promise<T> {
  try {
    const response = await lastValueFrom(
      getBackendSrv().fetch<T>({
        method: 'GET',
        ...options,
        showErrorAlert: false,
        showSuccessAlert: false,
      })
    );
    return response.data;
  } catch (error) {
    const failed = error as Partial<FetchError<{ message?: string }>>;
    const message = failed.data?.message ?? failed.statusText ?? String(error);
    throw new DashboardsApiError(
      `${options.method ?? 'GET'} ${options.url}: ${message}`,
      failed.status,
      failed.data?.message
    );
  }
}
