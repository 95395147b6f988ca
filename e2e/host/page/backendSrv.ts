/**
 * The host's BackendSrv: `fetch` returns an rxjs Observable that emits one FetchResponse and completes, or errors
 * with a FetchError (`{status, data, config}`) for HTTP errors, as Grafana's backend_srv does. Requests go to the
 * host server with the session cookie, like Grafana's frontend to its backend.
 */
import { lastValueFrom, Observable, throwError } from 'rxjs';
import type { BackendSrv, BackendSrvRequest, FetchError, FetchResponse } from '@grafana/runtime';

function urlWithParams(url: string, params: BackendSrvRequest['params']): string {
  if (!params || typeof params !== 'object') {
    return url;
  }
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params as Record<string, unknown>)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null) {
        search.append(key, String(item));
      }
    }
  }
  const query = search.toString();
  return query ? `${url}${url.includes('?') ? '&' : '?'}${query}` : url;
}

function requestInit(options: BackendSrvRequest, signal: AbortSignal): RequestInit {
  const method = (options.method ?? 'GET').toUpperCase();
  const headers = new Headers(options.headers as HeadersInit | undefined);
  headers.set('X-Grafana-Org-Id', '1');
  let body: BodyInit | undefined;
  if (options.data !== undefined && method !== 'GET' && method !== 'HEAD') {
    if (typeof options.data === 'string' || options.data instanceof FormData || options.data instanceof Blob) {
      body = options.data;
    } else if (headers.get('Content-Type') === 'application/x-www-form-urlencoded') {
      // Grafana's backend_srv sends an object as a form when the caller asks for one (PromQL editor resources).
      body = new URLSearchParams(options.data as Record<string, string>);
    } else {
      body = JSON.stringify(options.data);
      headers.set('Content-Type', 'application/json');
    }
  }
  return { method, headers, body, credentials: options.credentials ?? 'same-origin', signal };
}

async function readData(response: Response, options: BackendSrvRequest): Promise<unknown> {
  if (options.responseType === 'blob') {
    return response.blob();
  }
  if (options.responseType === 'arraybuffer') {
    return response.arrayBuffer();
  }
  const text = await response.text();
  const isJson = (response.headers.get('Content-Type') ?? '').includes('json') && options.responseType !== 'text';
  return isJson && text !== '' ? JSON.parse(text) : text;
}

function fetchObservable<T>(options: BackendSrvRequest): Observable<FetchResponse<T>> {
  return new Observable<FetchResponse<T>>((subscriber) => {
    const controller = new AbortController();
    fetch(urlWithParams(options.url, options.params), requestInit(options, controller.signal))
      .then(async (response) => {
        const fetched: FetchResponse<T> = {
          data: (await readData(response, options)) as T,
          status: response.status,
          statusText: response.statusText,
          ok: response.ok,
          headers: response.headers,
          redirected: response.redirected,
          type: response.type,
          url: response.url,
          config: options,
        };
        if (response.ok) {
          subscriber.next(fetched);
          subscriber.complete();
        } else {
          const error: FetchError = {
            status: response.status,
            statusText: response.statusText,
            data: fetched.data,
            config: options,
          };
          subscriber.error(error);
        }
      })
      .catch((cause: Error) => {
        if (!controller.signal.aborted) {
          const error: FetchError = {
            status: 0,
            statusText: cause.message,
            data: { message: cause.message },
            config: options,
          };
          subscriber.error(error);
        }
      });
    return () => controller.abort();
  });
}

export function createBackendSrv(): BackendSrv {
  const request = async <T>(options: BackendSrvRequest) => (await lastValueFrom(fetchObservable<T>(options))).data;
  return {
    fetch: fetchObservable,
    request,
    datasourceRequest: (options) => lastValueFrom(fetchObservable(options)),
    get: (url, params, requestId, options) => request({ ...options, url, params, requestId, method: 'GET' }),
    delete: (url, data, options) => request({ ...options, url, data, method: 'DELETE' }),
    post: (url, data, options) => request({ ...options, url, data, method: 'POST' }),
    patch: (url, data, options) => request({ ...options, url, data, method: 'PATCH' }),
    put: (url, data, options) => request({ ...options, url, data, method: 'PUT' }),
    chunked: () => throwError(() => new Error('chunked requests are not supported by the plugin host')),
  };
}
