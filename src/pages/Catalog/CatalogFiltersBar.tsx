import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import {
  Button,
  Checkbox,
  Field,
  Icon,
  Input,
  MultiCombobox,
  Stack,
  useStyles2,
  type ComboboxOption,
} from '@grafana/ui';
import { STATUS_LOOKS, VALUE_STATUS_LOOKS } from '../../components/StatusPill';
import { testIds } from '../../components/testIds';
import type { Audience } from '../../kpi/model';
import { hasFilters, ROW_STATE_ORDER, withoutFilters, type CatalogFilters, type RowState } from './catalogView';

const STATE_LABELS: Record<RowState, string> = {
  ...Object.fromEntries(
    Object.entries({ ...VALUE_STATUS_LOOKS, ...STATUS_LOOKS }).map(([status, look]) => [status, look.label])
  ),
  ok: 'OK or on track',
  'on-track': 'On track',
  error: 'Query failed',
  pending: 'Evaluating',
  draft: 'Draft',
  retired: 'Retired',
} as Record<RowState, string>;

// "OK or on track" finds both kinds' healthy rows (catalogView's SAME_STATE), so "On track" needs no option of its own.
const STATE_OPTIONS: Array<ComboboxOption<string>> = ROW_STATE_ORDER.filter(
  (s) => s !== 'pending' && s !== 'on-track'
).map((state) => ({
  value: state,
  label: STATE_LABELS[state],
}));

const toOptions = (values: string[]): Array<ComboboxOption<string>> => values.map((value) => ({ value, label: value }));

interface Props {
  filters: CatalogFilters;
  options: { owners: string[]; tags: string[]; audiences: string[] };
  onChange: (filters: CatalogFilters) => void;
}

/** Search and the four filters of the catalog; every change lands in the URL, so a view can be shared. */
export function CatalogFiltersBar({ filters, options, onChange }: Props) {
  const s = useStyles2(getStyles);
  const pick = (key: 'owners' | 'tags' | 'audiences' | 'states') => (selected: Array<ComboboxOption<string>>) =>
    onChange({ ...filters, [key]: selected.map((option) => option.value) });
  return (
    <Stack direction="row" gap={1} wrap="wrap" alignItems="flex-end">
      <Field label="Search" className={s.field} noMargin>
        <Input
          prefix={<Icon name="search" />}
          placeholder="Name, id, owner, tag or decision"
          value={filters.query}
          onChange={(event) => onChange({ ...filters, query: event.currentTarget.value })}
          width={36}
          data-testid={testIds.catalog.search}
          aria-label="Search KPIs"
        />
      </Field>
      <Field label="Owner" className={s.field} noMargin>
        <MultiCombobox
          options={toOptions(options.owners)}
          value={filters.owners}
          onChange={pick('owners')}
          width={24}
        />
      </Field>
      <Field label="Tag" className={s.field} noMargin>
        <MultiCombobox options={toOptions(options.tags)} value={filters.tags} onChange={pick('tags')} width={24} />
      </Field>
      <Field label="Audience" className={s.field} noMargin>
        <MultiCombobox
          options={toOptions(options.audiences)}
          value={filters.audiences as Audience[]}
          onChange={pick('audiences')}
          width={24}
        />
      </Field>
      <Field label="Status" className={s.field} noMargin>
        <MultiCombobox options={STATE_OPTIONS} value={filters.states} onChange={pick('states')} width={24} />
      </Field>
      <Checkbox
        label="Review overdue"
        value={filters.reviewOverdue}
        onChange={(event) => onChange({ ...filters, reviewOverdue: event.currentTarget.checked })}
        data-testid={testIds.catalog.reviewOverdueFilter}
      />
      {hasFilters(filters) && (
        <Button variant="secondary" fill="text" icon="times" onClick={() => onChange(withoutFilters(filters))}>
          Clear filters
        </Button>
      )}
    </Stack>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  field: css({ marginBottom: theme.spacing(0) }),
});
