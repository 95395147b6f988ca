import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { selectors } from '@grafana/e2e-selectors';
import type { PanelDataErrorViewProps } from '@grafana/runtime';
import { useStyles2 } from '@grafana/ui';

/** Grafana's message for data a panel cannot show (public/app/features/panel/components/PanelDataErrorView.tsx). */
function messageFor({
  message,
  data,
  fieldConfig,
  needsNumberField,
  needsStringField,
  needsTimeField,
}: PanelDataErrorViewProps) {
  if (message) {
    return message;
  }
  if (data.series.length === 0 || data.series.every((frame) => frame.length === 0)) {
    return fieldConfig?.defaults.noValue ?? 'No data';
  }
  if (needsStringField) {
    return 'Data is missing a string field';
  }
  if (needsNumberField) {
    return 'Data is missing a number field';
  }
  return needsTimeField ? 'Data is missing a time field' : 'Cannot visualize data';
}

/** What Grafana shows in place of a panel's content when the panel cannot render its data. */
export function HostPanelDataErrorView(props: PanelDataErrorViewProps) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.wrapper}>
      <div className={styles.message} data-testid={selectors.components.Panels.Panel.PanelDataErrorMessage}>
        {messageFor(props)}
      </div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrapper: css({
    height: '100%',
    width: '100%',
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    justifyContent: 'center',
  }),
  message: css({
    textAlign: 'center',
    color: theme.colors.text.secondary,
    fontSize: theme.typography.h4.fontSize,
    width: '100%',
  }),
});
