import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { DataSourcePicker } from '@grafana/runtime';
import {
  Combobox,
  Field,
  FieldSet,
  Input,
  MultiCombobox,
  RadioButtonGroup,
  Stack,
  TagsInput,
  TextArea,
  useStyles2,
} from '@grafana/ui';
import { testIds } from '../../components/testIds';
import type { Audience, CatalogKpi, Comparator } from '../../kpi/model';
import { AlertPolicyField } from '../../components/AlertPolicyField';
import { problemAt, type ValidationProblem } from '../../kpi/catalog';
import { CompositeMembersField } from './CompositeMembersField';
import type { IndicatorKind, KpiForm } from './kpiForm';
import { MaintenanceField } from './MaintenanceField';

const AUDIENCES: Audience[] = ['executive', 'oncall', 'engineering', 'product', 'business'];
const INDICATOR_OPTIONS: Array<{ label: string; value: IndicatorKind; description: string }> = [
  { label: 'Ratio', value: 'ratio', description: 'Good events / all events (availability, success rate)' },
  { label: 'Threshold', value: 'threshold', description: 'Share of minutes a value meets a threshold (latency)' },
  { label: 'Timeslice', value: 'timeslice', description: 'Like threshold, with your own slice length' },
  { label: 'Composite', value: 'composite', description: 'A weighted mean of other KPIs of this catalog' },
];
const COMPARATORS: Array<{ label: string; value: Comparator }> = (['<', '<=', '>', '>='] as const).map((c) => ({
  label: c,
  value: c,
}));
const WINDOW_KINDS: Array<{ label: string; value: KpiForm['windowKind']; description: string }> = [
  { label: 'Rolling', value: 'rolling', description: 'The last 28 days, 7 days, …, moving with time' },
  { label: 'Week', value: 'week', description: 'This week so far, from Monday at midnight' },
  { label: 'Month', value: 'month', description: 'This month so far, from the 1st at midnight' },
  { label: 'Quarter', value: 'quarter', description: 'This quarter so far, from its first day at midnight' },
];

interface Props {
  form: KpiForm;
  onChange: (form: KpiForm) => void;
  problems: readonly ValidationProblem[];
  /** An existing KPI keeps its id: ids are never reused or renamed (DESIGN §2). */
  idLocked: boolean;
  /** Problems show once a field was touched or a save was tried, not while the form is still empty. */
  showProblems: boolean;
  /** The catalog's other KPIs, which a composite can have as members. */
  memberChoices: readonly CatalogKpi[];
}

