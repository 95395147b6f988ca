import React, { memo, startTransition, useCallback, useMemo, useState } from 'react';
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
import { ROW_STATE_ORDER, withoutFilters, type CatalogFilters, type RowState } from './catalogView';

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
  /** Whether the rows shown are filtered: "Clear filters" follows the rows, not each key. */
  clearable: boolean;
  options: { owners: string[]; tags: string[]; audiences: string[] };
  /** The filters that changed; the others stay. Must not change between renders: the pickers are memoised. */
  onChange: (change: Partial<CatalogFilters>) => void;
}

type PickerKey = 'owners' | 'tags' | 'audiences' | 'states';

/**
 * Search and the four filters of the catalog; every change lands in the URL, so a view can be shared. A keystroke
 * in the search box re-renders the box only: the pickers keep their props (memoised options, stable callbacks).
 */
export function CatalogFiltersBar({ filters, clearable, options, onChange }: Props) {
  const s = useStyles2(getStyles);
  const pickerOptions = useMemo(
    () => ({
      owners: toOptions(options.owners),
      tags: toOptions(options.tags),
      audiences: toOptions(options.audiences),
    }),
    [options]
  );
  const onReviewOverdue = useCallback(
    (event: React.FormEvent<HTMLInputElement>) => onChange({ reviewOverdue: event.currentTarget.checked }),
    [onChange]
  );
  return (
    <Stack direction="row" gap={1} wrap="wrap" alignItems="flex-end">
      <SearchBox query={filters.query} onChange={onChange} />
      <FilterPicker
        label="Owner"
        filter="owners"
        options={pickerOptions.owners}
        value={filters.owners}
        onChange={onChange}
      />
      <FilterPicker label="Tag" filter="tags" options={pickerOptions.tags} value={filters.tags} onChange={onChange} />
      <FilterPicker
        label="Audience"
        filter="audiences"
        options={pickerOptions.audiences}
        value={filters.audiences}
        onChange={onChange}
      />
      <FilterPicker label="Status" filter="states" options={STATE_OPTIONS} value={filters.states} onChange={onChange} />
      <Checkbox
        label="Review overdue"
        value={filters.reviewOverdue}
        onChange={onReviewOverdue}
        data-testid={testIds.catalog.reviewOverdueFilter}
      />
      {/* Always there, hidden while nothing is filtered: the bar keeps its width when the first key is typed, and
          that key neither mounts the button and its icon nor lays the page out again. Hidden is out of the tab order. */}
      <span className={clearable ? undefined : s.hidden} aria-hidden={!clearable}>
        <Button variant="secondary" fill="text" icon="times" onClick={() => onChange(withoutFilters(filters))}>
          Clear filters
        </Button>
      </span>
    </Stack>
  );
}

const SEARCH_ICON = <Icon name="search" />;

/**
 * The search box keeps what is typed itself and hands it on in a transition: a keystroke re-renders the box alone,
 * and the page and its rows follow when React has time. A query changed from outside (Clear filters) replaces it.
 */
const SearchBox = memo(function SearchBox({ query, onChange }: { query: string; onChange: Props['onChange'] }) {
  const s = useStyles2(getStyles);
  const [typed, setTyped] = useState(query);
  const [handedOn, setHandedOn] = useState(query);
  if (query !== handedOn) {
    setHandedOn(query);
    setTyped(query);
  }
  const onInput = useCallback(
    (event: React.FormEvent<HTMLInputElement>) => {
      const text = event.currentTarget.value;
      setTyped(text);
      startTransition(() => {
        setHandedOn(text);
        onChange({ query: text });
      });
    },
    [onChange]
  );
  return (
    <Field label="Search" className={s.field} noMargin>
      <Input
        prefix={SEARCH_ICON}
        placeholder="Name, id, owner, tag or decision"
        value={typed}
        onChange={onInput}
        width={36}
        data-testid={testIds.catalog.search}
        aria-label="Search KPIs"
      />
    </Field>
  );
});

/** One multi-value filter; memoised, so typing in the search box does not re-render its combobox. */
const FilterPicker = memo(function FilterPicker({
  label,
  filter,
  options,
  value,
  onChange,
}: {
  label: string;
  filter: PickerKey;
  options: Array<ComboboxOption<string>>;
  value: readonly string[];
  onChange: Props['onChange'];
}) {
  const s = useStyles2(getStyles);
  const pick = useCallback(
    (selected: Array<ComboboxOption<string>>) => onChange({ [filter]: selected.map((option) => option.value) }),
    [filter, onChange]
  );
  return (
    <Field label={label} className={s.field} noMargin>
      <MultiCombobox options={options} value={value as string[]} onChange={pick} width={24} />
    </Field>
  );
});

const getStyles = (theme: GrafanaTheme2) => ({
  field: css({ marginBottom: theme.spacing(0) }),
  hidden: css({ visibility: 'hidden' }),
});
