import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * An error answered as Grafana answers it: a status and a JSON body with at least `message`
 * (`ErrorResponseBody`, written by `response.Error` in Grafana's pkg/api/response).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { message: string; [key: string]: unknown }
  ) {
    super(body.message);
  }
}

export const apiError = (status: number, message: string, extra: Record<string, unknown> = {}) =>
  new ApiError(status, { ...extra, message });

/** Grafana's answer to an /api path it has no route for. */
export const notFound = () => apiError(404, 'Not found');

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {}
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/** Dashboards and catalogs are small; anything bigger is a mistake, not a request to honour. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** The request body as JSON; bad JSON is Grafana's 400 "bad request data". */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      throw apiError(413, 'request body too large');
    }
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw apiError(400, 'bad request data');
  }
}

/** The body as a JSON object, or Grafana's 400 when it is something else. */
export async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const body = await readJsonBody(req);
  if (!isRecord(body)) {
    throw apiError(400, 'bad request data');
  }
  return body;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
