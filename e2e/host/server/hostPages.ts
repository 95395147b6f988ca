/**
 * The HTML page behind every browser URL the host serves (as Grafana serves index.html for all of them), with the
 * boot data inlined before the bundle so @grafana/runtime reads it when it is first imported. The page sets the
 * session cookie from `?role=` and `?theme=`.
 */
import type { Router, RequestContext } from './router';
import { APP_BASE_PATH, PANEL_PAGE_PATH, type HostBootData } from '../hostContract';
import type { PageBundle } from '../build/pageBundle';
import { bootUser, pageSession, sessionCookie } from './session';
import { sendText } from './staticFiles';

/** JSON that is safe inside a <script> element: nothing in it can close the element or end a JS line. */
const scriptJson = (value: unknown) =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

function pageHtml(bootData: HostBootData, bundle: PageBundle): string {
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <base href="/" />
    <title>Northstar KPI · Grafana plugin host</title>
    <link rel="icon" href="data:," />
    <style>
      body { margin: 0; }
    </style>
    ${bundle.cssUrl ? `<link rel="stylesheet" href="${bundle.cssUrl}" />` : ''}
    ${bundle.preloadUrls.map((url) => `<link rel="modulepreload" href="${url}" />`).join('\n    ')}
    <script>
      window.grafanaBootData = ${scriptJson(bootData)};
      window.__grafana_public_path__ = '/public/';
    </script>
  </head>
  <body class="theme-${bootData.user.theme}">
    <div id="reactRoot"></div>
    <script type="module" src="${bundle.scriptUrl}"></script>
  </body>
</html>
`;
}

export function registerHostPageRoutes(
  router: Router,
  settings: () => Record<string, unknown>,
  pageBundle: () => Promise<PageBundle>
): void {
  const servePage = async ({ req, res, url }: RequestContext) => {
    const session = pageSession(req, url);
    if (typeof session === 'string') {
      sendText(res, 400, session);
      return;
    }
    const bootData: HostBootData = {
      user: bootUser(session),
      settings: settings(),
      navTree: [],
      assets: { dark: '', light: '' },
    };
    const html = pageHtml(bootData, await pageBundle());
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': Buffer.byteLength(html),
      'Cache-Control': 'no-store',
      'Set-Cookie': sessionCookie(session),
    });
    res.end(html);
  };

  router.get('/', ({ res }) => {
    res.writeHead(302, { Location: APP_BASE_PATH });
    res.end();
  });
  router.get('/a/:pluginId', servePage);
  router.get('/a/:pluginId/*', servePage);
  router.get('/plugins/:pluginId', servePage);
  router.get(PANEL_PAGE_PATH, servePage);
}
