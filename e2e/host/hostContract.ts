/**
 * What the plugin host's server and its browser page agree on: URL paths, the session cookie and header, the boot
 * data the server inlines into the page, and the flags the page sets for tests. No Node or DOM imports here.
 */
import type { PanelScenario } from './scenarios';

export const APP_PLUGIN_ID = 'northstar-kpi-app';
/** The nested panel the panel page renders. */
export const KPI_PANEL_PLUGIN_ID = 'northstar-kpi-panel';

/** Grafana mounts an app's root page under this prefix. */
export const APP_BASE_PATH = `/a/${APP_PLUGIN_ID}`;
/** Grafana's plugin details page, whose tabs are the app's config pages. */
export const PLUGIN_CONFIG_PATH = `/plugins/${APP_PLUGIN_ID}`;
/** The host's own page that renders one panel for a scenario: `?scenario=<name>&width=&height=&theme=&role=`. */
export const PANEL_PAGE_PATH = '/host/panel';
/** Scenarios: `GET` lists them, `GET /<name>` returns one, `POST` registers one (for tests). */
export const SCENARIOS_API_PATH = '/host/scenarios';
/** The page bundle, under a folder named by its content hash so browsers may cache it forever. */
export const PAGE_BUNDLE_PATH = '/host/build';

export const ORG_ROLES = ['Viewer', 'Editor', 'Admin'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];
export const THEMES = ['dark', 'light'] as const;
export type ThemeName = (typeof THEMES)[number];

/**
 * The signed-in user for API permission checks. The server sets this cookie when it serves a page (from the
 * page's `?role=` and `?theme=` parameters), so every request the page makes carries it, as Grafana's session
 * cookie does. Clients without a browser send the role header instead.
 */
export const SESSION_COOKIE = 'northstar_host_session';
export const ROLE_HEADER = 'X-Northstar-Host-Role';

/** The user as `window.grafanaBootData.user` describes it (the fields @grafana/runtime's config reads). */
export interface HostBootUser {
  id: number;
  uid: string;
  login: string;
  email: string;
  name: string;
  orgId: number;
  orgName: string;
  orgRole: OrgRole;
  isGrafanaAdmin: boolean;
  isSignedIn: boolean;
  theme: ThemeName;
  timezone: string;
  locale: string;
  language: string;
  permissions: Record<string, boolean>;
}

/** `window.grafanaBootData`: Grafana inlines it into index.html; @grafana/runtime builds `config` from it on import. */
export interface HostBootData {
  user: HostBootUser;
  settings: Record<string, unknown>;
  navTree: unknown[];
  assets: { dark: string; light: string };
}

/**
 * The panel page's wrapper around the panel: `data-state` is the PanelData state the host passed (Done, Error) and
 * `data-frames` the number of data frames, so tests see what arrived whatever the panel makes of it.
 */
export const HOST_PANEL_TEST_ID = 'data-testid northstar-host-panel';

/** What the page tells tests: ready once the plugin's component has rendered, or the reason it could not. */
export interface HostPageFlags {
  __northstarHostReady?: boolean;
  __northstarHostError?: string;
  /**
   * Moves to another host page inside the page (as a link click does, through locationService), clearing the ready
   * flag until that page has rendered: no new page load, so no second parse of the bundle.
   */
  __northstarHostNavigate?: (path: string) => void;
}

export type { PanelScenario };
