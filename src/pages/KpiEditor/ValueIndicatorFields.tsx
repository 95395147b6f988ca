import React from 'react';
import { Combobox, Field, RadioButtonGroup, UnitPicker } from '@grafana/ui';
import { VALUE_AGGREGATIONS, type ValueAggregation } from '../../kpi/model';
import { formFieldHelpers, type FieldGroupProps } from './formFieldHelpers';
import { QueryField } from './QueryField';
import type { ValueFormFields } from './valueKpiForm';

const MEASURES: Array<{ label: string; value: ValueFormFields['valueMeasure']; description: string }> = [
  { label: 'Ratio', value: 'ratio', description: 'Σ numerator / Σ denominator over the period (conversion rate)' },
  { label: 'One query', value: 'query', description: 'One series folded over the period (revenue, lead time)' },
];

const AGGREGATION_WORDS: Record<ValueAggregation, string> = {
  sum: 'sum: the period’s total of a per-second rate (as increase)',
  mean: 'mean: time-weighted over the period',
  last: 'last: the newest value in the period',
  min: 'min: the lowest value in the period',
  max: 'max: the highest value in the period',
};
const AGGREGATIONS = VALUE_AGGREGATIONS.map((value) => ({ value, label: AGGREGATION_WORDS[value] }));

/** A value KPI's measure: numerator and denominator, or one query and how it folds over the period; its unit. */
export function ValueIndicatorFields(props: FieldGroupProps) {
  const { form } = props;
  const { set, field, query } = formFieldHelpers(props);

  return (
    <>
      <Field label="Measure" description="How the period’s steps become one number">
        <RadioButtonGroup
          options={MEASURES}
          value={form.valueMeasure}
          onChange={(value) => set('valueMeasure', value)}
        />
      </Field>
      {form.valueMeasure === 'ratio' ? (
        <>
          <QueryField
            inputId="kpi-numerator"
            label="Numerator per second"
            description="PromQL as in a panel, e.g. orders per second; its sum over the period is divided by the denominator’s"
            placeholder="sum(rate(orders_total[$__rate_interval]))"
            {...query('numerator', 'indicator.numerator')}
          />
          <QueryField
            inputId="kpi-denominator"
            label="Denominator per second"
            placeholder="sum(rate(carts_created_total[$__rate_interval]))"
            {...query('denominator', 'indicator.denominator')}
          />
        </>
      ) : (
        <>
          <QueryField
            inputId="kpi-query"
            label="Query"
            description="One series: sum away every label"
            placeholder="sum(rate(revenue_dollars_total[$__rate_interval]))"
            {...query('query', 'indicator.query')}
          />
          <Field label="Over the period" {...field('indicator.aggregation')}>
            <Combobox
              id="kpi-aggregation"
              options={AGGREGATIONS}
              value={form.aggregation}
              onChange={(option) => set('aggregation', option.value)}
              width={48}
            />
          </Field>
        </>
      )}
      <Field label="Unit" description="How the value and target are written" {...field('indicator.unit')}>
        <UnitPicker
          id="kpi-value-unit"
          value={form.unit || undefined}
          onChange={(unit) => set('unit', unit ?? '')}
          width={32}
        />
      </Field>
    </>
  );
}
