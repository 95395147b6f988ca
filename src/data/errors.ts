import { isFetchError } from '@grafana/runtime';

/**
 * A failed request in Grafana's words: "HTTP 403: Access Denied" from a fetch error's `{message}` body, else
 * the error's own message. Pages show it as it is, so the user sees what Grafana said.
 */
export function describeError(error: unknown): string {
  if (isFetchError<{ message?: string }>(error)) {
    const message = error.data?.message || error.statusText || '';
    return error.status ? `HTTP ${error.status}${message ? `: ${message}` : ''}` : message || 'the request failed';
  }
  return error instanceof Error ? error.message : String(error);
}
