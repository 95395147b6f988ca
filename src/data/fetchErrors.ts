/**
 * What Grafana said when a request through `getBackendSrv().fetch` failed. Grafana's API errors carry a
 * `{"message": …}` body (`ErrorResponseBody`); callers show that message as it is, so the user reads Grafana's own
 * words ("You'll need additional permissions…", "invalid alert rule: …").
 */
import { isFetchError } from '@grafana/runtime';

/** FetchErrorDetails knows the HTTP status of a failed request (when there was a response) and its message. */
export interface FetchErrorDetails {
  status?: number;
  message: string;
}

export function fetchErrorDetails(error: unknown): FetchErrorDetails {
  if (isFetchError<{ message?: unknown }>(error)) {
    const body = typeof error.data?.message === 'string' ? error.data.message : '';
    return { status: error.status, message: body || error.statusText || '' };
  }
  return { message: error instanceof Error ? error.message : String(error) };
}

/** "HTTP 403 Access Denied", or the error's own message when the request never got an answer. */
export function fetchErrorMessage(error: unknown): string {
  const { status, message } = fetchErrorDetails(error);
  if (status === undefined) {
    return message;
  }
  return `HTTP ${status}${message ? ` ${message}` : ''}`;
}

/** The status of a failed request, undefined for anything that is not an HTTP answer. */
export const fetchErrorStatus = (error: unknown): number | undefined => fetchErrorDetails(error).status;
