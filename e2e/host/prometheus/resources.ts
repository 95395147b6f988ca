/**
 * `/api/datasources/uid/:uid/resources/*`, the data source resource calls Grafana's PromQL editor makes (labels,
 * label values, series, metadata, rules, exemplars, build info), answered as Grafana's Prometheus backend answers
 * them: the path and query string (GET) or form body (POST) go to the data source's Prometheus as they came, and
 * Prometheus' status and JSON body come back unchanged (pkg/promlib/resource/resource.go `Execute`, client.go
 * `QueryResource`). Anyone who may query the data source may call them; PostgreSQL has no resources.
 */
import type { IncomingMessage } from 'node:http';
import type { HostDataSource } from '../api/datasources';
import { apiError, sendJson } from '../server/http';
import type { Router } from '../server/router';
import { requireSignedIn } from '../server/session';

/** How long the editor may wait for Prometheus; Grafana's data source default is 30 s. */
const RESOURCE_TIMEOUT_MS = 30_000;

async function readFormBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Prometheus' own resource paths only: the proxy never reaches anything but `<prometheus>/api/v1/…`. */
function prometheusResourceUrl(baseUrl: string, path: string, search: string): URL {
  if (!/^api\/v1\/[a-z_]+(\/[^/]+\/values|\/[a-z_]+)?$/.test(path)) {
    throw apiError(404, 'Not found');
  }
  const url = new URL(path, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  url.search = search;
  return url;
}

export function registerPrometheusResourceRoutes(router: Router, dataSources: HostDataSource[]): void {
  const forward = (method: 'GET' | 'POST') =>
    router.add(method, '/api/datasources/uid/:uid/resources/*', async ({ req, res, url, params }) => {
      requireSignedIn(req);
      const ds = dataSources.find((candidate) => candidate.uid === params.uid);
      if (!ds) {
        throw apiError(404, 'Data source not found');
      }
      if (ds.type !== 'prometheus') {
        throw apiError(404, 'Not found');
      }
      const target = prometheusResourceUrl(ds.url, params['*'], method === 'GET' ? url.search : '');
      let answer: Response;
      try {
        answer = await fetch(target, {
          method,
          headers: method === 'POST' ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {},
          body: method === 'POST' ? await readFormBody(req) : undefined,
          signal: AbortSignal.timeout(RESOURCE_TIMEOUT_MS),
        });
      } catch (error) {
        // Grafana wraps a failed resource call as a 500 with this message (pkg/api/plugin_resource.go).
        throw apiError(500, 'Failed to call resource', { error: `error querying resource: ${String(error)}` });
      }
      const text = await answer.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = { status: 'error', error: text };
      }
      sendJson(res, answer.status, body);
    });
  forward('GET');
  forward('POST');
}
