import React, { useCallback } from 'react';
import { css } from '@emotion/css';
import { useSearchParams } from 'react-router-dom';
import type { GrafanaTheme2, PanelPlugin } from '@grafana/data';
import { getBackendSrv } from '@grafana/runtime';
import { useStyles2 } from '@grafana/ui';
import { KPI_PANEL_PLUGIN_ID, SCENARIOS_API_PATH } from '../hostContract';
import { scenarioVariables, type PanelScenario } from '../scenarios';
import { TopBar } from './HostChrome';
import { LoadingOrError } from './HostStatus';
import { importPanelPlugin } from './pluginImports';
import { ScenarioPanel } from './ScenarioPanel';
import { hostTemplateSrv } from './templateSrv';
import { useLoaded } from './useLoaded';

async function loadScenario(name: string): Promise<{ scenario: PanelScenario; plugin: PanelPlugin }> {
  if (!name) {
    throw new Error(`add ?scenario=<name> to the URL (${SCENARIOS_API_PATH} lists them)`);
  }
  const [scenario, plugin] = await Promise.all([
    getBackendSrv().get<PanelScenario>(`${SCENARIOS_API_PATH}/${encodeURIComponent(name)}`),
    importPanelPlugin(KPI_PANEL_PLUGIN_ID),
  ]);
  // Opening a dashboard gives the template service its variables, which queries and the panel then read.
  hostTemplateSrv.setDashboardVariables(scenarioVariables(scenario));
  return { scenario, plugin };
}

const pixels = (text: string | null, fallback: number) => {
  const value = Number(text);
  return text !== null && Number.isInteger(value) && value > 0 ? value : fallback;
};

/** `/host/panel?scenario=<name>&width=600&height=400`: one scenario's KPI panel on a dashboard-like canvas. */
export function PanelPage() {
  const [search] = useSearchParams();
  const name = search.get('scenario') ?? '';
  const width = pixels(search.get('width'), 600);
  const height = pixels(search.get('height'), 400);
  const loaded = useLoaded(useCallback(() => loadScenario(name), [name]));
  const styles = useStyles2(getStyles);
  return (
    <>
      <TopBar crumbs={[{ text: 'Home', url: '/' }, { text: 'Panel scenarios' }, { text: name || 'none' }]} />
      <div className={styles.canvas}>
        {loaded.state === 'done' ? (
          <ScenarioPanel {...loaded.value} width={width} height={height} />
        ) : (
          <LoadingOrError loaded={loaded} what={`the panel scenario "${name}"`} />
        )}
      </div>
    </>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  canvas: css({
    padding: theme.spacing(2),
    background: theme.colors.background.canvas,
    minHeight: 'calc(100vh - 40px)',
  }),
});
