import React, { Suspense, lazy } from 'react';
import type { PanelProps } from '@grafana/data';
import { LoadingPlaceholder } from '@grafana/ui';
import type { KpiPanelOptions } from '../../reading';

const KpiPanel = lazy(() => import('./KpiPanel').then(({ KpiPanel }) => ({ default: KpiPanel })));

/**
 * The panel, loaded in its own chunks when a dashboard first shows it. Being lazy, its code (the engine, the
 * catalog schema, zod) lands in the chunks the app's pages already load instead of a second copy in the panel's
 * module.js: the nested panel is an entry of its own, and webpack shares nothing between entries' initial code.
 */
export const LazyKpiPanel = (props: PanelProps<KpiPanelOptions>) => (
  <Suspense fallback={<LoadingPlaceholder text="Loading KPI..." />}>
    <KpiPanel {...props} />
  </Suspense>
);