/** Every field of a KPI, each with the schema's message under it when it is wrong. */
export function KpiEditorForm({ form, onChange, problems, idLocked, showProblems, memberChoices }: Props) {
  const s = useStyles2(getStyles);
  const set = <K extends keyof KpiForm>(key: K, value: KpiForm[K]) => onChange({ ...form, [key]: value });
  const text = (key: keyof KpiForm) => (event: React.FormEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    set(key, event.currentTarget.value as never);
  const error = (path: string) => (showProblems ? problemAt(problems, path) : undefined);
  const field = (path: string) => ({ invalid: Boolean(error(path)), error: error(path) });

  return (
    <div className={s.form} data-testid={testIds.kpiEditor.form}>
      <FieldSet label="What it is">
        <Field label="Id" description="A slug, unique and never reused; it cannot change later." {...field('id')}>
          <Input
            id="kpi-id"
            value={form.id}
            onChange={text('id')}
            disabled={idLocked}
            placeholder="checkout-availability"
            width={48}
          />
        </Field>
        <Field label="Name" {...field('name')}>
          <Input id="kpi-name" value={form.name} onChange={text('name')} placeholder="Checkout availability" />
        </Field>
        <Field label="Description" {...field('description')}>
          <TextArea id="kpi-description" value={form.description} onChange={text('description')} rows={2} />
        </Field>
        <Field label="Owner" description="The team or person accountable for it" {...field('owner')}>
          <Input id="kpi-owner" value={form.owner} onChange={text('owner')} placeholder="team-payments" width={48} />
        </Field>
        <Field label="Decision it drives" {...field('decision')}>
          <Input
            id="kpi-decision"
            value={form.decision}
            onChange={text('decision')}
            placeholder="Freeze risky releases when less than 25 % of the error budget is left."
          />
        </Field>
        <Stack direction="row" gap={2} wrap="wrap">
          <Field label="Audience" {...field('audience')}>
            <MultiCombobox
              id="kpi-audience"
              options={AUDIENCES.map((value) => ({ value, label: value }))}
              value={form.audience}
              onChange={(selected) =>
                set(
                  'audience',
                  selected.map((option) => option.value)
                )
              }
              width={40}
            />
          </Field>
          <Field label="Tags" {...field('tags')}>
            <TagsInput id="kpi-tags" tags={form.tags} onChange={(tags) => set('tags', tags)} width={40} addOnBlur />
          </Field>
        </Stack>
      </FieldSet>

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
        <Field label="Indicator">
          <RadioButtonGroup
            options={INDICATOR_OPTIONS}
            value={form.indicatorType}
            onChange={(value) => set('indicatorType', value)}
          />
        </Field>
        {form.indicatorType === 'composite' ? (
          <CompositeMembersField
            members={form.members}
            onChange={(members) => set('members', members)}
            choices={memberChoices}
            problemAt={error}
            problems={showProblems ? problems : []}
          />
        ) : form.indicatorType === 'ratio' ? (
          <>
            <Field
              label="Good events per second"
              description="PromQL as in a panel; Grafana's macros work"
              {...field('indicator.good')}
            >
              <TextArea
                id="kpi-good"
                className={s.code}
                value={form.good}
                onChange={text('good')}
                rows={2}
                placeholder='sum(rate(http_requests_total{job="checkout",code!~"5.."}[$__rate_interval]))'
              />
            </Field>
            <Field label="All events per second" {...field('indicator.total')}>
              <TextArea
                id="kpi-total"
                className={s.code}
                value={form.total}
                onChange={text('total')}
                rows={2}
                placeholder='sum(rate(http_requests_total{job="checkout"}[$__rate_interval]))'
              />
            </Field>
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
            <Field
              label="Value"
              description="A number per step, compared with the threshold"
              {...field('indicator.query')}
            >
              <TextArea id="kpi-query" className={s.code} value={form.query} onChange={text('query')} rows={2} />
            </Field>
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

      <FieldSet label="Objective and alerting">
        <Stack direction="row" gap={2} wrap="wrap">
          <Field label="Target" description="In percent, e.g. 99.9" {...field('objective.target')}>
            <Input id="kpi-target" value={form.targetPercent} onChange={text('targetPercent')} width={16} suffix="%" />
          </Field>
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
        <AlertPolicyField
          value={form}
          onChange={(policy) => onChange({ ...form, ...policy })}
          problems={showProblems ? problems : []}
        />
      </FieldSet>

      <FieldSet label="Maintenance">
        <p className={s.note}>
          Steps inside a window are left out of the budget, and no burn-rate or absent-data alert fires while one is
          open.
        </p>
        <MaintenanceField
          rows={form.maintenance}
          onChange={(maintenance) => set('maintenance', maintenance)}
          problems={showProblems ? problems : []}
        />
      </FieldSet>

      <FieldSet label="Links">
        {Object.keys(form.otherLinks).length > 0 && (
          <p className={s.note}>
            Also kept as they are (edit them in the catalog file):{' '}
            {Object.entries(form.otherLinks)
              .map(([name, url]) => `${name}: ${url}`)
              .join(', ')}
          </p>
        )}
        <Field label="Runbook" description="http:// or https://" {...field('links.runbook')}>
          <Input id="kpi-runbook" value={form.runbook} onChange={text('runbook')} placeholder="https://" />
        </Field>
        <Field label="Dashboard" description="http:// or https://" {...field('links.dashboard')}>
          <Input id="kpi-dashboard" value={form.dashboard} onChange={text('dashboard')} placeholder="https://" />
        </Field>
      </FieldSet>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  form: css({ maxWidth: 960 }),
  code: css({ fontFamily: theme.typography.fontFamilyMonospace }),
  note: css({ color: theme.colors.text.secondary }),
});
