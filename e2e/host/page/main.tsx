import React from 'react';
/**
 * The plugin host page. The server inlines `window.grafanaBootData` before this bundle, so @grafana/runtime builds
 * its config from it on import. Then: shared packages into SystemJS, runtime services, and one React tree with
 * Grafana's routes: the app under /a/<id>/*, its config pages under /plugins/<id>, the panel page under /host/panel.
 */
import { createRoot } from 'react-dom/client';
import { Route, Routes } from 'react-router-dom';
import { Alert } from '@grafana/ui';
import { PANEL_PAGE_PATH } from '../hostContract';
import { AppRootPage } from './AppRootPage';
import { HostChrome } from './HostChrome';
import { exposeHostNavigation, reportHostError } from './hostReady';
import { HostRouter } from './HostRouter';
import { interceptLinkClicks } from './interceptLinkClicks';
import { setMonacoEnvironment } from './monacoEnvironment';
import { PanelPage } from './PanelPage';
import { PluginConfigPage } from './PluginConfigPage';
import { installRuntimeServices } from './runtimeServices';
import { registerSharedDependencies } from './sharedDependencies';

function NotFound() {
  return (
    <Alert severity="warning" title="Page not found">
      The plugin host renders /a/&lt;app-id&gt;, /plugins/&lt;app-id&gt; and {PANEL_PAGE_PATH}?scenario=&lt;name&gt;.
    </Alert>
  );
}

function main(): void {
  registerSharedDependencies();
  installRuntimeServices();
  setMonacoEnvironment();
  interceptLinkClicks();
  exposeHostNavigation();
  const container = document.getElementById('reactRoot');
  if (!container) {
    throw new Error('the page has no #reactRoot element');
  }
  createRoot(container).render(
    <HostChrome>
      <HostRouter>
        <Routes>
          <Route path="/a/:pluginId/*" element={<AppRootPage />} />
          <Route path="/plugins/:pluginId" element={<PluginConfigPage />} />
          <Route path={PANEL_PAGE_PATH} element={<PanelPage />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </HostRouter>
    </HostChrome>
  );
}

try {
  main();
} catch (error) {
  reportHostError(error);
}
