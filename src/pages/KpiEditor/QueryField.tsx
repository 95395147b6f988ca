import React, { useMemo, useState } from 'react';
import { css } from '@emotion/css';
import { CoreApp, getDefaultTimeRange, type GrafanaTheme2 } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';
import { Field, TextArea, useStyles2 } from '@grafana/ui';
import { testIds } from '../../components/testIds';
import type { QueryObject } from '../../kpi/model';
import { editorQueryOf, editorStateOf, textOfEditorQuery, type EditorQuery } from './queryEditorModel';
import { useDataSourceQueryEditor, type DataSourceQueryEditor } from './useDataSourceQueryEditor';

interface Props {
  /** The text box's id (`kpi-good`), which the label points at while the text box shows. */
  inputId: string;
  label: string;
  description?: string;
  /** The query as the form holds it: PromQL, or a query object as JSON. */
  value: string;
  onChange: (text: string) => void;
  /** The KPI's data source, whose own query editor edits the query. */
  datasource: { type: string; uid: string };
  /** The editor's "Run queries": the KPI editor's Preview. */
  onRunQuery?: () => void;
  placeholder?: string;
  invalid?: boolean;
  /** The schema's message for this query, shown under it. */
  error?: string;
}

/**
 * One query of an indicator as a labelled row: its label, description, editor and the schema's message. The editor
 * is the data source's own (Grafana's PromQL code editor and builder, its SQL editor); a plain text box stands in
 * while it loads and when the data source has none.
 */
export function QueryField(props: Props) {
  const { inputId, label, description, datasource, invalid, error } = props;
  const editor = useDataSourceQueryEditor(datasource.uid);
  return (
    <Field label={label} description={description} invalid={invalid} error={error}>
      {editor.status === 'ready' ? (
        <DataSourceEditor {...props} editor={editor} />
      ) : (
        <TextBox {...props} id={inputId} note={editor} />
      )}
    </Field>
  );
}

type ReadyEditor = Extract<DataSourceQueryEditor, { status: 'ready' }>;

function DataSourceEditor({
  inputId,
  value,
  onChange,
  onRunQuery,
  datasource,
  editor,
}: Props & { editor: ReadyEditor }) {
  const s = useStyles2(getStyles);
  // The editor's own state (its mode, legend): kept here so a switch to the builder sticks, never in the catalog.
  const [editorState, setEditorState] = useState<QueryObject>({});
  const query = useMemo(
    () => editorQueryOf(value, datasource.type, editorState),
    [value, datasource.type, editorState]
  );
  const range = useMemo(() => getDefaultTimeRange(), []);
  const { QueryEditor } = editor;

  const onEditorChange = (changed: DataQuery) => {
    setEditorState(editorStateOf(changed as EditorQuery, datasource.type));
    const text = textOfEditorQuery(changed as EditorQuery, datasource.type);
    // Editors report their defaults on mount; only a real change marks the form as edited.
    if (text !== value) {
      onChange(text);
    }
  };

  return (
    // data-query-field names the row as the text box's id does, for tests that fill a given query.
    <div className={s.editor} data-testid={testIds.kpiEditor.queryEditor} data-query-field={inputId}>
      <QueryEditor
        datasource={editor.datasource}
        query={query}
        onChange={onEditorChange}
        onRunQuery={onRunQuery ?? noop}
        range={range}
        app={CoreApp.UnifiedAlerting}
      />
    </div>
  );
}

const noop = () => undefined;

function TextBox({ id, value, onChange, placeholder, note }: Props & { id: string; note: DataSourceQueryEditor }) {
  const s = useStyles2(getStyles);
  return (
    <>
      <TextArea
        id={id}
        className={s.code}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        rows={2}
        placeholder={placeholder}
      />
      <div className={s.note} data-testid={testIds.kpiEditor.queryFallback}>
        {note.status === 'fallback'
          ? `Plain text: ${note.reason}. PromQL as text, or a query object as JSON.`
          : 'Loading the data source’s query editor…'}
      </div>
    </>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  code: css({ fontFamily: theme.typography.fontFamilyMonospace }),
  editor: css({ width: '100%' }),
  note: css({
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    marginTop: theme.spacing(0.5),
  }),
});
