import React from 'react';
import { Button, Field, FieldValidationMessage, IconButton, Input, RadioButtonGroup, Stack } from '@grafana/ui';
import { testIds } from '../../components/testIds';
import type { ValidationProblem } from '../../kpi/catalog';
import { NEW_MAINTENANCE_ROW, type MaintenanceRow } from './kpiForm';

interface Props {
  rows: MaintenanceRow[];
  onChange: (rows: MaintenanceRow[]) => void;
  /** Problems with paths under `maintenance` (the catalog schema's). */
  problems: readonly ValidationProblem[];
}

/** Maintenance windows, fixed (start and end) or recurring (cron and duration), each with its reason. */
export function MaintenanceField({ rows, onChange, problems }: Props) {
  const update = (index: number, patch: Partial<MaintenanceRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <Stack direction="column" gap={1}>
      {rows.length === 0 && <span>No maintenance windows: every step counts toward the budget and alerts.</span>}
      {rows.map((row, index) => (
        <MaintenanceRowFields
          key={index}
          index={index}
          row={row}
          onChange={(patch) => update(index, patch)}
          onRemove={() => onChange(rows.filter((_, i) => i !== index))}
          problems={problems}
        />
      ))}
      <div>
        <Button
          variant="secondary"
          size="sm"
          icon="plus"
          onClick={() => onChange([...rows, NEW_MAINTENANCE_ROW])}
          data-testid={testIds.kpiEditor.addMaintenance}
        >
          Add maintenance window
        </Button>
      </div>
    </Stack>
  );
}

function MaintenanceRowFields({
  index,
  row,
  onChange,
  onRemove,
  problems,
}: {
  index: number;
  row: MaintenanceRow;
  onChange: (patch: Partial<MaintenanceRow>) => void;
  onRemove: () => void;
  problems: readonly ValidationProblem[];
}) {
  const path = `maintenance[${index}]`;
  const problemOf = (field: string) => problems.find((problem) => problem.path === `${path}.${field}`)?.message;
  // Problems of the window as a whole: overlaps, or a mix of both kinds.
  const rowProblem = problems.find((problem) => problem.path === path)?.message;
  const label = `Maintenance window ${index + 1}`;
  const input = (field: keyof MaintenanceRow, caption: string, width: number, placeholder?: string) => (
    <Field label={caption} invalid={Boolean(problemOf(field))} error={problemOf(field)}>
      <Input
        aria-label={`${label} ${caption.toLowerCase()}`}
        value={row[field]}
        placeholder={placeholder}
        onChange={(event) => onChange({ [field]: event.currentTarget.value })}
        width={width}
      />
    </Field>
  );
  return (
    <div role="group" aria-label={label} data-testid={testIds.kpiEditor.maintenanceRow}>
      <Stack direction="row" gap={1} alignItems="flex-start" wrap="wrap">
        <Field label="Kind">
          <RadioButtonGroup<MaintenanceRow['kind']>
            options={[
              { label: 'Recurring', value: 'recurring', description: 'Every time a cron fires, for a duration' },
              { label: 'Once', value: 'fixed', description: 'From a start to an end' },
            ]}
            value={row.kind}
            onChange={(kind) => onChange({ kind })}
          />
        </Field>
        {row.kind === 'fixed' ? (
          <>
            {input('start', 'Start', 26, '2026-11-28T02:00:00Z')}
            {input('end', 'End', 26, '2026-11-28T04:00:00Z')}
          </>
        ) : (
          <>
            {input('cron', 'Cron', 16, '0 2 * * 0')}
            {input('duration', 'Duration', 10, '2h')}
            {input('timeZone', 'Time zone', 18, 'UTC')}
          </>
        )}
        {input('reason', 'Reason', 32, 'database upgrade')}
        <IconButton name="trash-alt" tooltip={`Remove maintenance window ${index + 1}`} onClick={onRemove} />
      </Stack>
      {rowProblem && <FieldValidationMessage>{rowProblem}</FieldValidationMessage>}
    </div>
  );
}
