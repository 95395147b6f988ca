import React, { useCallback } from 'react';
import { useLocation, useParams } from 'react-router-dom';
import { PluginContextProvider } from '@grafana/data';
import { locationSearchToObject, PluginPage } from '@grafana/runtime';
import { Alert } from '@grafana/ui';
import { HostErrorBoundary } from './HostErrorBoundary';
import { LoadingOrError, MarkReady } from './HostStatus';
import { TopBar } from './HostChrome';
import { importAppPlugin } from './pluginImports';
import { useLoaded } from './useLoaded';

/**
 * `/a/<app-id>/*`: the app's root page with the props Grafana's AppRootPage passes (meta from the plugin settings,
 * basename, query, path), inside the plugin context and under the route that matched the app's base URL, so the
 * app's own <Routes> resolve relative to it.
 */
export function AppRootPage() {
  const { pluginId = '' } = useParams();
  const location = useLocation();
  const loaded = useLoaded(useCallback(() => importAppPlugin(pluginId), [pluginId]));
  const basename = `/a/${pluginId}`;

  if (loaded.state !== 'done') {
    return <LoadingOrError loaded={loaded} what={`the app ${pluginId}`} />;
  }
  const plugin = loaded.value;
  const Root = plugin.root;
  return (
    <>
      <TopBar crumbs={[{ text: 'Home', url: '/' }, { text: 'Apps' }, { text: plugin.meta.name, url: basename }]} />
      <PluginContextProvider meta={plugin.meta}>
        <HostErrorBoundary title={`${plugin.meta.name} failed to render`}>
          {!plugin.meta.enabled ? (
            <PluginPage>
              <Alert severity="info" title="App not enabled">
                Enable it on its configuration page (Administration, Plugins).
              </Alert>
            </PluginPage>
          ) : Root ? (
            <Root
              meta={plugin.meta}
              basename={basename}
              query={locationSearchToObject(location.search)}
              path={location.pathname}
              onNavChanged={() => undefined}
            />
          ) : (
            <Alert severity="error" title="No root page">
              The app registers no root page (setRootPage).
            </Alert>
          )}
          <MarkReady />
        </HostErrorBoundary>
      </PluginContextProvider>
    </>
  );
}
