import React from 'react';
import { Combobox, Field, RadioButtonGroup, UnitPicker } from '@grafana/ui';
import { VALUE_AGGREGATIONS, type ValueAggregation } from '../../kpi/model';
import { formFieldHelpers, type FieldGroupProps } from './formFieldHelpers';
import { QueryField } from './QueryField';
import { queryWordsFor } from './queryWords';
import type { ValueFormFields } from './valueKpiForm';

const MEASURES: Array<{ label: string; value: ValueFormFields['valueMeasure']; description: string }> = [
  { label: 'Ratio', value: 'ratio', description: 'Σ numerator / Σ denominator over the period (conversion rate)' },
  { label: 'One query', value: 'query', description: 'One series folded over the period (revenue, lead time)' },
];

const AGGREGATION_WORDS: Record<Exclude<ValueAggregation, 'sum'>, string> = {
  mean: 'mean: time-weighted over the period',
  last: 'last: the newest value in the period',
  min: 'min: the lowest value in the period',
  max: 'max: the highest value in the period',
};

/** The aggregations in words: `sum` is a total of per-second rates in PromQL, of the buckets' values in SQL. */
const aggregationsFor = (sumWords: string) =>
  VALUE_AGGREGATIONS.map((value) => ({ value, label: value === 'sum' ? sumWords : AGGREGATION_WORDS[value] }));

/** A value KPI's measure: numerator and denominator, or one query and how it folds over the period; its unit. */
export function ValueIndicatorFields(props: FieldGroupProps) {
  const { form } = props;
  const { set, field, query } = formFieldHelpers(props);
  const words = queryWordsFor(form.datasourceType);

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
          <QueryField inputId="kpi-numerator" {...words.numerator} {...query('numerator', 'indicator.numerator')} />
          <QueryField
            inputId="kpi-denominator"
            {...words.denominator}
            {...query('denominator', 'indicator.denominator')}
          />
        </>
      ) : (
        <>
          <QueryField inputId="kpi-query" {...words.valueQuery} {...query('query', 'indicator.query')} />
          <Field label="Over the period" {...field('indicator.aggregation')}>
            <Combobox
              id="kpi-aggregation"
              options={aggregationsFor(words.sumAggregation)}
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
