import React from 'react';
import {
  Button,
  Combobox,
  Field,
  FieldValidationMessage,
  IconButton,
  Input,
  RadioButtonGroup,
  Stack,
} from '@grafana/ui';
import type { Severity } from '../kpi/model';
import { problemAt, type ValidationProblem } from '../kpi/catalog';
import { NEW_RULE, type PolicyForm, type RuleRow } from './alertPolicyForm';

const SEVERITIES: Array<{ label: string; value: Severity }> = [
  { label: 'page', value: 'page' },
  { label: 'ticket', value: 'ticket' },
];

interface Props {
  value: PolicyForm;
  onChange: (policy: PolicyForm) => void;
  /** Problems with paths under `alerting` (the catalog schema's). */
  problems: readonly ValidationProblem[];
}

/** The burn-rate policy: the SRE workbook default, or custom rows of severity, windows and factor. */
export function AlertPolicyField({ value, onChange, problems }: Props) {
  const error = problemAt(problems, 'alerting');
  return (
    <>
      <Field
        label="Burn-rate policy"
        invalid={value.policy === 'default' && Boolean(error)}
        error={value.policy === 'default' ? error : undefined}
      >
        <RadioButtonGroup<PolicyForm['policy']>
          options={[
            { label: 'Default (SRE workbook)', value: 'default' },
            { label: 'Custom', value: 'custom' },
          ]}
          value={value.policy}
          onChange={(policy) =>
            onChange({
              ...value,
              policy,
              rules: policy === 'custom' && value.rules.length === 0 ? [NEW_RULE] : value.rules,
            })
          }
        />
      </Field>
      <Field
        label="Minimum events"
        description="Low-traffic guard: a rule fires only when its short window holds at least this many events (ratio KPIs). Empty is off."
        invalid={Boolean(problemAt(problems, 'alerting.minEvents'))}
        error={problemAt(problems, 'alerting.minEvents')}
      >
        <Input
          id="kpi-min-events"
          value={value.minEvents}
          onChange={(event) => onChange({ ...value, minEvents: event.currentTarget.value })}
          width={16}
          placeholder="off"
        />
      </Field>
      {value.policy === 'custom' && (
        <RuleRows rows={value.rules} onChange={(rules) => onChange({ ...value, rules })} problems={problems} />
      )}
    </>
  );
}

function RuleRows({
  rows,
  onChange,
  problems,
}: {
  rows: RuleRow[];
  onChange: (rows: RuleRow[]) => void;
  problems: readonly ValidationProblem[];
}) {
  const update = (index: number, patch: Partial<RuleRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <Stack direction="column" gap={1}>
      {rows.map((row, index) => {
        const error = problemAt(problems, `alerting.rules[${index}]`);
        return (
          <div key={index} role="group" aria-label={`Rule ${index + 1}`}>
            <Stack direction="row" gap={1} alignItems="center" wrap="wrap">
              <Combobox
                options={SEVERITIES}
                value={row.severity}
                onChange={(o) => update(index, { severity: o.value })}
                width={12}
              />
              <Input
                aria-label={`Rule ${index + 1} long window`}
                prefix="long"
                value={row.long}
                onChange={(e) => update(index, { long: e.currentTarget.value })}
                width={14}
              />
              <Input
                aria-label={`Rule ${index + 1} short window`}
                prefix="short"
                value={row.short}
                placeholder="long / 12"
                onChange={(e) => update(index, { short: e.currentTarget.value })}
                width={18}
              />
              <RadioButtonGroup<RuleRow['by']>
                size="sm"
                options={[
                  { label: 'factor', value: 'factor' },
                  { label: '% of budget', value: 'budget' },
                ]}
                value={row.by}
                onChange={(by) => update(index, { by })}
              />
              <Input
                aria-label={`Rule ${index + 1} amount`}
                value={row.amount}
                onChange={(e) => update(index, { amount: e.currentTarget.value })}
                width={10}
              />
              <IconButton
                name="trash-alt"
                tooltip="Remove this rule"
                onClick={() => onChange(rows.filter((_, i) => i !== index))}
              />
            </Stack>
            {error && <FieldValidationMessage>{error}</FieldValidationMessage>}
          </div>
        );
      })}
      <div>
        <Button variant="secondary" size="sm" icon="plus" onClick={() => onChange([...rows, NEW_RULE])}>
          Add rule
        </Button>
      </div>
    </Stack>
  );
}
