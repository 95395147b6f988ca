import type { IncomingMessage, ServerResponse } from 'node:http';

/** What a handler gets: the request, the response, the parsed URL and the path's named segments. */
export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
}

export type Handler = (ctx: RequestContext) => void | Promise<void>;

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: Handler;
}

/**
 * Router knows which handler answers a method and path. `:name` matches one path segment (decoded into
 * `params.name`); a final `*` matches the rest of the path (`params['*']`). Routes are tried in the order added.
 */
export class Router {
  private readonly routes: Route[] = [];

  get(path: string, handler: Handler): this {
    return this.add('GET', path, handler);
  }

  post(path: string, handler: Handler): this {
    return this.add('POST', path, handler);
  }

  put(path: string, handler: Handler): this {
    return this.add('PUT', path, handler);
  }

  delete(path: string, handler: Handler): this {
    return this.add('DELETE', path, handler);
  }

  add(method: string, path: string, handler: Handler): this {
    const keys: string[] = [];
    const source = path
      .split('/')
      .map((segment) => {
        if (segment === '*') {
          keys.push('*');
          return '(.*)';
        }
        if (segment.startsWith(':')) {
          keys.push(segment.slice(1));
          return '([^/]+)';
        }
        return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    this.routes.push({ method, pattern: new RegExp(`^${source}$`), keys, handler });
    return this;
  }

  /** The handler for `method` and `pathname` with its params, or undefined when no route matches. */
  match(method: string, pathname: string): { handler: Handler; params: Record<string, string> } | undefined {
    // HEAD is answered like GET, as Node's http server expects the handler to write only headers for it.
    const effectiveMethod = method === 'HEAD' ? 'GET' : method;
    for (const route of this.routes) {
      if (route.method !== effectiveMethod) {
        continue;
      }
      const found = route.pattern.exec(pathname);
      if (found) {
        const params: Record<string, string> = {};
        route.keys.forEach((key, i) => (params[key] = decodeURIComponent(found[i + 1])));
        return { handler: route.handler, params };
      }
    }
    return undefined;
  }
}
