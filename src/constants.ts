import pluginJson from './plugin.json';

export const PLUGIN_ID = pluginJson.id;

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
