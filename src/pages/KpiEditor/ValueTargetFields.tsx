import React from 'react';
import { Field, Input, RadioButtonGroup } from '@grafana/ui';
import { formatValue } from '../../components/format';
import type { ValueDirection } from '../../kpi/model';
import { formFieldHelpers, type FieldGroupProps } from './formFieldHelpers';

const DIRECTIONS: Array<{ label: string; value: ValueDirection; description: string }> = [
  { label: 'Higher is better', value: 'higher', description: 'Conversion, revenue: on track at or above the target' },
  { label: 'Lower is better', value: 'lower', description: 'Cost, lead time: on track at or below the target' },
];

/** "shows as 3.1%": how a number typed in the unit reads, so 0.031 and 3.1 are not confused. */
function readsAs(typed: string, unit: string): string | undefined {
  const value = Number(typed.trim());
  return typed.trim() === '' || !Number.isFinite(value) || unit === ''
    ? undefined
    : `shows as ${formatValue(value, unit)}`;
}

/** A value KPI's direction, target and warning, typed in its unit. */
export function ValueTargetFields(props: FieldGroupProps) {
  const { form } = props;
  const { set, text, field } = formFieldHelpers(props);
  const better = form.direction === 'higher' ? 'below' : 'above';
  return (
    <>
      <Field label="Direction" {...field('objective.direction')}>
        <RadioButtonGroup options={DIRECTIONS} value={form.direction} onChange={(value) => set('direction', value)} />
      </Field>
      <Field
        label="Target"
        description={readsAs(form.valueTarget, form.unit) ?? 'In the unit, e.g. 0.03 for 3 % in Percent (0.0-1.0)'}
        {...field('objective.target')}
      >
        <Input id="kpi-value-target" value={form.valueTarget} onChange={text('valueTarget')} width={20} />
      </Field>
      <Field
        label="Warning (optional)"
        description={readsAs(form.warning, form.unit) ?? `At-risk between warning and target: ${better} the target`}
        {...field('objective.warning')}
      >
        <Input id="kpi-value-warning" value={form.warning} onChange={text('warning')} width={20} placeholder="none" />
      </Field>
    </>
  );
}
