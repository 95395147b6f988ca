/**
 * Who is signed in. A page load takes the role and theme from its `?role=` / `?theme=` parameters (then from the
 * session cookie, then Admin and dark) and sets the session cookie; API requests read the role header or that
 * cookie, and without either they are not signed in (401), as Grafana without a session.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import {
  ORG_ROLES,
  ROLE_HEADER,
  SESSION_COOKIE,
  THEMES,
  type HostBootUser,
  type OrgRole,
  type ThemeName,
} from '../hostContract';
import { mayCreateOrganizationAnnotations } from '../../../src/utils/rbacScope';
import { apiError } from './http';

export interface Session {
  role: OrgRole;
  /** Server admin (Grafana's `isGrafanaAdmin`); by default only the Admin user is one. */
  grafanaAdmin: boolean;
  theme: ThemeName;
}

/** One fixed user per role, so tests and screenshots always show the same names. */
const USERS: Record<OrgRole, { id: number; login: string; name: string }> = {
  Admin: { id: 1, login: 'admin', name: 'Ada Admin' },
  Editor: { id: 2, login: 'editor', name: 'Eddie Editor' },
  Viewer: { id: 3, login: 'viewer', name: 'Vera Viewer' },
};

/**
 * The teams each fixed user is a member of (`GET /api/user/teams`): the Editor and the Viewer are both in the team
 * that owns the example catalog's checkout KPI, so tests can tell an owner's role apart from their ownership.
 */
export const USER_TEAMS: Record<OrgRole, ReadonlyArray<{ id: number; name: string; email: string }>> = {
  Admin: [],
  Editor: [{ id: 1, name: 'team-payments', email: 'payments@example.com' }],
  Viewer: [{ id: 1, name: 'team-payments', email: 'payments@example.com' }],
};

const ROLE_RANK: Record<OrgRole, number> = { Viewer: 0, Editor: 1, Admin: 2 };

/**
 * The annotation scopes of Grafana's default basic roles (pkg/api/accesscontrol.go, with the GA feature
 * annotationPermissionUpdate): a Viewer holds `fixed:annotations.dashboard:writer` (create, write and delete on
 * `annotations:type:dashboard`), an Editor adds `fixed:annotations:writer` (`annotations:*`), an Admin adds
 * `fixed:annotations.all:writer` (`annotations:type:organization` and `folders:*`); basic roles inherit upwards.
 * Boot data carries the actions alone (ac.BuildPermissionsMap), so a Viewer's boot data has `annotations:create`
 * too: only the scopes (`GET /api/access-control/user/permissions`) tell organization annotations apart.
 */
const ANNOTATION_WRITE_SCOPES: Record<OrgRole, string[]> = {
  Viewer: ['annotations:type:dashboard'],
  Editor: ['annotations:type:dashboard', 'annotations:*'],
  Admin: ['annotations:type:dashboard', 'annotations:*', 'annotations:type:organization', 'folders:*'],
};
const ANNOTATION_WRITE_ACTIONS = ['annotations:create', 'annotations:write', 'annotations:delete'];

const VIEWER_PERMISSIONS = [
  'dashboards:read',
  'folders:read',
  'datasources:query',
  'annotations:read',
  ...ANNOTATION_WRITE_ACTIONS,
];
const EDITOR_PERMISSIONS = [
  ...VIEWER_PERMISSIONS,
  'dashboards:create',
  'dashboards:write',
  'folders:create',
  'folders:write',
];
const ADMIN_PERMISSIONS = [...EDITOR_PERMISSIONS, 'datasources:read', 'plugins:write', 'plugins.app:access'];

/**
 * The RBAC actions of Grafana's default basic roles that this plugin can check with `hasPermission` (a subset; the
 * API checks below grant the same by role).
 */
const ROLE_PERMISSIONS: Record<OrgRole, string[]> = {
  Viewer: [...VIEWER_PERMISSIONS, 'plugins.app:access'],
  Editor: [...EDITOR_PERMISSIONS, 'plugins.app:access'],
  Admin: ADMIN_PERMISSIONS,
};

const isRole = (value: string | null | undefined): value is OrgRole => ORG_ROLES.some((role) => role === value);
const isTheme = (value: string | null | undefined): value is ThemeName => THEMES.some((theme) => theme === value);

function readCookie(req: IncomingMessage): URLSearchParams | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) {
      return new URLSearchParams(decodeURIComponent(value.join('=')));
    }
  }
  return undefined;
}

function parseSession(values: URLSearchParams | undefined, role: OrgRole): Session {
  const theme = values?.get('theme');
  const grafanaAdmin = values?.get('grafanaAdmin');
  return {
    role,
    theme: isTheme(theme) ? theme : 'dark',
    grafanaAdmin: grafanaAdmin === null || grafanaAdmin === undefined ? role === 'Admin' : grafanaAdmin === 'true',
  };
}

