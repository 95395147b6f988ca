import React from 'react';
import { Alert, LoadingPlaceholder } from '@grafana/ui';
import type { CatalogLoad } from './useCatalog';

/** What a page shows instead of its content while the catalog loads, or when it could not be read. */
export function CatalogLoadStatus({
  load,
  loadingText = 'Loading the KPI catalog…',
}: {
  load: CatalogLoad;
  loadingText?: string;
}) {
  if (load.status === 'loading') {
    return <LoadingPlaceholder text={loadingText} />;
  }
  if (load.status === 'error') {
    return (
      <Alert severity="error" title="The KPI catalog could not be read">
        {load.message}
      </Alert>
    );
  }
  return null;
}
