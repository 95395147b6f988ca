import React from 'react';
import { DataSourcePicker } from '@grafana/runtime';
import { Combobox, Field, FieldSet, Input, RadioButtonGroup, Stack, TagsInput } from '@grafana/ui';
import { queryLanguageOf, type CatalogKpi, type Comparator, type QueryLanguage } from '../../kpi/model';
import { MissingFeaturesNote } from '../../components/MissingFeaturesNote';
import { CompositeMembersField } from './CompositeMembersField';
import { formFieldHelpers, type FieldGroupProps } from './formFieldHelpers';
import type { IndicatorKind } from './kpiForm';
import { QueryField } from './QueryField';
import { ValueIndicatorFields } from './ValueIndicatorFields';

const INDICATOR_OPTIONS: Array<{ label: string; value: IndicatorKind; description: string }> = [
  { label: 'Ratio', value: 'ratio', description: 'Good events / all events (availability, success rate)' },
  { label: 'Threshold', value: 'threshold', description: 'Share of minutes a value meets a threshold (latency)' },
  { label: 'Timeslice', value: 'timeslice', description: 'Like threshold, with your own slice length' },
  { label: 'Composite', value: 'composite', description: 'A weighted mean of other KPIs of this catalog' },
  { label: 'Value', value: 'value', description: 'A business value against a target: conversion, revenue, cost' },
];
const COMPARATORS: Array<{ label: string; value: Comparator }> = (['<', '<=', '>', '>='] as const).map((c) => ({
  label: c,
  value: c,
}));

/**
 * What a ratio KPI's two queries return, in the words of their language: PromQL rates, SQL counts per time bucket
 * (the SQL SLO sums the buckets), another data source's own frames. A new KPI without a data source reads as PromQL.
 */
const RATIO_QUERY_TEXT: Record<QueryLanguage, { good: string; total: string; description: string }> = {
  promql: {
    good: 'Good events per second',
    total: 'All events per second',
    description: "PromQL as in a panel; Grafana's macros work",
  },
  sql: {
    good: 'Good events per time bucket',
    total: 'All events per time bucket',
    description: "SQL as in a panel: a count per $__timeGroupAlias bucket within $__timeFilter; Grafana's macros work",
  },
  opaque: {
    good: 'Good events',
    total: 'All events',
    description: "The data source's query as in a panel, returning a time series of events",
  },
};

interface Props extends FieldGroupProps {
  /** The catalog's other KPIs, which a composite can have as members. */
  memberChoices: readonly CatalogKpi[];
}

/** How the KPI is measured: its data source and indicator (ratio, threshold, timeslice, composite members or value). */
export function IndicatorFields(props: Props) {
  const { form, onChange, problems, showProblems, memberChoices } = props;
  const { set, text, error, field, query } = formFieldHelpers(props);
  const ratioText = RATIO_QUERY_TEXT[form.datasourceType ? queryLanguageOf(form.datasourceType) : 'promql'];

  return (
    <FieldSet label="How it is measured">
      {form.indicatorType !== 'composite' && (
        <Field label="Data source" {...field('datasource')}>
          <DataSourcePicker
            inputId="kpi-datasource"
            current={form.datasourceUid || null}
            metrics
            noDefault
            width={48}
            onChange={(ds) => onChange({ ...form, datasourceUid: ds.uid, datasourceType: ds.type })}
          />
        </Field>
      )}
      {form.indicatorType !== 'composite' && <MissingFeaturesNote datasourceType={form.datasourceType || undefined} />}
      <Field label="Indicator">
        <RadioButtonGroup
          options={INDICATOR_OPTIONS}
          value={form.indicatorType}
          onChange={(value) => set('indicatorType', value)}
        />
      </Field>
      {form.indicatorType === 'value' ? (
        <ValueIndicatorFields {...props} />
      ) : form.indicatorType === 'composite' ? (
        <CompositeMembersField
          members={form.members}
          onChange={(members) => set('members', members)}
          choices={memberChoices}
          problemAt={error}
          problems={showProblems ? problems : []}
        />
      ) : form.indicatorType === 'ratio' ? (
        <>
          <QueryField
            inputId="kpi-good"
            label={ratioText.good}
            description={ratioText.description}
            placeholder='sum(rate(http_requests_total{job="checkout",code!~"5.."}[$__rate_interval]))'
            {...query('good', 'indicator.good')}
          />
          <QueryField
            inputId="kpi-total"
            label={ratioText.total}
            placeholder='sum(rate(http_requests_total{job="checkout"}[$__rate_interval]))'
            {...query('total', 'indicator.total')}
          />
          <Stack direction="row" gap={2} wrap="wrap">
            <Field
              label="Per label (optional)"
              description="One instance per value, e.g. route; both queries must keep it: sum by (route) (…)"
              {...field('indicator.groupBy')}
            >
              <TagsInput
                id="kpi-group-by"
                tags={form.groupBy}
                onChange={(labels) => set('groupBy', labels)}
                placeholder="route"
                width={30}
                addOnBlur
              />
            </Field>
            {form.groupBy.length > 0 && (
              <Field
                label="At most instances"
                description="Cardinality guard (default 50)"
                {...field('indicator.maxInstances')}
              >
                <Input
                  id="kpi-max-instances"
                  value={form.maxInstances}
                  onChange={text('maxInstances')}
                  placeholder="50"
                  width={12}
                />
              </Field>
            )}
          </Stack>
        </>
      ) : (
        <>
          <QueryField
            inputId="kpi-query"
            label="Value"
            description="A number per step, compared with the threshold"
            {...query('query', 'indicator.query')}
          />
          <Stack direction="row" gap={2} wrap="wrap">
            <Field label="Good when the value is">
              <Combobox
                options={COMPARATORS}
                value={form.comparator}
                onChange={(o) => set('comparator', o.value)}
                width={10}
              />
            </Field>
            <Field label="Threshold" {...field('indicator.threshold')}>
              <Input
                id="kpi-threshold"
                value={form.threshold}
                onChange={text('threshold')}
                width={16}
                placeholder="0.3"
              />
            </Field>
            <Field label="Unit" description="Grafana unit id" {...field('indicator.unit')}>
              <Input id="kpi-unit" value={form.unit} onChange={text('unit')} width={16} placeholder="s" />
            </Field>
            {form.indicatorType === 'timeslice' && (
              <Field label="Slice" {...field('indicator.slice')}>
                <Input id="kpi-slice" value={form.slice} onChange={text('slice')} width={10} />
              </Field>
            )}
          </Stack>
        </>
      )}
    </FieldSet>
  );
}
