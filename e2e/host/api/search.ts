/**
 * `GET /api/search` (Grafana's pkg/api/search.go): folders and dashboards as `Hit`s, filtered by `query` (part of
 * the title, any case), `type` (dash-db | dash-folder), `tag`, `dashboardUIDs`, `folderUIDs`, paged by `limit`
 * (at most 5000) and `page`. Folders come first, then dashboards, each sorted by title.
 */
import type { Router } from '../server/router';
import { dashboardUrl, folderUrl, positiveInt, type DashboardLibrary } from '../server/dashboardLibrary';
import { slugify } from '../server/grafanaIds';
import { apiError, sendJson } from '../server/http';
import type { JsonFileStore } from '../server/jsonFileStore';
import { requireSignedIn } from '../server/session';

const MAX_LIMIT = 5000;

/** Repeated (`tag=a&tag=b`) and comma-separated parameters both count. */
const listParam = (url: URL, name: string) =>
  url.searchParams
    .getAll(name)
    .flatMap((value) => value.split(','))
    .filter((value) => value !== '');

function searchHits(library: DashboardLibrary, url: URL) {
  const query = (url.searchParams.get('query') ?? '').toLowerCase();
  const type = url.searchParams.get('type');
  const tags = listParam(url, 'tag');
  const dashboardUids = listParam(url, 'dashboardUIDs');
  const folderUids = listParam(url, 'folderUIDs');
  const titleMatches = (title: string) => title.toLowerCase().includes(query);
  const byTitle = <T extends { title: string }>(a: T, b: T) => a.title.localeCompare(b.title);

  const folders =
    type === 'dash-db' || tags.length > 0 || dashboardUids.length > 0
      ? []
      : library.folders
          .filter((folder) => titleMatches(folder.title))
          .filter((folder) => folderUids.length === 0 || folderUids.includes(folder.parentUid ?? 'general'))
          .sort(byTitle)
          .map((folder) => ({
            id: folder.id,
            uid: folder.uid,
            orgId: 1,
            title: folder.title,
            uri: `db/${slugify(folder.title)}`,
            url: folderUrl(folder),
            slug: '',
            type: 'dash-folder',
            tags: [],
            isStarred: false,
            sortMeta: 0,
          }));
  const dashboards =
    type === 'dash-folder'
      ? []
      : library.dashboards
          .filter((dashboard) => titleMatches(dashboard.title))
          .filter((dashboard) => tags.every((tag) => dashboard.tags.includes(tag)))
          .filter((dashboard) => dashboardUids.length === 0 || dashboardUids.includes(dashboard.uid))
          .filter((dashboard) => folderUids.length === 0 || folderUids.includes(dashboard.folderUid || 'general'))
          .sort(byTitle)
          .map((dashboard) => {
            const folder = library.folders.find((candidate) => candidate.uid === dashboard.folderUid);
            return {
              id: dashboard.id,
              uid: dashboard.uid,
              orgId: 1,
              title: dashboard.title,
              uri: `db/${slugify(dashboard.title)}`,
              url: dashboardUrl(dashboard),
              slug: '',
              type: 'dash-db',
              tags: dashboard.tags,
              isStarred: false,
              sortMeta: 0,
              ...(folder
                ? {
                    folderId: folder.id,
                    folderUid: folder.uid,
                    folderTitle: folder.title,
                    folderUrl: folderUrl(folder),
                  }
                : {}),
            };
          });
  return [...folders, ...dashboards];
}

export function registerSearchRoutes(router: Router, store: JsonFileStore<DashboardLibrary>): void {
  router.get('/api/search', ({ req, res, url }) => {
    requireSignedIn(req);
    const type = url.searchParams.get('type');
    if (type !== null && type !== 'dash-db' && type !== 'dash-folder') {
      throw apiError(422, 'type must be dash-db or dash-folder');
    }
    const limit = Math.min(positiveInt(url.searchParams.get('limit'), 1000), MAX_LIMIT);
    const page = positiveInt(url.searchParams.get('page'), 1);
    // Nobody has starred anything in the host.
    const hits = url.searchParams.get('starred') === 'true' ? [] : searchHits(store.get(), url);
    sendJson(res, 200, hits.slice((page - 1) * limit, page * limit));
  });
}
