import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Field, FieldSet, Input, MultiCombobox, Stack, TagsInput, TextArea, useStyles2 } from '@grafana/ui';
import { testIds } from '../../components/testIds';
import type { Audience, CatalogKpi } from '../../kpi/model';
import type { ValidationProblem } from '../../kpi/catalog';
import { formFieldHelpers } from './formFieldHelpers';
import { IndicatorFields } from './IndicatorFields';
import type { KpiForm } from './kpiForm';
import { MaintenanceField } from './MaintenanceField';
import { ObjectiveFields } from './ObjectiveFields';

const AUDIENCES: Audience[] = ['executive', 'oncall', 'engineering', 'product', 'business'];

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
  /** A query editor's "Run queries": the editor's Preview. */
  onRunQuery?: () => void;
}

/**
 * Every field of a KPI, each with the schema's message under it when it is wrong. The indicator and the objective
 * are field groups of their own (IndicatorFields, ObjectiveFields).
 */
export function KpiEditorForm(props: Props) {
  const { form, onChange, problems, idLocked, showProblems, memberChoices, onRunQuery } = props;
  const s = useStyles2(getStyles);
  const { set, text, field } = formFieldHelpers({ form, onChange, problems, showProblems });

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

      <IndicatorFields
        form={form}
        onChange={onChange}
        problems={problems}
        showProblems={showProblems}
        memberChoices={memberChoices}
        onRunQuery={onRunQuery}
      />

      <ObjectiveFields form={form} onChange={onChange} problems={problems} showProblems={showProblems} />

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
  note: css({ color: theme.colors.text.secondary }),
});
