import React, { useEffect } from 'react';
import { Alert, LoadingPlaceholder } from '@grafana/ui';
import { markHostReady, reportHostError } from './hostReady';
import type { Loaded } from './useLoaded';

/** Rendered after a plugin's component: marks the page ready once React has committed them both. */
export function MarkReady() {
  useEffect(markHostReady, []);
  return null;
}

/** What a page shows while it loads a plugin, or why it could not (also reported to tests). */
export function LoadingOrError({ loaded, what }: { loaded: Loaded<unknown>; what: string }) {
  const error = loaded.state === 'error' ? loaded.error : undefined;
  useEffect(() => {
    if (error) {
      reportHostError(error);
    }
  }, [error]);
  if (error) {
    return (
      <Alert severity="error" title={`The plugin host could not load ${what}`}>
        {error.message}
      </Alert>
    );
  }
  return <LoadingPlaceholder text={`Loading ${what}...`} />;
}
