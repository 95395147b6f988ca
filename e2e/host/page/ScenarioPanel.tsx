import React, { useMemo, useState } from 'react';
import { merge } from 'lodash';
import {
  applyFieldOverrides,
  EventBusSrv,
  LoadingState,
  type AbsoluteTimeRange,
  type FieldConfigSource,
  type InterpolateFunction,
  type PanelData,
  type PanelPlugin,
} from '@grafana/data';
import { getTemplateSrv } from '@grafana/runtime';
import { PanelChrome, useTheme2 } from '@grafana/ui';
import { HOST_PANEL_TEST_ID } from '../hostContract';
import type { PanelScenario } from '../scenarios';
import { HostErrorBoundary } from './HostErrorBoundary';
import { LoadingOrError, MarkReady } from './HostStatus';
import { usePanelQueries } from './usePanelQueries';

interface Props {
  scenario: PanelScenario;
  plugin: PanelPlugin;
  width: number;
  height: number;
}

/**
 * The panel in Grafana's panel chrome with the PanelProps a dashboard gives it: its options over the plugin's
 * defaults, field overrides applied, `onOptionsChange` as the panel editor would apply it, and `onChangeTimeRange`
 * querying the new range, as the dashboard's time picker would.
 */
export function ScenarioPanel({ scenario, plugin, width, height }: Props) {
  const [timeRange, setTimeRange] = useState(scenario.timeRange);
  // Grafana asks for as many points as the panel is wide unless the panel sets max data points.
  const loaded = usePanelQueries(scenario, timeRange, scenario.maxDataPoints ?? width);
  const onChangeTimeRange = ({ from, to }: AbsoluteTimeRange) => setTimeRange({ from: String(from), to: String(to) });
  if (loaded.state !== 'done') {
    return <LoadingOrError loaded={loaded} what={`the data of "${scenario.name}"`} />;
  }
  return (
    <PanelWithData
      scenario={scenario}
      plugin={plugin}
      data={loaded.value}
      width={width}
      height={height}
      onChangeTimeRange={onChangeTimeRange}
    />
  );
}

interface PanelWithDataProps extends Props {
  data: PanelData;
  onChangeTimeRange: (range: AbsoluteTimeRange) => void;
}

function PanelWithData({ scenario, plugin, data, width, height, onChangeTimeRange }: PanelWithDataProps) {
  const theme = useTheme2();
  const [options, setOptions] = useState(() => merge({}, plugin.defaults, scenario.options));
  const [fieldConfig, setFieldConfig] = useState<FieldConfigSource>(() => ({
    defaults: merge({}, plugin.fieldConfigDefaults.defaults, scenario.fieldConfig?.defaults),
    overrides: scenario.fieldConfig?.overrides ?? [],
  }));
  const eventBus = useMemo(() => new EventBusSrv(), []);
  // As Grafana's replaceVariables for a panel: the dashboard's variables, which PanelPage gave the template service.
  const replaceVariables = useMemo<InterpolateFunction>(
    () => (value, scopedVars, format) => getTemplateSrv().replace(value, scopedVars, format),
    []
  );
  const panelData = useMemo(
    () => ({
      ...data,
      series: applyFieldOverrides({
        data: data.series,
        fieldConfig,
        fieldConfigRegistry: plugin.fieldConfigRegistry,
        replaceVariables,
        theme,
        timeZone: 'browser',
      }),
    }),
    [data, fieldConfig, plugin, theme, replaceVariables]
  );
  const Panel = plugin.panel;
  const errorText = data.errors?.map((error) => error.message ?? '').join('\n');
  return (
    <div data-testid={HOST_PANEL_TEST_ID} data-state={data.state} data-frames={data.series.length}>
      <PanelChrome
        width={width}
        height={height}
        title={scenario.title}
        loadingState={data.state}
        statusMessage={errorText || undefined}
        padding={plugin.noPadding ? 'none' : 'md'}
      >
        {(innerWidth, innerHeight) => (
          <HostErrorBoundary title="The panel failed to render">
            {Panel && (
              <Panel
                id={1}
                data={panelData}
                timeRange={data.timeRange}
                timeZone="browser"
                options={options}
                fieldConfig={fieldConfig}
                transparent={false}
                width={innerWidth}
                height={innerHeight}
                renderCounter={0}
                title={scenario.title}
                eventBus={eventBus}
                onOptionsChange={setOptions}
                onFieldConfigChange={setFieldConfig}
                replaceVariables={replaceVariables}
                onChangeTimeRange={onChangeTimeRange}
              />
            )}
            {data.state !== LoadingState.Loading && <MarkReady />}
          </HostErrorBoundary>
        )}
      </PanelChrome>
    </div>
  );
}
