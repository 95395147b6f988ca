/**
 * `POST /api/dashboards/db` and `GET /api/dashboards/uid/:uid` (Grafana's pkg/api/dashboard.go with the errors of
 * pkg/services/dashboards/errors.go). A save must carry the version it loaded unless it sets `overwrite`; a stale
 * version is 412 "version-mismatch", so nobody overwrites someone else's change silently.
 */
import type { Router } from '../server/router';
import {
  dashboardUrl,
  folderUrl,
  nextId,
  uidTaken,
  type DashboardLibrary,
  type DashboardRecord,
} from '../server/dashboardLibrary';
import { generateUid, permissionDenied, slugify, uidProblem } from '../server/grafanaIds';
import { apiError, isRecord, readJsonObject, sendJson } from '../server/http';
import type { JsonFileStore } from '../server/jsonFileStore';
import { hasRole, loginOf, requireRole, requireSignedIn, type Session } from '../server/session';

const dashboardNotFound = () => apiError(404, 'Dashboard not found', { status: 'not-found' });

/** The save as Grafana's dashboard service decides it: the record to store, or the error to answer. */
function savedRecord(body: Record<string, unknown>, library: DashboardLibrary, session: Session): DashboardRecord {
  const model = body.dashboard;
  if (!isRecord(model)) {
    throw apiError(400, 'bad request data');
  }
  const title = typeof model.title === 'string' ? model.title.trim() : '';
  if (title === '') {
    throw apiError(400, 'Dashboard title cannot be empty', { status: 'empty-name' });
  }
  const folderUid = typeof body.folderUid === 'string' ? body.folderUid : '';
  if (folderUid !== '' && !library.folders.some((folder) => folder.uid === folderUid)) {
    throw apiError(400, 'folder not found');
  }
  const requestedUid = typeof model.uid === 'string' ? model.uid : '';
  const problem = uidProblem(requestedUid);
  if (problem) {
    throw apiError(400, problem);
  }
  const existing = requestedUid
    ? library.dashboards.find((dashboard) => dashboard.uid === requestedUid)
    : library.dashboards.find((dashboard) => typeof model.id === 'number' && dashboard.id === model.id);
  if (!existing && typeof model.id === 'number' && !requestedUid) {
    throw dashboardNotFound();
  }
  if (!existing && requestedUid && uidTaken(library, requestedUid)) {
    throw apiError(400, 'A dashboard or folder with the same uid already exists');
  }
  const overwrite = body.overwrite === true;
  if (existing && !overwrite && model.version !== existing.version) {
    throw apiError(412, 'The dashboard has been changed by someone else', { status: 'version-mismatch' });
  }
  const sameName = library.dashboards.find(
    (dashboard) =>
      dashboard.uid !== existing?.uid &&
      dashboard.folderUid === folderUid &&
      dashboard.title.toLowerCase() === title.toLowerCase()
  );
  if (sameName && !overwrite) {
    throw apiError(412, 'A dashboard with the same name in the folder already exists', { status: 'name-exists' });
  }
  const now = new Date().toISOString();
  const id = existing?.id ?? nextId(library);
  const uid = existing?.uid ?? (requestedUid || generateUid());
  const version = (existing?.version ?? 0) + 1;
  return {
    id,
    uid,
    title,
    folderUid,
    version,
    tags: Array.isArray(model.tags) ? model.tags.filter((tag): tag is string => typeof tag === 'string') : [],
    dashboard: { ...model, id, uid, title, version },
    created: existing?.created ?? now,
    updated: now,
    createdBy: existing?.createdBy ?? loginOf(session),
    updatedBy: loginOf(session),
  };
}

function dashboardWithMeta(record: DashboardRecord, library: DashboardLibrary, session: Session) {
  const folder = library.folders.find((candidate) => candidate.uid === record.folderUid);
  const canEdit = hasRole(session, 'Editor');
  const annotationActions = { canAdd: canEdit, canEdit, canDelete: canEdit };
  return {
    dashboard: record.dashboard,
    meta: {
      type: 'db',
      canSave: canEdit,
      canEdit,
      canAdmin: hasRole(session, 'Admin'),
      canStar: true,
      canDelete: canEdit,
      slug: slugify(record.title),
      url: dashboardUrl(record),
      expires: '0001-01-01T00:00:00Z',
      created: record.created,
      updated: record.updated,
      createdBy: record.createdBy,
      updatedBy: record.updatedBy,
      version: record.version,
      hasAcl: false,
      isFolder: false,
      folderId: folder?.id ?? 0,
      folderUid: record.folderUid,
      folderTitle: folder?.title ?? 'Dashboards',
      folderUrl: folder ? folderUrl(folder) : '',
      provisioned: false,
      provisionedExternalId: '',
      annotationsPermissions: { dashboard: annotationActions, organization: annotationActions },
    },
  };
}

export function registerDashboardRoutes(router: Router, store: JsonFileStore<DashboardLibrary>): void {
  router.post('/api/dashboards/db', async ({ req, res }) => {
    const session = requireSignedIn(req);
    requireRole(session, 'Editor', permissionDenied('dashboards:create'));
    const body = await readJsonObject(req);
    const library = store.get();
    const record = savedRecord(body, library, session);
    store.set({ ...library, dashboards: [...library.dashboards.filter((d) => d.uid !== record.uid), record] });
    sendJson(res, 200, {
      id: record.id,
      uid: record.uid,
      url: dashboardUrl(record),
      status: 'success',
      version: record.version,
      slug: slugify(record.title),
      // The upstream spec (postDashboardResponse) lists `title` as required, so the host sends it too.
      title: record.title,
      folderUid: record.folderUid,
    });
  });

  router.get('/api/dashboards/uid/:uid', ({ req, res, params }) => {
    const session = requireSignedIn(req);
    const library = store.get();
    const record = library.dashboards.find((dashboard) => dashboard.uid === params.uid);
    if (!record) {
      throw dashboardNotFound();
    }
    sendJson(res, 200, dashboardWithMeta(record, library, session));
  });
}
