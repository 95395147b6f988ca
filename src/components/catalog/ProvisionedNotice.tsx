import React from 'react';
import { Alert } from '@grafana/ui';
import { testIds } from '../testIds';

/** A provisioned catalog is read-only here: the files stay the source of truth (DESIGN §4). */
export function ProvisionedNotice({ onExport }: { onExport?: () => void }) {
  return (
    <Alert
      severity="info"
      title="Managed by provisioning"
      data-testid={testIds.catalog.provisioned}
      buttonContent={onExport ? 'Export YAML' : undefined}
      onRemove={onExport}
    >
      This catalog comes from a provisioning file, so it is read-only here. Change the file (for example with{' '}
      <code>northstar provisioning</code>) and restart Grafana, or export it as YAML to start from it.
    </Alert>
  );
}
