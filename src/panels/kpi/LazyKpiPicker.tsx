import React, { Suspense, lazy } from 'react';
import type { StandardEditorProps } from '@grafana/data';
import { LoadingPlaceholder } from '@grafana/ui';
import type { KpiPanelOptions } from '../../reading';

const KpiPicker = lazy(() => import('./KpiPicker').then(({ KpiPicker }) => ({ default: KpiPicker })));

/** The KPI option's editor, loaded with the catalog it reads only when someone edits the panel. */
export const LazyKpiPicker = (props: StandardEditorProps<string | undefined, unknown, KpiPanelOptions>) => (
  <Suspense fallback={<LoadingPlaceholder text="Loading the catalog..." />}>
    <KpiPicker {...props} />
  </Suspense>
);
