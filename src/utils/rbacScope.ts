/**
 * Grafana's RBAC scope matching (pkg/services/accesscontrol/evaluator.go `match`): a granted scope ending in `*`
 * covers every scope it is a prefix of (`annotations:*` covers `annotations:type:organization`, `*` covers all);
 * any other covers itself alone.
 */
export function scopeCovers(granted: string, wanted: string): boolean {
  if (granted === '') {
    return false;
  }
  return granted.endsWith('*') ? wanted.startsWith(granted.slice(0, -1)) : granted === wanted;
}

/** The scope of organization annotations, which `POST /api/annotations` without a dashboard needs. */
export const ORGANIZATION_ANNOTATIONS_SCOPE = 'annotations:type:organization';

/** Whether `scopes` (of `annotations:create`) let their holder create organization annotations. */
export const mayCreateOrganizationAnnotations = (scopes: readonly string[]): boolean =>
  scopes.some((scope) => scopeCovers(scope, ORGANIZATION_ANNOTATIONS_SCOPE));
