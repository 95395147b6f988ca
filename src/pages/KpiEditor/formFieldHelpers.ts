import type React from 'react';
import { problemAt, type ValidationProblem } from '../../kpi/catalog';
import type { KpiForm } from './kpiForm';

/** The form's query fields, each one query of the indicator. */
export type QueryFormKey = 'good' | 'total' | 'query' | 'numerator' | 'denominator';

/** What a group of the editor's fields receives: the form, its setter and the problems to show under them. */
export interface FieldGroupProps {
  form: KpiForm;
  onChange: (form: KpiForm) => void;
  problems: readonly ValidationProblem[];
  /** Problems show once a field was touched or a save was tried, not while the form is still empty. */
  showProblems: boolean;
  /** A query editor's "Run queries": the editor's Preview. */
  onRunQuery?: () => void;
}

/** Setters for one form field, and the schema's message for a field path when problems are shown. */
export function formFieldHelpers({ form, onChange, problems, showProblems, onRunQuery }: FieldGroupProps) {
  const set = <K extends keyof KpiForm>(key: K, value: KpiForm[K]) => onChange({ ...form, [key]: value });
  const text = (key: keyof KpiForm) => (event: React.FormEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    set(key, event.currentTarget.value as never);
  const error = (path: string) => (showProblems ? problemAt(problems, path) : undefined);
  const field = (path: string) => ({ invalid: Boolean(error(path)), error: error(path) });
  /** What a QueryField row needs for one of the form's queries: its text, setter and the schema's message. */
  const query = (key: QueryFormKey, path: string) => ({
    value: form[key],
    onChange: (typed: string) => set(key, typed),
    ...field(path),
    datasource: { type: form.datasourceType, uid: form.datasourceUid },
    onRunQuery,
  });
  return { set, text, error, field, query };
}
