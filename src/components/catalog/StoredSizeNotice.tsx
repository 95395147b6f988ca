import React from 'react';
import { Alert } from '@grafana/ui';
import { testIds } from '../testIds';
import { formatKiB, type StoredSize } from '../../data/storedSize';

/**
 * Where saves happen: how close the stored settings are to what Grafana can store, from three quarters of it on,
 * so that an admin retires KPIs or moves to provisioning before a save is refused.
 */
export function StoredSizeNotice({ size }: { size: StoredSize }) {
  if (size.level === 'ok') {
    return null;
  }
  return (
    <Alert
      severity={size.level === 'over' ? 'error' : 'warning'}
      title="The catalog is close to Grafana's storage limit"
      data-testid={testIds.storedSize}
    >
      The catalog and its history take {formatKiB(size.bytes)} of the {formatKiB(size.limit)} Grafana can store for an
      app on MySQL; a save past that is refused. Remove KPIs nobody uses, or keep the catalog as code and provision it.
    </Alert>
  );
}
