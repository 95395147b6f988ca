import pluginJson from './plugin.json';
import panelJson from './panels/kpi/plugin.json';

export const PLUGIN_ID = pluginJson.id;
/** The nested panel's id; its plugin settings hold a provisioned catalog's check-ins (src/data/checkInStore.ts). */
export const PANEL_ID = panelJson.id;

export const PLUGIN_BASE_URL = `/a/${PLUGIN_ID}`;

/** Routes of the app, relative to PLUGIN_BASE_URL. */
export enum ROUTES {
  Catalog = 'catalog',
  /** KPI detail: `kpi/:id` */
  Kpi = 'kpi',
  /** KPI editor: `edit` for a new KPI, `edit/:id` for an existing one */
  Editor = 'edit',
  /** The KPI report of a calendar period: `report?period=last-month&tz=Europe/Berlin` */
  Report = 'report',
}
