import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Combobox, Field, RadioButtonGroup, TextArea, UnitPicker, useStyles2 } from '@grafana/ui';
import { VALUE_AGGREGATIONS, type ValueAggregation } from '../../kpi/model';
import { formFieldHelpers, type FieldGroupProps } from './formFieldHelpers';
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
  const s = useStyles2(getStyles);
  const { set, text, field } = formFieldHelpers(props);

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
          <Field
            label="Numerator per second"
            description="PromQL as in a panel, e.g. orders per second; its sum over the period is divided by the denominator’s"
            {...field('indicator.numerator')}
          >
            <TextArea
              id="kpi-numerator"
              className={s.code}
              value={form.numerator}
              onChange={text('numerator')}
              rows={2}
              placeholder="sum(rate(orders_total[$__rate_interval]))"
            />
          </Field>
          <Field label="Denominator per second" {...field('indicator.denominator')}>
            <TextArea
              id="kpi-denominator"
              className={s.code}
              value={form.denominator}
              onChange={text('denominator')}
              rows={2}
              placeholder="sum(rate(carts_created_total[$__rate_interval]))"
            />
          </Field>
        </>
      ) : (
        <>
          <Field label="Query" description="One series: sum away every label" {...field('indicator.query')}>
            <TextArea
              id="kpi-query"
              className={s.code}
              value={form.query}
              onChange={text('query')}
              rows={2}
              placeholder="sum(rate(revenue_dollars_total[$__rate_interval]))"
            />
          </Field>
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

const getStyles = (theme: GrafanaTheme2) => ({
  code: css({ fontFamily: theme.typography.fontFamilyMonospace }),
});
