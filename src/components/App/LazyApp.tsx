import React, { Suspense, lazy } from 'react';
import type { AppRootProps } from '@grafana/data';
import { LoadingPlaceholder } from '@grafana/ui';
import type { AppSettings } from '../../types';

const App = lazy(() => import('./App'));

/** The app's root page, loaded in its own chunk when a user first opens the app. */
export const LazyApp = (props: AppRootProps<AppSettings>) => (
  <Suspense fallback={<LoadingPlaceholder text="Loading Northstar KPI..." />}>
    <App {...props} />
  </Suspense>
);
