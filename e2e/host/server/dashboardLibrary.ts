/**
 * The folders and dashboards the host keeps (dashboards.json in the state directory). As in Grafana's dashboard
 * table, folders and dashboards share one id sequence and one uid space.
 */
import { slugify } from './grafanaIds';

/** FolderRecord knows one stored folder. */
export interface FolderRecord {
  id: number;
  uid: string;
  title: string;
  description: string;
  parentUid?: string;
  version: number;
  created: string;
  updated: string;
  createdBy: string;
}

/** DashboardRecord knows one stored dashboard: its JSON model as last saved, and who saved it when. */
export interface DashboardRecord {
  id: number;
  uid: string;
  title: string;
  /** "" for the root ("General") folder. */
  folderUid: string;
  version: number;
  tags: string[];
  dashboard: Record<string, unknown>;
  created: string;
  updated: string;
  createdBy: string;
  updatedBy: string;
}

export interface DashboardLibrary {
  folders: FolderRecord[];
  dashboards: DashboardRecord[];
}

export const emptyLibrary = (): DashboardLibrary => ({ folders: [], dashboards: [] });

export const nextId = (library: DashboardLibrary) =>
  Math.max(0, ...library.folders.map((folder) => folder.id), ...library.dashboards.map((dashboard) => dashboard.id)) +
  1;

export const uidTaken = (library: DashboardLibrary, uid: string) =>
  library.folders.some((folder) => folder.uid === uid) || library.dashboards.some((dashboard) => dashboard.uid === uid);

export const folderUrl = (folder: FolderRecord) => `/dashboards/f/${folder.uid}/${slugify(folder.title)}`;

export const dashboardUrl = (dashboard: DashboardRecord) => `/d/${dashboard.uid}/${slugify(dashboard.title)}`;

/** "Positive integer or fallback", for the `limit` and `page` query parameters. */
export function positiveInt(text: string | null, fallback: number): number {
  const value = Number(text);
  return text !== null && Number.isInteger(value) && value > 0 ? value : fallback;
}
