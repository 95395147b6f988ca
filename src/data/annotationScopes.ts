/**
 * `GET /api/access-control/user/permissions` (Grafana's pkg/services/accesscontrol/api/api.go `getUserPermissions`,
 * every signed-in user): the signed-in user's actions with their scopes. Boot data has the actions alone
 * (`bootData.user.permissions`, ac.BuildPermissionsMap), where a Viewer's dashboard-only `annotations:create` looks
 * like an Editor's; the scopes tell whether it reaches organization annotations, where check-ins are stored.
 */
import { lastValueFrom } from 'rxjs';
import { getBackendSrv } from '@grafana/runtime';

/** The scopes of `annotations:create`; empty when the user holds none. */
export async function fetchAnnotationCreateScopes(): Promise<string[]> {
  const response = await lastValueFrom(
    getBackendSrv().fetch<unknown>({
      url: '/api/access-control/user/permissions',
      method: 'GET',
      showErrorAlert: false,
    })
  );
  const scopes = (response.data as Record<string, unknown> | null)?.['annotations:create'];
  return Array.isArray(scopes) ? scopes.filter((scope): scope is string => typeof scope === 'string') : [];
}
