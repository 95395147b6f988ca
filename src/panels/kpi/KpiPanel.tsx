import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2, PanelProps } from '@grafana/data';
import { PanelDataErrorView } from '@grafana/runtime';
import { Stack, Text, useStyles2 } from '@grafana/ui';
import { testIds } from '../../components/testIds';
import type { KpiPanelOptions } from './types';

interface Props extends PanelProps<KpiPanelOptions> {}

/**
 * The Northstar KPI panel. A shell for now: it reports what data it received and evaluates nothing, so it never
 * shows a number it did not compute.
 */
export function KpiPanel({ id, data, options, fieldConfig, width, height }: Props) {
  const s = useStyles2(getStyles);
  const frameCount = data.series.length;

  if (frameCount === 0) {
    return (
      <PanelDataErrorView
        panelId={id}
        fieldConfig={fieldConfig}
        data={data}
        needsNumberField
        message="No data: add the KPI's queries (good and total, or its value query) to this panel"
      />
    );
  }

  return (
    <div className={s.wrapper} style={{ width, height }} data-testid={testIds.kpiPanel.container}>
      <Stack direction="column" gap={1} alignItems="center">
        <Text element="p" weight="medium">
          Northstar KPI ({options.view})
        </Text>
        <Text element="p" color="secondary">
          Received {frameCount} data {frameCount === 1 ? 'frame' : 'frames'}. KPI evaluation (SLI against target, error
          budget, burn rates) arrives with the KPI panel issue.
        </Text>
      </Stack>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrapper: css`
    display: flex;
    align-items: center;
    justify-content: center;
    overflow: auto;
    padding: ${theme.spacing(1)};
    text-align: center;
  `,
});
