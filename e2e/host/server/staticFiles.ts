/**
 * Files the page loads: the plugins of dist/ under `/public/plugins/<id>/` (Grafana's plugin asset route), the
 * icons @grafana/ui fetches under `/public/build/img/icons/`, the Prometheus logo and avatars Grafana's own
 * frontend would serve, and the page bundle.
 */
import { createReadStream, statSync } from 'node:fs';
import { dirname, extname, join, normalize, sep } from 'node:path';
import type { ServerResponse } from 'node:http';
import type { Router } from './router';
import type { InstalledPlugin } from './installedPlugins';
import { PAGE_BUNDLE_PATH } from '../hostContract';
import type { PageBundle } from '../build/pageBundle';

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.md': 'text/markdown; charset=utf-8',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

const ASSETS_DIR = join(__dirname, '..', 'assets');
const ICONS_DIR = join(dirname(require.resolve('@grafana/ui/package.json')), 'dist', 'public', 'img', 'icons');
const ICON_STAND_INS_DIR = join(ASSETS_DIR, 'icons');

/** Dist may be rebuilt under a running host; hashed bundle files never change. */
const NO_CACHE = 'no-cache';
const FOREVER = 'public, max-age=31536000, immutable';

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** Streams `relativePath` from `root`, refusing paths that climb out of it. */
function sendFile(res: ServerResponse, root: string, relativePath: string, cacheControl: string): void {
  const file = normalize(join(root, relativePath));
  const size = file.startsWith(root + sep) ? fileSize(file) : undefined;
  if (size === undefined) {
    sendText(res, 404, 'Not found');
    return;
  }
  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Length': size,
    'Cache-Control': cacheControl,
  });
  createReadStream(file).pipe(res);
}

function fileSize(file: string): number | undefined {
  try {
    const stat = statSync(file);
    return stat.isFile() ? stat.size : undefined;
  } catch {
    return undefined;
  }
}

export function registerStaticRoutes(
  router: Router,
  plugins: () => InstalledPlugin[],
  pageBundle: () => Promise<PageBundle>
): void {
  router.get('/public/plugins/:pluginId/*', ({ res, params }) => {
    const plugin = plugins().find((candidate) => candidate.json.id === params.pluginId);
    if (!plugin) {
      sendText(res, 404, 'Plugin not found');
      return;
    }
    sendFile(res, plugin.dir, params['*'], NO_CACHE);
  });

  router.get('/public/build/img/icons/*', ({ res, params }) => {
    const icon = params['*'];
    if (fileSize(join(ICONS_DIR, icon)) !== undefined) {
      sendFile(res, ICONS_DIR, icon, 'public, max-age=3600');
      return;
    }
    // Grafana's build has icons the npm package lacks (spinner, thumbs-up, ...); stand-ins keep pages complete.
    const standIn = fileSize(join(ICON_STAND_INS_DIR, icon)) !== undefined ? icon : 'stand-in.svg';
    sendFile(res, ICON_STAND_INS_DIR, standIn, 'public, max-age=3600');
  });

  router.get('/public/app/plugins/datasource/prometheus/img/prometheus_logo.svg', ({ res }) =>
    sendFile(res, ASSETS_DIR, 'prometheus_logo.svg', 'public, max-age=3600')
  );
  // Grafana's build serves each core data source's logo; the host draws a stand-in for PostgreSQL's.
  router.get('/public/app/plugins/datasource/grafana-postgresql-datasource/img/postgresql_logo.svg', ({ res }) =>
    sendFile(res, ASSETS_DIR, 'postgresql_logo.svg', 'public, max-age=3600')
  );

  router.get('/avatar/:hash', ({ res }) => sendFile(res, ASSETS_DIR, 'avatar.svg', 'public, max-age=3600'));

  router.get(`${PAGE_BUNDLE_PATH}/:key/*`, async ({ res, params }) => {
    const bundle = await pageBundle();
    if (!bundle.urlPrefix.endsWith(`/${params.key}`)) {
      sendText(res, 404, 'Not found: the page bundle has been rebuilt; reload the page');
      return;
    }
    sendFile(res, bundle.dir, params['*'], FOREVER);
  });
}
