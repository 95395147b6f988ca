import React from 'react';
import { Alert, LoadingPlaceholder } from '@grafana/ui';
import type { Live } from './useLiveLoad';

interface Props<T> {
  live: Live<T>;
  /** What the page is waiting for ("Evaluating over the SLO window…"). */
  loadingText: string;
  /** The live value, once read. */
  children: (value: T) => React.ReactNode;
}

/** A live read's loading and error states, the same on every section; the value itself is the section's. */
export function LiveStatus<T>({ live, loadingText, children }: Props<T>) {
  switch (live.status) {
    case 'loading':
      return <LoadingPlaceholder text={loadingText} />;
    case 'error':
      return (
        <Alert severity="error" title="The data source request failed">
          {live.message}
        </Alert>
      );
    case 'done':
      return <>{children(live.value)}</>;
    default:
      return null;
  }
}
