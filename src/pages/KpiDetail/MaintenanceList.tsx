import React, { useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Stack, useStyles2 } from '@grafana/ui';
import type { MaintenanceWindow } from '../../kpi/model';
import {
  currentMaintenanceText,
  describeMaintenanceWindow,
  nextMaintenanceText,
} from '../../components/maintenanceText';

interface Props {
  windows?: readonly MaintenanceWindow[];
  /** Which window is open or next; the time the list first rendered when not given. */
  atMs?: number;
  timeZone?: string;
  testId?: string;
}

/** The KPI's maintenance windows, with the one open now or the next one first; every reason renders as text. */
export function MaintenanceList({ windows, atMs, timeZone, testId }: Props) {
  const s = useStyles2(getStyles);
  const [renderedAtMs] = useState(() => Date.now());
  if (!windows?.length) {
    return <span data-testid={testId}>—</span>;
  }
  const now = currentMaintenanceText(windows, atMs ?? renderedAtMs, timeZone);
  const next = nextMaintenanceText(windows, atMs ?? renderedAtMs, timeZone);
  return (
    <Stack direction="column" gap={0.5} data-testid={testId}>
      {now ? <strong>{now}</strong> : next && <span>{next}</span>}
      <ul className={s.list}>
        {windows.map((window, index) => (
          <li key={index}>{describeMaintenanceWindow(window, timeZone)}</li>
        ))}
      </ul>
    </Stack>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  list: css({ margin: 0, paddingLeft: theme.spacing(2) }),
});
