import { fetchAnnotationCreateScopes } from '../../data/annotationScopes';
import { useReadOnce } from './useReadOnce';

/**
 * The scopes of the signed-in user's `annotations:create`, read once per page when `needed`: undefined while they
 * load or when they could not be read (a Grafana without the endpoint), so the check falls back on the role.
 */
export function useAnnotationScopes(needed: boolean): readonly string[] | undefined {
  return useReadOnce(needed, fetchAnnotationCreateScopes);
}
