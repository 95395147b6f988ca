import React, { useCallback } from 'react';
import { css } from '@emotion/css';
import { PluginContextProvider, type GrafanaTheme2 } from '@grafana/data';
import { config, locationSearchToObject, locationService } from '@grafana/runtime';
import { Alert, Stack, Tab, TabContent, TabsBar, Text, useStyles2 } from '@grafana/ui';
import { useLocation, useParams } from 'react-router-dom';
import { HostErrorBoundary } from './HostErrorBoundary';
import { LoadingOrError, MarkReady } from './HostStatus';
import { TopBar } from './HostChrome';
import { importAppPlugin } from './pluginImports';
import { useLoaded } from './useLoaded';

const OVERVIEW = 'overview';

/**
 * `/plugins/<app-id>`: Grafana's plugin details page, reduced to what an app shows there: its name, description and
 * the config pages as tabs (`?page=<id>`), whose bodies get `{plugin, query}`. Only org Admins see the tabs.
 */
export function PluginConfigPage() {
  const { pluginId = '' } = useParams();
  const location = useLocation();
  const styles = useStyles2(getStyles);
  const loaded = useLoaded(useCallback(() => importAppPlugin(pluginId), [pluginId]));

  if (loaded.state !== 'done') {
    return <LoadingOrError loaded={loaded} what={`the plugin ${pluginId}`} />;
  }
  const plugin = loaded.value;
  const query = locationSearchToObject(location.search);
  const isOrgAdmin = config.bootData.user.orgRole === 'Admin';
  const pages = isOrgAdmin ? (plugin.configPages ?? []) : [];
  // Admins land on the first config page, as in Grafana; `?page=overview` shows the overview instead.
  const active = query.page === OVERVIEW ? undefined : (pages.find((page) => page.id === query.page) ?? pages[0]);
  return (
    <>
      <TopBar
        crumbs={[
          { text: 'Home', url: '/' },
          { text: 'Administration' },
          { text: 'Plugins' },
          { text: plugin.meta.name },
        ]}
      />
      <div className={styles.page}>
        <Stack direction="row" alignItems="center" gap={2}>
          <img className={styles.logo} src={plugin.meta.info.logos.large} alt="" />
          <Stack direction="column" gap={0.5}>
            <h1 className={styles.title}>{plugin.meta.name}</h1>
            <Text color="secondary">{plugin.meta.info.description}</Text>
          </Stack>
        </Stack>
        <TabsBar className={styles.tabs}>
          <Tab label="Overview" active={!active} onChangeTab={() => locationService.partial({ page: OVERVIEW })} />
          {pages.map((page) => (
            <Tab
              key={page.id}
              label={page.title}
              icon={page.icon}
              active={page === active}
              onChangeTab={() => locationService.partial({ page: page.id })}
            />
          ))}
        </TabsBar>
        <TabContent className={styles.content}>
          <PluginContextProvider meta={plugin.meta}>
            <HostErrorBoundary title={`${plugin.meta.name} configuration failed to render`}>
              {active ? (
                <active.body plugin={plugin} query={query} />
              ) : (
                <Alert severity="info" title={plugin.meta.name}>
                  Version {plugin.meta.info.version}.{' '}
                  {isOrgAdmin ? 'Open a tab to configure the app.' : 'Only organization admins can configure this app.'}
                </Alert>
              )}
              <MarkReady />
            </HostErrorBoundary>
          </PluginContextProvider>
        </TabContent>
      </div>
    </>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ padding: theme.spacing(2, 4) }),
  logo: css({ width: 48, height: 48 }),
  title: css({ margin: 0, ...theme.typography.h2 }),
  tabs: css({ marginTop: theme.spacing(3) }),
  content: css({ paddingTop: theme.spacing(2) }),
});
