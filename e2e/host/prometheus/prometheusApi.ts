/**
 * Calls to a Prometheus HTTP API the way Grafana's Prometheus client makes them (pkg/promlib/client): form-encoded
 * POSTs with times in fractional seconds. Failures to reach Prometheus read like Go's net/http errors, because
 * that text is what Grafana puts into the per-query `error`.
 */
import type { PrometheusApiBody } from './frames';

/** Prometheus could not be reached; the message is Go's, e.g. `Post "…": dial tcp …: connect: connection refused`. */
export class PrometheusUnreachableError extends Error {}

export interface PrometheusAnswer {
  status: number;
  body: PrometheusApiBody;
}

function goNetworkError(url: URL, error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const address = `${url.hostname}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`;
  switch (cause?.code) {
    case 'ECONNREFUSED':
      return `dial tcp ${address}: connect: connection refused`;
    case 'ENOTFOUND':
      return `dial tcp: lookup ${url.hostname}: no such host`;
    case 'ECONNRESET':
      return `read tcp ${address}: read: connection reset by peer`;
    default:
      if ((error as Error).name === 'TimeoutError') {
        return 'context deadline exceeded (Client.Timeout exceeded while awaiting headers)';
      }
      return cause?.message ?? (error as Error).message;
  }
}

export const prometheusTime = (ms: number) => String(ms / 1000);

export async function callPrometheus(
  baseUrl: string,
  path: 'api/v1/query' | 'api/v1/query_range',
  params: Record<string, string>,
  timeoutMs: number
): Promise<PrometheusAnswer> {
  const url = new URL(path, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(params).toString(),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new PrometheusUnreachableError(`Post "${url.href}": ${goNetworkError(url, error)}`);
  }
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) as PrometheusApiBody };
  } catch {
    return {
      status: response.status,
      body: { status: 'error', errorType: 'server_error', error: `HTTP ${response.status} without a JSON body` },
    };
  }
}
