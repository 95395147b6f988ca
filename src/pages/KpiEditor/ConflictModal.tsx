import React from 'react';
import { Button, Modal, Text } from '@grafana/ui';
import { testIds } from '../../components/testIds';
import type { CatalogKpi } from '../../kpi/model';
import { KpiDiffTable } from '../common/KpiDiffTable';

interface Props {
  /** The KPI as stored now, by whoever saved last; undefined when it is not in their catalog (a new KPI). */
  theirs?: CatalogKpi;
  /** What this form would save. */
  mine?: CatalogKpi;
  onReload: () => void;
  onKeepMine: () => void;
}

/**
 * Someone saved the catalog after this editor loaded it: show what they stored against this form, then let the
 * user take theirs or keep editing on top of it. Nothing is saved from here.
 */
export function ConflictModal({ theirs, mine, onReload, onKeepMine }: Props) {
  return (
    <Modal title="The catalog was changed by someone else" isOpen onDismiss={onKeepMine}>
      <div data-testid={testIds.kpiEditor.conflict}>
        <Text element="p">
          Your changes were not saved.{' '}
          {theirs
            ? 'Here is how their version of this KPI differs from yours.'
            : 'This KPI is not in their catalog yet; other KPIs changed.'}
        </Text>
        {theirs && mine && (
          <KpiDiffTable before={theirs} after={mine} beforeLabel="Stored now" afterLabel="Your form" />
        )}
        <Modal.ButtonRow>
          <Button variant="secondary" onClick={onReload}>
            Discard mine, load theirs
          </Button>
          <Button onClick={onKeepMine}>Keep editing mine</Button>
        </Modal.ButtonRow>
      </div>
    </Modal>
  );
}
