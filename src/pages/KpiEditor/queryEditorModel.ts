/**
 * A KPI query as a data source's query editor reads and writes it. The editor gets the query in its data source's
 * model (`{ refId, expr }` for Prometheus, the SQL object as stored) plus the state it keeps for itself (its mode,
 * legend, range or instant); what it writes back loses that state again, and a Prometheus query that is only an
 * `expr` goes back to the short string form, so opening and closing an editor never rewrites a catalog.
 */
import { queryAsText, queryFromText, queryLanguageOf, type QueryLanguage, type QueryObject } from '../../kpi/model';

/** A query in an editor's hands: the data source's model with the row's refId. */
export interface EditorQuery {
  refId: string;
  [field: string]: unknown;
}

/** Which of the editor's own query it is in a request; Grafana's first query is "A". */
const REF_ID = 'A';

/** Fields every editor keeps per query row (its id, data source, visibility): never part of a KPI's query. */
const ROW_FIELDS = ['refId', 'datasource', 'key', 'hide'];

/**
 * Fields an editor keeps for itself that Northstar does not read, per query language. Prometheus' mode, legend,
 * format, step and range/instant choice mean nothing to a KPI, which picks its own steps; SQL's `format` is read
 * (time series or table), so a SQL query keeps all but the row's fields.
 */
const EDITOR_STATE_FIELDS: Record<QueryLanguage, readonly string[]> = {
  promql: [
    ...ROW_FIELDS,
    'editorMode',
    'range',
    'instant',
    'exemplar',
    'legendFormat',
    'format',
    'interval',
    'intervalFactor',
  ],
  sql: ROW_FIELDS,
  opaque: ROW_FIELDS,
};

/** The query text as a model: PromQL text is `{ expr }`, a SQL data source's text its `rawSql`. */
function modelOf(text: string, language: QueryLanguage): QueryObject {
  const query = queryFromText(text);
  if (typeof query !== 'string') {
    return query;
  }
  if (language === 'sql') {
    return { rawSql: query, format: 'time_series' };
  }
  return language === 'opaque' && query === '' ? {} : { expr: query };
}

/** The query an editor is given for the form's text, with the state the editor last kept for itself. */
export function editorQueryOf(text: string, datasourceType: string, editorState: QueryObject = {}): EditorQuery {
  return { ...editorState, ...modelOf(text, queryLanguageOf(datasourceType)), refId: REF_ID };
}

/** The part of an editor's query it keeps for itself, to hand back on the next render. */
export function editorStateOf(query: EditorQuery, datasourceType: string): QueryObject {
  const stateFields = EDITOR_STATE_FIELDS[queryLanguageOf(datasourceType)];
  return Object.fromEntries(Object.entries(query).filter(([field]) => stateFields.includes(field)));
}

/** The form's text for what an editor wrote: its model without editor state, PromQL as a plain string. */
export function textOfEditorQuery(query: EditorQuery, datasourceType: string): string {
  const language = queryLanguageOf(datasourceType);
  const stateFields = EDITOR_STATE_FIELDS[language];
  const model = Object.fromEntries(Object.entries(query).filter(([field]) => !stateFields.includes(field)));
  const fields = Object.keys(model);
  if (language === 'promql' && fields.length === 1 && typeof model.expr === 'string') {
    return model.expr;
  }
  return fields.length === 0 ? '' : queryAsText(model);
}
