/** Sloth's naming and query-window conventions, which the import and the export both follow. */

// Sloth's conventions.TplSLIQueryWindowVarRegex: the one template variable its SLI queries have.
export const SLOTH_WINDOW_TOKEN = /\{\{ *\.window *\}\}/g;
// Grafana's window macros, both spellings, as in macros.ts; in rules they all mean the window.
export const GRAFANA_WINDOW_MACRO =
  /\$\{(?:__rate_interval|__interval|__range)\}|\$(?:__rate_interval|__interval|__range)(?![A-Za-z0-9_])/g;
// Sloth's conventions.NameRegexp for services and SLO names.
export const SLOTH_NAME = /^[A-Za-z0-9][-A-Za-z0-9_.]*[A-Za-z0-9]$/;
// The catalog's id rule (schema.ts): a slug of at most 63 characters.
export const KPI_ID = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** Lower-case, with `_` and `.` (allowed in Sloth names) as `-`. */
export function slug(name: string): string {
  return name.toLowerCase().replace(/[_.]/g, '-');
}
