/** `GET /api/user/teams` (Grafana's pkg/api/user.go `GetSignedInUserTeamList`): the signed-in user's teams. */
import { lastValueFrom } from 'rxjs';
import { getBackendSrv } from '@grafana/runtime';
import type { UserTeam } from '../utils/permissions';

export async function fetchUserTeams(): Promise<UserTeam[]> {
  const response = await lastValueFrom(
    getBackendSrv().fetch<unknown>({ url: '/api/user/teams', method: 'GET', showErrorAlert: false })
  );
  const teams = Array.isArray(response.data) ? response.data : [];
  return teams.flatMap((team: { name?: unknown; email?: unknown }) =>
    typeof team?.name === 'string'
      ? [{ name: team.name, ...(typeof team.email === 'string' ? { email: team.email } : {}) }]
      : []
  );
}
