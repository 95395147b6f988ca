/**
 * The exporter's HTTP API: one metrics path per service (Prometheus jobs checkout, search and login scrape their
 * own path, which gives the `job` label the catalog queries use), chaos and deploys.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { parseChaos, parseService, type Chaos } from './chaos';
import { SERVICES, isServiceName } from './traffic';
import type { Workload } from './workload';

const PROMETHEUS_TEXT = 'text/plain; version=0.0.4; charset=utf-8';

const USAGE = [
  'Northstar KPI demo workload',
  '',
  ...SERVICES.map((service) => `GET    /metrics/${service}`),
  'GET    /chaos                                              active chaos',
  'POST   /chaos?service=checkout&errorRate=0.05&minutes=30   fail 5 % of checkout requests for 30 minutes',
  '       (with the header X-Northstar-Chaos: 1)',
  'DELETE /chaos?service=checkout                             end it early',
  'POST   /deploy?service=checkout                            record a deploy',
  '',
].join('\n');

type Handler = (params: URLSearchParams, nowSec: number) => Promise<Reply> | Reply;

interface Reply {
  status: number;
  body: unknown;
  contentType?: string;
}

const json = (status: number, body: unknown): Reply => ({ status, body });

/**
 * Starting chaos needs a custom header: a web page the demo's user opens can post a form to localhost, but it cannot
 * add a header without a CORS preflight, which this server never grants.
 */
const CHAOS_HEADER = 'x-northstar-chaos';
const CHAOS_HEADER_MISSING = json(403, {
  error: 'POST /chaos needs the header X-Northstar-Chaos: 1, so that no web page can start chaos',
});

export function createDemoServer(workload: Workload, clock: () => number = () => Date.now() / 1000): Server {
  const routes: Record<string, Record<string, Handler>> = {
    '/': { GET: () => ({ status: 200, body: USAGE, contentType: 'text/plain; charset=utf-8' }) },
    '/chaos': {
      GET: (_, nowSec) =>
        json(200, { active: workload.chaos.list(nowSec).map((chaos) => describeChaos(chaos, nowSec)) }),
      POST: (params, nowSec) => {
        const chaos = parseChaos(params, nowSec);
        if (!chaos.ok) {
          return json(400, { error: chaos.message });
        }
        workload.advance(nowSec);
        workload.chaos.start(chaos.value);
        return json(200, { started: describeChaos(chaos.value, nowSec) });
      },
      DELETE: (params, nowSec) => {
        const service = parseService(params);
        if (!service.ok) {
          return json(400, { error: service.message });
        }
        workload.advance(nowSec);
        return json(200, { service: service.value, stopped: workload.chaos.stop(service.value, nowSec) });
      },
    },
    '/deploy': {
      POST: (params, nowSec) => {
        const service = parseService(params);
        if (!service.ok) {
          return json(400, { error: service.message });
        }
        workload.deploy(service.value, nowSec);
        return json(200, { service: service.value, deployedAt: new Date(nowSec * 1000).toISOString() });
      },
    },
  };

  const route = (path: string): Record<string, Handler> | undefined => {
    const service = /^\/metrics\/([^/]+)$/.exec(path)?.[1];
    if (service !== undefined && isServiceName(service)) {
      return {
        GET: async (_, nowSec) => ({
          status: 200,
          body: await workload.scrape(service, nowSec),
          contentType: PROMETHEUS_TEXT,
        }),
      };
    }
    return routes[path];
  };

  return createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const methods = route(url.pathname);
    if (url.pathname === '/chaos' && request.method === 'POST' && request.headers[CHAOS_HEADER] !== '1') {
      return send(response, CHAOS_HEADER_MISSING, methods);
    }
    dispatch(methods, request.method ?? 'GET', url, clock)
      .catch((error: unknown) => json(500, { error: error instanceof Error ? error.message : String(error) }))
      .then((reply) => send(response, reply, methods));
  });
}

async function dispatch(
  methods: Record<string, Handler> | undefined,
  method: string,
  url: URL,
  clock: () => number
): Promise<Reply> {
  if (!methods) {
    return json(404, { error: `no such path ${url.pathname}`, usage: USAGE.split('\n').filter(Boolean) });
  }
  const handler = methods[method];
  if (!handler) {
    return json(405, { error: `${method} is not allowed on ${url.pathname}`, allow: Object.keys(methods) });
  }
  return handler(url.searchParams, clock());
}

function describeChaos(chaos: Chaos, nowSec: number) {
  return {
    service: chaos.service,
    errorRate: chaos.errorRate,
    until: new Date(chaos.untilSec * 1000).toISOString(),
    minutesLeft: Math.round((chaos.untilSec - nowSec) / 6) / 10,
  };
}

function send(response: ServerResponse, reply: Reply, methods: Record<string, Handler> | undefined): void {
  const isText = typeof reply.body === 'string';
  const headers: Record<string, string> = {
    'Content-Type': reply.contentType ?? 'application/json; charset=utf-8',
  };
  if (reply.status === 405 && methods) {
    headers.Allow = Object.keys(methods).join(', ');
  }
  response.writeHead(reply.status, headers);
  response.end(isText ? reply.body : `${JSON.stringify(reply.body)}\n`);
}
