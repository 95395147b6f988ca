/**
 * Who may write a check-in, as a real Grafana 11/12 decides and as the app reads it: boot data carries actions
 * without scopes (pkg/api/index.go: ac.BuildPermissionsMap), so every basic role shows `annotations:create` there
 * (a Viewer's is `fixed:annotations.dashboard:writer`'s, on dashboards only); the scopes come from
 * `GET /api/access-control/user/permissions`, and only they tell whether `POST /api/annotations` of an
 * organization annotation is allowed (pkg/api/annotations.go canCreateAnnotation).
 */
import { mayCreateOrganizationAnnotations } from '../../src/utils/rbacScope';
import { ORG_ROLES, ROLE_HEADER, type OrgRole } from './hostContract';
import { startApiOnlyHost } from './apiOnlyHost';
import { bootUser } from './server/session';
import type { RunningHost } from './startHost';

let host: RunningHost;

beforeAll(async () => {
  host = await startApiOnlyHost('northstar-annotation-permissions-');
});

afterAll(async () => {
  await host?.stop();
});

const request = (role: OrgRole, path: string, init: RequestInit = {}) =>
  fetch(new URL(path, host.url), {
    ...init,
    headers: { [ROLE_HEADER]: role, 'Content-Type': 'application/json' },
  });

test.each(ORG_ROLES.map((role) => [role]))(
  'a %s’s boot data has annotations:create, as every basic role’s has in Grafana',
  (role) => {
    const permissions = bootUser({ role, grafanaAdmin: false, theme: 'dark' }).permissions;
    expect(permissions['annotations:create']).toBe(true);
    expect(permissions['annotations:read']).toBe(true);
  }
);

test.each([
  ['Viewer', ['annotations:type:dashboard'], 403],
  ['Editor', ['annotations:type:dashboard', 'annotations:*'], 200],
  ['Admin', ['annotations:type:dashboard', 'annotations:*', 'annotations:type:organization', 'folders:*'], 200],
] as const)(
  'a %s’s annotations:create scopes are %j, and the app’s reading of them matches the API’s answer %i',
  async (role, scopes, status) => {
    const permissions = await (await request(role, '/api/access-control/user/permissions')).json();
    expect(permissions['annotations:create']).toEqual(scopes);
    const posted = await request(role, '/api/annotations', {
      method: 'POST',
      body: JSON.stringify({ time: Date.UTC(2026, 10, 12, 12), tags: ['northstar-check-in', 'kpi:x'], text: role }),
    });
    expect(posted.status).toBe(status);
    expect(mayCreateOrganizationAnnotations(permissions['annotations:create'])).toBe(status === 200);
  }
);

test('without a session the permissions are Grafana’s 401', async () => {
  const response = await fetch(new URL('/api/access-control/user/permissions', host.url));
  expect(response.status).toBe(401);
});
