import React, { Suspense, lazy } from 'react';
import { LoadingPlaceholder } from '@grafana/ui';
import type { AppConfigProps } from './AppConfig';

const AppConfig = lazy(() => import('./AppConfig'));

/** The config page, loaded in its own chunk when an admin opens the plugin's configuration tab. */
export const LazyAppConfig = (props: AppConfigProps) => (
  <Suspense fallback={<LoadingPlaceholder text="Loading configuration..." />}>
    <AppConfig {...props} />
  </Suspense>
);
