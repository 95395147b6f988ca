import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Field, TextArea, useStyles2 } from '@grafana/ui';

interface Props {
  /** The text box's id (`kpi-good`), which the label points at. */
  inputId: string;
  label: string;
  description?: string;
  /** The query as the form holds it: PromQL, or a query object as JSON. */
  value: string;
  onChange: (text: string) => void;
  placeholder?: string;
  invalid?: boolean;
  /** The schema's message for this query, shown under it. */
  error?: string;
}

/** One query of an indicator as a labelled row: its label, description, editor and the schema's message. */
export function QueryField({ inputId, label, description, value, onChange, placeholder, invalid, error }: Props) {
  const s = useStyles2(getStyles);
  return (
    <Field label={label} description={description} invalid={invalid} error={error}>
      <TextArea
        id={inputId}
        className={s.code}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        rows={2}
        placeholder={placeholder}
      />
    </Field>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  code: css({ fontFamily: theme.typography.fontFamilyMonospace }),
});