/** The session for a page load, or a sentence saying which parameter is wrong. */
export function pageSession(req: IncomingMessage, url: URL): Session | string {
  const cookie = readCookie(req);
  const roleParam = url.searchParams.get('role');
  const role = roleParam ?? cookie?.get('role') ?? 'Admin';
  const theme = url.searchParams.get('theme') ?? cookie?.get('theme') ?? 'dark';
  // A role given in the URL brings its own default; the cookie's flag belongs to the cookie's role.
  const grafanaAdmin =
    url.searchParams.get('grafanaAdmin') ??
    (roleParam === null ? cookie?.get('grafanaAdmin') : null) ??
    String(role === 'Admin');
  if (!isRole(role)) {
    return `role must be one of ${ORG_ROLES.join(', ')}, not "${role}"`;
  }
  if (!isTheme(theme)) {
    return `theme must be one of ${THEMES.join(', ')}, not "${theme}"`;
  }
  if (grafanaAdmin !== 'true' && grafanaAdmin !== 'false') {
    return `grafanaAdmin must be true or false, not "${grafanaAdmin}"`;
  }
  return { role, theme, grafanaAdmin: grafanaAdmin === 'true' };
}

export function sessionCookie(session: Session): string {
  const value = new URLSearchParams({
    role: session.role,
    theme: session.theme,
    grafanaAdmin: String(session.grafanaAdmin),
  });
  return `${SESSION_COOKIE}=${encodeURIComponent(value.toString())}; Path=/; HttpOnly; SameSite=Lax`;
}

/** A Grafana service account: the token its clients send as `Authorization: Bearer` and its org role. */
export interface ServiceAccount {
  token: string;
  role: OrgRole;
}

/** Requests that came with a valid service account token, and the session it stands for. */
const serviceAccountSessions = new WeakMap<IncomingMessage, Session>();

const sameToken = (sent: string, expected: string) =>
  sent.length === expected.length && timingSafeEqual(Buffer.from(sent), Buffer.from(expected));

/**
 * Checks an `Authorization: Bearer <token>` header as Grafana checks service account tokens: the service
 * account's token signs the request in with its role, any other token is 401 "Invalid API key" (Grafana's
 * `api-key.invalid`, pkg/services/authn/clients/api_key.go). Requests without the header are left alone.
 */
export function authenticateBearer(req: IncomingMessage, serviceAccount: ServiceAccount | undefined): void {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (!bearer) {
    return;
  }
  if (!serviceAccount || !sameToken(bearer[1], serviceAccount.token)) {
    throw apiError(401, 'Invalid API key', { messageId: 'api-key.invalid', statusCode: 401 });
  }
  serviceAccountSessions.set(req, { role: serviceAccount.role, grafanaAdmin: false, theme: 'dark' });
}

/** The signed-in session of an API request, or Grafana's 401 when there is none. */
export function requireSignedIn(req: IncomingMessage): Session {
  const serviceAccountSession = serviceAccountSessions.get(req);
  if (serviceAccountSession) {
    return serviceAccountSession;
  }
  const header = req.headers[ROLE_HEADER.toLowerCase()];
  const cookie = readCookie(req);
  const role = typeof header === 'string' ? header : cookie?.get('role');
  if (!isRole(role)) {
    throw apiError(401, 'Unauthorized');
  }
  return parseSession(typeof header === 'string' ? undefined : cookie, role);
}

export function hasRole(session: Session, minimum: OrgRole): boolean {
  return ROLE_RANK[session.role] >= ROLE_RANK[minimum];
}

/** Grafana's 403 unless the user has at least `minimum` as org role. */
export function requireRole(session: Session, minimum: OrgRole, message = 'Access Denied'): void {
  if (!hasRole(session, minimum)) {
    throw apiError(403, message);
  }
}

/** Grafana's canCreateAnnotation for an organization annotation: `annotations:create` on its scope. */
export const mayCreateOrganizationAnnotation = (session: Session) =>
  mayCreateOrganizationAnnotations(ANNOTATION_WRITE_SCOPES[session.role]);

/** The login of the fixed user behind a session ("admin", "editor", "viewer"). */
export const loginOf = (session: Session) => USERS[session.role].login;

export function bootUser(session: Session): HostBootUser {
  const user = USERS[session.role];
  return {
    ...user,
    uid: `host-${user.login}`,
    email: `${user.login}@localhost`,
    orgId: 1,
    orgName: 'Main Org.',
    orgRole: session.role,
    isGrafanaAdmin: session.grafanaAdmin,
    isSignedIn: true,
    theme: session.theme,
    timezone: 'browser',
    locale: 'en-US',
    language: 'en-US',
    permissions: Object.fromEntries(ROLE_PERMISSIONS[session.role].map((action) => [action, true])),
  };
}

/**
 * The signed-in user's annotation actions with their scopes, as `GET /api/access-control/user/permissions` answers
 * (pkg/services/accesscontrol/api/api.go `getUserPermissions`: ac.GroupScopesByAction). The host answers the
 * annotation actions only, the ones the app needs scopes for.
 */
export function scopedAnnotationPermissions(session: Session): Record<string, string[]> {
  return {
    'annotations:read': ['annotations:*'],
    ...Object.fromEntries(ANNOTATION_WRITE_ACTIONS.map((action) => [action, ANNOTATION_WRITE_SCOPES[session.role]])),
  };
}
