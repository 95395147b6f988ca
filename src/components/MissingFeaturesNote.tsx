import React from 'react';
import { Text } from '@grafana/ui';
import { missingFeaturesNote } from '../kpi/model';
import { testIds } from './testIds';

/**
 * The one muted line that says what a KPI over SQL or an unknown data source type lacks (missingFeaturesNote); nothing
 * for Prometheus or without a data source.
 */
export function MissingFeaturesNote({ datasourceType }: { datasourceType: string | undefined }) {
  const note = missingFeaturesNote(datasourceType);
  return note === undefined ? null : (
    <Text element="p" variant="bodySmall" color="secondary" data-testid={testIds.missingFeatures}>
      {note}
    </Text>
  );
}
