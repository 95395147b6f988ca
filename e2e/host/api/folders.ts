/**
 * `GET /api/folders`, `POST /api/folders` and `DELETE /api/folders/:uid` (Grafana's pkg/api/folder.go). Editors and
 * Admins may create and delete folders; everyone signed in may list them.
 */
import type { Router } from '../server/router';
import {
  folderUrl,
  nextId,
  positiveInt,
  uidTaken,
  type DashboardLibrary,
  type FolderRecord,
} from '../server/dashboardLibrary';
import { generateUid, permissionDenied, uidProblem } from '../server/grafanaIds';
import { apiError, readJsonObject, sendJson } from '../server/http';
import type { JsonFileStore } from '../server/jsonFileStore';
import { hasRole, loginOf, requireRole, requireSignedIn, type Session } from '../server/session';

function folderDto(folder: FolderRecord, session: Session) {
  const canEdit = hasRole(session, 'Editor');
  return {
    id: folder.id,
    uid: folder.uid,
    orgId: 1,
    title: folder.title,
    url: folderUrl(folder),
    ...(folder.parentUid ? { parentUid: folder.parentUid } : {}),
    hasAcl: false,
    canSave: canEdit,
    canEdit,
    canAdmin: hasRole(session, 'Admin'),
    canDelete: canEdit,
    createdBy: folder.createdBy,
    created: folder.created,
    updatedBy: folder.createdBy,
    updated: folder.updated,
    version: folder.version,
  };
}

function newFolder(body: Record<string, unknown>, library: DashboardLibrary, session: Session): FolderRecord {
  const title = typeof body.title === 'string' ? body.title.trim() : '';
  const uid = typeof body.uid === 'string' && body.uid !== '' ? body.uid : generateUid();
  const parentUid = typeof body.parentUid === 'string' && body.parentUid !== '' ? body.parentUid : undefined;
  if (title === '') {
    throw apiError(400, 'folder title cannot be empty');
  }
  const problem = uidProblem(uid);
  if (problem) {
    throw apiError(400, problem);
  }
  if (uidTaken(library, uid)) {
    throw apiError(409, 'a folder with the same uid already exists');
  }
  if (parentUid && !library.folders.some((folder) => folder.uid === parentUid)) {
    throw apiError(400, 'folder not found');
  }
  const now = new Date().toISOString();
  return {
    id: nextId(library),
    uid,
    title,
    description: typeof body.description === 'string' ? body.description : '',
    parentUid,
    version: 1,
    created: now,
    updated: now,
    createdBy: loginOf(session),
  };
}

/** What a folder holds besides dashboards: its alert rules, which Grafana deletes with it only when told to. */
export interface FolderAlertRules {
  count(folderUid: string): number;
  deleteAll(folderUid: string): void;
}

export function registerFolderRoutes(
  router: Router,
  store: JsonFileStore<DashboardLibrary>,
  alertRules: FolderAlertRules
): void {
  router.get('/api/folders', ({ req, res, url }) => {
    requireSignedIn(req);
    const limit = positiveInt(url.searchParams.get('limit'), 1000);
    const page = positiveInt(url.searchParams.get('page'), 1);
    // With nested folders Grafana lists the children of parentUid, the top level without it.
    const parentUid = url.searchParams.get('parentUid') || undefined;
    const hits = store
      .get()
      .folders.filter((folder) => folder.parentUid === parentUid)
      .sort((a, b) => a.title.localeCompare(b.title))
      .slice((page - 1) * limit, page * limit)
      .map((folder) => ({
        id: folder.id,
        uid: folder.uid,
        title: folder.title,
        ...(folder.parentUid ? { parentUid: folder.parentUid } : {}),
      }));
    sendJson(res, 200, hits);
  });

  router.post('/api/folders', async ({ req, res }) => {
    const session = requireSignedIn(req);
    requireRole(session, 'Editor', permissionDenied('folders:create'));
    const body = await readJsonObject(req);
    const library = store.get();
    const folder = newFolder(body, library, session);
    store.set({ ...library, folders: [...library.folders, folder] });
    sendJson(res, 200, folderDto(folder, session));
  });

  // Grafana deletes the folder's dashboards with it, its alert rules only with ?forceDeleteRules=true, and answers
  // 200 with an empty JSON string.
  router.delete('/api/folders/:uid', ({ req, res, url, params }) => {
    const session = requireSignedIn(req);
    requireRole(session, 'Editor', permissionDenied('folders:delete'));
    const library = store.get();
    if (!library.folders.some((folder) => folder.uid === params.uid)) {
      throw apiError(404, 'folder not found');
    }
    if (alertRules.count(params.uid) > 0) {
      if (url.searchParams.get('forceDeleteRules') !== 'true') {
        throw apiError(400, 'folder cannot be deleted: folder contains alert rules');
      }
      alertRules.deleteAll(params.uid);
    }
    store.set({
      folders: library.folders.filter((folder) => folder.uid !== params.uid),
      dashboards: library.dashboards.filter((dashboard) => dashboard.folderUid !== params.uid),
    });
    sendJson(res, 200, '');
  });
}
