/**
 * `GET /api/user` (Grafana's pkg/api/user.go `GetSignedInUser`): the profile of the signed-in user; and
 * `GET /api/user/teams` (`GetSignedInUserTeamList`): the teams they are a member of, as `team.TeamDTO`s; and
 * `GET /api/access-control/user/permissions`: their actions with scopes (session.ts scopedAnnotationPermissions).
 */
import { createHash } from 'node:crypto';
import type { Router } from '../server/router';
import { sendJson } from '../server/http';
import { bootUser, requireSignedIn, scopedAnnotationPermissions, USER_TEAMS } from '../server/session';

/** The host started at a fixed instant as far as user records go, so answers do not change between runs. */
const ACCOUNT_CREATED = '2026-01-01T00:00:00Z';

/** Grafana's avatar URL for an email (the host answers it with a plain picture). */
export const avatarUrl = (email: string) => `/avatar/${createHash('md5').update(email).digest('hex')}`;

export function registerUserRoutes(router: Router): void {
  router.get('/api/user', ({ req, res }) => {
    const user = bootUser(requireSignedIn(req));
    sendJson(res, 200, {
      id: user.id,
      uid: user.uid,
      email: user.email,
      name: user.name,
      login: user.login,
      theme: user.theme,
      orgId: user.orgId,
      isGrafanaAdmin: user.isGrafanaAdmin,
      isDisabled: false,
      isExternal: false,
      isExternallySynced: false,
      isGrafanaAdminExternallySynced: false,
      isProvisioned: false,
      authLabels: [],
      updatedAt: ACCOUNT_CREATED,
      createdAt: ACCOUNT_CREATED,
      avatarUrl: avatarUrl(user.email),
      accessControl: {},
    });
  });

  router.get('/api/user/teams', ({ req, res }) => {
    const session = requireSignedIn(req);
    sendJson(
      res,
      200,
      USER_TEAMS[session.role].map((team) => ({
        id: team.id,
        uid: `host-team-${team.id}`,
        orgId: 1,
        name: team.name,
        email: team.email,
        avatarUrl: avatarUrl(team.email),
        memberCount: 2,
        permission: 0,
      }))
    );
  });

  router.get('/api/access-control/user/permissions', ({ req, res }) => {
    sendJson(res, 200, scopedAnnotationPermissions(requireSignedIn(req)));
  });
}
