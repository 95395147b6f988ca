import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Field, FieldSet, Input, RadioButtonGroup, Stack, useStyles2 } from '@grafana/ui';
import { AlertPolicyField } from '../../components/AlertPolicyField';
import { formFieldHelpers, type FieldGroupProps } from './formFieldHelpers';
import type { KpiForm } from './kpiForm';
import { ValueTargetFields } from './ValueTargetFields';

const WINDOW_KINDS: Array<{ label: string; value: KpiForm['windowKind']; description: string }> = [
  { label: 'Rolling', value: 'rolling', description: 'The last 28 days, 7 days, …, moving with time' },
  { label: 'Week', value: 'week', description: 'This week so far, from Monday at midnight' },
  { label: 'Month', value: 'month', description: 'This month so far, from the 1st at midnight' },
  { label: 'Quarter', value: 'quarter', description: 'This quarter so far, from its first day at midnight' },
];

/**
 * The objective (target and window) and the alert policy: an SLO's target share in percent and its burn-rate
 * policy, or a value KPI's direction, target and warning in its unit (it has no budget to burn).
 */
export function ObjectiveFields(props: FieldGroupProps) {
  const { form, onChange, problems, showProblems } = props;
  const s = useStyles2(getStyles);
  const { text, field } = formFieldHelpers(props);
  const value = form.indicatorType === 'value';

  return (
    <FieldSet label={value ? 'Objective' : 'Objective and alerting'}>
      <Stack direction="row" gap={2} wrap="wrap">
        {value ? (
          <ValueTargetFields {...props} />
        ) : (
          <Field label="Target" description="In percent, e.g. 99.9" {...field('objective.target')}>
            <Input id="kpi-target" value={form.targetPercent} onChange={text('targetPercent')} width={16} suffix="%" />
          </Field>
        )}
        <Field label="Window" description="Rolling, or the calendar period so far">
          <RadioButtonGroup
            options={WINDOW_KINDS}
            value={form.windowKind}
            onChange={(windowKind) => onChange({ ...form, windowKind })}
          />
        </Field>
        {form.windowKind === 'rolling' ? (
          <Field label="Rolling window" description="e.g. 28d, 30d, 7d" {...field('objective.window')}>
            <Input id="kpi-window" value={form.window} onChange={text('window')} width={16} />
          </Field>
        ) : (
          <Field
            label="Time zone"
            description="Where the period starts at midnight, e.g. Europe/Berlin"
            {...field('objective.window.timeZone')}
          >
            <Input id="kpi-time-zone" value={form.timeZone} onChange={text('timeZone')} width={24} />
          </Field>
        )}
      </Stack>
      {value ? (
        <p className={s.note}>
          A value KPI has no error budget, so no burn-rate policy: it is judged on its value against the target, and its
          alert is a ticket when it stays off track.
        </p>
      ) : (
        <AlertPolicyField
          value={form}
          onChange={(policy) => onChange({ ...form, ...policy })}
          problems={showProblems ? problems : []}
        />
      )}
    </FieldSet>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  note: css({ color: theme.colors.text.secondary }),
});
